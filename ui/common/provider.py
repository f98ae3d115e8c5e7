"""The one holder of the window's Tracker: everything that works on the data asks it.

The main window, its tray, reminders, idle watcher, quick switch, ticket panel, day
table, sync and backups all read ``provider.tracker`` each time they act and never
keep a Tracker of their own.  Restoring a backup closes the database, puts the
backup in its place and opens it again (:func:`tracker.app.restore_backup`,
:func:`tracker.app.open_tracker`): after :meth:`TrackerProvider.restore` every one of
them works on the restored data, and nothing is left holding the closed store.

The provider is also the window's warning sink: warnings of its Tracker, of the
Tracker a restore opens and of every worker job (through :meth:`runner`) are
passed to the sink the first Tracker had and emitted as ``warned``, in the GUI
thread.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tracker.app import Tracker, open_tracker, restore_backup
from tracker.errors import TrackerError
from ui.common.tracker_job import JobRunner


class TrackerProvider(QObject):
    changed = Signal()  # another Tracker now (a restored backup): read everything again
    warned = Signal(str)  # a Tracker warning: for the status bar

    def __init__(self, tracker: Tracker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink = tracker.warn  # where its warnings went before: they still go there
        self._tracker = tracker
        tracker.warn = self.warn
        self._runners: list[JobRunner] = []

    @property
    def tracker(self) -> Tracker:
        return self._tracker

    def warn(self, text: str) -> None:
        self._sink(text)
        self.warned.emit(text)

    def runner(self, parent: QObject | None = None) -> JobRunner:
        """A worker for slow calls over this data folder, its warnings to this provider.

        A restore waits for the runners' jobs before it closes the database.
        """
        tracker = self._tracker
        made = JobRunner(tracker.home, tracker.clock, parent, warn=self.warn)
        self._runners.append(made)
        made.destroyed.connect(lambda *_: self._forget(made))
        return made

    def _forget(self, runner: JobRunner) -> None:
        with contextlib.suppress(ValueError):
            self._runners.remove(runner)

    def wait(self, msecs: int = 30_000) -> None:
        """Block until every runner's jobs are done."""
        for runner in list(self._runners):
            with contextlib.suppress(RuntimeError):  # already deleted by Qt
                runner.wait(msecs)

    def restore(self, source: Path) -> Path:
        """Put the backup ``source`` in place of the database and give everyone its Tracker.

        Returns where the database that was replaced is kept.  On a failure (the file is
        no tracker backup) the database in place is opened again and the error raised.
        """
        old = self._tracker
        self.wait()
        old.store.close()
        try:
            aside = restore_backup(old.home, source)
        except TrackerError:
            self._swap(self._reopen(old))
            raise
        self._swap(self._reopen(old))
        return aside

    def _reopen(self, old: Tracker) -> Tracker:
        # Without the full check: the app runs it in a worker, and a restored file was checked.
        return open_tracker(old.home, old.clock, self.warn, check=False)

    def _swap(self, tracker: Tracker) -> None:
        self._tracker = tracker
        self.changed.emit()
