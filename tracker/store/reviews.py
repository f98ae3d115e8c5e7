"""Leads' review decisions: those this app made (``reviews``), and those it received.

``review_inbox`` holds the decisions about this consultant's days that a sync brought
back, and ``review_batches_seen`` the central batches already read for them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from typing import Any

from tracker.store.db import Store


def insert_review(store: Store, row: dict[str, Any]) -> None:
    """A lead's decision, to be sent by the next sync."""
    with store.atomic() as db:
        db.execute(
            "INSERT INTO reviews (uuid, consultant, day, decision, comment, lead, at_ts, utc_offset) "
            "VALUES (:uuid, :consultant, :day, :decision, :comment, :lead, :at_ts, :utc_offset)",
            row,
        )


def first_pending_lead(store: Store, skip: Collection[str] = ()) -> str | None:
    """A lead with decisions to send, other than those in ``skip``."""
    import json  # only a sync asks

    row = store.one(
        "SELECT lead FROM reviews WHERE synced = 0 AND lead NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
        (json.dumps(sorted(skip)),),
    )
    return None if row is None else str(row["lead"])


def pending_reviews(store: Store, lead: str, limit: int) -> list[sqlite3.Row]:
    return store.all(
        "SELECT uuid, consultant, day, decision, comment, lead, at_ts, utc_offset FROM reviews "
        "WHERE synced = 0 AND lead = ? ORDER BY at_ts, uuid LIMIT ?",
        (lead, limit),
    )


def inbox(store: Store, day: str | None = None) -> list[dict[str, Any]]:
    """The latest decision received per day (of ``day`` only, when given), by day."""
    sql = "SELECT uuid, day, decision, comment, lead, at FROM review_inbox"
    params: tuple[Any, ...] = ()
    if day is not None:
        sql += " WHERE day = ?"
        params = (day,)
    latest: dict[str, dict[str, Any]] = {}
    for r in store.all(sql + " ORDER BY at_ts, uuid", params):
        latest[r["day"]] = dict(r)
    return [latest[d] for d in sorted(latest)]


def seen_batches(store: Store) -> set[str]:
    return {r["name"] for r in store.all("SELECT name FROM review_batches_seen")}


def receive(store: Store, key: str, size: int, decisions: list[dict[str, Any]]) -> None:
    """One central batch's decisions about this consultant, and the batch marked seen, together."""
    with store.atomic() as db:
        for d in decisions:
            db.execute(
                "INSERT OR IGNORE INTO review_inbox (uuid, day, decision, comment, lead, at, at_ts) "
                "VALUES (:uuid, :day, :decision, :comment, :lead, :at, :at_ts)",
                d,
            )
        db.execute("INSERT OR REPLACE INTO review_batches_seen (name, size) VALUES (?, ?)", [key, size])
