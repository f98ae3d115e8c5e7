"""``tracker report``: this consultant's totals over a span of days, per day, ticket, type or customer."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.common import on_context
from tracker.cli.output import Json, count, print_json, warn
from tracker.context import Context
from tracker.rates import RateService
from tracker.report import GROUPINGS, SpanReport, Totals, span_report
from tracker.timeutil import human_duration

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers

HEADINGS = ("sessions", "recorded", "billable", "standard", "billable min", "amount (R$)")


def register(sub: Subparsers) -> None:
    r = sub.add_parser(
        "report",
        help="your totals over a span of days (default: this week)",
        description="Your recorded, billable and standard time over a span of days, with the "
        "amount estimated from the rates this home knows. Without --from and --to: this week, "
        "Monday to Sunday; with --from alone: until today.",
    )
    r.add_argument("--from", dest="first", default=None, metavar="YYYY-MM-DD", help="the first day")
    r.add_argument("--to", dest="last", default=None, metavar="YYYY-MM-DD", help="the last day")
    r.add_argument(
        "--by", choices=GROUPINGS, default="day", help="one row per day (default), ticket, type or customer"
    )
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=report)


@on_context
def report(ctx: Context, args: argparse.Namespace) -> int:
    # The light path: the local rates the last sync brought, no facade, no central store.
    result = span_report(ctx, RateService(ctx).list_rates(), args.first, args.last, args.by)
    if args.json:
        print_json(report_json(result))
    else:
        print_report(result)
    warn_missing_rates(result)
    return 0


def warn_missing_rates(r: SpanReport) -> None:
    """One warning per billed type whose minutes are left out of the amount."""
    days: dict[str, list[str]] = {}
    for kind, on in r.missing_rates:
        days.setdefault(kind.value, []).append(on.isoformat())
    for name, dates in days.items():
        more = f" and {count(len(dates) - 1, 'other day')}" if len(dates) > 1 else ""
        warn(
            f"no {name} rate in force on {dates[0]}{more}: those billable minutes are not in the amount "
            "(see tracker rates list)"
        )


def money(value: object) -> str | None:
    return None if value is None else f"{value:.2f}"


def totals_json(t: Totals) -> Json:
    return {
        "sessions": t.sessions,
        "recorded_seconds": t.recorded_seconds,
        "billable_seconds": t.billable_seconds,
        "standard_seconds": t.standard_seconds,
        "billable_minutes": t.billable_minutes,
        "amount": money(t.amount),
        "unpriced_minutes": t.unpriced_minutes,
    }


def report_json(r: SpanReport) -> Json:
    rows = []
    for group in r.groups:
        row: Json = {r.by: group.key}
        if r.by == "ticket":
            row["customer"] = group.customer
        rows.append({**row, **totals_json(group)})
    return {
        "consultant": r.consultant,
        "from": r.first.isoformat(),
        "to": r.last.isoformat(),
        "by": r.by,
        "rows": rows,
        "total": totals_json(r.total),
        "missing_rates": [{"type": kind.value, "date": on.isoformat()} for kind, on in r.missing_rates],
    }


def _cells(t: Totals) -> list[str]:
    amount = "-" if t.amount is None else f"{t.amount:.2f}" + ("*" if t.unpriced_minutes else "")
    return [
        str(t.sessions),
        human_duration(t.recorded_seconds),
        human_duration(t.billable_seconds),
        human_duration(t.standard_seconds),
        str(t.billable_minutes),
        amount,
    ]


def print_report(r: SpanReport) -> None:
    print(f"{r.consultant}, {r.first.isoformat()} to {r.last.isoformat()}, by {r.by}")
    if not r.groups:
        print("no sessions in these days")
        return
    lines = [[r.by, *HEADINGS], *([g.key, *_cells(g)] for g in r.groups), ["total", *_cells(r.total)]]
    first = max(len(line[0]) for line in lines)
    widths = [max(len(line[n]) for line in lines) for n in range(1, len(HEADINGS) + 1)]
    customers = [""] + [g.customer for g in r.groups] + [""] if r.by == "ticket" else None
    for n, line in enumerate(lines):
        cells = [
            line[0].ljust(first),
            *(cell.rjust(width) for cell, width in zip(line[1:], widths, strict=True)),
        ]
        if customers is not None:
            cells.append(customers[n] if n else "customer")
        print("  ".join(cells).rstrip())
    if r.total.unpriced_minutes:
        print(f"* without {r.total.unpriced_minutes} billable minutes that have no rate")
