"""The ``tracker`` parser, put together from the areas' ``register`` functions.

Building all twenty subcommands costs more than opening the database, so a run builds
only the area of its command; anything the partial parser cannot accept (a usage
error, an unknown command, the top-level help) is parsed again by the whole parser,
which prints exactly what it always printed.

The table names each area's module as text and loads it only when its commands are
built: ``tracker status`` never imports the modules of billing, the central store or
the report (nor what they import).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from tracker import __version__
from tracker.cli.common import Parser

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers

Register: TypeAlias = "Callable[[Subparsers], None]"

# Which commands each register function adds ("module:function"), in the order
# `tracker --help` lists them.
REGISTRY: tuple[tuple[tuple[str, ...], str], ...] = (
    (("config",), "tracker.cli.config:register"),
    (("ticket", "defect", "finalize"), "tracker.cli.tickets:register"),
    (("start", "stop", "status"), "tracker.cli.timer:register"),
    (("add", "log"), "tracker.cli.sessions:register"),
    (("report",), "tracker.cli.report:register"),
    (("import", "import-from"), "tracker.cli.importing:register"),
    (("session",), "tracker.cli.sessions:register_changes"),
    (("backup", "restore"), "tracker.cli.backup:register"),
    (("sync", "central"), "tracker.cli.central:register"),
    (("rates", "bill"), "tracker.cli.billing:register"),
    (("desktop-entry",), "tracker.cli.desktop:register"),
    (("review",), "tracker.cli.review:register"),
)


def register_of(where: str) -> Register:
    """The register function a REGISTRY entry names, its module loaded now."""
    module, _, name = where.partition(":")
    register: Register = getattr(importlib.import_module(module), name)
    return register


class _Retry(Exception):
    """The partial parser met something only the whole parser answers as it should."""


class _PartialParser(Parser):
    def error(self, message: str) -> NoReturn:
        raise _Retry(message)


def build_parser(command: str | None = None, parser_class: type[Parser] = Parser) -> argparse.ArgumentParser:
    """The whole parser; with ``command``, only the subcommands of its area."""
    p = parser_class(prog="tracker", description="Time-tracker for paid consultancy.")
    p.add_argument("--version", action="version", version=f"tracker {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=parser_class)
    for names, where in REGISTRY:
        if command is None or command in names:
            register_of(where)(sub)
    return p


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` parsed as the whole parser would; usage errors exit 2 with its message."""
    if argv and any(argv[0] in names for names, _ in REGISTRY):
        try:
            return build_parser(argv[0], _PartialParser).parse_args(argv)
        except _Retry:
            pass
    return build_parser().parse_args(argv)
