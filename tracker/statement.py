"""The monthly statement: atendimentos built from the central export, priced by billing.py.

One line per atendimento (a ticket and a billed type) whose ticket was finalized in
the month, the month being the local date of finalization in the offset it was
recorded with.  Sessions come from every consultant, at their latest revision.  An
escalation splits a ticket's sessions by type at the escalation time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tracker.billing import (
    DEFAULT_POLICIES,
    Atendimento,
    DefectInfo,
    Line,
    PartyTotal,
    Policy,
    Rate,
    price,
    totals,
)
from tracker.i18n import _
from tracker.model import ConsultancyType
from tracker.sync.reader import CentralReader

ACCOUNTING = ("authorization", "cost_center", "value_class", "accounting_item")


@dataclass
class Statement:
    month: str
    lines: list[Line]
    totals: list[PartyTotal]
    not_billed: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class _Ticket:
    number: str
    created: dict[str, Any] = field(default_factory=dict)
    term_accepted: date | None = None
    escalated_at: datetime | None = None
    defects: list[DefectInfo] = field(default_factory=list)
    finalized_at: str | None = None


def _ticket(reader: CentralReader, number: str, problems: list[str]) -> _Ticket:
    t = _Ticket(number)
    finals: list[str] = []
    for e in reader.events_of_ticket(number):
        payload = e["payload"]
        kind = e["event"]
        if kind == "created" and not t.created:
            t.created = payload
            if payload.get("term_accepted"):
                t.term_accepted = date.fromisoformat(payload["term_accepted"])
        elif kind == "term_accepted":
            t.term_accepted = date.fromisoformat(payload["term_accepted"])
        elif kind == "escalated":
            at = datetime.fromisoformat(payload["at"])
            t.escalated_at = at if t.escalated_at is None else min(t.escalated_at, at)
        elif kind == "defect_flagged":
            t.defects.append(DefectInfo(payload["kind"], payload["ref"], bool(payload.get("published"))))
        elif kind == "finalized":
            finals.append(payload["at"])
    if finals:
        t.finalized_at = min(finals, key=lambda x: datetime.fromisoformat(x))
        if len(set(finals)) > 1:
            problems.append(
                _(
                    "ticket {number} was finalized more than once ({times}); the first, {first}, counts"
                ).format(number=number, times=", ".join(sorted(set(finals))), first=t.finalized_at)
            )
    return t


def billing_type(t: _Ticket, session: dict[str, Any]) -> ConsultancyType:
    original = ConsultancyType(t.created.get("type", session["type"]))
    if t.escalated_at is not None and datetime.fromisoformat(session["start"]) >= t.escalated_at:
        return ConsultancyType.SUPPORT
    return original


def build(
    reader: CentralReader,
    month: str,
    rates: Sequence[Rate],
    policies: Sequence[Policy] = DEFAULT_POLICIES,
    approved: set[tuple[str, str]] | None = None,
) -> Statement:
    """The statement of ``month`` (YYYY-MM).

    ``approved``, when given, is the set of (consultant, day) a lead approved: only
    those sessions count (``tracker bill --approved-only``).
    """
    problems: list[str] = []
    lines: list[Line] = []
    not_billed: list[dict[str, Any]] = []
    for number in sorted(reader.finalized_tickets(month)):
        t = _ticket(reader, number, problems)
        if t.finalized_at is None or t.finalized_at[:7] != month:
            continue
        if not t.created:
            problems.append(
                _("ticket {number} is finalized but its creation never reached the export; left out").format(
                    number=number
                )
            )
            continue
        groups: dict[ConsultancyType, list[dict[str, Any]]] = {}
        for s in reader.sessions_of_ticket(number):
            if approved is not None and (s["consultant"], s["day"]) not in approved:
                continue
            groups.setdefault(billing_type(t, s), []).append(s)
        unit = t.created.get("bill_to_unit") or ""
        for kind, sessions in sorted(groups.items()):
            consultants = tuple(sorted({s["consultant"] for s in sessions}))
            if not kind.billed:
                not_billed.append(
                    {
                        "ticket": number,
                        "type": kind.value,
                        "customer": t.created.get("customer", ""),
                        "consultants": list(consultants),
                        "sessions": len(sessions),
                        "recorded_seconds": sum(s["seconds"] for s in sessions),
                    }
                )
                continue
            a = Atendimento(
                ticket=number,
                type=kind,
                customer=t.created.get("customer", ""),
                bill_to=unit or t.created.get("customer", ""),
                bill_to_kind="unit" if unit else "customer",
                consultants=consultants,
                session_seconds=tuple(int(s["seconds"]) for s in sessions),
                term_accepted=t.term_accepted,
                finalized_on=date.fromisoformat(t.finalized_at[:10]),
                defects=tuple(t.defects),
                accounting={k: t.created.get(k, "") for k in ACCOUNTING if unit},
            )
            lines.append(price(a, rates, policies))
    return Statement(month, lines, totals(lines), not_billed, problems)
