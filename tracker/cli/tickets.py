"""``tracker ticket ...``, ``tracker defect`` and ``tracker finalize``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.facade import Tracker, on_tracker
from tracker.cli.output import print_json, ticket_json
from tracker.model import Ticket
from tracker.timeutil import human_duration, iso

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    ticket = sub.add_parser("ticket", help="tickets").add_subparsers(dest="action", required=True)
    _register_add(ticket)
    t = ticket.add_parser("accept-term", help="record the customer's acceptance of the term")
    t.add_argument("number")
    t.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    t.add_argument("--ref", default="")
    t.set_defaults(func=accept_term)
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
    t.set_defaults(func=escalate)
    t = ticket.add_parser("show", help="one ticket")
    t.add_argument("number")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=show)
    t = ticket.add_parser("list", help="tickets")
    t.add_argument("--open", action="store_true")
    t.add_argument("--json", action="store_true")
    t.set_defaults(func=list_tickets)

    d = sub.add_parser("defect", help="flag a product or documentation defect")
    d.add_argument("number")
    d.add_argument("--kind", required=True, help="product or documentation")
    d.add_argument("--ref", required=True)
    d.add_argument("--published", action="store_true")
    d.add_argument("--note", default="")
    d.set_defaults(func=defect)

    f = sub.add_parser("finalize", help="finalize a ticket")
    f.add_argument("number")
    f.add_argument("--at", default=None, metavar="TIME")
    f.set_defaults(func=finalize)


def _register_add(ticket: Subparsers) -> None:
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
    t.set_defaults(func=add)


@on_tracker
def add(app: Tracker, args: argparse.Namespace) -> int:
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
    return 0


@on_tracker
def accept_term(app: Tracker, args: argparse.Namespace) -> int:
    t = app.accept_term(args.number, args.date, args.ref)
    print(f"ticket {t.number}: term accepted on {t.term_accepted}")
    return 0


@on_tracker
def escalate(app: Tracker, args: argparse.Namespace) -> int:
    t = app.escalate(args.number, args.at, args.confirm)
    assert t.escalated_at is not None
    print(f"ticket {t.number} escalated to support from {iso(t.escalated_at)}")
    return 0


@on_tracker
def show(app: Tracker, args: argparse.Namespace) -> int:
    t = app.ticket(args.number)
    totals = app.recorded_seconds(t.number)
    if args.json:
        print_json(dict(ticket_json(t), recorded_seconds=totals))
    else:
        print_ticket(t, totals)
    return 0


@on_tracker
def list_tickets(app: Tracker, args: argparse.Namespace) -> int:
    tickets = app.list_tickets(open_only=args.open)
    if args.json:
        print_json([ticket_json(t) for t in tickets])
        return 0
    for t in tickets:
        state = "finalized" if t.finalized else "open"
        print(f"{t.number:<10} {t.type.value:<10} {state:<9} {t.customer}")
    return 0


@on_tracker
def defect(app: Tracker, args: argparse.Namespace) -> int:
    d = app.flag_defect(args.number, args.kind, args.ref, published=args.published, note=args.note)
    print(f"defect {d.ref} ({d.kind.value}) flagged on ticket {d.ticket}")
    return 0


@on_tracker
def finalize(app: Tracker, args: argparse.Namespace) -> int:
    t = app.finalize(args.number, args.at)
    assert t.finalized_at is not None
    print(f"ticket {t.number} finalized at {iso(t.finalized_at)}")
    return 0


def print_ticket(t: Ticket, totals: dict[str, int]) -> None:
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
        published = " (published)" if d.published else ""
        print(f"  defect       {d.kind.value} {d.ref}{published} {d.note}".rstrip())
