"""The types every command module shares.

A command is a small function: ``(app, args) -> exit status`` when it works on the
tracker, or ``(home, args) -> exit status`` when it needs no open database (restore,
desktop-entry).  Each area's ``register(sub)`` adds its subcommands and sets
``func=`` (the first kind) or ``home_func=`` (the second) on each of them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from tracker.app import Tracker


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is bad input (exit 2) with no traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"tracker: error: {message}\n")


if TYPE_CHECKING:  # pragma: no cover - argparse's class is generic for the type checker only
    Subparsers: TypeAlias = argparse._SubParsersAction[Parser]

Command: TypeAlias = Callable[[Tracker, argparse.Namespace], int]
HomeCommand: TypeAlias = Callable[[Path, argparse.Namespace], int]
