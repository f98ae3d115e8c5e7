"""The tickets, their defects and their events: the statements and the row mapping."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from tracker.model import ConsultancyType, Defect, DefectKind, Ticket
from tracker.store.db import Store

TICKET_COLUMNS = (
    "number, customer, product, type, original_type, scope, term_accepted, term_ref, "
    "bill_to_unit, authorization, cost_center, value_class, accounting_item, escalated_ts, "
    "escalation_checklist, finalized_ts, finalized_offset, created_ts"
)


def utc(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def _checklist(stored: str) -> tuple[str, ...]:
    """The escalation checklist, a JSON list (empty on every ticket never escalated)."""
    if stored in ("", "[]"):
        return ()
    import json  # a ticket that was escalated

    return tuple(json.loads(stored))


def ticket_from_row(row: sqlite3.Row, defects: tuple[Defect, ...] = ()) -> Ticket:
    finalized = None
    if row["finalized_ts"] is not None:
        tz = timezone(timedelta(seconds=row["finalized_offset"] or 0))
        finalized = datetime.fromtimestamp(row["finalized_ts"], tz)
    return Ticket(
        number=row["number"],
        customer=row["customer"],
        type=ConsultancyType(row["type"]),
        original_type=ConsultancyType(row["original_type"]),
        product=row["product"],
        scope=row["scope"],
        term_accepted=date.fromisoformat(row["term_accepted"]) if row["term_accepted"] else None,
        term_ref=row["term_ref"],
        bill_to_unit=row["bill_to_unit"],
        authorization=row["authorization"],
        cost_center=row["cost_center"],
        value_class=row["value_class"],
        accounting_item=row["accounting_item"],
        escalated_at=utc(row["escalated_ts"]),
        escalation_checklist=_checklist(row["escalation_checklist"]),
        finalized_at=finalized,
        created_at=utc(row["created_ts"]),
        defects=defects,
    )


def defect_from_row(row: sqlite3.Row) -> Defect:
    return Defect(
        uuid=row["uuid"],
        ticket=row["ticket"],
        kind=DefectKind(row["kind"]),
        ref=row["ref"],
        published=bool(row["published"]),
        note=row["note"],
        flagged_at=datetime.fromtimestamp(row["flagged_ts"], UTC),
        consultant=row["consultant"],
    )


def get_ticket(store: Store, number: str) -> Ticket | None:
    row = store.one(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE number = ?", (number,))
    if row is None:
        return None
    defects = tuple(
        defect_from_row(r)
        for r in store.all("SELECT * FROM defects WHERE ticket = ? ORDER BY flagged_ts, uuid", (number,))
    )
    return ticket_from_row(row, defects)


def list_tickets(store: Store, open_only: bool) -> list[Ticket]:
    where = "WHERE finalized_ts IS NULL" if open_only else ""
    rows = store.all(f"SELECT {TICKET_COLUMNS} FROM tickets {where} ORDER BY created_ts DESC, number")
    return [ticket_from_row(r) for r in rows]


def recently_worked_open_tickets(store: Store, consultant: str, limit: int, scan: int = 5000) -> list[str]:
    """Open tickets by the consultant's latest session on them, newest first.

    It walks the ``sessions_day`` index backwards and stops at ``limit`` tickets, or
    after ``scan`` sessions, so a history of a million sessions costs the same as a week.
    """
    cursor = store.conn.execute(
        "SELECT s.ticket FROM sessions AS s JOIN tickets AS t ON t.number = s.ticket "
        "WHERE s.consultant = ? AND s.deleted = 0 AND t.finalized_ts IS NULL "
        "ORDER BY s.local_day DESC, s.start_ts DESC LIMIT ?",
        (consultant, scan),
    )
    found: dict[str, None] = {}
    try:
        for row in cursor:
            found[row[0]] = None
            if len(found) >= limit:
                break
    finally:
        cursor.close()
    return list(found)


def newest_open_tickets(store: Store, limit: int) -> list[str]:
    rows = store.all(
        "SELECT number FROM tickets WHERE finalized_ts IS NULL ORDER BY created_ts DESC, number LIMIT ?",
        (limit,),
    )
    return [r["number"] for r in rows]


def tickets_by_number(store: Store, numbers: list[str]) -> list[Ticket]:
    """The tickets (without their defects), in the order of ``numbers``."""
    if not numbers:
        return []
    marks = ",".join("?" * len(numbers))
    rows = store.all(f"SELECT {TICKET_COLUMNS} FROM tickets WHERE number IN ({marks})", numbers)
    by_number = {r["number"]: ticket_from_row(r) for r in rows}
    return [by_number[n] for n in numbers if n in by_number]


def insert_ticket(db: Any, fields: dict[str, Any], created_ts: int, created_by: str) -> None:
    row = dict(fields, created_ts=created_ts, created_by=created_by)
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO tickets ({names}) VALUES ({marks})", list(row.values()))


def update_ticket(db: Any, number: str, **changes: Any) -> None:
    sets = ", ".join(f"{name} = ?" for name in changes)
    db.execute(f"UPDATE tickets SET {sets} WHERE number = ?", [*changes.values(), number])


def insert_defect(db: Any, defect: Defect) -> None:
    db.execute(
        "INSERT INTO defects (uuid, ticket, kind, ref, published, note, flagged_ts, consultant) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            defect.uuid,
            defect.ticket,
            defect.kind.value,
            defect.ref,
            int(defect.published),
            defect.note,
            int(defect.flagged_at.timestamp()),
            defect.consultant,
        ],
    )


def insert_event(db: Any, **event: Any) -> None:
    names = ", ".join(event)
    marks = ", ".join("?" for _ in event)
    db.execute(
        f"INSERT INTO ticket_events ({names}, seq) "
        f"VALUES ({marks}, (SELECT coalesce(max(seq), 0) + 1 FROM ticket_events))",
        list(event.values()),
    )


def events_of_ticket(store: Store, number: str) -> list[dict[str, Any]]:
    import json  # the events' payloads; only a ticket's history reads them

    rows = store.all(
        "SELECT uuid, kind, payload, consultant, at_ts, utc_offset, synced FROM ticket_events "
        "WHERE ticket = ? ORDER BY seq",
        (number,),
    )
    out = []
    for r in rows:
        tz = timezone(timedelta(seconds=r["utc_offset"]))
        out.append(
            {
                "uuid": r["uuid"],
                "kind": r["kind"],
                "payload": json.loads(r["payload"]),
                "consultant": r["consultant"],
                "at": datetime.fromtimestamp(r["at_ts"], tz),
                "synced": bool(r["synced"]),
            }
        )
    return out
