"""Shared parts of the windows: formatting, table model base, translations, jobs."""
