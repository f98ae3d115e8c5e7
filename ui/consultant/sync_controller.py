"""The window's side of the central export: Sync now, the automatic sync, the indicator.

A sync and the status both run in a worker (:mod:`ui.consultant.sync_jobs`), one at a
time: a status asked for while one runs is read once more after it, and a sync
brings its own status.  The automatic sync looks every minute at the export folder
only (cheap), or, for a home on a PostgreSQL server, at nothing (the folder setting is
not its store); the worker counts what is pending and sends only when something is.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from tracker.app import default_export_dir, is_server_url
from tracker.errors import TrackerError
from ui.common.fmt import counted
from ui.common.provider import TrackerProvider
from ui.consultant.startup_gate import Stage, StartupGate
from ui.consultant.sync_jobs import SyncOutcome, sync_work
from ui.consultant.sync_status import SyncIndicator

AUTO_SYNC_MS = 60_000


class SyncController(QObject):
    finished = Signal(object)  # a sync ran (or was skipped): its SyncOutcome
    status_shown = Signal()  # the indicator shows a fresh Tracker.sync_status()
    changed = Signal()  # a sync ran: synced marks, and a lead's decision it brought
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(self, provider: TrackerProvider, gate: StartupGate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.provider, self.gate = provider, gate
        self.cancel = threading.Event()  # set on close: a sync stops after its current batch
        self._syncing = False
        self._manual = False  # the sync running was asked for (its failure is told in full)
        self._status_again = False
        self.action = QAction(self.tr("&Sync now"), self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action.setToolTip(self.tr("Send what is pending to the central export (Ctrl+Shift+S)"))
        self.action.triggered.connect(self.sync_now)
        self.indicator = SyncIndicator()
        self.indicator.button.setDefaultAction(self.action)
        self.runner = provider.runner(self)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(
            lambda text: self._done(SyncOutcome(status={}, sent=self._syncing, error=text))
        )
        self.auto_timer = QTimer(self)
        self.auto_timer.setInterval(AUTO_SYNC_MS)
        self.auto_timer.timeout.connect(self.auto_sync_tick)

    @property
    def syncing(self) -> bool:
        return self._syncing

    def set_writable(self, writable: bool) -> None:
        self.action.setEnabled(writable and not self._syncing)

    def sync_now(self) -> None:
        """The Sync button, menu item and Ctrl+Shift+S."""
        if not self.gate.writable:
            self.message.emit(self.tr("Checking the database…"), "warning")
            return
        if self._syncing:
            self.message.emit(self.tr("A sync is running already"), "warning")
            return
        self._start_sync(auto=False)

    def auto_sync_tick(self) -> None:
        """Every minute: sync when the central store may be reachable and something is pending.

        A folder home waits for its export folder; a server home never looks at it.
        """
        if not self.gate.live or self._syncing:
            return
        tracker = self.provider.tracker
        try:
            server = is_server_url(tracker.settings.get("central"))
            folder = None if server else Path(tracker.settings.get("export-dir"))
        except TrackerError:
            return
        # A server home never looks at the folder: the worker connects (and, when the
        # server does not answer, the indicator says so).  The embedded local folder is
        # made on first use; a share must be mounted.
        if folder is None or folder.is_dir() or folder == default_export_dir(tracker.home):
            self._start_sync(auto=True)

    def _start_sync(self, auto: bool) -> None:
        self._syncing = True
        self._manual = not auto
        self.action.setEnabled(False)
        if not auto:
            self.indicator.show_progress(0, 0)
            self.message.emit(self.tr("Syncing…"), "info")
        self.runner.start(sync_work(True, self.cancel, only_if_pending=auto))

    def request_status(self) -> None:
        """Read the sync status again, in a worker (one at a time; a sync brings its own)."""
        if not self.gate.live:
            return
        if self.runner.busy:
            self._status_again = True
            return
        self._status_again = False
        self.runner.start(sync_work(False, self.cancel))

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.indicator.show_progress(done, total)
        if total:
            self.message.emit(self.tr("Syncing… {0} of {1}").format(done, total), "info")

    def _done(self, outcome: SyncOutcome) -> None:
        if self.gate.stage is Stage.CLOSED:
            return
        if outcome.status:
            self.indicator.show_status(outcome.status)
        elif outcome.error:
            self.indicator.show_error(outcome.error)
        if self._syncing:
            self._sync_done(outcome)
        else:
            self.status_shown.emit()
        if self._status_again:
            self.request_status()

    def _sync_done(self, outcome: SyncOutcome) -> None:
        self._syncing = False
        self.indicator.hide_progress()
        self.action.setEnabled(self.gate.writable)
        if outcome.error and self._manual:  # in full: the indicator's red line is cut short
            self.message.emit(self.tr("Sync failed: {0}").format(outcome.error), "error")
        elif outcome.error:  # an automatic sync: the indicator shows it in red, whole in its tooltip
            self.message.emit("", "info")
        elif outcome.sent and not outcome.cancelled:
            self.message.emit(
                self.tr("Synced: {0} and {1} sent; {2} pending").format(
                    counted(outcome.sessions, self.tr("{0} session"), self.tr("{0} sessions")),
                    counted(outcome.events, self.tr("{0} ticket event"), self.tr("{0} ticket events")),
                    outcome.pending,
                ),
                "info",
            )
        self.changed.emit()
        self.status_shown.emit()
        self.finished.emit(outcome)

    def stop(self) -> None:
        """The window closes: no more automatic syncs; a running one stops after its batch."""
        self.auto_timer.stop()
        self.cancel.set()
