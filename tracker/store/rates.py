"""The rate versions: appended, never rewritten (triggers refuse an update or a delete)."""

from __future__ import annotations

import uuid as uuidlib
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.billing import Rate
from tracker.model import ConsultancyType
from tracker.store.db import Store


def all_rates(store: Store) -> list[Rate]:
    rows = store.all(
        "SELECT type, version, hourly, effective_from, index_name, percent, created_by, created_at "
        "FROM rates ORDER BY type, version"
    )
    return [
        Rate(
            type=ConsultancyType(r["type"]),
            version=r["version"],
            hourly=Decimal(r["hourly"]),
            effective_from=date.fromisoformat(r["effective_from"]),
            index_name=r["index_name"],
            percent=Decimal(r["percent"]) if r["percent"] is not None else None,
            created_by=r["created_by"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


def insert_rate(db: Any, r: Rate) -> None:
    db.execute(
        "INSERT INTO rates (uuid, type, version, hourly, effective_from, index_name, percent, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            str(uuidlib.uuid4()),
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
