"""A consultant's week: hours per day by type, sessions per ticket, defects flagged.

The desktop app draws it as a chart and writes it as a PDF; this module only counts.
Amounts per day are an estimate from the rates this home prices with (the central
store's, as the last sync read them, and a billing home's own not synced yet; billing
prices per atendimento when a ticket is finalized); they are None when no rate is known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from tracker.billing import Rate, rate_for, to_cents
from tracker.model import ConsultancyType, Session, Ticket


class WeekSource(Protocol):
    """What a week's report reads: the tracker's rates, day logs and tickets."""

    @property
    def consultant(self) -> str: ...

    def now(self) -> datetime: ...

    def rates(self) -> list[Rate]: ...

    def log(self, day: str | date | None = None, consultant: str | None = None) -> list[Session]: ...

    def ticket(self, number: str) -> Ticket: ...


@dataclass
class DaySummary:
    day: date
    seconds: dict[str, int] = field(default_factory=lambda: {t.value: 0 for t in ConsultancyType})
    amount: Decimal | None = None

    @property
    def total(self) -> int:
        return sum(self.seconds.values())


@dataclass
class TicketSummary:
    number: str
    customer: str
    type: str
    sessions: int = 0
    seconds: int = 0


@dataclass
class WeekReport:
    consultant: str
    start: date
    days: list[DaySummary]
    tickets: list[TicketSummary]
    defects: list[dict[str, str]]

    @property
    def total(self) -> int:
        return sum(d.total for d in self.days)

    @property
    def billable(self) -> int:
        return sum(d.seconds["technical"] + d.seconds["support"] for d in self.days)

    @property
    def amount(self) -> Decimal | None:
        known = [d.amount for d in self.days if d.amount is not None]
        return sum(known, Decimal("0.00")) if known else None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week(app: WeekSource, any_day: date) -> WeekReport:
    start = week_start(any_day)
    rates = app.rates()
    tickets: dict[tuple[str, str], TicketSummary] = {}
    days = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        summary = DaySummary(day)
        billed: dict[tuple[str, str], int] = {}
        for s in app.log(day):
            summary.seconds[s.type.value] += s.seconds
            key = (s.ticket, s.type.value)
            if key not in tickets:
                t = app.ticket(s.ticket)
                tickets[key] = TicketSummary(s.ticket, t.customer, s.type.value)
            tickets[key].sessions += 1
            tickets[key].seconds += s.seconds
            if s.type.billed:
                billed[key] = billed.get(key, 0) + s.seconds
        if rates and billed:
            amount = Decimal("0.00")
            for (number, kind), seconds in billed.items():
                ticket = app.ticket(number)
                rate = rate_for(ConsultancyType(kind), ticket.term_accepted or day, rates)
                if rate is not None:
                    amount += Decimal(math.ceil(seconds / 60)) * rate.hourly / Decimal(60)
            summary.amount = to_cents(amount)
        days.append(summary)
    end = start + timedelta(days=7)
    defects = []
    for number in sorted({n for n, _ in tickets}):
        for d in app.ticket(number).defects:
            local = d.flagged_at.astimezone(app.now().tzinfo).date()
            if start <= local < end:
                defects.append({"ticket": number, "kind": d.kind.value, "ref": d.ref, "note": d.note})
    unique = list({(x["ticket"], x["ref"]): x for x in defects}.values())
    return WeekReport(app.consultant, start, days, sorted(tickets.values(), key=lambda t: -t.seconds), unique)
