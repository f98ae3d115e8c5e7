"""``tracker desktop-entry``: this machine's menu entry and icon."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.desktop import install

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    d = sub.add_parser("desktop-entry", help="install the Linux desktop entry and icon for this user")
    d.set_defaults(func=desktop_entry)


def desktop_entry(home: Path, args: argparse.Namespace) -> int:
    for path in install():
        print(f"wrote {path}")
    return 0
