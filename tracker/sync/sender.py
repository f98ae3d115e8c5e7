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

import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.errors import TrackerError
from tracker.store import queries as q
from tracker.sync import records
from tracker.sync.target import BATCH_RE, SyncTarget, crash_point, sha256_of
from tracker.timeutil import iso, to_ts

if TYPE_CHECKING:  # pragma: no cover
    from tracker.context import Context

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
    area: str = "consultants"


def pending_counts(app: Context) -> dict[str, int]:
    one = app.store.one
    sessions = one(
        "SELECT count(*) AS n FROM sessions WHERE synced = 0 AND NOT (deleted = 1 AND sent_revision = 0)"
    )
    events = one("SELECT count(*) AS n FROM ticket_events WHERE synced = 0")
    reviews = one("SELECT count(*) AS n FROM reviews WHERE synced = 0")
    counts = {"sessions": int(sessions["n"]) if sessions else 0, "events": int(events["n"]) if events else 0}
    if reviews and reviews["n"]:
        counts["reviews"] = int(reviews["n"])
    return counts


def state(app: Context) -> dict[str, str]:
    return {r["key"]: r["value"] for r in app.store.all("SELECT key, value FROM sync_state")}


def _set_state(app: Context, **values: str) -> None:
    with app.store.atomic() as db:
        for key, value in values.items():
            db.execute(
                "INSERT INTO sync_state(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )


def install_id(app: Context) -> str:
    found = state(app).get("install-id")
    if found:
        return found
    new = uuidlib.uuid4().hex
    _set_state(app, **{"install-id": new})
    return new


def _undone(app: Context) -> Batch | None:
    row = app.store.one(
        "SELECT batch, consultant, data, manifest, sha256, rows, area FROM outbox "
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
        row["area"],
    )


def _store_batch(
    app: Context,
    db: Any,
    who: str,
    area: str,
    lines: list[str],
    kinds: dict[str, int],
    items: list[tuple[str, str, int]],
) -> Batch:
    """Put a serialised batch in the outbox, with the records it carries."""
    store = app.store
    now = app.now()
    data = ("\n".join(lines) + "\n").encode("utf-8")
    seq_row = store.one("SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox")
    seq = int(seq_row["n"]) if seq_row else 1
    batch = f"{seq:08d}-{install_id(app)[:8]}"
    digest = sha256_of(data)
    manifest = records.manifest(batch, who, digest, len(lines), now, kinds)
    db.execute(
        "INSERT INTO outbox (batch, seq, area, consultant, data, manifest, sha256, rows, created_ts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [batch, seq, area, who, data, manifest, digest, len(lines), to_ts(now)],
    )
    store.conn.executemany(
        "INSERT INTO outbox_items (batch, kind, uuid, revision) VALUES (?, ?, ?, ?)",
        [(batch, kind, uuid, revision) for kind, uuid, revision in items],
    )
    return Batch(batch, who, data, manifest, digest, len(lines), area)


def _prepare_reviews(app: Context, limit: int) -> Batch | None:
    """A lead's pending decisions go to ``reviews/<lead>/``, apart from sessions."""
    store = app.store
    with store.atomic() as db:
        first = store.one("SELECT lead FROM reviews WHERE synced = 0 LIMIT 1")
        if first is None:
            return None
        lead = str(first["lead"])
        rows = store.all(
            "SELECT uuid, consultant, day, decision, comment, lead, at_ts, utc_offset FROM reviews "
            "WHERE synced = 0 AND lead = ? ORDER BY at_ts, uuid LIMIT ?",
            (lead, limit),
        )
        lines = [records.dumps(records.review_record(r)) for r in rows]
        items = [("review", str(r["uuid"]), 1) for r in rows]
        return _store_batch(app, db, lead, "reviews", lines, {"review": len(rows)}, items)


def _prepare(app: Context, limit: int) -> Batch | None:
    """The next batch: one consultant's pending records, stored in the outbox first."""
    store = app.store
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
        lines += [records.dumps(records.session_record(x)) for x in sessions]
        items: list[tuple[str, str, int]] = [("event", str(e["uuid"]), 1) for e in events]
        items += [("session", x.uuid, x.revision) for x in sessions]
        kinds = {"session": len(sessions), "ticket_event": len(events)}
        batch = _store_batch(app, db, who, "consultants", lines, kinds, items)
        store.conn.executemany(
            "UPDATE sessions SET sent_revision = revision WHERE uuid = ?", [(x.uuid,) for x in sessions]
        )
    return batch


def _mark(app: Context, batch: Batch) -> tuple[int, int]:
    store = app.store
    with store.atomic():
        items = store.all("SELECT kind, uuid, revision FROM outbox_items WHERE batch = ?", (batch.batch,))
        sessions = [(r["uuid"], r["revision"]) for r in items if r["kind"] == "session"]
        events = [(r["uuid"],) for r in items if r["kind"] == "event"]
        reviews = [(r["uuid"],) for r in items if r["kind"] == "review"]
        store.conn.executemany("UPDATE sessions SET synced = 1 WHERE uuid = ? AND revision = ?", sessions)
        store.conn.executemany("UPDATE ticket_events SET synced = 1 WHERE uuid = ?", events)
        store.conn.executemany("UPDATE reviews SET synced = 1 WHERE uuid = ?", reviews)
        store.conn.execute(
            "UPDATE outbox SET done_ts = ?, data = NULL WHERE batch = ?", [to_ts(app.now()), batch.batch]
        )
    return len(sessions), len(events)


def sync(
    app: Context, target: SyncTarget, progress: Progress | None = None, limit: int = BATCH_ROWS
) -> SyncResult:
    """Send everything pending; on failure, everything not verified stays queued."""
    written = skipped = sessions = events = 0
    total = sum(pending_counts(app).values())
    done = 0
    try:
        while True:
            batch = _undone(app) or _prepare_reviews(app, limit) or _prepare(app, limit)
            if batch is None:
                break
            if target.publish(batch.consultant, batch.batch, batch.data, batch.manifest, area=batch.area):
                written += 1
            else:
                skipped += 1
            target.verify(
                batch.consultant, batch.batch, batch.sha256, batch.rows, batch.manifest, area=batch.area
            )
            crash_point("before_mark")
            n_sessions, n_events = _mark(app, batch)
            crash_point("after_mark")
            sessions += n_sessions
            events += n_events
            done += batch.rows
            if progress is not None:
                progress(min(done, total), total)
        pull_reviews(app, target)
    except TrackerError as exc:
        _set_state(app, **{"last-error": str(exc), "last-error-at": iso(app.now())})
        raise
    _set_state(app, **{"last-sync": iso(app.now()), "last-error": ""})
    return SyncResult(
        written, skipped, sessions, events, sum(pending_counts(app).values()), target.describe()
    )


def pull_reviews(app: Context, target: SyncTarget) -> int:
    """Fetch the leads' decisions about this consultant's days (approved, or returned with a comment).

    Only the small reviews area is read, and each batch once; a batch that does not
    match its manifest is skipped here (the central reader reports it).
    """
    me = app.consultant
    seen = {r["name"]: r["size"] for r in app.store.all("SELECT name, size FROM review_batches_seen")}
    found = 0
    for entry in target.entries(area="reviews"):
        m = BATCH_RE.match(entry.name)
        if not m or m["what"] != "manifest.json":
            continue
        key = f"{entry.consultant}/{m['batch']}"
        if key in seen:
            continue
        try:
            manifest = json.loads(target.read(entry.consultant, entry.name, area="reviews"))
            data = target.read(entry.consultant, f"{m['batch']}.jsonl", area="reviews")
        except (OSError, ValueError):
            continue
        if sha256_of(data) != manifest.get("sha256"):
            continue
        mine = [rec for rec in map(json.loads, data.splitlines()) if rec.get("kind") == "review"]
        with app.store.atomic() as db:
            for rec in mine:
                if rec.get("consultant") != me:
                    continue
                db.execute(
                    "INSERT OR IGNORE INTO review_inbox (uuid, day, decision, comment, lead, at, at_ts) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        rec["uuid"],
                        rec["day"],
                        rec["decision"],
                        rec["comment"],
                        rec["lead"],
                        rec["at"],
                        records.ts(rec["at"]),
                    ],
                )
                found += 1
            db.execute(
                "INSERT OR REPLACE INTO review_batches_seen (name, size) VALUES (?, ?)", [key, len(data)]
            )
    return found
