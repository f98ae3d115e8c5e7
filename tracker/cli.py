"""The ``tracker`` command: the desktop app with no arguments, headless otherwise.

Exit status: 0 ok, 2 bad input (the message names the field; nothing was written),
1 any other failure (the message says what to do).  No traceback reaches the user;
unexpected errors are written to ``errors.log`` in the data folder.  This module never
imports Qt: only ``tracker`` with no arguments loads the ``ui`` package.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from tracker import __version__
from tracker.errors import BadInput, TrackerError

TYPES = ("technical", "support", "standard")
GUI_MODULE = "ui.app"  # the desktop app, opened by `tracker` with no arguments


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is bad input (exit 2) with no traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"tracker: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tracker", description="Time-tracker for paid consultancy.")
    p.add_argument("--version", action="version", version=f"tracker {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    config = sub.add_parser("config", help="settings").add_subparsers(dest="action", required=True)
    c = config.add_parser("set", help="set a setting")
    c.add_argument("key")
    c.add_argument("value")
    c = config.add_parser("get", help="show settings")
    c.add_argument("key", nargs="?")
    c.add_argument("--json", action="store_true")

    ticket = sub.add_parser("ticket", help="tickets").add_subparsers(dest="action", required=True)
    t = ticket.add_parser("add", help="add a ticket")
    t.add_argument("number")
    t.add_argument("--customer", required=True)
    t.add_argument("--type", required=True, help="technical, support or standard")
    t.add_argument("--product", default="")
    t.add_argument("--scope", default="")
    t.add_argument("--term-accepted", default=None, metavar="YYYY-MM-DD")
    t.add_argument("--term-ref", default="")
    t.add_argument("--bill-to-unit", default="", metavar="CODE")
    t.add_argument("--authorization", default="")
    t.add_argument("--cost-center", default="")
    t.add_argument("--value-class", default="")
    t.add_argument("--accounting-item", default="")
    t = ticket.add_parser("accept-term", help="record the customer's acceptance of the term")
    t.add_argument("number")
    t.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    t.add_argument("--ref", default="")
    t = ticket.add_parser("escalate", help="standard -> support, from that moment on")
    t.add_argument("number")
    t.add_argument("--at", default=None, metavar="TIME")
    t.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="ITEM",
        help="a customer's confirmation: procedures, documentation or reproduced (repeatable)",
    )
    t = ticket.add_parser("show", help="one ticket")
    t.add_argument("number")
    t.add_argument("--json", action="store_true")
    t = ticket.add_parser("list", help="tickets")
    t.add_argument("--open", action="store_true")
    t.add_argument("--json", action="store_true")

    d = sub.add_parser("defect", help="flag a product or documentation defect")
    d.add_argument("number")
    d.add_argument("--kind", required=True, help="product or documentation")
    d.add_argument("--ref", required=True)
    d.add_argument("--published", action="store_true")
    d.add_argument("--note", default="")

    f = sub.add_parser("finalize", help="finalize a ticket")
    f.add_argument("number")
    f.add_argument("--at", default=None, metavar="TIME")

    s = sub.add_parser("start", help="start the timer on a ticket")
    s.add_argument("number")
    s.add_argument("--note", default="")
    s = sub.add_parser("stop", help="stop the running timer")
    s.add_argument("--note", default="")
    s = sub.add_parser("status", help="the running timer")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("add", help="a session typed in by hand")
    s.add_argument("number")
    s.add_argument("--start", required=True, metavar="TIME")
    s.add_argument("--end", required=True, metavar="TIME")
    s.add_argument("--note", default="")
    s = sub.add_parser("log", help="this consultant's sessions of a day")
    s.add_argument("--day", default=None, metavar="YYYY-MM-DD")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("import", help="import a JSON Lines file, all or nothing")
    s.add_argument("file")
    s.add_argument("--dry-run", action="store_true")
    s = sub.add_parser("import-from", help="move in from Toggl Track, Clockify or Watson")
    s.add_argument("source", choices=("toggl", "clockify", "watson"))
    s.add_argument("file", metavar="FILE")
    s.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="LABEL=TICKET",
        help="project:NAME=TICKET or tag:NAME=TICKET (repeatable); see --list",
    )
    s.add_argument("--list", action="store_true", help="list the projects and tags to map, and stop")
    s.add_argument(
        "--zone", default=None, help="the zone of times without an offset (default: this machine's)"
    )
    s.add_argument("--day-first", action="store_true", help="dates are dd/mm/yyyy")
    s.add_argument("--dry-run", action="store_true")

    session = sub.add_parser("session", help="change stored sessions; every change is audited")
    ss = session.add_subparsers(dest="action", required=True)
    e = ss.add_parser("edit", help="edit a session")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--start", default=None, metavar="TIME")
    e.add_argument("--end", default=None, metavar="TIME")
    e.add_argument("--ticket", default=None, metavar="NUMBER")
    e.add_argument("--note", default=None)
    e.add_argument("--reason", required=True)
    e = ss.add_parser("split", help="split a session in two at a time")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--at", required=True, metavar="TIME")
    e.add_argument("--reason", default="")
    e = ss.add_parser("delete", help="delete a session (a tombstone revision)")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--reason", required=True)
    e = ss.add_parser("history", help="every revision: who, when, why, before and after")
    e.add_argument("uuid", metavar="UUID")
    e.add_argument("--json", action="store_true")

    b = sub.add_parser("backup", help="a consistent copy made with SQLite's backup API")
    b.add_argument("--out", default=None, metavar="FILE")
    b = sub.add_parser("restore", help="check a backup, keep the current database aside, restore")
    b.add_argument("file", metavar="FILE")

    s = sub.add_parser("sync", help="send what is not yet in the central export")
    s.add_argument("--json", action="store_true")
    central = sub.add_parser("central", help="read the central export").add_subparsers(
        dest="action", required=True
    )
    c = central.add_parser("log", help="every consultant's sessions from the export, de-duplicated")
    c.add_argument("--day", default=None, metavar="YYYY-MM-DD")
    c.add_argument("--consultant", default=None, metavar="LOGIN")
    c.add_argument("--json", action="store_true")

    rates = sub.add_parser("rates", help="hourly rates per billed type").add_subparsers(
        dest="action", required=True
    )
    r = rates.add_parser("set", help="a new rate version")
    r.add_argument("--type", required=True, help="technical or support")
    r.add_argument("--hourly", required=True, metavar="240.00")
    r.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    r = rates.add_parser("adjust", help="the yearly inflation adjustment: new versions")
    r.add_argument("--index", required=True, metavar="NAME", help="IPCA, IGP-M, INPC...")
    r.add_argument("--percent", required=True, metavar="4.62")
    r.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--type", default=None, help="technical or support (default: both)")
    r = rates.add_parser("list", help="every rate version")
    r.add_argument("--json", action="store_true")

    b = sub.add_parser("bill", help="the monthly statement from the central export")
    b.add_argument("--month", required=True, metavar="YYYY-MM")
    b.add_argument("--format", choices=("csv", "xlsx", "json"), default="json")
    b.add_argument("--out", default=None, metavar="FILE")
    b.add_argument("--approved-only", action="store_true", help="count only days a lead approved")

    sub.add_parser("desktop-entry", help="install the Linux desktop entry and icon for this user")

    rv = sub.add_parser("review", help="a team lead's review of a day from the export")
    rv.add_argument("--day", default=None, metavar="YYYY-MM-DD")
    rv.add_argument("--consultant", default=None, metavar="LOGIN")
    rv.add_argument("--json", action="store_true")
    rvs = rv.add_subparsers(dest="action", required=False)
    a = rvs.add_parser("approve", help="approve a consultant's day")
    a.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--consultant", required=True, metavar="LOGIN")
    a.add_argument("--note", default="")
    a = rvs.add_parser("return", help="send a consultant's day back with a comment")
    a.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--consultant", required=True, metavar="LOGIN")
    a.add_argument("--comment", required=True)
    return p


# ----- output ------------------------------------------------------------------


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def session_json(s: Any) -> dict[str, Any]:
    from tracker.timeutil import iso

    return {
        "uuid": s.uuid,
        "ticket": s.ticket,
        "consultant": s.consultant,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "revision": s.revision,
        "synced": s.synced,
        "flags": list(s.flags),
        "note": s.note,
        "zone": s.zone,
        "source": s.source,
    }


def ticket_json(t: Any) -> dict[str, Any]:
    from tracker.timeutil import iso

    return {
        "number": t.number,
        "customer": t.customer,
        "type": t.type.value,
        "original_type": t.original_type.value,
        "product": t.product,
        "scope": t.scope,
        "term_accepted": t.term_accepted.isoformat() if t.term_accepted else None,
        "term_ref": t.term_ref,
        "bill_to": t.bill_to,
        "bill_to_kind": t.bill_to_kind,
        "bill_to_unit": t.bill_to_unit,
        "authorization": t.authorization,
        "cost_center": t.cost_center,
        "value_class": t.value_class,
        "accounting_item": t.accounting_item,
        "escalated_at": iso(t.escalated_at) if t.escalated_at else None,
        "escalation_checklist": list(t.escalation_checklist),
        "finalized_at": iso(t.finalized_at) if t.finalized_at else None,
        "defects": [
            {
                "uuid": d.uuid,
                "kind": d.kind.value,
                "ref": d.ref,
                "published": d.published,
                "note": d.note,
                "flagged_at": iso(d.flagged_at),
                "consultant": d.consultant,
            }
            for d in t.defects
        ],
    }


# ----- commands ----------------------------------------------------------------


def run(args: argparse.Namespace) -> int:  # noqa: C901 - one dispatch table
    from tracker.app import Tracker
    from tracker.clock import default_clock
    from tracker.paths import data_home
    from tracker.store import open_store
    from tracker.timeutil import human_duration, iso

    home = data_home()
    if args.command == "desktop-entry":
        from tracker.desktop import install

        for path in install():
            print(f"wrote {path}")
        return 0
    if args.command == "restore":
        return _restore(home, Path(args.file))
    with open_store(home) as store:
        app = Tracker(store, default_clock(), home, warn=_warn)
        cmd = args.command
        action = getattr(args, "action", None)

        if cmd == "config":
            if action == "set":
                value = app.settings.set(args.key, args.value)
                print(f"{args.key} = {value}")
            else:
                values = app.settings.all()
                if args.key:
                    values = {args.key: app.settings.get(args.key)}
                if args.json:
                    _print_json(values if not args.key else values)
                else:
                    for key, value in values.items():
                        print(f"{key} = {value}" if not args.key else value)
            return 0

        if cmd == "ticket":
            if action == "add":
                t = app.add_ticket(
                    args.number,
                    args.customer,
                    args.type,
                    product=args.product,
                    scope=args.scope,
                    term_accepted=args.term_accepted,
                    term_ref=args.term_ref,
                    bill_to_unit=args.bill_to_unit,
                    authorization=args.authorization,
                    cost_center=args.cost_center,
                    value_class=args.value_class,
                    accounting_item=args.accounting_item,
                )
                print(f"ticket {t.number} added: {t.customer}, {t.type.value}")
            elif action == "accept-term":
                t = app.accept_term(args.number, args.date, args.ref)
                print(f"ticket {t.number}: term accepted on {t.term_accepted}")
            elif action == "escalate":
                t = app.escalate(args.number, args.at, args.confirm)
                assert t.escalated_at is not None
                print(f"ticket {t.number} escalated to support from {iso(t.escalated_at)}")
            elif action == "show":
                t = app.ticket(args.number)
                from tracker.store import queries as q

                totals = q.ticket_totals(store, t.number)
                if args.json:
                    _print_json(dict(ticket_json(t), recorded_seconds=totals))
                else:
                    _print_ticket(t, totals)
            elif action == "list":
                tickets = app.list_tickets(open_only=args.open)
                if args.json:
                    _print_json([ticket_json(t) for t in tickets])
                else:
                    for t in tickets:
                        state = "finalized" if t.finalized else "open"
                        print(f"{t.number:<10} {t.type.value:<10} {state:<9} {t.customer}")
            return 0

        if cmd == "defect":
            d = app.flag_defect(args.number, args.kind, args.ref, published=args.published, note=args.note)
            print(f"defect {d.ref} ({d.kind.value}) flagged on ticket {d.ticket}")
            return 0
        if cmd == "finalize":
            t = app.finalize(args.number, args.at)
            assert t.finalized_at is not None
            print(f"ticket {t.number} finalized at {iso(t.finalized_at)}")
            return 0
        if cmd == "start":
            result = app.start(args.number, args.note)
            if result.stopped:
                s = result.stopped
                print(f"stopped {s.ticket}: {human_duration(s.seconds)}")
            print(f"started {result.timer.ticket} ({result.timer.type.value}) at {iso(result.timer.start)}")
            return 0
        if cmd == "stop":
            s = app.stop(args.note)
            print(f"stopped {s.ticket}: {human_duration(s.seconds)} ({iso(s.start)} - {iso(s.end)})")
            for flag in s.flags:
                _warn(f"the session is flagged for review: {flag}")
            return 0
        if cmd == "status":
            st = app.status()
            if args.json:
                _print_json(st)
            elif st["running"]:
                elapsed = human_duration(st["elapsed_seconds"])
                print(f"running {st['ticket']} since {st['started_at']} ({elapsed})")
            else:
                print("no timer running")
            if st.get("sleep_gap"):
                gap = st["sleep_gap"]
                _warn(
                    f"no heartbeat from the window since {gap['from']} ({human_duration(gap['seconds'])}): "
                    "the machine slept or the app was killed; open the window to keep, discard or split it"
                )
            for flag in st.get("flags", []):
                if flag != "sleep_gap":
                    _warn(f"the running timer is flagged for review: {flag}")
            return 0
        if cmd == "add":
            s = app.add_session(args.number, args.start, args.end, args.note)
            print(f"added {s.ticket}: {human_duration(s.seconds)} ({iso(s.start)} - {iso(s.end)}) {s.uuid}")
            return 0
        if cmd == "log":
            sessions = app.log(args.day)
            if args.json:
                _print_json([session_json(s) for s in sessions])
            else:
                total = 0
                for s in sessions:
                    total += s.seconds
                    print(
                        f"{s.start:%H:%M}-{s.end:%H:%M}  {s.ticket:<10} {s.type.value:<10} "
                        f"{human_duration(s.seconds):>9}  {s.note}"
                    )
                print(f"total {human_duration(total)} in {len(sessions)} sessions")
            for review in app.my_reviews(args.day or app.now().date()):
                if review["decision"] == "return":
                    _warn(f"this day was returned by {review['lead']} on {review['at']}: {review['comment']}")
                else:
                    print(f"approved by {review['lead']} on {review['at']}")
            return 0
        if cmd == "session":
            return _session(app, args)
        if cmd == "sync":
            return _sync(app, args)
        if cmd == "rates":
            return _rates(app, args)
        if cmd == "review":
            return _review(app, args)
        if cmd == "bill":
            return _bill(app, args)
        if cmd == "central":
            return _central_log(app, args)
        if cmd == "backup":
            out = app.backup(Path(args.out) if args.out else None)
            print(f"backup written to {out}")
            return 0
        if cmd == "import-from":
            return _import_from(app, args)
        if cmd == "import":
            r = app.import_file(Path(args.file), dry_run=args.dry_run)
            verb = "would import" if r.dry_run else "imported"
            print(
                f"{verb} {r.tickets_added} tickets and {r.sessions_added} sessions "
                f"({r.tickets_skipped} tickets and {r.sessions_skipped} sessions already stored)"
            )
            return 0
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def _print_ticket(t: Any, totals: dict[str, int]) -> None:
    from tracker.timeutil import human_duration, iso

    print(f"ticket {t.number}  {t.customer}")
    print(f"  type         {t.type.value} ({t.type.portuguese})")
    if t.escalated_at:
        print(
            f"  escalated    from standard at {iso(t.escalated_at)}; "
            f"confirmed: {', '.join(t.escalation_checklist) or 'nothing'}"
        )
    for label, value in (("product", t.product), ("scope", t.scope)):
        if value:
            print(f"  {label:<12} {value}")
    print(f"  term         {t.term_accepted or 'not accepted'} {t.term_ref}".rstrip())
    print(f"  bill to      {t.bill_to} ({t.bill_to_kind})")
    print(f"  state        {'finalized at ' + iso(t.finalized_at) if t.finalized_at else 'open'}")
    for kind, seconds in sorted(totals.items()):
        print(f"  recorded     {kind}: {human_duration(seconds)}")
    for d in t.defects:
        print(
            f"  defect       {d.kind.value} {d.ref}{' (published)' if d.published else ''} {d.note}".rstrip()
        )


def _session(app: Any, args: argparse.Namespace) -> int:
    from tracker.timeutil import human_duration, iso

    if args.action == "edit":
        s = app.edit_session(
            args.uuid, reason=args.reason, start=args.start, end=args.end, ticket=args.ticket, note=args.note
        )
        print(f"session {s.uuid} is now {iso(s.start)} - {iso(s.end)} on {s.ticket} (revision {s.revision})")
    elif args.action == "split":
        first, second = app.split_session(args.uuid, args.at, args.reason)
        print(
            f"split into {first.uuid} ({human_duration(first.seconds)}) and "
            f"{second.uuid} ({human_duration(second.seconds)})"
        )
    elif args.action == "delete":
        s = app.delete_session(args.uuid, args.reason)
        print(f"session {s.uuid} deleted (revision {s.revision}); its history is kept")
    else:
        entries = app.session_history(args.uuid)
        if args.json:
            _print_json(entries)
        else:
            for entry in entries:
                after = entry["after"]
                head = f"r{entry['revision']} {entry['at']} {entry['action']:<10}"
                print(f"{head} by {entry['who']}: {entry['why']}")
                gone = " (deleted)" if after["deleted"] else ""
                print(f"    {after['start']} - {after['end']} {after['ticket']}{gone}")
    return 0


def _sync(app: Any, args: argparse.Namespace) -> int:
    from tracker.errors import TrackerError

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\rsyncing {done}/{total} records", end="", file=sys.stderr, flush=True)

    try:
        result = app.sync(progress)
    except TrackerError:
        pending = app.sync_status().pending
        _warn(f"{pending.sessions} sessions and {pending.events} ticket events stay queued")
        raise
    if sys.stderr.isatty() and not args.json:
        print(file=sys.stderr)
    if args.json:
        _print_json(
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


def _central_log(app: Any, args: argparse.Namespace) -> int:
    from tracker.timeutil import human_duration, parse_date

    day = parse_date(args.day, "day").isoformat() if args.day else app.now().date().isoformat()
    with app.central_reader() as reader:
        report = reader.refresh()
        sessions = reader.sessions_of_day(day, args.consultant)
        problems = report.problems + reader.conflicts() + reader.ticket_disagreements()
    for problem in problems:
        _warn(problem)
    if args.json:
        _print_json({"day": day, "consultant": args.consultant, "sessions": sessions, "problems": problems})
        return 0
    totals: dict[str, int] = {}
    for s in sessions:
        totals[s["consultant"]] = totals.get(s["consultant"], 0) + s["seconds"]
        print(
            f"{s['consultant']:<12} {s['start'][11:16]}-{s['end'][11:16]}  {s['ticket']:<10} "
            f"{s['type']:<10} {human_duration(s['seconds']):>9}  {s['note']}"
        )
    for who, seconds in sorted(totals.items()):
        print(f"total {who}: {human_duration(seconds)}")
    if not sessions:
        print(f"no sessions on {day} in the export")
    return 0


def _rates(app: Any, args: argparse.Namespace) -> int:
    def show(r: Any) -> str:
        extra = f" ({r.index_name} {r.percent:+}%)" if r.index_name else ""
        return f"{r.label}: R$ {r.hourly:.2f}/h{extra}"

    if args.action == "set":
        print(show(app.set_rate(args.type, args.hourly, args.start)))
    elif args.action == "adjust":
        for r in app.adjust_rates(args.index, args.percent, args.start, args.type):
            print(show(r))
    else:
        rates = app.rates()
        if args.json:
            _print_json(
                [
                    {
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
                    for r in rates
                ]
            )
        else:
            for r in rates:
                print(show(r))
            if not rates:
                print(
                    "no rates yet; set one with: tracker rates set --type technical --hourly 240.00 --from D"
                )
    return 0


def _bill(app: Any, args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.out:
        raise BadInput("out", "an XLSX statement needs a file: give --out statement.xlsx")
    st = app.statement(args.month, approved_only=args.approved_only)
    for problem in st.problems:
        _warn(problem)
    out = Path(args.out).expanduser() if args.out else None
    if args.format == "json":
        from tracker.export.json_out import write_json

        if out is None:
            write_json(st, sys.stdout)
        else:
            with _atomic_text(out) as fh:
                write_json(st, fh)
    elif args.format == "csv":
        from tracker.export.csv_pt import write_csv

        if out is None:
            write_csv(st, sys.stdout)
        else:
            with _atomic_text(out, newline="") as fh:
                write_csv(st, fh)
    else:
        from tracker.export.xlsx import write_xlsx

        assert out is not None
        tmp = out.with_name(f".{out.name}.tmp")
        with open(tmp, "wb") as bfh:
            write_xlsx(st, bfh)
        os.replace(tmp, out)
    if out is not None:
        held = sum(1 for x in st.lines if x.held)
        print(f"statement {st.month}: {len(st.lines)} lines ({held} held) written to {out}", file=sys.stderr)
    return 0


@contextlib.contextmanager
def _atomic_text(path: Path, newline: str | None = None) -> Iterator[TextIO]:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline=newline) as fh:
        yield fh
    os.replace(tmp, path)


def _review(app: Any, args: argparse.Namespace) -> int:
    from tracker.timeutil import human_duration

    if args.action in ("approve", "return"):
        text = args.note if args.action == "approve" else args.comment
        decision = app.decide_day(args.day, args.consultant, args.action, text)
        verb = "approved" if args.action == "approve" else "returned"
        print(
            f"{decision['consultant']}'s {decision['day']} {verb}; the next tracker sync sends the decision"
        )
        return 0
    if not args.day:
        raise BadInput("day", "give the day to review: tracker review --day YYYY-MM-DD")
    result = app.review_day(args.day, args.consultant).to_json()
    for problem in result["problems"]:
        _warn(problem)
    if args.json:
        _print_json(result)
        return 0
    for c in result["consultants"]:
        decision = c["decision"]
        state = f"{decision['decision']}d by {decision['lead']}" if decision else "not reviewed"
        print(
            f"{c['consultant']}: recorded {human_duration(c['recorded_seconds'])}, billable "
            f"{human_duration(c['billable_seconds'])}, standard {human_duration(c['standard_seconds'])} "
            f"[{state}] {' '.join(c['flags'])}".rstrip()
        )
        for s in c["sessions"]:
            flags = f"  !{','.join(s['flags'])}" if s["flags"] else ""
            print(
                f"    {s['start'][11:16]}-{s['end'][11:16]} {s['ticket']:<10} {s['type']:<10} "
                f"{human_duration(s['seconds']):>9}{flags}"
            )
        for d in c["defects"]:
            print(f"    defect {d['kind']} {d['ref']} on {d['ticket']}")
    return 0


def _import_from(app: Any, args: argparse.Namespace) -> int:
    from tracker import moving_in
    from tracker.timeutil import human_duration

    entries = moving_in.read(args.source, Path(args.file), args.zone or app.clock.zone(), args.day_first)
    if args.list:
        for label, (count, seconds) in moving_in.labels(entries).items():
            print(f"{label}\t{count} entries\t{human_duration(seconds)}")
        return 0
    mapping = {}
    for item in args.map:
        label, sep, ticket = item.rpartition("=")
        if not sep or not label.startswith(("project:", "tag:")) or not ticket.strip():
            raise BadInput("map", f"'{item}' is not LABEL=TICKET, for example project:ACME=12345678")
        mapping[label] = app.ticket(ticket.strip()).number
    result = moving_in.plan(entries, mapping, args.source, app.consultant)
    for entry, why in result.skipped:
        _warn(f"line {entry.line} skipped: {why} ({entry.project or '-'} {', '.join(entry.tags)})".rstrip())
    r = moving_in.commit(app, result, dry_run=args.dry_run)
    verb = "would import" if r.dry_run else "imported"
    print(
        f"{verb} {r.sessions_added} sessions ({human_duration(result.seconds)}); "
        f"{r.sessions_skipped} already stored, {len(result.skipped)} entries skipped"
    )
    return 0


def _restore(home: Path, source: Path) -> int:
    from tracker import backup
    from tracker.lock import window_pid

    pid = window_pid(home)
    if pid is not None:
        raise TrackerError(f"the tracker window is open (process {pid}); close it, then restore")
    aside = backup.restore(home, source)
    print(f"restored {source}; the previous database was kept as {aside}")
    return 0


def explain_database_error(exc: sqlite3.Error) -> str:
    """Plain words for what SQLite said; nothing acknowledged before was lost."""
    text = str(exc).lower()
    if "full" in text:
        return (
            "the disk is full: this change was not saved, and everything saved before is intact. "
            "Free some space and try again."
        )
    if "disk i/o" in text or "readonly" in text or "read-only" in text:
        return (
            f"the disk refused the write ({exc}): this change was not saved, and everything saved "
            "before is intact. Check the disk, then try again."
        )
    if "locked" in text or "busy" in text:
        return f"the database is busy ({exc}); nothing was changed. Try again in a moment."
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        from tracker.backup import damaged_message
        from tracker.paths import data_home

        return damaged_message(data_home(), str(exc))
    return f"the database failed ({exc}); nothing was changed."


def _log_unexpected(exc: BaseException) -> Path | None:
    import traceback

    try:
        from tracker.paths import data_home

        path = data_home() / "errors.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            traceback.print_exception(exc, file=fh)
        return path
    except Exception:  # pragma: no cover - nowhere to write
        return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # The one way from the core to the desktop app: the entry point hands over to the
        # ui package by name, at run time, so nothing in tracker/ depends on Qt.
        import importlib

        desktop = importlib.import_module(GUI_MODULE)
        return int(desktop.run_app())
    args = build_parser().parse_args(argv)
    if args.command is None:  # pragma: no cover - argparse needs a command here
        build_parser().print_help()
        return 2
    try:
        return run(args)
    except BadInput as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 2
    except TrackerError as exc:
        print(f"tracker: {exc}", file=sys.stderr)
        return 1
    except sqlite3.Error as exc:
        print(f"tracker: {explain_database_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tracker: interrupted; nothing was half-written", file=sys.stderr)
        return 1
    except Exception as exc:
        where = _log_unexpected(exc)
        print(
            f"tracker: unexpected error: {exc}. Nothing was half-written. "
            f"Details are in {where}; please report them.",
            file=sys.stderr,
        )
        return 1
