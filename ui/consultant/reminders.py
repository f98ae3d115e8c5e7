"""Reminders as desktop notifications: no timer in working hours, a long timer, no sync.

What is due is decided by :func:`tracker.reminders.due`; this only asks it every minute,
remembers when each kind was last shown (in memory: a restart may remind again), and
puts the words on it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from tracker import reminders
from tracker.app import Tracker
from tracker.errors import TrackerError
from tracker.reminders import Reminder

CHECK_MS = 60_000
Notify = Callable[[str, str], None]


def _nowhere(title: str, text: str) -> None:
    pass


class ReminderNotifier(QObject):
    """Every minute, the reminders that are due, each through ``notify(title, text)``.

    ``notify`` is the tray's notification in the app (``TrayController.notify``); tests
    pass a list's append.  ``shown`` carries (kind, title, text) as well.
    """

    shown = Signal(str, str, str)

    def __init__(self, app: Tracker, notify: Notify | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.notify: Notify = notify if notify is not None else _nowhere
        self.last_shown: dict[str, datetime] = {}
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> list[Reminder]:
        """Show what is due now; returns it."""
        try:
            now = self.app.now()
            found = reminders.due(
                now,
                self.app.running(),
                self.app.oldest_unsynced(),
                self.app.settings.reminder_settings(),
                self.last_shown,
            )
        except TrackerError:
            return []  # a locked or damaged database: the window says so; try next minute
        for reminder in found:
            title, text = self.message(reminder)
            self.last_shown[reminder.kind] = now
            self.notify(title, text)
            self.shown.emit(reminder.kind, title, text)
        return found

    def message(self, reminder: Reminder) -> tuple[str, str]:
        detail = reminder.detail
        if reminder.kind == "long_timer":
            hours = int(str(detail.get("hours", 0)))
            return (
                self.tr("Timer running for %n hours", "", hours),
                self.tr(
                    "The timer on {0} is still running. Was it left on? Stop it or fix the session."
                ).format(detail.get("ticket", "")),
            )
        if reminder.kind == "unsynced":
            days = int(str(detail.get("days", 0)))
            return (
                self.tr("Not synced for %n days", "", days),
                self.tr(
                    "Some sessions have waited %n days for the central export. "
                    "Sync when the share is reachable (Ctrl+Shift+S).",
                    "",
                    days,
                ),
            )
        return (
            self.tr("No timer running"),
            self.tr("You are in working hours and no timer is running."),
        )

    def stop(self) -> None:
        self.timer.stop()


def install_reminders(app: Tracker, notify: Notify, parent: QObject | None = None) -> ReminderNotifier:
    """Reminders for the main window; pass ``tray.notify``."""
    return ReminderNotifier(app, notify, parent)
