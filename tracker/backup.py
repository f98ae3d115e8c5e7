"""Backups with SQLite's backup API, and restore.

A backup is a consistent copy taken through SQLite's online backup API, never a file
copy, so it is whole even while the window writes.  It is written to a temp file in
the target's folder and installed with :func:`tracker.fsutil.install` (fsynced, then
renamed into place; a device is written directly).  The app keeps one automatic
backup a day and the last 14 of them.

The checks of a database file and the backups folder are in
:mod:`tracker.store.files`, which ``open_store`` uses too; they are named here as well.
"""

from __future__ import annotations

import contextlib
import os
import time
from datetime import date, datetime
from pathlib import Path

from tracker.errors import BadInput, TrackerError
from tracker.fsutil import install, is_special, temp_beside
from tracker.i18n import _
from tracker.livefiles import is_live
from tracker.store.check import quick_check
from tracker.store.db import Store
from tracker.store.files import (
    DB_FILENAME,
    backups_dir,
    check_file,
    copy_database,
    copy_file,
    damaged_message,
    latest_good_backup,
    list_backups,
)

__all__ = [
    "AUTO_PREFIX",
    "KEEP",
    "auto_backup",
    "backup_to",
    "backups_dir",
    "check_file",
    "damaged_message",
    "default_path",
    "latest_good_backup",
    "list_backups",
    "quick_check",
    "restore",
]

KEEP = 14
AUTO_PREFIX = "tracker-auto-"


def default_path(home: Path, now: datetime) -> Path:
    """Where ``tracker backup`` writes when given no file: the backups folder, by time."""
    return backups_dir(home) / f"tracker-{now:%Y-%m-%d-%H%M%S}.db"


def _temp_for(store: Store, out: Path) -> Path:
    """Where the copy is made before it is installed at ``out``.

    Beside ``out``, so that the rename is atomic; a device is never renamed over, so
    its copy is made in the data folder (a folder like /dev takes no files).
    """
    return temp_beside(store.path.with_name(f"backup-{out.name}")) if is_special(out) else temp_beside(out)


def backup_to(store: Store, out: Path) -> Path:
    """Write a consistent copy of the database to ``out`` (atomically; a device directly)."""
    out = out.expanduser().absolute()
    tmp = _temp_for(store, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        copy_database(store.conn, tmp, rollback_journal=True)
        install(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise TrackerError(
            _("the backup to {path} failed: {error}; nothing was changed").format(
                path=out, error=exc.strerror or exc
            )
        ) from exc
    return out


def auto_backup(store: Store, home: Path, today: date, keep: int = KEEP) -> Path | None:
    """Today's automatic backup, if there is none yet; old ones beyond ``keep`` go."""
    folder = backups_dir(home)
    target = folder / f"{AUTO_PREFIX}{today.isoformat()}.db"
    made = None
    if not target.exists():
        made = backup_to(store, target)
    autos = sorted(folder.glob(f"{AUTO_PREFIX}*.db"))
    for old in autos[:-keep] if len(autos) > keep else []:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def restore(home: Path, source: Path) -> Path:
    """Replace the database with ``source``; the current one is kept aside first.

    Returns where the current database was kept.
    """
    source = source.expanduser().absolute()
    problem = check_file(source)
    if problem:
        raise BadInput("FILE", _("{path} cannot be restored: {problem}").format(path=source, problem=problem))
    current = home / DB_FILENAME
    if is_live(current):
        raise TrackerError(
            _("the database {path} is still open here; close it, then restore").format(path=current)
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S") + f"-{int(time.time() * 1000) % 1000:03d}"
    aside = home / f"tracker.db.before-restore-{stamp}"
    home.mkdir(parents=True, exist_ok=True)
    # Keep every byte of the current database, damaged or not, next to it.
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(current) + suffix)
        if side.exists():
            os.replace(side, Path(str(aside) + suffix))
    tmp = temp_beside(current)
    try:
        copy_file(source, tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    install(tmp, current)
    return aside
