"""Turning local rows into export records, always byte for byte the same."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from tracker.model import Session
from tracker.timeutil import iso

FORMAT = 1


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def session_record(s: Session) -> dict[str, Any]:
    return {
        "kind": "session",
        "uuid": s.uuid,
        "revision": s.revision,
        "consultant": s.consultant,
        "ticket": s.ticket,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "zone": s.zone,
        "day": s.start.date().isoformat(),
        "note": s.note,
        "flags": list(s.flags),
        "deleted": s.deleted,
        "source": s.source,
    }


def event_record(row: sqlite3.Row) -> dict[str, Any]:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    return {
        "kind": "ticket_event",
        "uuid": row["uuid"],
        "revision": 1,
        "ticket": row["ticket"],
        "event": row["kind"],
        "payload": json.loads(row["payload"]),
        "consultant": row["consultant"],
        "at": iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    }


def review_record(row: sqlite3.Row) -> dict[str, Any]:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    return {
        "kind": "review",
        "uuid": row["uuid"],
        "revision": 1,
        "consultant": row["consultant"],
        "day": row["day"],
        "decision": row["decision"],
        "comment": row["comment"],
        "lead": row["lead"],
        "at": iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    }


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def manifest(
    batch: str, consultant: str, sha256: str, rows: int, created: datetime, kinds: dict[str, int]
) -> bytes:
    return (
        dumps(
            {
                "format": FORMAT,
                "batch": batch,
                "consultant": consultant,
                "file": f"{batch}.jsonl",
                "sha256": sha256,
                "rows": rows,
                "created_at": iso(created),
                "kinds": kinds,
            }
        )
        + "\n"
    ).encode("utf-8")
