"""The main window's work off the GUI thread: sync, its status, the start-up check.

Each job opens its OWN store and its own Tracker over the same data folder, with the
window's clock: an sqlite3 connection must not cross threads.  It reports through a
QObject created in the window's thread, so the signals arrive queued in the GUI
thread.  Counting what is pending reads an index of every unsynced row (over half a
second with a million imported sessions), so even the status is read here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from tracker.central.sender import SyncStatus
from tracker.clock import Clock


class SyncCancelled(Exception):
    """Raised from the progress callback when the window closes during a sync.

    It is raised between two batches, after the last one was marked, so what was
    sent counts as sent and the rest stays queued for the next sync.
    """


@dataclass
class SyncOutcome:
    """What a sync job did and what the indicator shows afterwards."""

    status: SyncStatus | None
    sent: bool = False  # a sync ran (an automatic run with nothing pending sends nothing)
    sessions: int = 0
    events: int = 0
    error: str = ""
    cancelled: bool = False

    @property
    def pending(self) -> int:
        return self.status.pending.total if self.status else 0


class SyncSignals(QObject):
    progress = Signal(int, int)  # rows done, rows in all
    finished = Signal(int, object)  # job number, SyncOutcome


class SyncJob(QRunnable):
    """``Tracker.sync`` (``send``), or only ``Tracker.sync_status`` (``send`` False).

    ``only_if_pending``: the automatic sync sends only when something waits; the
    count is taken here, off the GUI thread.
    """

    def __init__(
        self,
        number: int,
        home: Path,
        clock: Clock,
        signals: SyncSignals,
        *,
        send: bool,
        only_if_pending: bool = False,
    ) -> None:
        super().__init__()
        self.number, self.home, self.clock, self.signals = number, home, clock, signals
        self.send, self.only_if_pending = send, only_if_pending
        self.cancel = threading.Event()

    def _progress(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise SyncCancelled
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        from tracker.errors import TrackerError
        from tracker.service import Tracker
        from tracker.store import open_store

        try:
            with open_store(self.home, check=False, migrate=False) as store:
                tracker = Tracker(store, self.clock, self.home)
                outcome = SyncOutcome(status=None)
                send = self.send
                if send and self.only_if_pending:
                    send = tracker.sync_status().pending.total > 0
                if send:
                    outcome.sent = True
                    self.signals.progress.emit(0, 0)
                    try:
                        result = tracker.sync(progress=self._progress)
                        outcome.sessions, outcome.events = result.sessions, result.events
                    except SyncCancelled:
                        outcome.cancelled = True
                    except TrackerError as exc:
                        outcome.error = str(exc)
                outcome.status = tracker.sync_status()
        except TrackerError as exc:
            outcome = SyncOutcome(status=None, sent=self.send, error=str(exc))
        except Exception as exc:  # a worker must not die with a traceback nobody sees
            outcome = SyncOutcome(status=None, sent=self.send, error=f"{type(exc).__name__}: {exc}")
        self.signals.finished.emit(self.number, outcome)


class CheckSignals(QObject):
    finished = Signal(object)  # (problem or None, the message, latest good backup or None); None: stopped


class CheckJob(QRunnable):
    """``PRAGMA quick_check`` of the database on a connection of its own (tracker.backup).

    When the file is damaged it also looks for the latest good backup, which checks
    each backup in turn: slow work that belongs here too.
    """

    def __init__(self, path: Path, signals: CheckSignals) -> None:
        super().__init__()
        self.path, self.signals = path, signals
        self.cancel = threading.Event()

    def run(self) -> None:
        from tracker import backup
        from tracker.errors import TrackerError

        try:
            problem = backup.quick_check(self.path, stop=self.cancel.is_set)
        except TrackerError:  # stopped: the window is closing
            self.signals.finished.emit(None)
            return
        except Exception as exc:  # pragma: no cover - reported as damage, never as a crash
            problem = f"{type(exc).__name__}: {exc}"
        if problem is None:
            self.signals.finished.emit((None, "", None))
            return
        home = self.path.parent
        self.signals.finished.emit(
            (problem, backup.damaged_message(home, problem), backup.latest_good_backup(home))
        )
