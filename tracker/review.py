"""A team lead's view of a day: every consultant's sessions from the export, with flags.

Flags come from three places: those the consultant's app stored (sleep gaps, clock
jumps), those computed here over the export (overlaps, long sessions, across
midnight), and those about tickets and syncing (a billed ticket with no term
acceptance, ticket metadata that disagrees between consultants, a day not synced yet).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tracker.flags import session_flags
from tracker.model import ConsultancyType, Session
from tracker.statement import _ticket, billing_type
from tracker.sync.reader import CentralReader


def _session(rec: dict[str, Any]) -> Session:
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


def day_review(
    reader: CentralReader, day: str, consultant: str | None = None, long_seconds: int = 10 * 3600
) -> dict[str, Any]:
    """Everything a lead needs to approve or return ``day``, per consultant."""
    the_day = date.fromisoformat(day)
    neighbours_days = [(the_day + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
    people = [consultant] if consultant else reader.consultants()
    last_sync = reader.last_batch_ts()
    decisions = reader.decisions(day)
    disagreeing = reader.disagreeing_tickets()
    tickets: dict[str, Any] = {}
    problems: list[str] = []
    out = []
    for who in people:
        records = reader.sessions_of_day(day, who)
        around = [r for d in neighbours_days for r in reader.sessions_of_day(d, who)]
        sessions = [_session(r) for r in records]
        flags = session_flags(sessions, [_session(r) for r in around], long_seconds)
        recorded = billable = standard = 0
        rows = []
        for rec in records:
            number = rec["ticket"]
            if number not in tickets:
                tickets[number] = _ticket(reader, number, problems)
            t = tickets[number]
            kind = billing_type(t, rec) if t.created else ConsultancyType(rec["type"])
            row_flags = list(flags[rec["uuid"]])
            if "conflict" in rec.get("flags", []):
                row_flags.append("conflict")
            if kind.billed and t.term_accepted is None:
                row_flags.append("no_term")
            if number in disagreeing:
                row_flags.append("ticket_disagrees")
            seconds = int(rec["seconds"])
            recorded += seconds
            if kind.billed:
                billable += seconds
            else:
                standard += seconds
            rows.append(
                {
                    **rec,
                    "type": kind.value,
                    "customer": t.created.get("customer", ""),
                    "flags": list(dict.fromkeys(row_flags)),
                }
            )
        day_flags = []
        end_of_day = datetime.fromisoformat(f"{day}T23:59:59").astimezone()
        if records:
            end_of_day = datetime.fromisoformat(records[0]["start"]).replace(hour=23, minute=59, second=59)
        synced_at = last_sync.get(who)
        if synced_at is None:
            day_flags.append("never_synced")
        elif synced_at < int(end_of_day.timestamp()):
            day_flags.append("not_synced_since_day_end")
        defects = [
            {
                "ticket": e["ticket"],
                "kind": e["payload"]["kind"],
                "ref": e["payload"]["ref"],
                "published": e["payload"].get("published", False),
                "at": e["at"],
            }
            for number in sorted(tickets)
            for e in reader.events_of_ticket(number)
            if e["event"] == "defect_flagged" and e["consultant"] == who and e["at"][:10] == day
        ]
        out.append(
            {
                "consultant": who,
                "recorded_seconds": recorded,
                "billable_seconds": billable,
                "standard_seconds": standard,
                "sessions": rows,
                "defects": defects,
                "flags": day_flags,
                "last_sync": None
                if synced_at is None
                else datetime.fromtimestamp(synced_at).astimezone().isoformat(),
                "decision": decisions.get((who, day)),
            }
        )
    return {"day": day, "consultants": out, "problems": problems}
