"""The types every command module shares, and the ``--out FILE`` they take.

A command is a small function: ``(app, args) -> exit status`` when it works on the
tracker, or ``(home, args) -> exit status`` when it needs no open database (restore,
desktop-entry).  Each area's ``register(sub)`` adds its subcommands and sets
``func=`` (the first kind) or ``home_func=`` (the second) on each of them.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from tracker.app import Tracker
from tracker.errors import BadInput, TrackerError


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is bad input (exit 2) with no traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"tracker: error: {message}\n")


if TYPE_CHECKING:  # pragma: no cover - argparse's class is generic for the type checker only
    Subparsers: TypeAlias = argparse._SubParsersAction[Parser]

Command: TypeAlias = Callable[[Tracker, argparse.Namespace], int]
HomeCommand: TypeAlias = Callable[[Path, argparse.Namespace], int]


# A place the user named that cannot take the file: bad input, not a failure of the app.
BAD_PLACE = {
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENAMETOOLONG,
}


def out_path(text: str) -> Path:
    """``--out`` as a path: never empty, never a folder."""
    if not text.strip():
        raise BadInput("out", "is empty; give a file name, or - for standard output")
    try:
        out = Path(text).expanduser()
    except RuntimeError:  # ~name of a user this machine does not know
        raise BadInput("out", f"'{text}' names a home folder this machine does not know") from None
    if out.is_dir():
        raise BadInput("out", f"{out} is a folder; give a file name")
    return out


def unwritable(out: Path, exc: OSError) -> TrackerError:
    """Why ``out`` could not be written: bad input when the place itself is wrong."""
    why = exc.strerror or str(exc)
    if exc.errno in BAD_PLACE:
        return BadInput("out", f"cannot write {out}: {why}; nothing was written")
    return TrackerError(f"writing {out} failed: {why}; nothing was written")
