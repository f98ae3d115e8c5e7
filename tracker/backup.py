"""Backups with SQLite's backup API, the start-up check, and restore.

A backup is a consistent copy taken through SQLite's online backup API, never a file
copy, so it is whole even while the window writes.  It is written to a temp file in
the backups folder, fsynced, then renamed into place.  The app keeps one automatic
backup a day and the last 14 of them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from tracker.errors import BadInput, TrackerError
from tracker.fsutil import fsync_dir
from tracker.i18n import _
from tracker.store.db import DB_FILENAME, Store
from tracker.store.schema import SCHEMA_VERSION

KEEP = 14
AUTO_PREFIX = "tracker-auto-"


def backups_dir(home: Path) -> Path:
    return home / "backups"


def backup_to(store: Store, out: Path) -> Path:
    """Write a consistent copy of the database to ``out`` (atomically)."""
    out = out.expanduser().absolute()
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_RDWR, 0o600)
        os.close(fd)
        dest = sqlite3.connect(tmp)
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
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


def list_backups(home: Path) -> list[Path]:
    """Every backup in the backups folder, newest first."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True)


def check_file(path: Path) -> str | None:
    """None when ``path`` is a sound tracker database, else what is wrong with it."""
    if not path.is_file():
        return _("{path} does not exist").format(path=path)
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
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


def quick_check(path: Path, stop: Callable[[], bool] | None = None) -> str | None:
    """``PRAGMA quick_check`` of the database file at ``path``, on a read-only connection of its own.

    None when the file is sound, else what is wrong with it.  It reads the whole file
    (seconds for a few hundred MiB), so the desktop app runs it in a worker thread
    after the window is shown.  ``stop`` is asked every few milliseconds from a
    watcher thread; a True interrupts the check at once and raises TrackerError.
    """
    if stop is not None and stop():
        raise TrackerError(_("the check of {path} was stopped before it began").format(path=path))
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as exc:  # pragma: no cover - a path sqlite cannot open
        return str(exc)
    done = threading.Event()
    stopped = threading.Event()

    def watch(ask: Callable[[], bool]) -> None:
        # The check spends up to a second inside one table without calling back, so
        # it is interrupted from outside: sqlite3_interrupt is safe from any thread.
        while not done.wait(0.02):
            if ask():
                stopped.set()
                conn.interrupt()
                return

    watcher = None
    if stop is not None:
        watcher = threading.Thread(target=watch, args=(stop,), name="quick-check-stop", daemon=True)
        watcher.start()
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if stopped.is_set():
            raise TrackerError(
                _("the check of {path} was stopped before it finished").format(path=path)
            ) from exc
        return _("it is not a readable database ({error})").format(error=exc)
    except sqlite3.DatabaseError as exc:
        return _("it is not a readable database ({error})").format(error=exc)
    finally:
        done.set()
        if watcher is not None:
            watcher.join()
        conn.close()
    problems = [str(r[0]) for r in rows]
    if problems == ["ok"]:
        return None
    more = _(" (and {count} more)").format(count=len(problems) - 3) if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more


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


def restore(home: Path, source: Path) -> Path:
    """Replace the database with ``source``; the current one is kept aside first.

    Returns where the current database was kept.
    """
    source = source.expanduser().absolute()
    problem = check_file(source)
    if problem:
        raise BadInput("FILE", _("{path} cannot be restored: {problem}").format(path=source, problem=problem))
    current = home / DB_FILENAME
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S") + f"-{int(time.time() * 1000) % 1000:03d}"
    aside = home / f"tracker.db.before-restore-{stamp}"
    home.mkdir(parents=True, exist_ok=True)
    # Keep every byte of the current database, damaged or not, next to it.
    for suffix in ("", "-wal", "-shm"):
        side = Path(str(current) + suffix)
        if side.exists():
            os.replace(side, Path(str(aside) + suffix))
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    tmp = home / f".{DB_FILENAME}.restore.tmp"
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_RDWR, 0o600)
        os.close(fd)
        dest = sqlite3.connect(tmp)
        try:
            src.backup(dest)
        finally:
            dest.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, current)
        fsync_dir(home)
    finally:
        src.close()
    return aside
