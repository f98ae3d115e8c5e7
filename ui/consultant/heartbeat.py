"""The heartbeat while a timer runs, and the question after a sleep gap.

Every minute while a timer runs the window says it is alive (Tracker.heartbeat).  A
heartbeat far older than a minute means the computer slept (or the app was stopped)
with the timer running: the consultant is asked what the gap was before anything
else is written.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from tracker.errors import TrackerError
from ui.common.fmt import error_text
from ui.common.provider import TrackerProvider
from ui.consultant.sessions_model import SessionsModel
from ui.consultant.sleep_gap import SleepGapDialog
from ui.consultant.startup_gate import Stage, StartupGate

HEARTBEAT_MS = 60_000


class Heartbeat(QObject):
    changed = Signal()  # a gap was resolved: the window reads everything again
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(
        self, provider: TrackerProvider, gate: StartupGate, model: SessionsModel, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.provider, self.gate, self.model, self.parent_widget = provider, gate, model, parent
        self._asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.tick)

    def keep(self) -> None:
        """The heartbeat QTimer runs exactly while a timer does."""
        timer = self.model.timer
        if timer is None:
            self.timer.stop()
        elif self.gate.live and not self.timer.isActive():
            self.timer.start()
            # A timer that just appeared from the CLI: beat at once, so that a sleep within
            # the next minute is noticed too.  One started here beat with its start.
            beat = timer.heartbeat
            now = self.provider.tracker.clock.now()
            if beat is None or not 0 <= (now - beat).total_seconds() < HEARTBEAT_MS / 1000:
                self.tick()

    def tick(self) -> None:
        """First look for a sleep gap, then say we are alive; the order matters: a
        heartbeat written first would hide the gap."""
        if self.gate.stage is Stage.CLOSED or self._asking:
            return
        if not self.check_sleep_gap():
            try:
                self.provider.tracker.heartbeat()
            except TrackerError as exc:
                self.message.emit(error_text(exc), "error")
        with contextlib.suppress(TrackerError):
            self.model.set_running_flags(self.provider.tracker.status().flags)

    def check_sleep_gap(self) -> bool:
        """Ask what to do when the timer ran through a sleep gap; True when one was resolved."""
        if self._asking:
            return False
        tracker = self.provider.tracker
        try:
            gap = tracker.sleep_gap()
            timer = tracker.running()
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            return False
        if gap is None or timer is None:
            return False
        since, until = (when.astimezone(timer.start.tzinfo) for when in gap)
        self._asking = True
        try:
            choice = SleepGapDialog.ask(self.parent_widget, timer.ticket, since, until)
            tracker.resolve_gap(choice)
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            return False
        finally:
            self._asking = False
        messages = {
            "keep": self.tr("Kept the time across the gap; the timer is flagged for review"),
            "discard": self.tr("Discarded the gap; the session ended at {0} and a new one started"),
            "split": self.tr("Kept the gap as its own session, flagged; a new timer started"),
        }
        self.changed.emit()
        self.message.emit(messages[choice].format(since.strftime("%H:%M")), "info")
        return True

    def stop(self) -> None:
        self.timer.stop()
