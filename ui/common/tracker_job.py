"""Slow Tracker calls (reading the export, building a statement, a sync) in a worker thread.

The worker opens its OWN store and its own Tracker over the same data folder: an
sqlite3 connection must not cross threads.  It reports through a QObject created in
the window's thread, so its signals arrive queued in the GUI thread.  The signals
object is kept alive by the job, not by the window: a window closed while a job runs
simply stops listening.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from tracker.clock import Clock

Work = Callable[[Any, Callable[[str], None]], Any]


class JobSignals(QObject):
    progress = Signal(int, str)  # job id, what is being done
    finished = Signal(int, object)  # job id, the result
    failed = Signal(int, str)  # job id, what went wrong in plain words


class TrackerJob(QRunnable):
    """Runs ``work(tracker, progress)`` over a Tracker of its own and emits the result."""

    def __init__(self, job_id: int, home: Path, clock: Clock, work: Work, signals: JobSignals) -> None:
        super().__init__()
        self.job_id, self.home, self.clock, self.work, self.signals = job_id, home, clock, work, signals

    def run(self) -> None:
        from tracker.app import Tracker
        from tracker.errors import TrackerError
        from tracker.store import open_store

        def progress(text: str) -> None:
            self.signals.progress.emit(self.job_id, text)

        try:
            with open_store(self.home) as store:
                result = self.work(Tracker(store, self.clock, self.home), progress)
        except TrackerError as exc:
            self.signals.failed.emit(self.job_id, str(exc))
        except Exception as exc:  # a worker must not die with a traceback nobody sees
            self.signals.failed.emit(self.job_id, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(self.job_id, result)


class JobRunner(QObject):
    """Runs one Tracker job at a time for a window and reports only the latest one.

    A new request while one is running is queued behind it (one thread: two readers
    never refresh the same export cache at once); the result of a request that was
    superseded is dropped, so a quick change of day never shows a stale day.
    """

    progress = Signal(str)
    finished = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, home: Path, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QThreadPool

        self.home, self.clock = home, clock
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._latest = 0
        self._running: dict[int, JobSignals] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(self, work: Work) -> int:
        self._latest += 1
        signals = JobSignals()
        signals.progress.connect(self._progress)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        self._running[self._latest] = signals
        self.pool.start(TrackerJob(self._latest, self.home, self.clock, work, signals))
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        return self._latest

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the queued jobs are done (on close, so no thread outlives the window)."""
        return bool(self.pool.waitForDone(msecs))

    def _done(self, job_id: int) -> None:
        self._running.pop(job_id, None)
        if not self._running:
            self.busy_changed.emit(False)

    def _progress(self, job_id: int, text: str) -> None:
        if job_id == self._latest:
            self.progress.emit(text)

    def _finished(self, job_id: int, result: object) -> None:
        self._done(job_id)
        if job_id == self._latest:
            self.finished.emit(result)

    def _failed(self, job_id: int, text: str) -> None:
        self._done(job_id)
        if job_id == self._latest:
            self.failed.emit(text)
