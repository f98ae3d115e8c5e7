"""Issued months: a statement, once issued, never changes; late work is adjusted later.

``tracker bill --month M --issue`` keeps M's statement in the central store (its
lines, adjustments, totals and sha256).  From then on:

- drawing M again reproduces exactly what was issued, and lists apart the *late
  changes*: work that reached the central store afterwards on M's tickets;
- the first open month after M (the next month not issued) carries those changes as
  *adjustment lines*: each atendimento priced again by the same rules, minus what was
  already issued for it (M's line and any adjustment issued since).  25 minutes billed
  in October and 3 late minutes make +3 minutes, +R$ 12,00 at R$ 240/h in November;
- a lead's review flags a session ``late`` when its ticket's month was issued without it.

An issued line that was held (no term, no rate) billed nothing: when it is released
later, the adjustment bills all of it.  A late change that leaves an atendimento held
is listed as a held adjustment, outside the totals, like any held line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.billing import HeldKind, HeldReason, Line, Rate, totals
from tracker.central import Central, IssuedStatement, Record, TicketFacts
from tracker.central.billing_records import issued_statement
from tracker.export import line_dict
from tracker.export.json_out import statement_dict
from tracker.model import ConsultancyType
from tracker.statement import Adjustment, IssuedInfo, Statement, billing_type, build

Key = tuple[str, str]  # (ticket, type)


# ----- months --------------------------------------------------------------------------


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + 1}-01" if mon == 12 else f"{year}-{mon + 1:02d}"


def first_open_after(month: str, issued: Iterable[str]) -> str:
    """The first month after ``month`` not issued: where its late changes are billed."""
    done = set(issued)
    candidate = next_month(month)
    while candidate in done:
        candidate = next_month(candidate)
    return candidate


def adjusted_by(month: str, issued: Iterable[str]) -> list[str]:
    """The issued months whose late changes the open ``month`` bills: the issued run just before it."""
    done = set(issued)
    found = []
    candidate = previous_month(month)
    while candidate in done:
        found.append(candidate)
        candidate = previous_month(candidate)
    return sorted(found)


# ----- lines as the issued record keeps them ------------------------------------------------


def _reason_record(r: HeldReason) -> dict[str, Any]:
    return {
        "kind": r.kind.value,
        "type": None if r.type is None else r.type.value,
        "date": None if r.date is None else r.date.isoformat(),
    }


def _reason(d: Mapping[str, Any]) -> HeldReason:
    return HeldReason(
        HeldKind(d["kind"]),
        None if d.get("type") is None else ConsultancyType(d["type"]),
        None if d.get("date") is None else date.fromisoformat(d["date"]),
    )


def line_record(line: Line) -> dict[str, Any]:
    """A line as the statement JSON shows it, plus its held reasons as data."""
    return {**line_dict(line), "held_reasons": [_reason_record(r) for r in line.held_reasons]}


def line_from_record(d: Mapping[str, Any]) -> Line:
    def money(value: str | None) -> Decimal | None:
        return None if value is None else Decimal(value)

    return Line(
        ticket=d["ticket"],
        type=ConsultancyType(d["type"]),
        customer=d["customer"],
        bill_to=d["bill_to"],
        bill_to_kind=d["bill_to_kind"],
        consultants=tuple(d["consultants"]),
        sessions=int(d["sessions"]),
        recorded_seconds=int(d["recorded_seconds"]),
        billable_minutes=int(d["billable_minutes"]),
        hourly_rate=money(d["hourly_rate"]),
        amount=money(d["amount"]),
        waived=bool(d["waived"]),
        defect_ref=d["defect_ref"],
        held_reasons=tuple(_reason(r) for r in d.get("held_reasons", [])),
        rate_version=d["rate_version"],
        policy_version=d["policy_version"],
        accounting=dict(d.get("accounting", {})),
    )


def adjustment_record(a: Adjustment) -> dict[str, Any]:
    return {**line_record(a.line), "adjusts_month": a.adjusts_month}


def _key(line: Line) -> Key:
    return (line.ticket, line.type.value)


# ----- issuing and drawing again ------------------------------------------------------------


def to_issue(st: Statement, by: str, at: str, approved_only: bool) -> IssuedStatement:
    """What the central store keeps of the open month's statement ``st`` when it is issued."""
    doc = statement_dict(st)
    body = {
        "lines": [line_record(x) for x in st.lines],
        "adjustments": [adjustment_record(a) for a in st.adjustments],
        "totals": doc["totals"],
        "not_billed": doc["not_billed"],
        "basis": st.basis,
        "approved_only": approved_only,
    }
    return issued_statement(st.month, body, by, at)


def reproduce(issued: IssuedStatement) -> Statement:
    """The statement exactly as it was issued."""
    lines = [line_from_record(d) for d in issued.lines]
    adjustments = [Adjustment(line_from_record(d), d["adjusts_month"]) for d in issued.adjustments]
    return Statement(
        issued.month,
        lines,
        totals([*lines, *(a.line for a in adjustments)]),
        [dict(x) for x in issued.not_billed],
        issued=IssuedInfo(issued.issued_by, issued.at, issued.sha256),
        adjustments=adjustments,
        basis=list(issued.basis),
    )


@dataclass
class _SoFar:
    """What the issued statements hold for one atendimento of an issued month."""

    template: Mapping[str, Any]  # the latest issued line or adjustment of it
    sessions: int = 0
    seconds: int = 0
    raw_minutes: int = 0
    raw_amount: Decimal = Decimal("0.00")
    billed_minutes: int = 0  # the part not held: what went into totals
    billed_amount: Decimal = Decimal("0.00")

    def add(self, d: Mapping[str, Any]) -> None:
        self.template = d
        minutes, amount = int(d["billable_minutes"]), Decimal(d["amount"] or "0.00")
        self.sessions += int(d["sessions"])
        self.seconds += int(d["recorded_seconds"])
        self.raw_minutes += minutes
        self.raw_amount += amount
        if not d["held"]:
            self.billed_minutes += minutes
            self.billed_amount += amount


def _so_far(month: str, issued: Mapping[str, IssuedStatement]) -> dict[Key, _SoFar]:
    out: dict[Key, _SoFar] = {}
    items: list[Mapping[str, Any]] = list(issued[month].lines)
    for later in sorted(m for m in issued if m > month):
        items += [d for d in issued[later].adjustments if d["adjusts_month"] == month]
    for d in items:
        out.setdefault((d["ticket"], d["type"]), _SoFar(d)).add(d)
    return out


def _difference(now: Line | None, so: _SoFar | None) -> Line | None:
    """``now`` minus what was issued for it; None when nothing changed.

    A held line is compared with everything issued for it; a line that counts, with
    what was billed (held issues billed nothing).  An atendimento gone since (its
    sessions deleted) is credited back.
    """
    so = so or _SoFar({})
    if now is None:
        was = line_from_record(so.template)
        held = was.held and not so.billed_minutes and not so.billed_amount
        now = was._replace(
            sessions=0,
            recorded_seconds=0,
            billable_minutes=0,
            amount=Decimal("0.00"),
            held_reasons=was.held_reasons if held else (),
        )
    amount: Decimal | None
    if now.held:
        minutes = now.billable_minutes - so.raw_minutes
        amount = None if now.amount is None else now.amount - so.raw_amount
    else:
        minutes = now.billable_minutes - so.billed_minutes
        amount = (now.amount or Decimal("0.00")) - so.billed_amount
    sessions, seconds = now.sessions - so.sessions, now.recorded_seconds - so.seconds
    if not (sessions or seconds or minutes or amount):
        return None
    return now._replace(sessions=sessions, recorded_seconds=seconds, billable_minutes=minutes, amount=amount)


@dataclass
class Drawing:
    """What drawing a month needs: the store, the rates, and the approved days when asked."""

    central: Central
    rates: Sequence[Rate]
    approved: Callable[[], set[tuple[str, str]]]
    approved_only: bool = False

    def build(self, month: str, approved_only: bool) -> Statement:
        return build(self.central, month, self.rates, approved=self.approved() if approved_only else None)

    def issued(self) -> dict[str, IssuedStatement]:
        out: dict[str, IssuedStatement] = {}
        for month in self.central.issued_months():
            found = self.central.issued(month)
            if found is not None:
                out[month] = found
        return out

    def pending(self, month: str, issued: Mapping[str, IssuedStatement]) -> list[Adjustment]:
        """The issued ``month``'s late changes not issued yet, as adjustments."""
        now = {_key(x): x for x in self.build(month, issued[month].approved_only).lines}
        so_far = _so_far(month, issued)
        out = []
        for key in sorted(set(now) | set(so_far)):
            line = _difference(now.get(key), so_far.get(key))
            if line is not None:
                out.append(Adjustment(line, month))
        return out

    def draw(self, month: str) -> Statement:
        """``month``'s statement: as issued, or open with the adjustments it bills."""
        issued = self.issued()
        if month in issued:
            st = reproduce(issued[month])
            st.late_changes = self.pending(month, issued)
            return st
        st = self.build(month, self.approved_only)
        st.adjustments = [a for m in adjusted_by(month, issued) for a in self.pending(m, issued)]
        st.totals = totals([*st.lines, *(a.line for a in st.adjustments)])
        return st


# ----- the lead's review -------------------------------------------------------------------


def late_sessions(
    central: Central, tickets: Mapping[str, TicketFacts], records: Iterable[Record]
) -> set[str]:
    """The uuids of ``records`` that reached the store after their ticket's month was issued without them."""
    bases: dict[str, frozenset[str] | None] = {}
    late = set()
    for r in records:
        t = tickets.get(r["ticket"])
        if t is None or not t.created or not t.finalized:
            continue
        month = min(t.finalized, key=datetime.fromisoformat)[:7]
        if month not in bases:
            found = central.issued(month)
            bases[month] = None if found is None else frozenset(found.basis)
        basis = bases[month]
        if basis is not None and billing_type(t, r).billed and f"{r['uuid']}:{r['revision']}" not in basis:
            late.add(r["uuid"])
    return late
