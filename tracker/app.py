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


# ----- for the front ends: the types and helpers the windows use
# (ui/ imports from tracker/ only this module, tracker.model, tracker.errors and tracker.clock)

import io  # noqa: E402
from typing import BinaryIO  # noqa: E402

from tracker.billing import Line, PartyTotal, Rate  # noqa: E402
from tracker.export.json_out import write_json  # noqa: E402
from tracker.fsutil import atomic_write  # noqa: E402
from tracker.moving_in import ForeignEntry, Plan  # noqa: E402
from tracker.moving_in import commit as commit_import  # noqa: E402
from tracker.moving_in import labels as foreign_labels  # noqa: E402
from tracker.moving_in import plan as plan_import  # noqa: E402
from tracker.moving_in import read as read_foreign  # noqa: E402
from tracker.rates import KNOWN_INDEXES  # noqa: E402
from tracker.report import DaySummary, WeekReport, week_start  # noqa: E402
from tracker.report import week as week_report  # noqa: E402
from tracker.service import ImportResult  # noqa: E402
from tracker.statement import Statement  # noqa: E402
from tracker.timeutil import human_duration  # noqa: E402


def write_statement(st: Statement, fmt: str, out: BinaryIO) -> None:
    """Write ``st`` to the binary file ``out`` as ``fmt`` (csv, xlsx or json), as the CLI writes it.

    The CSV and XLSX writers are imported here: they load babel and openpyxl, which a
    start-up must not pay for.
    """
    if fmt == "xlsx":
        from tracker.export.xlsx import write_xlsx

        write_xlsx(st, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "csv":
            from tracker.export.csv_pt import write_csv

            write_csv(st, text)
        else:
            write_json(st, text)
        text.flush()
    finally:
        text.detach()


__all__ += [
    "KNOWN_INDEXES",
    "DaySummary",
    "ForeignEntry",
    "ImportResult",
    "Line",
    "PartyTotal",
    "Plan",
    "Rate",
    "Statement",
    "WeekReport",
    "atomic_write",
    "commit_import",
    "foreign_labels",
    "human_duration",
    "plan_import",
    "read_foreign",
    "week_report",
    "week_start",
    "write_statement",
]
