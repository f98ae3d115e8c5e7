"""Every SQL statement of the app, with the mapping between rows and model objects."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from tracker.model import (
    ConsultancyType,
    Defect,
    DefectKind,
    RunningTimer,
    Session,
    Ticket,
    from_ts,
    zone_of,
)
from tracker.store.db import Store

TICKET_COLUMNS = (
    "number, customer, product, type, original_type, scope, term_accepted, term_ref, "
    "bill_to_unit, authorization, cost_center, value_class, accounting_item, escalated_ts, "
    "escalation_checklist, finalized_ts, finalized_offset, created_ts"
)
SESSION_COLUMNS = (
    "uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, note, revision, "
    "synced, source, flags, deleted, sent_revision"
)
TIMER_COLUMNS = "consultant, uuid, ticket, type, start_ts, zone, utc_offset, note, flags, heartbeat_ts"


def _utc(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


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
        escalated_at=_utc(row["escalated_ts"]),
        escalation_checklist=tuple(json.loads(row["escalation_checklist"])),
        finalized_at=finalized,
        created_at=_utc(row["created_ts"]),
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


def session_from_row(row: sqlite3.Row) -> Session:
    tz = zone_of(row["zone"], row["utc_offset"])
    return Session(
        uuid=row["uuid"],
        ticket=row["ticket"],
        consultant=row["consultant"],
        type=ConsultancyType(row["type"]),
        start=from_ts(row["start_ts"], tz),
        end=from_ts(row["end_ts"], tz),
        zone=row["zone"],
        note=row["note"],
        revision=row["revision"],
        synced=bool(row["synced"]),
        source=row["source"],
        flags=tuple(f for f in row["flags"].split(",") if f),
        deleted=bool(row["deleted"]),
        sent_revision=row["sent_revision"],
    )


def session_row(session: Session, created_ts: int) -> dict[str, Any]:
    offset = session.start.utcoffset() or timedelta(0)
    return {
        "uuid": session.uuid,
        "ticket": session.ticket,
        "consultant": session.consultant,
        "type": session.type.value,
        "start_ts": int(session.start.timestamp()),
        "end_ts": int(session.end.timestamp()),
        "zone": session.zone,
        "utc_offset": int(offset.total_seconds()),
        "local_day": session.start.date().isoformat(),
        "note": session.note,
        "revision": session.revision,
        "synced": int(session.synced),
        "source": session.source,
        "flags": ",".join(session.flags),
        "deleted": int(session.deleted),
        "sent_revision": session.sent_revision,
        "created_ts": created_ts,
    }


# ----- tickets -----------------------------------------------------------------


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


def restamp_sessions(db: Any, number: str, from_ts_: int, type_: str) -> None:
    db.execute(
        "UPDATE sessions SET type = ? WHERE ticket = ? AND start_ts >= ? AND synced = 0",
        [type_, number, from_ts_],
    )


# ----- timer -------------------------------------------------------------------


def _timer_from_row(row: sqlite3.Row) -> RunningTimer:
    tz = zone_of(row["zone"], row["utc_offset"])
    return RunningTimer(
        consultant=row["consultant"],
        ticket=row["ticket"],
        type=ConsultancyType(row["type"]),
        start=from_ts(row["start_ts"], tz),
        zone=row["zone"],
        uuid=row["uuid"],
        note=row["note"],
        flags=tuple(f for f in row["flags"].split(",") if f),
        heartbeat=_utc(row["heartbeat_ts"]),
    )


def get_timer(store: Store, consultant: str) -> RunningTimer | None:
    row = store.one(f"SELECT {TIMER_COLUMNS} FROM timers WHERE consultant = ?", (consultant,))
    return None if row is None else _timer_from_row(row)


def timer_on_ticket(store: Store, number: str) -> str | None:
    row = store.one("SELECT consultant FROM timers WHERE ticket = ?", (number,))
    return None if row is None else str(row["consultant"])


def insert_timer(db: Any, timer: RunningTimer) -> None:
    offset = timer.start.utcoffset() or timedelta(0)
    db.execute(
        f"INSERT INTO timers ({TIMER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            timer.consultant,
            timer.uuid,
            timer.ticket,
            timer.type.value,
            int(timer.start.timestamp()),
            timer.zone,
            int(offset.total_seconds()),
            timer.note,
            ",".join(timer.flags),
            None if timer.heartbeat is None else int(timer.heartbeat.timestamp()),
        ],
    )


def update_timer(db: Any, consultant: str, **changes: Any) -> None:
    sets = ", ".join(f"{name} = ?" for name in changes)
    db.execute(f"UPDATE timers SET {sets} WHERE consultant = ?", [*changes.values(), consultant])


def delete_timer(db: Any, consultant: str) -> None:
    db.execute("DELETE FROM timers WHERE consultant = ?", [consultant])


# ----- sessions ----------------------------------------------------------------


def insert_session(db: Any, session: Session, created_ts: int) -> None:
    row = session_row(session, created_ts)
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO sessions ({names}) VALUES ({marks})", list(row.values()))


def get_session(store: Store, uuid: str) -> Session | None:
    row = store.one(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE uuid = ?", (uuid,))
    return None if row is None else session_from_row(row)


def find_session_uuids(store: Store, prefix: str) -> list[str]:
    """Sessions whose uuid starts with ``prefix`` (a range scan on the key)."""
    rows = store.all(
        "SELECT uuid FROM sessions WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT 2",
        (prefix, prefix + "\uffff"),
    )
    return [r["uuid"] for r in rows]


def update_session(db: Any, session: Session) -> None:
    row = session_row(session, created_ts=0)
    del row["created_ts"], row["uuid"]
    sets = ", ".join(f"{name} = ?" for name in row)
    db.execute(f"UPDATE sessions SET {sets} WHERE uuid = ?", [*row.values(), session.uuid])


def sessions_between(store: Store, consultant: str, start_ts: int, end_ts: int) -> list[Session]:
    """Sessions of a consultant that touch [start_ts, end_ts): the day and its neighbours."""
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE consultant = ? AND deleted = 0 "
        "AND local_day BETWEEN date(?, 'unixepoch', '-2 days') AND date(?, 'unixepoch', '+2 days') "
        "AND start_ts < ? AND end_ts > ? ORDER BY start_ts, uuid",
        (consultant, start_ts, end_ts, end_ts, start_ts),
    )
    return [session_from_row(r) for r in rows]


def insert_audit(db: Any, **entry: Any) -> None:
    names = ", ".join(entry)
    marks = ", ".join("?" for _ in entry)
    db.execute(
        f"INSERT INTO audit ({names}, seq) VALUES ({marks}, (SELECT coalesce(max(seq), 0) + 1 FROM audit))",
        list(entry.values()),
    )


def audit_of_session(store: Store, uuid: str) -> list[sqlite3.Row]:
    return store.all(
        "SELECT uuid, seq, session, revision, action, who, at_ts, utc_offset, why, before, after "
        "FROM audit WHERE session = ? ORDER BY seq",
        (uuid,),
    )


def created_ts_of(store: Store, uuid: str) -> int:
    row = store.one("SELECT created_ts FROM sessions WHERE uuid = ?", (uuid,))
    return int(row["created_ts"]) if row else 0


def sessions_of_day(store: Store, consultant: str, day: str) -> list[Session]:
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions "
        "WHERE consultant = ? AND local_day = ? AND deleted = 0 ORDER BY start_ts, uuid",
        (consultant, day),
    )
    return [session_from_row(r) for r in rows]


def sessions_of_ticket(store: Store, number: str) -> list[Session]:
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE ticket = ? AND deleted = 0 ORDER BY start_ts, uuid",
        (number,),
    )
    return [session_from_row(r) for r in rows]


def oldest_pending_created_ts(store: Store) -> int | None:
    """When the oldest session still waiting for the central export was recorded."""
    row = store.one(
        "SELECT min(created_ts) AS ts FROM sessions "
        "WHERE synced = 0 AND NOT (deleted = 1 AND sent_revision = 0)"
    )
    return None if row is None or row["ts"] is None else int(row["ts"])


def ticket_totals(store: Store, number: str) -> dict[str, int]:
    rows = store.all(
        "SELECT type, SUM(end_ts - start_ts) AS seconds FROM sessions "
        "WHERE ticket = ? AND deleted = 0 GROUP BY type",
        (number,),
    )
    return {r["type"]: int(r["seconds"]) for r in rows}
