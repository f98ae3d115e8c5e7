"""Application resources: the icon, the Linux desktop entry and the translations."""
