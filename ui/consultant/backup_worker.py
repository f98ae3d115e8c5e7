"""Backups in a worker thread, so the window never freezes while one is written.

The worker opens its OWN store: an sqlite3 connection must not cross threads.  It
reports through a QObject that lives in the window's thread, so the signals arrive
queued in the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from tracker.clock import Clock


class BackupSignals(QObject):
    finished = Signal(str)  # the file written, or "" when today's automatic one existed
    failed = Signal(str)  # what went wrong, in plain words


class BackupJob(QRunnable):
    """Tracker.auto_backup() (``out`` None) or Tracker.backup(out), over a store of its own."""

    def __init__(self, home: Path, clock: Clock, signals: BackupSignals, out: Path | None = None) -> None:
        super().__init__()
        self.home, self.clock, self.signals, self.out = home, clock, signals, out

    def run(self) -> None:
        from tracker.app import Tracker
        from tracker.errors import TrackerError
        from tracker.store import open_store

        try:
            with open_store(self.home) as store:
                tracker = Tracker(store, self.clock, self.home)
                made = tracker.auto_backup() if self.out is None else tracker.backup(self.out)
        except TrackerError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a worker must not die with a traceback nobody sees
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(str(made) if made else "")
