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


# ----- for the front ends
# What the windows need from below the facade, so that ui/ imports tracker.app alone
# (besides the model types, the errors and the clock).  Re-exported under their own
# names: a re-export is ``from x import name as name``.

from collections.abc import Callable  # noqa: E402
from datetime import datetime  # noqa: E402

from tracker import i18n as _core_i18n  # noqa: E402
from tracker import reminders as _reminders  # noqa: E402
from tracker.backup import damaged_message as damaged_message  # noqa: E402
from tracker.backup import latest_good_backup as latest_good_backup  # noqa: E402
from tracker.backup import quick_check as _quick_check  # noqa: E402
from tracker.config import os_login as os_login  # noqa: E402
from tracker.idle import IdleSource as IdleSource  # noqa: E402
from tracker.idle import system_idle_source as system_idle_source  # noqa: E402
from tracker.lock import lock_path as lock_path  # noqa: E402
from tracker.paths import data_home as data_home  # noqa: E402
from tracker.paths import default_export_dir as default_export_dir  # noqa: E402
from tracker.reminders import Reminder as Reminder  # noqa: E402
from tracker.store.db import DB_FILENAME as _DB_FILENAME  # noqa: E402


def set_core_language(language: str) -> str:
    """The language of the core's own messages (gettext), ``pt_BR`` or ``en``."""
    return _core_i18n.set_language(language)


def due_reminders(tracker: Tracker, last_shown: dict[str, datetime]) -> list[Reminder]:
    """The reminders due now; ``last_shown`` (per kind) keeps one from repeating within the hour."""
    return _reminders.due(
        tracker.now(),
        tracker.running(),
        tracker.oldest_unsynced(),
        tracker.settings.reminder_settings(),
        last_shown,
    )


def check_database(home: Path, stop: Callable[[], bool] | None = None) -> tuple[str | None, str, Path | None]:
    """The full check of the home's database (seconds for a big file: run it in a worker).

    (None, "", None) when it is sound, else (the problem, the message to show, the
    latest good backup or None).  ``stop`` returning True interrupts it with TrackerError.
    """
    problem = _quick_check(home / _DB_FILENAME, stop=stop)
    if problem is None:
        return None, "", None
    return problem, damaged_message(home, problem), latest_good_backup(home)


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
