"""The ``tracker`` command: the desktop app with no arguments, headless otherwise.

Exit status: 0 ok, 2 bad input (the message names the field; nothing was written),
1 any other failure (the message says what to do).  No traceback reaches the user;
unexpected errors are written to ``errors.log`` in the data folder.  An argument whose
bytes are not UTF-8 is bad input naming its flag; output into a pipe its reader closed
(``tracker log --json | head``) ends the command quietly, with status 1, as Unix tools do.  This package never
imports Qt: only ``tracker`` with no arguments loads the ``ui`` package, by name.

One module per area registers its subcommands (``register(sub)``), each with its own
small function; this module builds the parser, runs the command over the data folder
and maps errors to exit codes.  It loads only the area of the command being run: the
everyday commands never load the ``Tracker`` facade (see :mod:`tracker.cli.common`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from tracker.cli.common import Command
from tracker.cli.output import session_json, shown, ticket_json
from tracker.cli.parser import build_parser, parse_args
from tracker.errors import BadInput, TrackerError
from tracker.paths import data_home
from tracker.store.files import damaged_message

__all__ = ["GUI_MODULE", "build_parser", "explain_database_error", "main", "session_json", "ticket_json"]

GUI_MODULE = "ui.app"  # the desktop app, opened by `tracker` with no arguments


def run(args: argparse.Namespace) -> int:
    """Run the parsed command over the data folder; it opens what it works over."""
    command: Command = args.func
    return command(data_home(), args)


def explain_database_error(exc: sqlite3.Error) -> str:
    """Plain words for what SQLite said; nothing acknowledged before was lost."""
    text = str(exc).lower()
    if "full" in text:
        return (
            "the disk is full: this change was not saved, and everything saved before is intact. "
            "Free some space and try again."
        )
    if "disk i/o" in text or "readonly" in text or "read-only" in text:
        return (
            f"the disk refused the write ({exc}): this change was not saved, and everything saved "
            "before is intact. Check the disk, then try again."
        )
    if "locked" in text or "busy" in text:
        return f"the database is busy ({exc}); nothing was changed. Try again in a moment."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return damaged_message(data_home(), str(exc))
    return f"the database failed ({exc}); nothing was changed."


def _log_unexpected(exc: BaseException) -> Path | None:
    try:
        path = data_home() / "errors.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            _print_traceback(exc, fh)
        return path
    except Exception:  # pragma: no cover - nowhere to write
        return None


def _print_traceback(exc: BaseException, fh: TextIO) -> None:
    """The interpreter's own traceback print, into ``fh``: the ``traceback`` module would
    load (and compile) three more modules on every start-up for a rare path."""
    stderr, sys.stderr = sys.stderr, fh
    try:
        sys.__excepthook__(type(exc), exc, exc.__traceback__)
    finally:
        sys.stderr = stderr


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse an argument that is not UTF-8 text, naming its flag, before anything runs.

    Python hands such bytes over as lone surrogates, which no file, database or
    terminal takes; refused here, they never reach a message or the database.
    """
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and not _is_utf8(item):
                field = _field_of(args, name)
                raise BadInput(
                    field, "holds bytes that are not UTF-8 text; set the terminal to UTF-8 and type it again"
                )


def _field_of(args: argparse.Namespace, name: str) -> str:
    """The field an argument is, as messages name it: ``config set KEY VALUE``'s value is KEY."""
    if name == "value" and isinstance(getattr(args, "key", None), str) and _is_utf8(args.key):
        return str(args.key)
    return "FILE" if name == "file" else name.replace("_", "-")


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def closed_pipe() -> int:
    """Standard output's reader went away: stop quietly, with no message and no traceback.

    Standard output is pointed at the null device, so that the interpreter's own last
    flush on exit does not fail again.
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The one way from the core to the desktop app: the entry point hands over to the
        # ui package by name, at run time, so nothing in tracker/ depends on Qt.
        desktop = importlib.import_module(GUI_MODULE)
        return int(desktop.run_app())
    try:
        args = parse_args(argv)
    except SystemExit:  # --help, --version or a usage error, printed: flushed here, or quietly not
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            closed_pipe()
        raise
    if getattr(args, "func", None) is None:
        build_parser().print_help()  # pragma: no cover - argparse needs a command here
        return 2  # pragma: no cover
    try:
        check_arguments(args)
        code = run(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return closed_pipe()
    except BadInput as exc:
        print(f"tracker: {shown(exc)}", file=sys.stderr)
        return 2
    except TrackerError as exc:
        print(f"tracker: {shown(exc)}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"tracker: {explain_database_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing was half-written", file=sys.stderr)
        return 1
    except Exception as exc:
        where = _log_unexpected(exc)
        print(
            f"tracker: unexpected error: {exc}. Nothing was half-written. "
            f"Details are in {where}; please report them.",
            file=sys.stderr,
        )
        return 1
