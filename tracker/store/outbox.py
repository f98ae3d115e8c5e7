"""The sender's tables: the outbox of batches, their items, sync state, and what is pending.

A batch is stored whole in ``outbox`` (with the records it carries in
``outbox_items``) before it is published, and marked done, its records synced, only
after it was read back from the central store.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from typing import Any

from tracker.store.db import Store


def _count(store: Store, sql: str) -> int:
    row = store.one(sql)
    return int(row["n"]) if row else 0


def pending_counts(store: Store) -> tuple[int, int, int]:
    """(sessions, ticket events, review decisions) waiting for the central store."""
    return (
        _count(store, "SELECT count(*) AS n FROM sync_queue"),
        _count(store, "SELECT count(*) AS n FROM ticket_events WHERE synced = 0"),
        _count(store, "SELECT count(*) AS n FROM reviews WHERE synced = 0"),
    )


def sync_state(store: Store) -> dict[str, str]:
    return {r["key"]: r["value"] for r in store.all("SELECT key, value FROM sync_state")}


def set_sync_state(store: Store, values: dict[str, str]) -> None:
    with store.atomic() as db:
        for key, value in values.items():
            db.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def undone_batch(store: Store, skip: Collection[tuple[str, str]] = ()) -> sqlite3.Row | None:
    """The oldest batch prepared but not yet verified on the central store.

    ``skip`` holds the (area, login) folders refused in this sync: their batches wait.
    """
    for row in store.all("SELECT batch, area, consultant FROM outbox WHERE done_ts IS NULL ORDER BY seq"):
        if (row["area"], row["consultant"]) not in skip:
            return store.one(
                "SELECT batch, consultant, data, manifest, sha256, rows, area FROM outbox WHERE batch = ?",
                (row["batch"],),
            )
    return None


def next_seq(store: Store) -> int:
    row = store.one("SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox")
    return int(row["n"]) if row else 1


def insert_batch(store: Store, db: Any, row: dict[str, Any], items: list[tuple[str, str, int]]) -> None:
    """A serialised batch and the (kind, uuid, revision) of each record it carries."""
    db.execute(
        "INSERT INTO outbox (batch, seq, area, consultant, data, manifest, sha256, rows, created_ts) "
        "VALUES (:batch, :seq, :area, :consultant, :data, :manifest, :sha256, :rows, :created_ts)",
        row,
    )
    store.conn.executemany(
        "INSERT INTO outbox_items (batch, kind, uuid, revision) VALUES (?, ?, ?, ?)",
        [(row["batch"], kind, uuid, revision) for kind, uuid, revision in items],
    )


def first_pending_consultant(store: Store, skip: Collection[str] = ()) -> str | None:
    """A login with records to send, other than those in ``skip``."""
    others = json.dumps(sorted(skip))
    row = store.one(
        "SELECT consultant FROM ticket_events WHERE synced = 0 "
        "AND consultant NOT IN (SELECT value FROM json_each(?)) "
        "UNION ALL SELECT consultant FROM sync_queue WHERE batch IS NULL "
        "AND consultant NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
        (others, others),
    )
    return None if row is None else str(row["consultant"])


def pending_events(store: Store, consultant: str, limit: int) -> list[sqlite3.Row]:
    return store.all(
        "SELECT uuid, ticket, kind, payload, consultant, at_ts, utc_offset FROM ticket_events "
        "WHERE synced = 0 AND consultant = ? ORDER BY seq LIMIT ?",
        (consultant, limit),
    )


def pending_sessions(store: Store, consultant: str, limit: int) -> list[sqlite3.Row]:
    """A consultant's sessions in no prepared batch yet, in the queue's order (by start).

    Rows of the session's columns (tracker.central.records.queued_session_records).
    """
    return store.all(
        "SELECT s.uuid, s.revision, s.consultant, s.ticket, s.type, s.start_ts, s.end_ts, s.zone, "
        "s.utc_offset, s.note, s.flags, s.deleted, s.source "
        "FROM sync_queue q JOIN sessions s ON s.uuid = q.uuid "
        "WHERE q.consultant = ? AND q.batch IS NULL ORDER BY q.start_ts, q.uuid LIMIT ?",
        (consultant, limit),
    )


def mark_sent(store: Store, batch: str, sessions: list[sqlite3.Row]) -> None:
    """The revisions in a prepared batch: any later change becomes a new revision.

    ``sessions`` are what :func:`pending_sessions` just read, in the same transaction:
    the consultant's first queued sessions, so one range of the queue.
    """
    if not sessions:
        return
    last = sessions[-1]
    store.conn.execute(
        "UPDATE sync_queue SET batch = ?, "
        "sent_revision = (SELECT s.revision FROM sessions s WHERE s.uuid = sync_queue.uuid) "
        "WHERE consultant = ? AND batch IS NULL AND (start_ts, uuid) <= (?, ?)",
        (batch, last["consultant"], last["start_ts"], last["uuid"]),
    )


def mark_synced(store: Store, batch: str, done_ts: int) -> tuple[int, int, int, int]:
    """Its records count as synced and the batch as done; (sessions, events, reviews, rates) marked."""
    with store.atomic():
        items = store.all("SELECT kind, uuid, revision FROM outbox_items WHERE batch = ?", (batch,))
        # A batch's sessions are counted by its manifest (they are kept in the sync queue,
        # not in outbox_items; a batch prepared before the queue has them in both).
        manifest = store.one("SELECT manifest FROM outbox WHERE batch = ?", (batch,))
        sessions = int(json.loads(manifest["manifest"])["kinds"].get("session", 0)) if manifest else 0
        events = [(r["uuid"],) for r in items if r["kind"] == "event"]
        reviews = [(r["uuid"],) for r in items if r["kind"] == "review"]
        rates = [(r["uuid"],) for r in items if r["kind"] == "rate"]
        # The sessions still in this batch (one changed since has left it, and waits).
        store.conn.execute("DELETE FROM sync_queue WHERE batch = ?", (batch,))
        store.conn.executemany("UPDATE ticket_events SET synced = 1 WHERE uuid = ?", events)
        store.conn.executemany("UPDATE reviews SET synced = 1 WHERE uuid = ?", reviews)
        store.conn.executemany("UPDATE rates SET synced = 1 WHERE uuid = ?", rates)
        store.conn.execute("UPDATE outbox SET done_ts = ?, data = NULL WHERE batch = ?", [done_ts, batch])
    return sessions, len(events), len(reviews), len(rates)
