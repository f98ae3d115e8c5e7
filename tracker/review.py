"""A team lead's view of a day: every consultant's sessions from the central store, with flags.

Flags come from three places: those the consultant's app stored (sleep gaps, clock
jumps), those computed here over the central store (overlaps, long sessions, across
midnight), and those about tickets and syncing (a billed ticket with no term
acceptance, ticket metadata that disagrees between consultants, a day not synced yet,
a session that arrived after its ticket's month was issued: ``late``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tracker.central import Central, Decision, Defect, Record, TicketFacts
from tracker.flags import session_flags
from tracker.issuing import late_sessions
from tracker.model import ConsultancyType, Session
from tracker.statement import billing_type, first_finalization


@dataclass(frozen=True)
class ReviewedSession:
    """A session record as the lead sees it: its billed type, the customer, every flag."""

    record: Record
    type: ConsultancyType
    customer: str
    flags: tuple[str, ...]
    ticket_differs: tuple[str, ...] = ()  # with ticket_disagrees: the fields consultants recorded otherwise

    def to_json(self) -> dict[str, Any]:
        return {**self.record, "type": self.type.value, "customer": self.customer, "flags": list(self.flags)}


@dataclass(frozen=True)
class ConsultantDay:
    """One consultant's day: totals, sessions, the defects they flagged, day flags, the decision."""

    consultant: str
    recorded_seconds: int
    billable_seconds: int
    standard_seconds: int
    sessions: tuple[ReviewedSession, ...]
    defects: tuple[Defect, ...]
    flags: tuple[str, ...]  # never_synced | not_synced_since_day_end
    last_sync: str | None  # when their latest batch was written, local time
    decision: Decision | None

    def to_json(self) -> dict[str, Any]:
        return {
            "consultant": self.consultant,
            "recorded_seconds": self.recorded_seconds,
            "billable_seconds": self.billable_seconds,
            "standard_seconds": self.standard_seconds,
            "sessions": [s.to_json() for s in self.sessions],
            "defects": [d.to_json() for d in self.defects],
            "flags": list(self.flags),
            "last_sync": self.last_sync,
            "decision": None if self.decision is None else self.decision.to_json(),
        }


@dataclass(frozen=True)
class DayReview:
    """Everything a lead needs to approve or return a day, per consultant."""

    day: str
    consultants: tuple[ConsultantDay, ...]
    problems: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """As ``tracker review --json`` prints it."""
        return {
            "day": self.day,
            "consultants": [c.to_json() for c in self.consultants],
            "problems": list(self.problems),
        }


def _session(rec: Record) -> Session:
    return Session(
        uuid=rec["uuid"],
        ticket=rec["ticket"],
        consultant=rec["consultant"],
        type=ConsultancyType(rec["type"]),
        start=datetime.fromisoformat(rec["start"]),
        end=datetime.fromisoformat(rec["end"]),
        zone=rec.get("zone"),
        note=rec.get("note", ""),
        revision=rec["revision"],
        flags=tuple(rec.get("flags", [])),
    )


@dataclass
class _Day:
    """What every consultant's part of one day's review shares."""

    central: Central
    day: str
    long_seconds: int
    last_sync: dict[str, int]
    decisions: dict[tuple[str, str], Decision]
    disagreeing: set[str]
    tickets: dict[str, TicketFacts]  # every ticket seen so far, in any consultant's day
    problems: list[str]
    now: datetime | None = None

    def learn(self, records: list[Record]) -> None:
        """Fetch the facts of tickets not seen yet, in the order they first appear."""
        new = list(dict.fromkeys(r["ticket"] for r in records if r["ticket"] not in self.tickets))
        found = self.central.tickets(new)
        for number in new:
            self.tickets[number] = found[number]
            first_finalization(found[number], self.problems)


def day_review(
    central: Central,
    day: str,
    consultant: str | None = None,
    long_seconds: int = 10 * 3600,
    now: datetime | None = None,
) -> DayReview:
    """Everything a lead needs to approve or return ``day``, per consultant.

    ``now``: a day that has not ended by then is not flagged as not synced since its end.
    """
    people = [consultant] if consultant else central.consultants()
    shared = _Day(
        central,
        day,
        long_seconds,
        central.last_batch_ts(),
        central.decisions(day),
        central.disagreeing_tickets(),
        {},
        [],
        now,
    )
    days = tuple(_consultant_day(shared, who) for who in people)
    return DayReview(day, days, tuple(shared.problems))


def _consultant_day(shared: _Day, who: str) -> ConsultantDay:
    day, central = shared.day, shared.central
    the_day = date.fromisoformat(day)
    records = central.sessions_of_day(day, who)
    around = central.sessions_between(
        (the_day - timedelta(days=1)).isoformat(), (the_day + timedelta(days=1)).isoformat(), who
    )
    flags = session_flags([_session(r) for r in records], [_session(r) for r in around], shared.long_seconds)
    shared.learn(records)
    late = late_sessions(central, shared.tickets, records)
    rows = tuple(
        _reviewed(r, shared.tickets[r["ticket"]], flags[r["uuid"]], shared.disagreeing, r["uuid"] in late)
        for r in records
    )
    billable = sum(int(r.record["seconds"]) for r in rows if r.type.billed)
    standard = sum(int(r.record["seconds"]) for r in rows if not r.type.billed)
    synced_at = shared.last_sync.get(who)
    defects = tuple(
        d
        for number in sorted(shared.tickets)
        for d in shared.tickets[number].defects
        if d.consultant == who and d.at[:10] == day
    )
    return ConsultantDay(
        consultant=who,
        recorded_seconds=billable + standard,
        billable_seconds=billable,
        standard_seconds=standard,
        sessions=rows,
        defects=defects,
        flags=_day_flags(day, records, synced_at, shared.now),
        last_sync=None if synced_at is None else datetime.fromtimestamp(synced_at).astimezone().isoformat(),
        decision=shared.decisions.get((who, day)),
    )


def _reviewed(
    rec: Record, t: TicketFacts, computed: tuple[str, ...], disagreeing: set[str], late: bool = False
) -> ReviewedSession:
    kind = billing_type(t, rec) if t.created else ConsultancyType(rec["type"])
    row_flags = list(computed)
    if "conflict" in rec.get("flags", []):
        row_flags.append("conflict")
    if kind.billed and t.term_accepted is None:
        row_flags.append("no_term")
    if rec["ticket"] in disagreeing:
        row_flags.append("ticket_disagrees")
    if late:  # its ticket's month was issued without it (tracker.issuing)
        row_flags.append("late")
    differs = t.disagreements if rec["ticket"] in disagreeing else ()
    return ReviewedSession(rec, kind, t.created.get("customer", ""), tuple(dict.fromkeys(row_flags)), differs)


def _day_flags(
    day: str, records: list[Record], synced_at: int | None, now: datetime | None = None
) -> tuple[str, ...]:
    """Whether the consultant's last batch could hold the whole day (a day not over yet cannot)."""
    end_of_day = datetime.fromisoformat(f"{day}T23:59:59").astimezone()
    if records:
        end_of_day = datetime.fromisoformat(records[0]["start"]).replace(hour=23, minute=59, second=59)
    if synced_at is None:
        return ("never_synced",)
    if now is not None and now.timestamp() <= end_of_day.timestamp():
        return ()
    if synced_at < int(end_of_day.timestamp()):
        return ("not_synced_since_day_end",)
    return ()
