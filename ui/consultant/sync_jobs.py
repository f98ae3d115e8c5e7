"""The main window's work off the GUI thread: a sync, its status, the start-up check.

Each is a function for :class:`ui.common.tracker_job.JobRunner`, which runs it over a
Tracker of the job's own.  Counting what is pending reads an index of every unsynced
row (over half a second with a million imported sessions), so even the status is
read in a worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.app import SyncStatus, Tracker, check_database, damaged_message, latest_good_backup
from tracker.errors import TrackerError
from ui.common.tracker_job import Plain, Progress, Work


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


def sync_work(send: bool, cancel: threading.Event, only_if_pending: bool = False) -> Work:
    """``Tracker.sync`` then its status (``send``), or only ``Tracker.sync_status``.

    ``only_if_pending``: the automatic sync sends only when something waits; the count
    is taken in the worker.  Progress is reported as (rows done, rows in all).
    """

    def step(progress: Progress) -> Any:
        def report(done: int, total: int) -> None:
            if cancel.is_set():
                raise SyncCancelled
            progress((done, total))

        return report

    def work(tracker: Tracker, progress: Progress) -> SyncOutcome:
        outcome = SyncOutcome(status=None)
        if send and (not only_if_pending or tracker.sync_status().pending.total > 0):
            outcome.sent = True
            progress((0, 0))
            try:
                result = tracker.sync(progress=step(progress))
                outcome.sessions, outcome.events = result.sessions, result.events
            except SyncCancelled:
                outcome.cancelled = True
            except TrackerError as exc:
                outcome.error = str(exc)
        outcome.status = tracker.sync_status()
        return outcome

    return work


# (problem or None, the message, the latest good backup or None); None: stopped
CheckResult = tuple[str | None, str, Path | None] | None


def check_work(home: Path, cancel: threading.Event) -> Plain:
    """``PRAGMA quick_check`` of the database on a connection of its own.

    When the file is damaged it also looks for the latest good backup, which checks
    each backup in turn: slow work that belongs here too.  It opens no Tracker: the
    file may be too damaged for one.
    """

    def work(progress: Progress) -> CheckResult:
        try:
            return check_database(home, stop=cancel.is_set)
        except TrackerError:  # stopped: the window is closing
            return None
        except Exception as exc:  # pragma: no cover - reported as damage, never as a crash
            problem = f"{type(exc).__name__}: {exc}"
            return problem, damaged_message(home, problem), latest_good_backup(home)

    return work
