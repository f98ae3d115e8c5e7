"""The one door both front ends use: open a home's tracker, restore a backup.

``open_tracker`` is the only place that opens the local database and builds the
``Tracker`` facade over it; the CLI, the window and every worker thread use it, so
they all open the store the same way and keep the same warning sink.
"""

from __future__ import annotations

from pathlib import Path

from tracker import backup
from tracker.clock import Clock, default_clock
from tracker.context import Warn, ignore
from tracker.service import Tracker
from tracker.store import open_store

__all__ = ["Tracker", "open_tracker", "restore_backup"]


def open_tracker(
    home: Path,
    clock: Clock | None = None,
    warn: Warn = ignore,
    *,
    migrate: bool = True,
    check: bool | None = None,
) -> Tracker:
    """The tracker of the data folder ``home``; close it with ``tracker.store.close()``.

    ``migrate=False`` and ``check=False`` are for worker threads that open a second
    connection to a database the window already opened, checked and migrated.
    """
    store = open_store(home, migrate=migrate, check=check)
    return Tracker(store, clock or default_clock(), home, warn=warn)


def restore_backup(home: Path, source: Path) -> Path:
    """Put ``source`` in place of the home's database; returns where the old one was kept.

    The caller closes its own tracker first and opens a new one afterwards.
    """
    return backup.restore(home, source)
