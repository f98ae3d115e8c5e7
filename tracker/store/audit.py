"""The append-only audit trail of session changes."""

from __future__ import annotations

import sqlite3
from typing import Any

from tracker.store.db import Store


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
