"""The monthly statement: atendimentos built from the central store, priced by billing.py.

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
    HeldKind,
    HeldReason,
    Line,
    PartyTotal,
    Policy,
    Rate,
    price,
    totals,
)
from tracker.central import Central, Record, TicketFacts
from tracker.i18n import _
from tracker.model import ConsultancyType

ACCOUNTING = ("authorization", "cost_center", "value_class", "accounting_item")


@dataclass(frozen=True)
class Adjustment:
    """Late work on an atendimento of an issued month, billed in a later open month.

    ``line`` holds the differences: what the atendimento comes to now, priced by the
    same rules, minus what was already issued for it (it may be negative).
    """

    line: Line
    adjusts_month: str


@dataclass(frozen=True)
class IssuedInfo:
    """Who issued a month's statement, when, and the sha256 of what was issued."""

    by: str
    at: str
    sha256: str


@dataclass
class Statement:
    month: str
    lines: list[Line]
    totals: list[PartyTotal]
    not_billed: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Issued months (tracker.issuing): the issue, the adjustments this month bills for
    # earlier issued months, and, for an issued month, the late changes not billed yet.
    issued: IssuedInfo | None = None
    adjustments: list[Adjustment] = field(default_factory=list)
    late_changes: list[Adjustment] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)  # "uuid:revision" of the sessions the lines count


def first_finalization(t: TicketFacts, problems: list[str]) -> str | None:
    """The finalization that counts: the first; a ticket finalized more than once is a problem."""
    if not t.finalized:
        return None
    first = min(t.finalized, key=datetime.fromisoformat)
    if len(set(t.finalized)) > 1:
        problems.append(
            _("ticket {number} was finalized more than once ({times}); the first, {first}, counts").format(
                number=t.number, times=", ".join(sorted(set(t.finalized))), first=first
            )
        )
    return first


def billing_type(t: TicketFacts, session: Record) -> ConsultancyType:
    original = ConsultancyType(t.created["type"] if "type" in t.created else session["type"])
    if t.escalated_at is not None and datetime.fromisoformat(session["start"]) >= t.escalated_at:
        return ConsultancyType.SUPPORT
    return original


def build(
    central: Central,
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
    basis: list[str] = []
    for ticket in central.finalized_tickets(month):
        t = ticket.facts
        finalized_at = first_finalization(t, problems)
        if finalized_at is None or finalized_at[:7] != month:
            continue
        if not t.created:
            problems.append(
                _("ticket {number} is finalized but its creation never reached the export; left out").format(
                    number=t.number
                )
            )
            continue
        groups: dict[ConsultancyType, list[Record]] = {}
        for s in ticket.sessions:
            if approved is not None and (s["consultant"], s["day"]) not in approved:
                continue
            groups.setdefault(billing_type(t, s), []).append(s)
        for kind, sessions in sorted(groups.items()):
            if kind.billed:
                a = _atendimento(t, kind, sessions, date.fromisoformat(finalized_at[:10]))
                lines.append(price(a, rates, policies))
                basis.extend(f"{s['uuid']}:{s['revision']}" for s in sessions)
            else:
                not_billed.append(_not_billed(t, kind, sessions))
    return Statement(month, lines, totals(lines), not_billed, problems, basis=sorted(basis))


def disputes(t: TicketFacts, sessions: Sequence[Record]) -> tuple[HeldReason, ...]:
    """What the central store could not settle about these sessions and their ticket: their money is held.

    Two versions of a session or ticket event (flagged ``conflict`` by the reader), or
    consultants whose tickets disagree on who pays or how (customer, type, unit,
    accounting): never priced from whichever was read first.
    """
    out = []
    disputed = tuple(s["uuid"] for s in sessions if "conflict" in s.get("flags", ()))
    if disputed or t.conflicted:
        out.append(HeldReason(HeldKind.CONFLICT, who=disputed))
    if t.disagreements:
        out.append(HeldReason(HeldKind.DISAGREEMENT, fields=t.disagreements, who=t.disagreeing))
    return tuple(out)


def _atendimento(
    t: TicketFacts, kind: ConsultancyType, sessions: list[Record], finalized_on: date
) -> Atendimento:
    unit = t.created.get("bill_to_unit") or ""
    return Atendimento(
        ticket=t.number,
        type=kind,
        customer=t.created.get("customer", ""),
        bill_to=unit or t.created.get("customer", ""),
        bill_to_kind="unit" if unit else "customer",
        consultants=tuple(sorted({s["consultant"] for s in sessions})),
        session_seconds=tuple(int(s["seconds"]) for s in sessions),
        term_accepted=t.term_accepted,
        finalized_on=finalized_on,
        defects=tuple(DefectInfo(d.kind, d.ref, d.published) for d in t.defects),
        accounting={k: t.created.get(k, "") for k in ACCOUNTING if unit},
        disputes=disputes(t, sessions),
    )


def _not_billed(t: TicketFacts, kind: ConsultancyType, sessions: list[Record]) -> dict[str, Any]:
    return {
        "ticket": t.number,
        "type": kind.value,
        "customer": t.created.get("customer", ""),
        "consultants": sorted({s["consultant"] for s in sessions}),
        "sessions": len(sessions),
        "recorded_seconds": sum(s["seconds"] for s in sessions),
    }
