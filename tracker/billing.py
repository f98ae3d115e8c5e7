"""Pricing an atendimento: pure functions over data, no I/O.

The service's rules are data, not branches: a versioned :class:`Policy` per type says
whether it is billed, the minimum minutes, the rounding unit and whether a defect
waives it.  Rounding is a strategy applied once per atendimento (all sessions of one
ticket and one billed type, across every consultant), and money is Decimal, rounded
half-up to centavos once, at the end.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import NamedTuple

from tracker.model import ConsultancyType

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Policy(NamedTuple):
    """The rules for one type, in force from ``effective_from``."""

    version: str
    type: ConsultancyType
    effective_from: date
    billed: bool
    minimum_minutes: int
    rounding_unit_seconds: int
    waive_on_defect: bool
    name: str = ""

    def billable_minutes(self, recorded_seconds: int) -> int:
        """Rounded up to the unit once, then the minimum applied when any time was recorded."""
        if recorded_seconds <= 0 or not self.billed:
            return 0
        units = math.ceil(recorded_seconds / self.rounding_unit_seconds)
        minutes = math.ceil(units * self.rounding_unit_seconds / 60)
        return max(minutes, self.minimum_minutes)


# The published rules (PRODUCT.md).  A later change by the vendor is a new version
# with a later effective_from; old versions stay, so past statements price the same.
DEFAULT_POLICIES: tuple[Policy, ...] = (
    Policy(
        "technical-1", ConsultancyType.TECHNICAL, date(2000, 1, 1), True, 10, 60, False, "Consultoria Técnica"
    ),
    Policy(
        "support-1", ConsultancyType.SUPPORT, date(2000, 1, 1), True, 0, 60, True, "Consultoria de Suporte"
    ),
    Policy("standard-1", ConsultancyType.STANDARD, date(2000, 1, 1), False, 0, 60, False, "Suporte Padrão"),
)


def policy_for(kind: ConsultancyType, on: date, policies: Iterable[Policy] = DEFAULT_POLICIES) -> Policy:
    candidates = [p for p in policies if p.type is kind and p.effective_from <= on]
    if not candidates:
        raise LookupError(f"no {kind.value} policy in force on {on.isoformat()}")
    return max(candidates, key=lambda p: p.effective_from)


class Rate(NamedTuple):
    """An hourly rate version.  Adjustments add versions; none is ever rewritten."""

    type: ConsultancyType
    version: int
    hourly: Decimal
    effective_from: date
    index_name: str = ""
    percent: Decimal | None = None
    created_by: str = ""
    created_at: str = ""
    uuid: str = ""  # the version's stable id, in the home's database and the central store

    @property
    def label(self) -> str:
        return f"{self.type.value}-v{self.version} ({self.effective_from.isoformat()})"


_RATE_LABEL = re.compile(r"^\w+-v(\d+) \((\d{4}-\d{2}-\d{2})\)$")
_POLICY_ID = re.compile(r"^\w+-(\d+)$")


def rate_label_parts(label: str) -> tuple[str, date] | None:
    """:attr:`Rate.label` read back: "technical-v2 (2026-01-01)" is ("2", 2026-01-01); None for other text."""
    found = _RATE_LABEL.match(label or "")
    return (found[1], date.fromisoformat(found[2])) if found else None


def policy_number(version: str) -> str | None:
    """A billing rules version's number: "technical-1" is "1"; None for other text."""
    found = _POLICY_ID.match(version or "")
    return found[1] if found else None


def rate_order(r: Rate) -> tuple[str, str, int, str, str]:
    """The one order every home lists rate versions in: of two alike, the one made first counts.

    (:func:`tracker.billing.rate_for` takes the first of versions that tie.)
    """
    return (r.type.value, r.effective_from.isoformat(), r.version, r.created_at, r.uuid)


def rate_for(kind: ConsultancyType, on: date, rates: Iterable[Rate]) -> Rate | None:
    """The rate version in force on ``on``: the latest that started on or before it."""
    candidates = [r for r in rates if r.type is kind and r.effective_from <= on]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (r.effective_from, r.version))


def adjusted(previous: Decimal, percent: Decimal) -> Decimal:
    """previous × (1 + percent/100), rounded half-up to centavos."""
    return to_cents(previous * (Decimal(1) + percent / Decimal(100)))


class DefectInfo(NamedTuple):
    kind: str  # product | documentation
    ref: str
    published: bool


class Atendimento(NamedTuple):
    """All sessions of one ticket with one billed type, across every consultant."""

    ticket: str
    type: ConsultancyType
    customer: str
    bill_to: str
    bill_to_kind: str
    consultants: tuple[str, ...]
    session_seconds: tuple[int, ...]
    term_accepted: date | None
    finalized_on: date
    defects: tuple[DefectInfo, ...] = ()
    accounting: dict[str, str] = {}  # noqa: RUF012 - never changed: a record
    disputes: tuple[HeldReason, ...] = ()  # what the central store could not settle: held, never chosen

    @property
    def recorded_seconds(self) -> int:
        return sum(self.session_seconds)


class HeldKind(Enum):
    NO_TERM = "no_term"  # the customer's term acceptance was never recorded
    NO_RATE = "no_rate"  # no rate of the line's type in force on its pricing date
    CONFLICT = "conflict"  # a session or ticket event of the line arrived with two contents
    DISAGREEMENT = (
        "disagreement"  # consultants recorded the ticket's customer, type, unit or accounting apart
    )


class HeldReason(NamedTuple):
    """Why a line is held back from the totals; each front end words it in its own language."""

    kind: HeldKind
    type: ConsultancyType | None = None  # NO_RATE: the type without a rate
    date: date | None = None  # NO_RATE: the pricing date
    fields: tuple[str, ...] = ()  # DISAGREEMENT: the ticket's fields that differ
    who: tuple[str, ...] = ()  # DISAGREEMENT: the consultants; CONFLICT: the records

    @property
    def text(self) -> str:
        """In English, as the statement's JSON carries it: what is missing, never how to
        fix it (the statement may reach the customer; the command line tells billing)."""
        if self.kind is HeldKind.NO_TERM:
            return "no term acceptance recorded"
        if self.kind is HeldKind.CONFLICT:
            which = f" ({', '.join(self.who)})" if self.who else ""
            return (
                f"the central export holds two versions of a record of this line{which}; "
                "settle it before billing (the central log lists the conflicts)"
            )
        if self.kind is HeldKind.DISAGREEMENT:
            return (
                f"consultants recorded the ticket differently ({', '.join(self.fields)}: "
                f"{', '.join(self.who)}); settle it before billing"
            )
        kind = self.type.value if self.type else "?"
        on = self.date.isoformat() if self.date else "?"
        return f"no {kind} rate in force on {on}"


class Line(NamedTuple):
    ticket: str
    type: ConsultancyType
    customer: str
    bill_to: str
    bill_to_kind: str
    consultants: tuple[str, ...]
    sessions: int
    recorded_seconds: int
    billable_minutes: int
    hourly_rate: Decimal | None
    amount: Decimal | None
    waived: bool
    defect_ref: str
    held_reasons: tuple[HeldReason, ...]  # empty: the line counts in the totals
    rate_version: str
    policy_version: str
    accounting: dict[str, str] = {}  # noqa: RUF012 - never changed: a record

    @property
    def held(self) -> bool:
        return bool(self.held_reasons)

    @property
    def held_reason(self) -> str:
        """Every reason in English, joined with "; " (the statement JSON's ``held_reason``)."""
        return "; ".join(r.text for r in self.held_reasons)


def waiving_defects(policy: Policy, defects: Sequence[DefectInfo]) -> list[DefectInfo]:
    """Defects that waive this atendimento: new product or documentation defects, if the policy waives."""
    if not policy.waive_on_defect:
        return []
    return [d for d in defects if d.kind in ("product", "documentation") and not d.published]


def price(a: Atendimento, rates: Sequence[Rate], policies: Iterable[Policy] = DEFAULT_POLICIES) -> Line:
    """One billing line.  A held line keeps its computed amount but is left out of totals."""
    pricing_date = a.term_accepted or a.finalized_on
    policy = policy_for(a.type, pricing_date, policies)
    minutes = policy.billable_minutes(a.recorded_seconds)
    rate = rate_for(a.type, pricing_date, rates)
    waivers = waiving_defects(policy, a.defects)
    held_reasons: list[HeldReason] = list(a.disputes)
    if a.term_accepted is None:
        held_reasons.append(HeldReason(HeldKind.NO_TERM))
    if rate is None:
        held_reasons.append(HeldReason(HeldKind.NO_RATE, a.type, pricing_date))
    amount: Decimal | None = None
    if rate is not None:
        amount = Decimal("0.00") if waivers else to_cents(Decimal(minutes) * rate.hourly / Decimal(60))
    refs = waivers or list(a.defects)
    return Line(
        ticket=a.ticket,
        type=a.type,
        customer=a.customer,
        bill_to=a.bill_to,
        bill_to_kind=a.bill_to_kind,
        consultants=a.consultants,
        sessions=len(a.session_seconds),
        recorded_seconds=a.recorded_seconds,
        billable_minutes=minutes,
        hourly_rate=rate.hourly if rate else None,
        amount=amount,
        waived=bool(waivers),
        defect_ref="; ".join(d.ref for d in refs),
        held_reasons=tuple(held_reasons),
        rate_version=rate.label if rate else "",
        policy_version=policy.version,
        accounting=a.accounting,
    )


class PartyTotal(NamedTuple):
    bill_to: str
    bill_to_kind: str
    lines: int
    billable_minutes: int
    amount: Decimal


def totals(lines: Sequence[Line]) -> list[PartyTotal]:
    """Totals per party billed, over the lines that are not held."""
    parties: dict[tuple[str, str], list[Line]] = {}
    for line in lines:
        if not line.held:
            parties.setdefault((line.bill_to_kind, line.bill_to), []).append(line)
    return [
        PartyTotal(
            bill_to=bill_to,
            bill_to_kind=kind,
            lines=len(group),
            billable_minutes=sum(x.billable_minutes for x in group),
            amount=sum((x.amount or Decimal(0) for x in group), Decimal("0.00")),
        )
        for (kind, bill_to), group in sorted(parties.items())
    ]
