"""Errors the service layer raises; the CLI and the GUI turn them into messages."""

from __future__ import annotations


class TrackerError(Exception):
    """A failure that is not the user's input: the message says what to do.

    The CLI exits 1 on it.
    """


class BadInput(TrackerError):
    """Input that was refused.  It names the field; nothing was written.

    The CLI exits 2 on it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(BadInput):
    """A ticket or session named by the user does not exist."""
