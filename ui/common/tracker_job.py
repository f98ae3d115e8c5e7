"""Slow Tracker calls (a sync, a backup, reading the export, a statement) in a worker thread.

The one way a window works off the GUI thread.  A job opens its OWN Tracker over the
same data folder with :func:`tracker.app.open_tracker` (an sqlite3 connection must
not cross threads), without the check and the migration the window's own opening
already did.  It reports through a QObject created in the window's thread, so its
signals arrive queued in the GUI thread; the job's Tracker warnings arrive the same
way and go to the runner's ``warn`` (the window's status bar).  The signals object is
kept alive by the job, not by the window: a window closed while a job runs simply
stops listening.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tracker.app import Clock, Tracker, open_tracker
from tracker.errors import TrackerError

Progress = Callable[[Any], None]
Work = Callable[[Tracker, Progress], Any]  # runs over the job's own Tracker
Plain = Callable[[Progress], Any]  # runs without one (a check of the file itself)
Warn = Callable[[str], None]


class JobSignals(QObject):
    progress = Signal(int, object)  # job id, what is being done (a text, or the job's own value)
    finished = Signal(int, object)  # job id, the result
    failed = Signal(int, str)  # job id, what went wrong in plain words
    warned = Signal(str)  # a warning of the job's Tracker


class TrackerJob(QRunnable):
    """Runs ``work(tracker, progress)`` over a Tracker of its own (or ``plain(progress)``)."""

    def __init__(
        self,
        job_id: int,
        home: Path,
        clock: Clock,
        work: Work | None,
        signals: JobSignals,
        plain: Plain | None = None,
    ) -> None:
        super().__init__()
        self.job_id, self.home, self.clock, self.signals = job_id, home, clock, signals
        self.work, self.plain = work, plain

    def progress(self, value: Any) -> None:
        self.signals.progress.emit(self.job_id, value)

    def run(self) -> None:
        try:
            result = self._run()
        except TrackerError as exc:
            self.signals.failed.emit(self.job_id, str(exc))
        except Exception as exc:  # a worker must not die with a traceback nobody sees
            self.signals.failed.emit(self.job_id, f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(self.job_id, result)

    def _run(self) -> Any:
        if self.plain is not None:
            return self.plain(self.progress)
        assert self.work is not None
        tracker = open_tracker(self.home, self.clock, self.signals.warned.emit, migrate=False, check=False)
        try:
            return self.work(tracker, self.progress)
        finally:
            tracker.store.close()


class JobRunner(QObject):
    """Runs one Tracker job at a time for a window and reports only the latest one.

    A new request while one is running is queued behind it (one thread: two readers
    never refresh the same export cache at once); the result of a request that was
    superseded is dropped, so a quick change of day never shows a stale day.
    ``warn`` receives the jobs' Tracker warnings, in the GUI thread.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(
        self, home: Path, clock: Clock, parent: QObject | None = None, warn: Warn | None = None
    ) -> None:
        super().__init__(parent)
        self.home, self.clock, self.warn = home, clock, warn
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._latest = 0
        self._running: dict[int, JobSignals] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(self, work: Work) -> int:
        """Run ``work(tracker, progress)`` over a Tracker of the job's own; returns the job's id."""
        return self._start(work, None)

    def start_plain(self, plain: Plain) -> int:
        """Run ``plain(progress)``, which opens no Tracker (it checks the database file itself)."""
        return self._start(None, plain)

    def _start(self, work: Work | None, plain: Plain | None) -> int:
        self._latest += 1
        signals = JobSignals()
        signals.progress.connect(self._progress)
        signals.finished.connect(self._finished)
        signals.failed.connect(self._failed)
        signals.warned.connect(self._warned)
        self._running[self._latest] = signals
        self.pool.start(TrackerJob(self._latest, self.home, self.clock, work, signals, plain))
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

    def _progress(self, job_id: int, value: object) -> None:
        if job_id == self._latest:
            self.progress.emit(value)

    def _finished(self, job_id: int, result: object) -> None:
        self._done(job_id)
        if job_id == self._latest:
            self.finished.emit(result)

    def _failed(self, job_id: int, text: str) -> None:
        self._done(job_id)
        if job_id == self._latest:
            self.failed.emit(text)

    def _warned(self, text: str) -> None:
        if self.warn is not None:
            self.warn(text)
