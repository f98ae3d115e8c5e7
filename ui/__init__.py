"""The Qt desktop app.  It calls tracker.service.Tracker only; it never builds SQL."""
