"""``tracker review``: a team lead's review of a day, and the decision on it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tracker.cli.facade import Tracker, on_tracker
from tracker.cli.output import print_json, shown, warn_problems
from tracker.errors import BadInput
from tracker.timeutil import human_duration

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    rv = sub.add_parser("review", help="a team lead's review of a day from the export")
    rv.add_argument("--day", default=None, metavar="YYYY-MM-DD")
    rv.add_argument("--consultant", default=None, metavar="LOGIN")
    rv.add_argument("--json", action="store_true")
    rv.set_defaults(func=review)
    rvs = rv.add_subparsers(dest="action", required=False)
    a = rvs.add_parser("approve", help="approve a consultant's day")
    a.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--consultant", required=True, metavar="LOGIN")
    a.add_argument("--note", default="")
    a.set_defaults(func=approve)
    a = rvs.add_parser("return", help="send a consultant's day back with a comment")
    a.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--consultant", required=True, metavar="LOGIN")
    a.add_argument("--comment", required=True)
    a.set_defaults(func=send_back)


@on_tracker
def approve(app: Tracker, args: argparse.Namespace) -> int:
    return _decide(app, args, "approve", args.note)


@on_tracker
def send_back(app: Tracker, args: argparse.Namespace) -> int:
    return _decide(app, args, "return", args.comment)


def _decide(app: Tracker, args: argparse.Namespace, decision: str, text: str) -> int:
    done = app.decide_day(args.day, args.consultant, decision, text)
    verb = "approved" if decision == "approve" else "returned"
    print(f"{done.consultant}'s {done.day} {verb}; the next tracker sync sends the decision")
    return 0


@on_tracker
def review(app: Tracker, args: argparse.Namespace) -> int:
    if not args.day:
        raise BadInput("day", "give the day to review: tracker review --day YYYY-MM-DD")
    result = app.review_day(args.day, args.consultant).to_json()
    warn_problems(result["problems"], "tracker review --json")
    if args.json:
        print_json(result)
        return 0
    for c in result["consultants"]:
        print_consultant(c)
    if not any(c["sessions"] for c in result["consultants"]):
        who = f" of {args.consultant}" if args.consultant else ""
        print(
            f"no sessions{who} on {result['day']} in the central export; "
            "the consultants' sessions arrive when they run tracker sync"
        )
    return 0


def print_consultant(c: dict[str, Any]) -> None:
    """One consultant's day of ``review_day``: totals, state, sessions and defects."""
    decision = c["decision"]
    state = f"{decision['decision']}d by {decision['lead']}" if decision else "not reviewed"
    print(
        shown(
            f"{c['consultant']}: recorded {human_duration(c['recorded_seconds'])}, billable "
            f"{human_duration(c['billable_seconds'])}, standard {human_duration(c['standard_seconds'])} "
            f"[{state}] {' '.join(c['flags'])}".rstrip()
        )
    )
    for s in c["sessions"]:
        flags = f"  !{','.join(s['flags'])}" if s["flags"] else ""
        print(
            f"    {shown(s['start'][11:16])}-{shown(s['end'][11:16])} {shown(s['ticket']):<10} "
            f"{shown(s['type']):<10} {human_duration(s['seconds']):>9}{shown(flags)}"
        )
    for d in c["defects"]:
        print(shown(f"    defect {d['kind']} {d['ref']} on {d['ticket']}"))
