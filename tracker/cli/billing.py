"""``tracker rates ...`` (hourly rates) and ``tracker bill`` (the monthly statement).

``bill --out FILE`` replaces FILE whole or not at all (``tracker.fsutil``); a device
such as ``/dev/null`` is written directly; ``--out -`` (or no ``--out`` for CSV and
JSON) is standard output, the XLSX workbook going to its binary side.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.app import HeldKind
from tracker.cli.common import out_path, unwritable
from tracker.cli.facade import Tracker, on_tracker
from tracker.cli.output import Json, count, print_json, warn, warn_problems
from tracker.errors import BadInput
from tracker.export.csv_pt import write_csv
from tracker.export.json_out import write_json
from tracker.export.xlsx import write_xlsx
from tracker.fsutil import atomic_text, atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from tracker.billing import Rate
    from tracker.cli.common import Subparsers
    from tracker.statement import Statement

STDOUT = "-"


def register(sub: Subparsers) -> None:
    rates = sub.add_parser("rates", help="hourly rates per billed type").add_subparsers(
        dest="action", required=True
    )
    r = rates.add_parser("set", help="a new rate version")
    r.add_argument("--type", required=True, help="technical or support")
    r.add_argument("--hourly", required=True, metavar="240.00")
    r.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    r.set_defaults(func=rates_set)
    r = rates.add_parser("adjust", help="the yearly inflation adjustment: new versions")
    r.add_argument("--index", required=True, metavar="NAME", help="IPCA, IGP-M, INPC...")
    r.add_argument("--percent", required=True, metavar="4.62")
    r.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--type", default=None, help="technical or support (default: both)")
    r.set_defaults(func=rates_adjust)
    r = rates.add_parser("list", help="every rate version")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=rates_list)

    b = sub.add_parser("bill", help="the monthly statement from the central export")
    b.add_argument("--month", required=True, metavar="YYYY-MM")
    b.add_argument("--format", choices=("csv", "xlsx", "json"), default="json")
    b.add_argument("--out", default=None, metavar="FILE")
    b.add_argument("--approved-only", action="store_true", help="count only days a lead approved")
    b.add_argument(
        "--issue",
        action="store_true",
        help="billing: record the month's statement as issued in the central store; it never changes again",
    )
    b.set_defaults(func=bill)


def show_rate(r: Rate) -> str:
    extra = f" ({r.index_name} {r.percent:+}%)" if r.index_name else ""
    return f"{r.label}: R$ {r.hourly:.2f}/h{extra}"


def rate_json(r: Rate) -> Json:
    return {
        "type": r.type.value,
        "version": r.version,
        "label": r.label,
        "hourly": f"{r.hourly:.2f}",
        "effective_from": r.effective_from.isoformat(),
        "index": r.index_name or None,
        "percent": None if r.percent is None else str(r.percent),
        "created_by": r.created_by,
        "created_at": r.created_at,
    }


@on_tracker
def rates_set(app: Tracker, args: argparse.Namespace) -> int:
    print(show_rate(app.set_rate(args.type, args.hourly, args.start)))
    return 0


@on_tracker
def rates_adjust(app: Tracker, args: argparse.Namespace) -> int:
    for r in app.adjust_rates(args.index, args.percent, args.start, args.type):
        print(show_rate(r))
    return 0


@on_tracker
def rates_list(app: Tracker, args: argparse.Namespace) -> int:
    rates = app.rates()
    if args.json:
        print_json([rate_json(r) for r in rates])
        return 0
    for r in rates:
        print(show_rate(r))
    if not rates:
        first = app.now().date().replace(day=1).isoformat()
        print("no rates yet. A billing user sets one for each billed type, for example:")
        print(f"  tracker rates set --type technical --hourly 240.00 --from {first}")
        print(f"  tracker rates set --type support --hourly 180.00 --from {first}")
    return 0


@on_tracker
def bill(app: Tracker, args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.out:
        raise BadInput("out", "an XLSX statement needs a file: give --out statement.xlsx")
    if args.format == "xlsx" and args.out == STDOUT and sys.stdout.isatty():
        raise BadInput("out", "an XLSX statement is binary and is not written to a terminal; give --out FILE")
    if args.issue:
        st = app.issue_statement(args.month, approved_only=args.approved_only)
    else:
        st = app.statement(args.month, approved_only=args.approved_only)
    warn_problems(st.problems, "the JSON statement (--format json)")
    tell_issue(st, just_issued=args.issue)
    warn_held(st)
    if args.out is None or args.out == STDOUT:
        write_statement(st, args.format, None)
        return 0
    out = out_path(args.out)
    try:
        write_statement(st, args.format, out)
    except OSError as exc:
        raise unwritable(out, exc) from None
    held = sum(1 for x in st.lines if x.held)
    lines = count(len(st.lines), "line")
    print(f"statement {st.month}: {lines} ({held} held) written to {out}", file=sys.stderr)
    return 0


def tell_issue(st: Statement, just_issued: bool) -> None:
    """On standard error: the issue, and an issued month's late changes, apart from the statement."""
    if st.issued is None:
        if st.adjustments:
            months = ", ".join(sorted({a.adjusts_month for a in st.adjustments}))
            print(f"{len(st.adjustments)} adjustment lines for issued months ({months})", file=sys.stderr)
        return
    verb = "issued now" if just_issued else "was issued"
    print(
        f"statement {st.month} {verb} by {st.issued.by} at {st.issued.at} (sha256 {st.issued.sha256})",
        file=sys.stderr,
    )
    for a in st.late_changes:
        line = a.line
        amount = "held" if line.held or line.amount is None else f"R$ {line.amount:+.2f}"
        print(
            f"late change: {line.ticket} {line.type.value} {line.billable_minutes:+d} min {amount}, "
            "billed as an adjustment in the first open month",
            file=sys.stderr,
        )


def warn_held(st: Statement) -> None:
    """What billing can do about the held lines (the statement itself only says what is missing)."""
    kinds = {reason.kind for line in st.lines for reason in line.held_reasons}
    if HeldKind.NO_TERM in kinds:
        tickets = sorted(
            {x.ticket for x in st.lines if any(r.kind is HeldKind.NO_TERM for r in x.held_reasons)}
        )
        warn(
            f"held without the customer's term acceptance: {', '.join(tickets)}; record it with "
            "tracker ticket accept-term NUMBER --date YYYY-MM-DD"
        )
    if HeldKind.NO_RATE in kinds:
        warn("held for want of a rate in force: a billing user sets one with tracker rates set")


def write_statement(st: Statement, fmt: str, out: Path | None) -> None:
    """Write ``st`` in ``fmt`` to ``out``, or to standard output when ``out`` is None."""
    if fmt == "json":
        if out is None:
            write_json(st, sys.stdout)
        else:
            with atomic_text(out) as fh:
                write_json(st, fh)
    elif fmt == "csv":
        if out is None:
            write_csv(st, sys.stdout)
        else:
            with atomic_text(out, newline="") as fh:
                write_csv(st, fh)
    else:
        if out is None:
            book = io.BytesIO()  # a zip file is written with seeks; a pipe has none
            write_xlsx(st, book)
            sys.stdout.flush()
            sys.stdout.buffer.write(book.getvalue())
            sys.stdout.buffer.flush()
        else:
            with atomic_write(out) as bfh:
                write_xlsx(st, bfh)
