"""The sessions: the statements and the row mapping."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from tracker.model import ConsultancyType, Session, from_ts, zone_of
from tracker.store.db import Store

SESSION_COLUMNS = (
    "uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, note, revision, "
    "synced, source, flags, deleted, sent_revision"
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


def restamp_sessions(db: Any, number: str, from_ts_: int, type_: str) -> None:
    """Sessions of a ticket not yet synced that start at ``from_ts_`` or later take ``type_``."""
    db.execute(
        "UPDATE sessions SET type = ? WHERE ticket = ? AND start_ts >= ? AND synced = 0",
        [type_, number, from_ts_],
    )


def sessions_between(store: Store, consultant: str, start_ts: int, end_ts: int) -> list[Session]:
    """Sessions of a consultant that touch [start_ts, end_ts): the day and its neighbours."""
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE consultant = ? AND deleted = 0 "
        "AND local_day BETWEEN date(?, 'unixepoch', '-2 days') AND date(?, 'unixepoch', '+2 days') "
        "AND start_ts < ? AND end_ts > ? ORDER BY start_ts, uuid",
        (consultant, start_ts, end_ts, end_ts, start_ts),
    )
    return [session_from_row(r) for r in rows]


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


def day_totals(store: Store, consultant: str, first_day: str, last_day: str) -> list[sqlite3.Row]:
    """Per local day in [first_day, last_day]: recorded seconds, sessions, those not yet in the
    central store, and when its sessions last changed (recorded, edited, split or deleted).

    One range scan on ``sessions_day`` (consultant, local_day); a deleted session counts
    only as a change and, until its deletion is sent, as not yet in the central store.
    """
    return store.all(
        "SELECT local_day, "
        "SUM(CASE WHEN deleted = 0 THEN end_ts - start_ts ELSE 0 END) AS seconds, "
        "SUM(deleted = 0) AS sessions, "
        "SUM(synced = 0 AND NOT (deleted = 1 AND sent_revision = 0)) AS unsynced, "
        "MAX(max(created_ts, COALESCE("
        "(SELECT MAX(at_ts) FROM audit WHERE audit.session = sessions.uuid), 0))) AS changed_ts "
        "FROM sessions WHERE consultant = ? AND local_day BETWEEN ? AND ? "
        "GROUP BY local_day ORDER BY local_day",
        (consultant, first_day, last_day),
    )
