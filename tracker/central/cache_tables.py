"""The folder export's read cache on disk: its tables, and how a checked batch's rows go in.

A session is kept as columns, not as its line (the cache stays about half the size of
the export); :func:`session_record` gives the record back as the export holds it.
Each session row remembers the batch it came from (``refs``), for saying where two
versions of a record were read.

The first read of an export fills empty tables as a bulk load: rows are appended with
no index at all, then the indexes are built sorted, once; :func:`settle_first_read`
then applies to sessions read more than once exactly the rules that
:func:`store` applies one batch at a time to later reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from tracker.central.batches import Rows

CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (
    area TEXT NOT NULL, consultant TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, rows INTEGER NOT NULL, created_ts INTEGER NOT NULL,
    PRIMARY KEY (area, consultant, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rejected (
    area TEXT NOT NULL, consultant TEXT NOT NULL, name TEXT NOT NULL, stamp TEXT NOT NULL,
    problem TEXT NOT NULL, PRIMARY KEY (area, consultant, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS refs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS sessions (
    uuid TEXT NOT NULL, revision INTEGER NOT NULL, consultant TEXT NOT NULL, ticket TEXT NOT NULL,
    type TEXT NOT NULL, day TEXT NOT NULL, start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL,
    deleted INTEGER NOT NULL, start_at TEXT NOT NULL, end_at TEXT NOT NULL, zone TEXT, note TEXT NOT NULL,
    flags TEXT NOT NULL, source TEXT NOT NULL, ref INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS sessions_uuid ON sessions(uuid);
CREATE INDEX IF NOT EXISTS sessions_day ON sessions(day, consultant, start_ts);
CREATE INDEX IF NOT EXISTS sessions_ticket ON sessions(ticket);
CREATE TABLE IF NOT EXISTS events (
    uuid TEXT PRIMARY KEY, ticket TEXT NOT NULL, event TEXT NOT NULL, consultant TEXT NOT NULL,
    at TEXT NOT NULL, payload BLOB NOT NULL, ref INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_ticket ON events(ticket);
CREATE TABLE IF NOT EXISTS finalized (
    uuid TEXT PRIMARY KEY, ticket TEXT NOT NULL, at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS finalized_at ON finalized(at);
CREATE TABLE IF NOT EXISTS ticket_meta (
    ticket TEXT NOT NULL, consultant TEXT NOT NULL, sha TEXT NOT NULL, PRIMARY KEY (ticket, consultant)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviews (
    uuid TEXT PRIMARY KEY, consultant TEXT NOT NULL, day TEXT NOT NULL, decision TEXT NOT NULL,
    comment TEXT NOT NULL, lead TEXT NOT NULL, at TEXT NOT NULL, at_ts INTEGER NOT NULL,
    payload BLOB NOT NULL, ref INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_day ON reviews(day, consultant, at_ts);
CREATE TABLE IF NOT EXISTS conflicts (
    uuid TEXT NOT NULL, revision INTEGER NOT NULL, first_batch TEXT NOT NULL, other_batch TEXT NOT NULL,
    kind TEXT NOT NULL, PRIMARY KEY (uuid, revision, other_batch)
) WITHOUT ROWID;
"""
# Built once, sorted, at the end of a first read.
BULK_INDEXES = (
    "sessions_uuid",
    "sessions_day",
    "sessions_ticket",
    "events_ticket",
    "finalized_at",
    "reviews_day",
)
TABLES = (
    "batches",
    "rejected",
    "refs",
    "sessions",
    "events",
    "conflicts",
    "reviews",
    "ticket_meta",
    "finalized",
    "meta",
)

# What a session is, beyond its key and owner: two rows of one (uuid, revision) that
# differ here are two versions of it.
CONTENT = ("ticket", "type", "day", "deleted", "start_at", "end_at", "zone", "note", "flags", "source")
_MARKS = ", ".join("?" * 16)
INSERT_SESSION = f"INSERT INTO sessions VALUES ({_MARKS})"  # noqa: S608
# A higher revision from the same consultant wins; anything else changes nothing here
# (what differs is found by _clashes).
UPSERT_SESSION = (
    f"{INSERT_SESSION} ON CONFLICT(uuid) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ("revision", "start_ts", "end_ts", *CONTENT, "ref"))
    + " WHERE excluded.revision > sessions.revision AND excluded.consultant = sessions.consultant"
)


def session_record(r: sqlite3.Row) -> dict[str, Any]:
    """A session row as the export's record (keys in the record's order: sorted)."""
    return {
        "consultant": r["consultant"],
        "day": r["day"],
        "deleted": bool(r["deleted"]),
        "end": r["end_at"],
        "flags": r["flags"].split(",") if r["flags"] else [],
        "kind": "session",
        "note": r["note"],
        "revision": r["revision"],
        "seconds": r["end_ts"] - r["start_ts"],
        "source": r["source"],
        "start": r["start_at"],
        "ticket": r["ticket"],
        "type": r["type"],
        "uuid": r["uuid"],
        "zone": r["zone"],
    }


def ref_of(conn: sqlite3.Connection, name: str) -> int:
    """The number standing for batch ``name`` in the rows read from it."""
    conn.execute("INSERT OR IGNORE INTO refs (name) VALUES (?)", (name,))
    found = conn.execute("SELECT id FROM refs WHERE name = ?", (name,)).fetchone()
    return int(found[0])


def store(conn: sqlite3.Connection, rows: Rows, *, bulk: bool) -> None:
    """A checked batch's rows, in the caller's transaction.

    ``bulk`` (a first read): sessions are appended, and settle_first_read sorts them out.
    """
    if bulk:
        conn.executemany(INSERT_SESSION, rows.sessions)
    else:
        before = conn.total_changes
        conn.executemany(UPSERT_SESSION, rows.sessions)
        if conn.total_changes - before != len(rows.sessions):
            _session_clashes(conn, rows.sessions)
    for table, items, owner in (("events", rows.events, 3), ("reviews", rows.reviews, 5)):
        if not items:
            continue
        before = conn.total_changes
        marks = ", ".join("?" * len(items[0]))
        conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", items)  # noqa: S608
        if conn.total_changes - before != len(items):
            _payload_clashes(conn, table, ((i[0], i[owner], i[-2], i[-1]) for i in items))
    conn.executemany("INSERT OR IGNORE INTO ticket_meta VALUES (?, ?, ?)", rows.created)
    conn.executemany("INSERT OR IGNORE INTO finalized VALUES (?, ?, ?)", rows.finalized)


def _stage(conn: sqlite3.Connection, columns: str, items: Iterable[tuple[Any, ...]]) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.stage")
    conn.execute(f"CREATE TEMP TABLE stage ({columns})")
    width = columns.count(",") + 1
    conn.executemany(f"INSERT INTO temp.stage VALUES ({', '.join('?' * width)})", items)  # noqa: S608


def _session_clashes(conn: sqlite3.Connection, sessions: list[tuple[Any, ...]]) -> None:
    """Sessions read before from another consultant, or with other content at that revision."""
    _stage(conn, "uuid, revision, consultant, " + ", ".join(CONTENT) + ", ref", (_key(s) for s in sessions))
    differs = " OR ".join(f"x.{c} IS NOT s.{c}" for c in CONTENT)
    conn.execute(
        "INSERT OR IGNORE INTO conflicts SELECT s.uuid, s.revision, fr.name, sr.name, "  # noqa: S608
        "CASE WHEN x.consultant != s.consultant THEN 'owner' ELSE 'content' END "
        "FROM temp.stage s JOIN sessions x ON x.uuid = s.uuid "
        "JOIN refs fr ON fr.id = x.ref JOIN refs sr ON sr.id = s.ref "
        f"WHERE x.consultant != s.consultant OR (x.revision = s.revision AND ({differs}))"
    )


def _key(s: tuple[Any, ...]) -> tuple[Any, ...]:
    """A session row as _session_clashes stages it: key, owner, content, ref."""
    return (s[0], s[1], s[2], s[3], s[4], s[5], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15])


def _payload_clashes(conn: sqlite3.Connection, table: str, items: Iterable[tuple[Any, ...]]) -> None:
    """Events or decisions read before from another owner, or with other content (they never change)."""
    owner = "lead" if table == "reviews" else "consultant"
    _stage(conn, "uuid, owner, payload, ref", items)
    conn.execute(
        "INSERT OR IGNORE INTO conflicts SELECT s.uuid, 1, fr.name, sr.name, "  # noqa: S608
        f"CASE WHEN x.{owner} != s.owner THEN 'owner' ELSE 'content' END "
        f"FROM temp.stage s JOIN {table} x ON x.uuid = s.uuid "
        "JOIN refs fr ON fr.id = x.ref JOIN refs sr ON sr.id = s.ref "
        f"WHERE x.{owner} != s.owner OR x.payload != s.payload"
    )


def settle_first_read(conn: sqlite3.Connection) -> None:
    """Sessions appended more than once by a first read: keep what store would have kept.

    In the order they were read: the first consultant a uuid came from owns it; a
    higher revision of theirs replaces it; another version at the same revision, or
    anything from someone else, is a conflict and is dropped.
    """
    twice = conn.execute(
        "SELECT rowid, uuid, revision, consultant, ref, " + ", ".join(CONTENT) + " FROM sessions "  # noqa: S608
        "WHERE uuid IN (SELECT uuid FROM sessions GROUP BY uuid HAVING count(*) > 1) ORDER BY uuid, rowid"
    ).fetchall()
    drop: list[tuple[int]] = []
    found: list[tuple[str, int, int, int, str]] = []
    kept: tuple[Any, ...] | None = None
    for row in twice:
        if kept is None or kept[1] != row[1]:
            kept = row
            continue
        if row[3] != kept[3]:
            found.append((row[1], row[2], kept[4], row[4], "owner"))
        elif row[2] > kept[2]:
            drop.append((kept[0],))
            kept = row
            continue
        elif row[2] == kept[2] and row[5:] != kept[5:]:
            found.append((row[1], row[2], kept[4], row[4], "content"))
        drop.append((row[0],))
    conn.executemany("DELETE FROM sessions WHERE rowid = ?", drop)
    conn.executemany(
        "INSERT OR IGNORE INTO conflicts SELECT ?, ?, fr.name, sr.name, ? FROM refs fr, refs sr "
        "WHERE fr.id = ? AND sr.id = ?",
        ((u, rev, kind, first, other) for u, rev, first, other, kind in found),
    )
