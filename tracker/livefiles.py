"""The databases this process has open, which no file writer or reader of the app may touch.

A statement renamed over ``tracker.db`` would replace every session with a CSV; and
opening then closing any descriptor of the file drops every POSIX lock the process
holds on it, SQLite's included, after which a command beside the open window can
take itself for the last connection, fold the WAL into the file and remove it under
the window.  So the store marks its files here when it opens them, and the writers
(:mod:`tracker.fsutil`) and the importers refuse them.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tracker.errors import BadInput
from tracker.i18n import _

# The databases open in this process, by real path, with how many connections hold each.
_LIVE: dict[str, int] = {}
_SIDES = ("", "-wal", "-shm", "-journal")


def keep_off(db: Path) -> None:
    """Mark the database ``db`` open: no writer replaces it, nor its -wal, -shm and -journal files."""
    real = os.path.realpath(db)
    _LIVE[real] = _LIVE.get(real, 0) + 1


def release(db: Path) -> None:
    """One connection to ``db`` closed (a restore may then replace the file)."""
    real = os.path.realpath(db)
    left = _LIVE.get(real, 0) - 1
    if left > 0:
        _LIVE[real] = left
    else:
        _LIVE.pop(real, None)


def is_live(path: Path) -> bool:
    """True when ``path`` is a database open in this process, one of its side files, or a link to them."""
    if not _LIVE:
        return False
    real = os.path.realpath(path)
    names = [db + side for db in _LIVE for side in _SIDES]
    if real in names:
        return True
    try:
        target = os.stat(real)
    except OSError:
        return False
    for name in names:  # a hard link to the database is the database
        with contextlib.suppress(OSError):
            if os.path.samestat(target, os.stat(name)):
                return True
    return False


def refuse_live(path: Path, field: str = "out") -> None:
    """Refuse ``path`` when it is an open database of this app or one of its side files."""
    if is_live(path):
        raise BadInput(
            field,
            _(
                "{path} is the tracker database (or one of its files), which tracker never "
                "reads or writes as a plain file; nothing was changed. Give another file name."
            ).format(path=path),
        )
