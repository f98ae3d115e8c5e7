"""``tracker add``, ``tracker log`` and ``tracker session ...``: stored sessions."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING, Any

from tracker.cli.common import on_context
from tracker.cli.output import count, print_json, session_json, warn
from tracker.context import Context
from tracker.inbox import Decision, my_reviews
from tracker.sessions import SessionService
from tracker.tickets import TicketService
from tracker.timeutil import human_duration, iso

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    s = sub.add_parser("add", help="a session typed in by hand")
    s.add_argument("number")
    s.add_argument("--start", required=True, metavar="TIME")
    s.add_argument("--end", required=True, metavar="TIME")
    s.add_argument("--note", default="")
    s.set_defaults(func=add)
    s = sub.add_parser("log", help="this consultant's sessions of a day, or of a span of days")
    s.add_argument("--day", default=None, metavar="YYYY-MM-DD", help="one day (default: today)")
    s.add_argument("--from", dest="first", default=None, metavar="YYYY-MM-DD", help="the first day of a span")
    s.add_argument(
        "--to", dest="last", default=None, metavar="YYYY-MM-DD", help="its last day (default: today)"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=log)


def register_changes(sub: Subparsers) -> None:
    session = sub.add_parser("session", help="change stored sessions; every change is audited")
    ss = session.add_subparsers(dest="action", required=True)
    e = ss.add_parser("edit", help="edit a session")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--start", default=None, metavar="TIME")
    e.add_argument("--end", default=None, metavar="TIME")
    e.add_argument("--ticket", default=None, metavar="NUMBER")
    e.add_argument("--note", default=None)
    e.add_argument("--reason", required=True)
    e.set_defaults(func=edit)
    e = ss.add_parser("split", help="split a session in two at a time")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--at", required=True, metavar="TIME")
    e.add_argument("--reason", default="")
    e.set_defaults(func=split)
    e = ss.add_parser("delete", help="delete a session (a tombstone revision)")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--reason", required=True)
    e.set_defaults(func=delete)
    e = ss.add_parser("history", help="every revision: who, when, why, before and after")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=history)


def sessions_of(ctx: Context) -> SessionService:
    return SessionService(ctx, TicketService(ctx))


@on_context
def add(ctx: Context, args: argparse.Namespace) -> int:
    s = sessions_of(ctx).add(args.number, args.start, args.end, args.note)
    print(f"added {s.ticket}: {human_duration(s.seconds)} ({iso(s.start)} - {iso(s.end)}) {s.uuid}")
    return 0


@on_context
def log(ctx: Context, args: argparse.Namespace) -> int:
    if args.first is not None or args.last is not None:
        # A span is its own module: a day's log (the common case) never loads it.
        span: Any = importlib.import_module("tracker.cli.span")
        return int(span.log_span(ctx, args))
    sessions = sessions_of(ctx).log(args.day)
    if args.json:
        print_json([session_json(s) for s in sessions])
    else:
        total = 0
        for s in sessions:
            total += s.seconds
            print(
                f"{s.start:%H:%M}-{s.end:%H:%M}  {s.ticket:<10} {s.type.value:<10} "
                f"{human_duration(s.seconds):>9}  {s.note}"
            )
        print(f"total {human_duration(total)} in {count(len(sessions), 'session')}")
    show_reviews(my_reviews(ctx, args.day or ctx.now().date()), quiet=args.json)
    return 0


def show_reviews(reviews: list[Decision], quiet: bool, days: bool = False) -> None:
    """Leads' decisions on the days shown: a return as a warning; an approval on stdout,
    or on stderr beside JSON (stdout holds one JSON document)."""
    for review in reviews:
        day = f"{review.day}: " if days else ""
        if review.decision == "return":
            warn(f"{day}this day was returned by {review.lead} on {review.at}: {review.comment}")
        else:
            text = f"{day}approved by {review.lead} on {review.at}"
            print(text, file=sys.stderr if quiet else sys.stdout)


@on_context
def edit(ctx: Context, args: argparse.Namespace) -> int:
    s = sessions_of(ctx).edit(
        args.uuid, reason=args.reason, start=args.start, end=args.end, ticket=args.ticket, note=args.note
    )
    print(f"session {s.uuid} is now {iso(s.start)} - {iso(s.end)} on {s.ticket} (revision {s.revision})")
    return 0


@on_context
def split(ctx: Context, args: argparse.Namespace) -> int:
    first, second = sessions_of(ctx).split(args.uuid, args.at, args.reason)
    print(
        f"split into {first.uuid} ({human_duration(first.seconds)}) and "
        f"{second.uuid} ({human_duration(second.seconds)})"
    )
    return 0


@on_context
def delete(ctx: Context, args: argparse.Namespace) -> int:
    s = sessions_of(ctx).delete(args.uuid, args.reason)
    print(f"session {s.uuid} deleted (revision {s.revision}); its history is kept")
    return 0


@on_context
def history(ctx: Context, args: argparse.Namespace) -> int:
    entries = sessions_of(ctx).history(args.uuid)
    if args.json:
        print_json(entries)
        return 0
    for entry in entries:
        after = entry["after"]
        head = f"r{entry['revision']} {entry['at']} {entry['action']:<10}"
        print(f"{head} by {entry['who']}: {entry['why']}")
        gone = " (deleted)" if after["deleted"] else ""
        print(f"    {after['start']} - {after['end']} {after['ticket']}{gone}")
    return 0
