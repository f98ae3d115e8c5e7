"""The database as a file: is it sound, copies through SQLite's backup API, the backups folder.

``open_store`` names the latest good backup when it finds the database damaged, so
the checks and the backups folder live here, below both the store and
``tracker.backup``; nothing here imports either.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker.i18n import _
from tracker.store.schema import SCHEMA_VERSION

DB_FILENAME = "tracker.db"
CACHE_FILENAME = "central-cache.db"  # the folder reader's cache, beside the database


def backups_dir(home: Path) -> Path:
    return home / "backups"


def _read_only(path: Path, *, threads: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=not threads)


def copy_database(source: sqlite3.Connection, dest: Path, *, rollback_journal: bool = False) -> None:
    """A consistent copy of ``source`` into the new private file ``dest``, page by page.

    ``rollback_journal`` leaves the copy in the ordinary journal mode, a single file
    that can be carried around (a backup).
    """
    fd = os.open(dest, os.O_CREAT | os.O_TRUNC | os.O_RDWR, 0o600)
    os.close(fd)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
        if rollback_journal:
            target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()


def copy_file(source: Path, dest: Path) -> None:
    """:func:`copy_database` of the database file ``source``, opened read-only."""
    src = _read_only(source)
    try:
        copy_database(src, dest)
    finally:
        src.close()


def check_file(path: Path) -> str | None:
    """None when ``path`` is a sound tracker database, else what is wrong with it."""
    if not path.is_file():
        return _("{path} does not exist").format(path=path)
    try:
        conn = _read_only(path)
    except sqlite3.Error as exc:  # pragma: no cover - a path sqlite cannot open
        return str(exc)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            return _("it is damaged ({problem})").format(problem=result)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        return _("it is not a readable tracker database ({error})").format(error=exc)
    finally:
        conn.close()
    if "sessions" not in tables or "tickets" not in tables:
        return _("it is not a tracker database (no sessions table)")
    if version > SCHEMA_VERSION:
        return _("it was written by a newer tracker (schema {version})").format(version=version)
    return None


def list_backups(home: Path) -> list[Path]:
    """Every backup in the backups folder, newest first."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def latest_good_backup(home: Path) -> Path | None:
    for candidate in list_backups(home):
        if check_file(candidate) is None:
            return candidate
    return None


def damaged_message(home: Path, problem: str) -> str:
    good = latest_good_backup(home)
    advice = (
        _("The latest good backup is {path}; restore it with: tracker restore {path}").format(path=good)
        if good
        else _("No good backup was found in {folder}").format(folder=backups_dir(home))
    )
    return _(
        "the database {path} is damaged ({problem}). It was not changed, and "
        "nothing will be written to it. {advice}"
    ).format(path=home / DB_FILENAME, problem=problem, advice=advice)
