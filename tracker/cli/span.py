"""``tracker log --from D --to D``: a span of days, each session written out by SQLite."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.output import count
from tracker.cli.sessions import show_reviews
from tracker.context import Context
from tracker.errors import BadInput
from tracker.inbox import my_reviews
from tracker.span_log import log_span as span_of
from tracker.timeutil import human_duration


def log_span(ctx: Context, args: argparse.Namespace) -> int:
    """``log --from D --to D``: the sessions come written out, one a line, however many."""
    if args.day is not None:
        raise BadInput("day", "give either --day or --from and --to")
    span = span_of(ctx, args.first, args.last, as_json=args.json)
    if args.json:
        sys.stdout.write("[\n  " + ",\n  ".join(span.lines) + "\n]\n" if span.lines else "[]\n")
    else:
        if span.lines:
            sys.stdout.write("\n".join(span.lines) + "\n")
        print(
            f"total {human_duration(span.seconds)} in {count(len(span.lines), 'session')} "
            f"on {count(span.days, 'day')} ({span.first.isoformat()} to {span.last.isoformat()})"
        )
    first, last = span.first.isoformat(), span.last.isoformat()
    show_reviews([r for r in my_reviews(ctx) if first <= r.day <= last], quiet=args.json, days=True)
    return 0
