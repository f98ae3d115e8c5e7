"""The team lead's review window."""
