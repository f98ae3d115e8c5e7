"""A consultant's totals: the week the desktop app draws, and any span of days by group.

The desktop app draws the week as a chart and writes it as a PDF; ``tracker report``
prints a span's totals per day, ticket, type or customer.  This module only counts.
Amounts are an estimate from the rates this home knows (billing prices per atendimento
when a ticket is finalized); they are None when no rate is known.
"""

import math
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple, Protocol, TypeAlias

from tracker.billing import Rate, policy_for, rate_for, to_cents
from tracker.context import Context
from tracker.errors import BadInput
from tracker.i18n import _
from tracker.model import ConsultancyType, Session, Ticket
from tracker.store import sessions as rows
from tracker.validate import clean_day


class WeekSource(Protocol):
    """What a week's report reads: the tracker's rates, day logs and tickets."""

    @property
    def consultant(self) -> str: ...

    def now(self) -> datetime: ...

    def rates(self) -> list[Rate]: ...

    def log(self, day: str | date | None = None, consultant: str | None = None) -> list[Session]: ...

    def ticket(self, number: str) -> Ticket: ...


class DaySummary:
    """One day of the week: seconds per type, and the estimate when a rate is known."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.seconds: dict[str, int] = {t.value: 0 for t in ConsultancyType}
        self.amount: Decimal | None = None

    @property
    def total(self) -> int:
        return sum(self.seconds.values())


class TicketSummary:
    """One ticket and type of the week: its sessions and seconds, counted as they are read."""

    def __init__(self, number: str, customer: str, type: str) -> None:
        self.number = number
        self.customer = customer
        self.type = type
        self.sessions = 0
        self.seconds = 0


class WeekReport(NamedTuple):
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
    for number in sorted({n for n, _kind in tickets}):
        for d in app.ticket(number).defects:
            local = d.flagged_at.astimezone(app.now().tzinfo).date()
            if start <= local < end:
                defects.append({"ticket": number, "kind": d.kind.value, "ref": d.ref, "note": d.note})
    unique = list({(x["ticket"], x["ref"]): x for x in defects}.values())
    return WeekReport(app.consultant, start, days, sorted(tickets.values(), key=lambda t: -t.seconds), unique)


# ----- a span of days, by group: ``tracker report`` ----------------------------------

GROUPINGS = ("day", "ticket", "type", "customer")
TYPE_ORDER = {t.value: n for n, t in enumerate(ConsultancyType)}
Missing: TypeAlias = set[tuple[ConsultancyType, date]]  # billed types with no rate on a pricing day


class Totals:
    """One group's time and its estimated amount, added up as the sessions are read."""

    def __init__(self, key: str, customer: str = "") -> None:
        self.key = key  # the day, ticket number, type or customer
        self.customer = customer  # a ticket's customer (grouped by ticket)
        self.sessions = 0
        self.recorded_seconds = 0
        self.billable_seconds = 0  # recorded in billed types (technical, support)
        self.standard_seconds = 0
        self.billable_minutes = 0  # after the minimum and the rounding, once per atendimento
        self.priced = Decimal("0.00")  # the amount of the minutes with a known rate
        self.unpriced_minutes = 0  # billable minutes with no rate known

    @property
    def amount(self) -> Decimal | None:
        """The estimate; None when billable minutes were left and none had a rate."""
        if self.billable_minutes and self.unpriced_minutes == self.billable_minutes:
            return None
        return self.priced

    def add(self, other: "Totals") -> None:
        self.sessions += other.sessions
        self.recorded_seconds += other.recorded_seconds
        self.billable_seconds += other.billable_seconds
        self.standard_seconds += other.standard_seconds
        self.billable_minutes += other.billable_minutes
        self.priced += other.priced
        self.unpriced_minutes += other.unpriced_minutes


class SpanReport(NamedTuple):
    consultant: str
    first: date
    last: date
    by: str
    groups: list[Totals]
    total: Totals
    missing_rates: list[tuple[ConsultancyType, date]]  # a billed type with no rate on a pricing day


def span_of(first: str | date | None, last: str | date | None, today: date) -> tuple[date, date]:
    """``tracker report``'s days: this week by default; from ``first`` on, until today."""
    if first is None and last is None:
        start = week_start(today)
        return start, start + timedelta(days=6)
    end = clean_day(last, today, "to")
    start = clean_day(first, today, "from") if first is not None else week_start(end)
    if end < start:
        raise BadInput(
            "to",
            _("{last} is before the first day {first}").format(last=end.isoformat(), first=start.isoformat()),
        )
    return start, end


def span_report(
    ctx: Context,
    rates: list[Rate],
    first: str | date | None = None,
    last: str | date | None = None,
    by: str = "day",
) -> SpanReport:
    """The consultant's totals over ``first`` to ``last`` (see :func:`span_of`), grouped ``by``.

    Billable minutes follow billing's rules once per atendimento (ticket and type) over
    the span; grouped by day, each day holds what it adds to its atendimento's minutes.
    An atendimento is priced on its term's date, else its finalization's, else the last
    day worked; a waiving defect makes it worth nothing, as on the statement.
    """
    start, end = span_of(first, last, ctx.today())
    if by not in GROUPINGS:
        raise BadInput(
            "by", _("'{value}' is not one of {options}").format(value=by, options=", ".join(GROUPINGS))
        )
    found = rows.span_totals(ctx.store, ctx.consultant, start.isoformat(), end.isoformat())
    groups: dict[str, Totals] = {}
    missing: Missing = set()
    atendimentos: dict[tuple[str, str], list[Any]] = {}
    for row in found:
        atendimentos.setdefault((row["ticket"], row["type"]), []).append(row)
    for days in atendimentos.values():
        _count(days, by, rates, groups, missing)
    ordered = sorted(groups.values(), key=_order(by))
    total = Totals("total")
    for group in ordered:
        total.add(group)
    return SpanReport(ctx.consultant, start, end, by, ordered, total, sorted(missing))


def _key(row: Any, by: str) -> str:
    return str(row[{"day": "day", "ticket": "ticket", "type": "type", "customer": "customer"}[by]])


def _order(by: str) -> Callable[[Totals], Any]:
    if by == "day":
        return lambda t: t.key
    if by == "type":
        return lambda t: TYPE_ORDER.get(t.key, 9)
    return lambda t: (-t.recorded_seconds, t.key)


def _count(
    days: list[Any],
    by: str,
    rates: list[Rate],
    groups: dict[str, Totals],
    missing: set[tuple[ConsultancyType, date]],
) -> None:
    """One atendimento's days (in order) into their groups."""
    first = days[0]
    kind = ConsultancyType(first["type"])
    pricing = date.fromisoformat(first["term_accepted"] or first["finalized_on"] or days[-1]["day"])
    policy = policy_for(kind, pricing)
    rate = rate_for(kind, pricing, rates) if policy.billed else None
    waived = policy.waive_on_defect and bool(first["defect"])
    shares: list[tuple[str, int]] = []
    seconds = minutes = 0
    for row in days:
        group = groups.setdefault(
            _key(row, by), Totals(_key(row, by), first["customer"] if by == "ticket" else "")
        )
        group.sessions += row["sessions"]
        group.recorded_seconds += row["seconds"]
        if kind.billed:
            group.billable_seconds += row["seconds"]
        else:
            group.standard_seconds += row["seconds"]
        seconds += row["seconds"]
        through = policy.billable_minutes(seconds)
        shares.append((group.key, through - minutes))
        minutes = through
    if by != "day":  # the atendimento is in one group: priced once, as billing does
        shares = [(shares[0][0], minutes)]
    for key, share in shares:
        if not share:
            continue
        group = groups[key]
        group.billable_minutes += share
        if rate is None:
            group.unpriced_minutes += share
            missing.add((kind, pricing))
        elif not waived:
            group.priced += to_cents(Decimal(share) * rate.hourly / Decimal(60))
