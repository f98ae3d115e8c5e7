"""The rate versions: appended, never rewritten (triggers refuse an update or a delete).

``rates`` holds the versions made in this home; ``synced`` says whether the central
store has them.  ``central_rates`` keeps the central store's versions as the last sync
read them, so estimates work offline.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.billing import Rate
from tracker.ids import new_uuid
from tracker.model import ConsultancyType
from tracker.store.db import Store

_COLUMNS = "uuid, type, version, hourly, effective_from, index_name, percent, created_by, created_at"


def _rate(r: sqlite3.Row | dict[str, Any]) -> Rate:
    return Rate(
        type=ConsultancyType(r["type"]),
        version=r["version"],
        hourly=Decimal(r["hourly"]),
        effective_from=date.fromisoformat(r["effective_from"]),
        index_name=r["index_name"],
        percent=Decimal(r["percent"]) if r["percent"] is not None else None,
        created_by=r["created_by"],
        created_at=r["created_at"],
        uuid=r["uuid"],
    )


def all_rates(store: Store) -> list[Rate]:
    """Every version made in this home."""
    return [_rate(r) for r in store.all(f"SELECT {_COLUMNS} FROM rates ORDER BY type, version")]


def unsynced_rates(store: Store) -> list[Rate]:
    """The versions made here that the central store does not have yet."""
    rows = store.all(f"SELECT {_COLUMNS} FROM rates WHERE synced = 0 ORDER BY type, version")
    return [_rate(r) for r in rows]


def insert_rate(db: Any, r: Rate) -> None:
    db.execute(
        f"INSERT INTO rates ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            r.uuid or new_uuid(),
            r.type.value,
            r.version,
            str(r.hourly),
            r.effective_from.isoformat(),
            r.index_name,
            None if r.percent is None else str(r.percent),
            r.created_by,
            r.created_at,
        ],
    )


# ----- sending: the sender's side ----------------------------------------------------


def pending_count(store: Store) -> int:
    row = store.one("SELECT count(*) AS n FROM rates WHERE synced = 0")
    return int(row["n"]) if row else 0


def first_pending_author(store: Store) -> str | None:
    row = store.one("SELECT created_by FROM rates WHERE synced = 0 ORDER BY created_at, uuid LIMIT 1")
    return None if row is None else str(row["created_by"])


def pending_rates(store: Store, author: str, limit: int) -> list[Rate]:
    rows = store.all(
        f"SELECT {_COLUMNS} FROM rates WHERE synced = 0 AND created_by = ? ORDER BY created_at, uuid LIMIT ?",
        (author, limit),
    )
    return [_rate(r) for r in rows]


def mark_synced(store: Store, uuids: Iterable[str]) -> None:
    """In the caller's transaction."""
    store.conn.executemany("UPDATE rates SET synced = 1 WHERE uuid = ?", [(u,) for u in uuids])


# ----- the central store's versions, as the last sync read them ------------------------


def central_rates(store: Store) -> list[Rate]:
    rows = store.all("SELECT record FROM central_rates ORDER BY uuid")
    if not rows:
        return []
    import json  # the central store's versions, as the last sync kept them

    return [_rate(json.loads(r["record"])) for r in rows]


def remember_central(store: Store, rates: Iterable[Rate]) -> None:
    """Replace the kept central versions with ``rates``, whole."""
    import json  # a sync keeps them as JSON texts

    rows = [
        (
            r.uuid,
            json.dumps(
                {
                    "uuid": r.uuid,
                    "type": r.type.value,
                    "version": r.version,
                    "hourly": str(r.hourly),
                    "effective_from": r.effective_from.isoformat(),
                    "index_name": r.index_name,
                    "percent": None if r.percent is None else str(r.percent),
                    "created_by": r.created_by,
                    "created_at": r.created_at,
                },
                sort_keys=True,
            ),
        )
        for r in rates
    ]
    with store.atomic() as db:
        db.execute("DELETE FROM central_rates")
        store.conn.executemany("INSERT OR REPLACE INTO central_rates (uuid, record) VALUES (?, ?)", rows)
