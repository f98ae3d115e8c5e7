"""``tracker backup`` and ``tracker restore``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.app import restore_backup
from tracker.cli.common import out_path
from tracker.cli.facade import Tracker, on_tracker
from tracker.errors import TrackerError
from tracker.lock import window_pid

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    b = sub.add_parser("backup", help="a consistent copy made with SQLite's backup API")
    b.add_argument("--out", default=None, metavar="FILE")
    b.set_defaults(func=backup)
    b = sub.add_parser("restore", help="check a backup, keep the current database aside, restore")
    b.add_argument("file", metavar="FILE")
    b.set_defaults(func=restore)


@on_tracker
def backup(app: Tracker, args: argparse.Namespace) -> int:
    out = app.backup(out_path(args.out) if args.out else None)
    print(f"backup written to {out}")
    return 0


def restore(home: Path, args: argparse.Namespace) -> int:
    """Restore with no tracker open: the database is replaced under it."""
    source = Path(args.file)
    pid = window_pid(home)
    if pid is not None:
        raise TrackerError(f"the tracker window is open (process {pid}); close it, then restore")
    aside = restore_backup(home, source)
    print(f"restored {source}; the previous database was kept as {aside}")
    return 0
