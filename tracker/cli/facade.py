"""The commands over the whole tracker: the ``Tracker`` facade of :mod:`tracker.app`.

Only the areas that need it (tickets, report, import, backup, sync and the central
store, rates and billing, review) import this module, and with it the facade and
everything below it; the everyday commands open a lighter context
(:func:`tracker.cli.common.on_context`).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from tracker.app import Tracker, open_tracker
from tracker.cli.common import Command
from tracker.cli.output import warn
from tracker.clock import default_clock

__all__ = ["Tracker", "TrackerCommand", "on_tracker"]

TrackerCommand: TypeAlias = Callable[[Tracker, argparse.Namespace], int]


def on_tracker(command: TrackerCommand) -> Command:
    """``command`` run over the home's tracker, opened before it and closed after."""

    @functools.wraps(command)
    def run(home: Path, args: argparse.Namespace) -> int:
        app = open_tracker(home, default_clock(), warn=warn)
        try:
            return command(app, args)
        finally:
            app.store.close()

    return run
