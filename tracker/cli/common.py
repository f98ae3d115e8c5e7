"""The types every command module shares, and the ``--out FILE`` they take.

A command is a small function ``(home, args) -> exit status``; each area's
``register(sub)`` adds its subcommands and sets ``func=`` on each of them.  Most are
written over what they need and opened for them by a decorator:

- :func:`on_context`: the home's :class:`~tracker.context.Context` (store, clock,
  settings), from which the everyday commands (start, stop, status, add, log, session,
  config) build the small services they call; it loads none of the central store,
  billing, exports or report;
- ``tracker.cli.facade.on_tracker``: the whole ``Tracker`` facade, for the others;
- none: a command that needs no open database (restore, desktop-entry).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

from tracker.cli.output import warn
from tracker.clock import default_clock
from tracker.context import Context, open_context
from tracker.errors import BadInput, TrackerError


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (COLUMNS, the terminal, 80)."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is bad input (exit 2) with no traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # argparse makes a help formatter for every parser it builds, and the formatter
        # imports shutil (bz2, lzma, zlib with it) to ask for the terminal's width unless
        # it is given one: a few milliseconds of every command, help or not.
        formatter = kwargs.get("formatter_class", argparse.HelpFormatter)
        kwargs["formatter_class"] = functools.partial(formatter, width=_terminal_columns() - 2)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"tracker: error: {message}\n")


if TYPE_CHECKING:  # pragma: no cover - argparse's class is generic for the type checker only
    Subparsers: TypeAlias = argparse._SubParsersAction[Parser]

Command: TypeAlias = Callable[[Path, argparse.Namespace], int]
ContextCommand: TypeAlias = Callable[[Context, argparse.Namespace], int]


def on_context(command: ContextCommand) -> Command:
    """``command`` run over the home's context, opened before it and closed after."""

    @functools.wraps(command)
    def run(home: Path, args: argparse.Namespace) -> int:
        ctx = open_context(home, default_clock(), warn=warn)
        try:
            return command(ctx, args)
        finally:
            ctx.store.close()

    return run


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
