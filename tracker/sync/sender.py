"""Sending what the export lacks: prepare a batch, publish, verify, then mark.

The steps, and what a crash at each leaves:

1. **prepare** (one local transaction): the pending records are serialised into a
   batch, stored whole in the local ``outbox`` table, and each session's
   ``sent_revision`` is set, so that any later change becomes a new revision.
2. **publish**: the batch file, then its manifest, each written atomically.
3. **verify**: both are read back and compared byte for byte.
4. **mark** (one local transaction): the records count as synced, the outbox row done.

A crash before 4 leaves the outbox row undone; the next sync re-sends exactly the
same bytes under the same name, or finds them there and skips the write.  Nothing is
ever sent twice under two names, so the export never holds a duplicate.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.errors import TrackerError
from tracker.store import queries as q
from tracker.sync import records
from tracker.sync.target import SyncTarget, crash_point, sha256_of
from tracker.timeutil import iso, to_ts

if TYPE_CHECKING:  # pragma: no cover
    from tracker.service import Tracker

BATCH_ROWS = 20_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncResult:
    batches_written: int
    batches_skipped: int
    sessions: int
    events: int
    pending: int
    target: str


@dataclass(frozen=True)
class Batch:
    batch: str
    consultant: str
    data: bytes
    manifest: bytes
    sha256: str
    rows: int


def pending_counts(app: Tracker) -> dict[str, int]:
    sessions = app.store.one(
        "SELECT count(*) AS n FROM sessions WHERE synced = 0 AND NOT (deleted = 1 AND sent_revision = 0)"
    )
    events = app.store.one("SELECT count(*) AS n FROM ticket_events WHERE synced = 0")
    return {"sessions": int(sessions["n"]) if sessions else 0, "events": int(events["n"]) if events else 0}


def state(app: Tracker) -> dict[str, str]:
    return {r["key"]: r["value"] for r in app.store.all("SELECT key, value FROM sync_state")}


def _set_state(app: Tracker, **values: str) -> None:
    with app.store.atomic() as db:
        for key, value in values.items():
            db.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def install_id(app: Tracker) -> str:
    found = state(app).get("install-id")
    if found:
        return found
    new = uuidlib.uuid4().hex
    _set_state(app, **{"install-id": new})
    return new


def _undone(app: Tracker) -> Batch | None:
    row = app.store.one(
        "SELECT batch, consultant, data, manifest, sha256, rows FROM outbox "
        "WHERE done_ts IS NULL ORDER BY seq LIMIT 1"
    )
    if row is None:
        return None
    return Batch(
        row["batch"],
        row["consultant"],
        bytes(row["data"]),
        bytes(row["manifest"]),
        row["sha256"],
        row["rows"],
    )


def _prepare(app: Tracker, limit: int) -> Batch | None:
    """The next batch: one consultant's pending records, stored in the outbox first."""
    store = app.store
    now = app.now()
    with store.atomic() as db:
        # Sessions deleted before they were ever sent: the export never saw them.
        db.execute("UPDATE sessions SET synced = 1 WHERE synced = 0 AND deleted = 1 AND sent_revision = 0")
        first = store.one(
            "SELECT consultant FROM ticket_events WHERE synced = 0 "
            "UNION ALL SELECT consultant FROM sessions WHERE synced = 0 LIMIT 1"
        )
        if first is None:
            return None
        who = str(first["consultant"])
        events = store.all(
            "SELECT uuid, ticket, kind, payload, consultant, at_ts, utc_offset FROM ticket_events "
            "WHERE synced = 0 AND consultant = ? ORDER BY seq LIMIT ?",
            (who, limit),
        )
        rows = store.all(
            f"SELECT {q.SESSION_COLUMNS} FROM sessions WHERE synced = 0 AND consultant = ? "
            "ORDER BY start_ts, uuid LIMIT ?",
            (who, max(limit - len(events), 0)),
        )
        sessions = [q.session_from_row(r) for r in rows]
        lines = [records.dumps(records.event_record(e)) for e in events]
        lines += [records.dumps(records.session_record(s)) for s in sessions]
        data = ("\n".join(lines) + "\n").encode("utf-8")
        seq_row = store.one("SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox")
        seq = int(seq_row["n"]) if seq_row else 1
        batch = f"{seq:08d}-{install_id(app)[:8]}"
        digest = sha256_of(data)
        kinds = {"session": len(sessions), "ticket_event": len(events)}
        manifest = records.manifest(batch, who, digest, len(lines), now, kinds)
        db.execute(
            "INSERT INTO outbox (batch, seq, consultant, data, manifest, sha256, rows, created_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [batch, seq, who, data, manifest, digest, len(lines), to_ts(now)],
        )
        items: list[tuple[Any, ...]] = [(batch, "event", e["uuid"], 1) for e in events]
        items += [(batch, "session", s.uuid, s.revision) for s in sessions]
        store.conn.executemany(
            "INSERT INTO outbox_items (batch, kind, uuid, revision) VALUES (?, ?, ?, ?)", items
        )
        store.conn.executemany(
            "UPDATE sessions SET sent_revision = revision WHERE uuid = ?", [(s.uuid,) for s in sessions]
        )
    return Batch(batch, who, data, manifest, digest, len(lines))


def _mark(app: Tracker, batch: Batch) -> tuple[int, int]:
    store = app.store
    with store.atomic():
        items = store.all("SELECT kind, uuid, revision FROM outbox_items WHERE batch = ?", (batch.batch,))
        sessions = [(r["uuid"], r["revision"]) for r in items if r["kind"] == "session"]
        events = [(r["uuid"],) for r in items if r["kind"] == "event"]
        store.conn.executemany("UPDATE sessions SET synced = 1 WHERE uuid = ? AND revision = ?", sessions)
        store.conn.executemany("UPDATE ticket_events SET synced = 1 WHERE uuid = ?", events)
        store.conn.execute(
            "UPDATE outbox SET done_ts = ?, data = NULL WHERE batch = ?", [to_ts(app.now()), batch.batch]
        )
    return len(sessions), len(events)


def sync(
    app: Tracker, target: SyncTarget, progress: Progress | None = None, limit: int = BATCH_ROWS
) -> SyncResult:
    """Send everything pending; on failure, everything not verified stays queued."""
    written = skipped = sessions = events = 0
    total = sum(pending_counts(app).values())
    done = 0
    try:
        while True:
            batch = _undone(app) or _prepare(app, limit)
            if batch is None:
                break
            if target.publish(batch.consultant, batch.batch, batch.data, batch.manifest):
                written += 1
            else:
                skipped += 1
            target.verify(batch.consultant, batch.batch, batch.sha256, batch.rows, batch.manifest)
            crash_point("before_mark")
            n_sessions, n_events = _mark(app, batch)
            crash_point("after_mark")
            sessions += n_sessions
            events += n_events
            done += batch.rows
            if progress is not None:
                progress(min(done, total), total)
    except TrackerError as exc:
        _set_state(app, **{"last-error": str(exc), "last-error-at": iso(app.now())})
        raise
    _set_state(app, **{"last-sync": iso(app.now()), "last-error": ""})
    return SyncResult(
        written, skipped, sessions, events, sum(pending_counts(app).values()), target.describe()
    )
