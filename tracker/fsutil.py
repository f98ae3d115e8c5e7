"""Safe file writes: a file is replaced whole or not at all, and devices are left devices.

Every writer of the app (statements, backups, restores, the PDF, the export's batches)
goes through :func:`atomic_write` or :func:`install`, so there is one copy of the rule:
write a temp file in the target's folder, fsync it, ``os.replace`` it over the target,
then fsync the folder. An existing target that is not a regular file (``/dev/null``, a
pipe, a terminal) is written directly: renaming over it would replace the device.

Neither ever touches a database this process has open (:mod:`tracker.livefiles`): a statement
renamed over ``tracker.db`` would replace every session with a CSV, and merely opening
and closing the file would drop SQLite's POSIX locks on it.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from tracker.livefiles import refuse_live


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):  # pragma: no cover - not every platform opens folders
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file (a device, a pipe, a socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def temp_beside(path: Path) -> Path:
    """A temp file name in the target's own folder, so the final rename is atomic."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: int = 0o644) -> Iterator[BinaryIO]:
    """Yield a binary file whose bytes replace ``path`` only when the block ends cleanly."""
    refuse_live(path)
    if is_special(path):
        with open(path, "wb") as fh:
            yield fh
        return
    tmp = temp_beside(path)
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_text(path: Path, *, newline: str | None = None, encoding: str = "utf-8") -> Iterator[TextIO]:
    """:func:`atomic_write` for text."""
    with atomic_write(path) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline=newline, write_through=True)
        try:
            yield text
            text.flush()
        finally:
            text.detach()


def install(tmp: Path, path: Path) -> None:
    """Move a finished temp file (written beside ``path``) into place, durably.

    For writers that need a file name of their own (SQLite's backup API): they write
    ``tmp`` and call this. A special target gets the bytes copied, and ``tmp`` goes.
    """
    try:
        refuse_live(path)
        if is_special(path):
            with open(tmp, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
            tmp.unlink()
            return
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)
