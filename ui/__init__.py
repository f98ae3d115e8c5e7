"""The Qt desktop app.  It calls tracker.app.Tracker only; it never builds SQL."""
