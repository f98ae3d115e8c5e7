"""The running timers, one row per consultant: the statements and the row mapping."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from tracker.model import ConsultancyType, RunningTimer, from_ts, zone_of
from tracker.store.db import Store
from tracker.store.tickets import utc

TIMER_COLUMNS = "consultant, uuid, ticket, type, start_ts, zone, utc_offset, note, flags, heartbeat_ts"


def timer_from_row(row: sqlite3.Row) -> RunningTimer:
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
        heartbeat=utc(row["heartbeat_ts"]),
    )


def get_timer(store: Store, consultant: str) -> RunningTimer | None:
    row = store.one(f"SELECT {TIMER_COLUMNS} FROM timers WHERE consultant = ?", (consultant,))
    return None if row is None else timer_from_row(row)


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
