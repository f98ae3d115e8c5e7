"""``tracker sync`` (send to the central store), ``tracker central log`` (read it), the
folder's roles file (``central grant|revoke``) and the central store's setup: ``central init``,
``add-user``, ``status``, ``export``, ``import-folder``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.central.roles import ROLE_NAMES, Roles, grant, revoke
from tracker.cli.facade import Tracker, on_tracker
from tracker.cli.output import count, print_json, shown, warn, warn_problems
from tracker.errors import BadInput, TrackerError
from tracker.server_url import server_label
from tracker.timeutil import human_duration, parse_date
from tracker.validate import clean_login, clean_span

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Parser, Subparsers


def register(sub: Subparsers) -> None:
    s = sub.add_parser("sync", help="send what is not yet in the central export")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=sync)
    central = sub.add_parser("central", help="the central store: read it, set it up, move it").add_subparsers(
        dest="action", required=True
    )
    c = central.add_parser("log", help="every consultant's sessions from the export, de-duplicated")
    c.add_argument("--day", default=None, metavar="YYYY-MM-DD", help="one day (default: today)")
    c.add_argument("--from", dest="first", default=None, metavar="YYYY-MM-DD", help="the first day of a span")
    c.add_argument("--to", dest="last", default=None, metavar="YYYY-MM-DD", help="the last (default: today)")
    c.add_argument("--consultant", default=None, metavar="LOGIN")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=central_log)
    for action, helptext, func in (
        ("grant", "the folder's roles file: list LOGIN as lead or billing", central_grant),
        ("revoke", "the folder's roles file: take a role from LOGIN", central_revoke),
    ):
        g = central.add_parser(action, help=helptext)
        g.add_argument("login", metavar="LOGIN")
        g.add_argument("--role", required=True, choices=ROLE_NAMES)
        g.set_defaults(func=func)
    register_setup(central)


def register_setup(central: argparse._SubParsersAction[Parser]) -> None:
    c = central.add_parser(
        "init", help="as the database owner: create or migrate the central server's schema"
    )
    c.add_argument("--url", required=True, metavar="URL", help="postgresql://[OWNER@]HOST[:PORT]/DB")
    c.set_defaults(func=central_init)
    c = central.add_parser(
        "add-user", help="as the database owner: a login on the central server, in its role"
    )
    c.add_argument("login", metavar="LOGIN")
    c.add_argument("--role", required=True, choices=("consultant", "lead", "billing"))
    c.add_argument("--url", required=True, metavar="URL")
    c.add_argument("--password-file", default=None, metavar="FILE", help="its first line is the password")
    c.set_defaults(func=central_add_user)
    c = central.add_parser("status", help="where the central store is, whether it answers, what waits here")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=central_status)
    c = central.add_parser("export", help="the readable folder format, manifests and all, from the server")
    c.add_argument("--to", required=True, metavar="DIR")
    c.add_argument("--month", default=None, metavar="YYYY-MM")
    c.set_defaults(func=central_export)
    c = central.add_parser("import-folder", help="move a folder export into the server; idempotent")
    c.add_argument("folder", metavar="DIR")
    c.add_argument(
        "--url", default=None, metavar="URL", help="the server, as its owner (default: this home's)"
    )
    c.set_defaults(func=central_import_folder)


@on_tracker
def sync(app: Tracker, args: argparse.Namespace) -> int:
    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\rsyncing {done}/{total} records", end="", file=sys.stderr, flush=True)

    try:
        result = app.sync(progress)
    except TrackerError:
        pending = app.sync_status().pending
        queued = f"{count(pending.sessions, 'session')} and {count(pending.events, 'ticket event')}"
        if pending.rates:
            queued = f"{count(pending.rates, 'rate version')}, {queued}"
        warn(f"{queued} stay queued")
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
                "reviews": result.reviews,
                "rates": result.rates,
                "pending": result.pending,
            }
        )
    else:
        batches = result.batches_written + result.batches_skipped
        sent = [count(result.sessions, "session revision"), count(result.events, "ticket event")]
        if result.reviews:
            sent.append(count(result.reviews, "review decision"))
        if result.rates:
            sent.append(count(result.rates, "rate version"))
        what = ", ".join(sent[:-1]) + f" and {sent[-1]}"
        print(f"sent {what} in {count(batches, 'batch', 'batches')} to {result.target}")
    return 0


@on_tracker
def central_log(app: Tracker, args: argparse.Namespace) -> int:
    if args.first is not None or args.last is not None:
        if args.day is not None:
            raise BadInput("day", "give either --day or --from and --to")
        first, last = clean_span(args.first, args.last, app.now().date())
        span: dict[str, object] = {"from": first.isoformat(), "to": last.isoformat()}
    else:
        day = parse_date(args.day, "day") if args.day else app.now().date()
        first = last = day
        span = {"day": day.isoformat()}
    who = None if args.consultant is None else clean_login(args.consultant, "consultant")
    # ADAPTER (facade gap): the facade has no "sessions from the export" method; the
    # CLI reads them through the facade's central reader.
    with app.central_reader() as reader:
        report = reader.refresh()
        sessions = reader.sessions_between(first.isoformat(), last.isoformat(), who)
        problems = report.problems + reader.conflicts() + reader.ticket_disagreements()
    warn_problems(problems, "tracker central log --json")
    if args.json:
        print_json({**span, "consultant": who, "sessions": sessions, "problems": problems})
        return 0
    print_central_sessions(sessions, with_day=first != last)
    if not sessions:
        days = first.isoformat() if first == last else f"from {first.isoformat()} to {last.isoformat()}"
        print(f"no sessions {'on ' if first == last else ''}{days} in the export")
    return 0


def print_central_sessions(sessions: list[dict[str, Any]], with_day: bool) -> None:
    """One line a session (with its day, over a span), then each consultant's total."""
    totals: dict[str, int] = {}
    for s in sessions:
        totals[s["consultant"]] = totals.get(s["consultant"], 0) + s["seconds"]
        day = f"{s['start'][:10]} " if with_day else ""
        print(
            f"{shown(s['consultant']):<12} {day}{s['start'][11:16]}-{s['end'][11:16]}  "
            f"{shown(s['ticket']):<10} "
            f"{s['type']:<10} {human_duration(s['seconds']):>9}  {shown(s['note'])}"
        )
    for who, seconds in sorted(totals.items()):
        print(f"total {shown(who)}: {human_duration(seconds)}")


def _roles_changed(roles: Roles, root: Path) -> None:
    print(f"roles at {root / 'roles.json'}:")
    for role in ROLE_NAMES:
        print(f"  {role}: {', '.join(sorted(roles.to_json()[role])) or '(nobody)'}")


@on_tracker
def central_grant(app: Tracker, args: argparse.Namespace) -> int:
    root = Path(app.settings.get("export-dir"))
    _roles_changed(grant(root, args.login, args.role), root)
    return 0


@on_tracker
def central_revoke(app: Tracker, args: argparse.Namespace) -> int:
    root = Path(app.settings.get("export-dir"))
    _roles_changed(revoke(root, args.login, args.role), root)
    return 0


# ----- the central store's setup ----------------------------------------------------------


@on_tracker
def central_init(app: Tracker, args: argparse.Namespace) -> int:
    applied = app.central_init(args.url)
    where = server_label(args.url)
    if applied:
        print(f"applied schema migrations {', '.join(map(str, applied))} on {where}")
    else:
        print(f"the schema on {where} is up to date; nothing changed")
    return 0


@on_tracker
def central_add_user(app: Tracker, args: argparse.Namespace) -> int:
    app.central_add_user(args.url, args.login, args.role, args.password_file)
    print(f"login {args.login} has the {args.role} role on {server_label(args.url)}")
    return 0


@on_tracker
def central_status(app: Tracker, args: argparse.Namespace) -> int:
    st = app.central_status()
    if args.json:
        print_json(st.to_json())
        return 0 if st.answers else 1
    if st.kind == "server":
        print(f"central store: PostgreSQL server {st.where}, as {st.login}")
    else:
        print(f"central store: folder {st.where}")
    if st.answers:
        detail = [*st.notes, *([f"PostgreSQL {st.server_version}"] if st.server_version else [])]
        if st.schema_version is not None:
            detail.append(f"schema version {st.schema_version} of {st.expected_version}")
        if st.kind == "server":
            detail.append(f"roles: {', '.join(st.roles) or 'none'}")
        print("answers: yes" + (f" ({'; '.join(detail)})" if detail else ""))
    else:
        print(f"answers: no: {st.reason}")
    p = st.pending
    rates = f", {p.rates} rate versions" if p.rates else ""
    print(
        f"pending here: {p.sessions} sessions, {p.events} ticket events, {p.reviews} review decisions{rates}"
    )
    print(f"last sync: {st.last_sync or 'never'}")
    if st.last_error:
        print(f"last error: {st.last_error}")
    return 0 if st.answers else 1


def _moved(problems: list[str]) -> int:
    for problem in problems:
        warn(problem)
    return 1 if problems else 0


@on_tracker
def central_export(app: Tracker, args: argparse.Namespace) -> int:
    done = app.central_export(args.to, args.month)
    print(
        f"wrote {done.written} batches ({done.records} records) to {args.to}; {done.known} were already there"
    )
    return _moved(done.problems)


@on_tracker
def central_import_folder(app: Tracker, args: argparse.Namespace) -> int:
    done = app.central_import_folder(args.folder, args.url)
    print(
        f"imported {done.written} batches ({done.records} new records) from {args.folder}; "
        f"{done.known} were already on the server"
    )
    return _moved(done.problems)
