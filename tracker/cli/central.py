"""``tracker sync`` (send to the central export) and ``tracker central log`` (read it)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tracker.app import Tracker
from tracker.cli.output import print_json, shown, warn
from tracker.errors import TrackerError
from tracker.timeutil import human_duration, parse_date
from tracker.validate import clean_login

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    s = sub.add_parser("sync", help="send what is not yet in the central export")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=sync)
    central = sub.add_parser("central", help="read the central export").add_subparsers(
        dest="action", required=True
    )
    c = central.add_parser("log", help="every consultant's sessions from the export, de-duplicated")
    c.add_argument("--day", default=None, metavar="YYYY-MM-DD")
    c.add_argument("--consultant", default=None, metavar="LOGIN")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=central_log)


def sync(app: Tracker, args: argparse.Namespace) -> int:
    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\rsyncing {done}/{total} records", end="", file=sys.stderr, flush=True)

    try:
        result = app.sync(progress)
    except TrackerError:
        pending = app.sync_status().pending
        warn(f"{pending.sessions} sessions and {pending.events} ticket events stay queued")
        raise
    if sys.stderr.isatty() and not args.json:
        print(file=sys.stderr)
    if args.json:
        print_json(
            {
                "target": result.target,
                "batches_written": result.batches_written,
                "batches_skipped": result.batches_skipped,
                "sessions": result.sessions,
                "events": result.events,
                "pending": result.pending,
            }
        )
    else:
        print(
            f"sent {result.sessions} session revisions and {result.events} ticket events in "
            f"{result.batches_written + result.batches_skipped} batches to {result.target}"
        )
    return 0


def central_log(app: Tracker, args: argparse.Namespace) -> int:
    day = parse_date(args.day, "day").isoformat() if args.day else app.now().date().isoformat()
    who = None if args.consultant is None else clean_login(args.consultant, "consultant")
    # ADAPTER (facade gap): the facade has no "sessions of a day from the export" method;
    # the CLI reads them through the facade's central reader.
    with app.central_reader() as reader:
        report = reader.refresh()
        sessions = reader.sessions_of_day(day, who)
        problems = report.problems + reader.conflicts() + reader.ticket_disagreements()
    for problem in problems:
        warn(problem)
    if args.json:
        print_json({"day": day, "consultant": who, "sessions": sessions, "problems": problems})
        return 0
    totals: dict[str, int] = {}
    for s in sessions:
        totals[s["consultant"]] = totals.get(s["consultant"], 0) + s["seconds"]
        when = f"{shown(s['start'][11:16])}-{shown(s['end'][11:16])}"
        print(
            f"{shown(s['consultant']):<12} {when}  {shown(s['ticket']):<10} {shown(s['type']):<10} "
            f"{human_duration(s['seconds']):>9}  {shown(s['note'])}"
        )
    for person, seconds in sorted(totals.items()):
        print(f"total {shown(person)}: {human_duration(seconds)}")
    if not sessions:
        print(f"no sessions on {day} in the export")
    return 0
