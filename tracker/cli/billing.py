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

from tracker.app import Tracker
from tracker.cli.common import out_path, unwritable
from tracker.cli.output import Json, print_json, warn
from tracker.errors import BadInput
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


def rates_set(app: Tracker, args: argparse.Namespace) -> int:
    print(show_rate(app.set_rate(args.type, args.hourly, args.start)))
    return 0


def rates_adjust(app: Tracker, args: argparse.Namespace) -> int:
    for r in app.adjust_rates(args.index, args.percent, args.start, args.type):
        print(show_rate(r))
    return 0


def rates_list(app: Tracker, args: argparse.Namespace) -> int:
    rates = app.rates()
    if args.json:
        print_json([rate_json(r) for r in rates])
        return 0
    for r in rates:
        print(show_rate(r))
    if not rates:
        print("no rates yet; set one with: tracker rates set --type technical --hourly 240.00 --from D")
    return 0


def bill(app: Tracker, args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.out:
        raise BadInput("out", "an XLSX statement needs a file: give --out statement.xlsx")
    if args.format == "xlsx" and args.out == STDOUT and sys.stdout.isatty():
        raise BadInput("out", "an XLSX statement is binary and is not written to a terminal; give --out FILE")
    st = app.statement(args.month, approved_only=args.approved_only)
    for problem in st.problems:
        warn(problem)
    if args.out is None or args.out == STDOUT:
        write_statement(st, args.format, None)
        return 0
    out = out_path(args.out)
    try:
        write_statement(st, args.format, out)
    except OSError as exc:
        raise unwritable(out, exc) from None
    held = sum(1 for x in st.lines if x.held)
    print(f"statement {st.month}: {len(st.lines)} lines ({held} held) written to {out}", file=sys.stderr)
    return 0


def write_statement(st: Statement, fmt: str, out: Path | None) -> None:
    """Write ``st`` in ``fmt`` to ``out``, or to standard output when ``out`` is None."""
    # The writers load here, for this command only: CSV needs babel, XLSX openpyxl, and
    # every one of them the statement's modules.
    if fmt == "json":
        from tracker.export.json_out import write_json

        if out is None:
            write_json(st, sys.stdout)
        else:
            with atomic_text(out) as fh:
                write_json(st, fh)
    elif fmt == "csv":
        from tracker.export.csv_pt import write_csv

        if out is None:
            write_csv(st, sys.stdout)
        else:
            with atomic_text(out, newline="") as fh:
                write_csv(st, fh)
    else:
        from tracker.export.xlsx import write_xlsx

        if out is None:
            book = io.BytesIO()  # a zip file is written with seeks; a pipe has none
            write_xlsx(st, book)
            sys.stdout.flush()
            sys.stdout.buffer.write(book.getvalue())
            sys.stdout.buffer.flush()
        else:
            with atomic_write(out) as bfh:
                write_xlsx(st, bfh)
