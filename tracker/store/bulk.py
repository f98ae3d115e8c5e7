"""A large import in one transaction: tickets, their events and sessions, all or nothing.

The sessions are staged in a temp table first, so that a uuid already stored (or
twice in the import) with other content is found by one query and refused before
anything counts.  A large import into a smaller table drops the secondary indexes of
the sessions and of the sync queue and builds them again afterwards from the
definitions the database itself holds, so a change of the schema is never undone by
an import.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from tracker.store.db import Store

CHUNK = 50_000
REBUILD_MIN = 50_000
STAGED = (
    "line INTEGER, uuid TEXT, ticket TEXT, consultant TEXT, type TEXT, start_ts INTEGER, end_ts INTEGER, "
    "zone TEXT, utc_offset INTEGER, local_day TEXT, note TEXT, created_ts INTEGER"
)
STAGED_COLUMNS = tuple(column.split()[0] for column in STAGED.split(", "))
EVENT_COLUMNS = ("uuid", "ticket", "kind", "payload", "consultant", "at_ts", "utc_offset")


class UuidClash(Exception):
    """A session's uuid is stored with other content, or is twice in the import with other content.

    ``first_line`` is the earlier line of the two, or None when the uuid is stored.
    """

    def __init__(self, line: int, uuid: str, first_line: int | None = None) -> None:
        super().__init__(f"line {line}: {uuid}")
        self.line = line
        self.uuid = uuid
        self.first_line = first_line


@dataclass(frozen=True)
class Written:
    sessions_added: int
    sessions_given: int


class _DryRun(Exception):
    """Rolls the transaction back after every check has passed."""

    def __init__(self, written: Written) -> None:
        super().__init__("dry run")
        self.written = written


def write(
    store: Store,
    tickets: list[dict[str, Any]],
    events: list[dict[str, Any]],
    sessions: list[tuple[Any, ...]],
    *,
    dry_run: bool = False,
) -> Written:
    """Insert the tickets (each a row of the same columns), their events and the sessions.

    ``events`` hold :data:`EVENT_COLUMNS`; each gets the next ``seq``.  ``sessions``
    are rows of :data:`STAGED_COLUMNS` (``line`` is the import's line, for a clash);
    the list is emptied once staged, to free its memory before the insert.  A session
    whose uuid is stored already with the same content is skipped.  Raises
    :class:`UuidClash`, and with ``dry_run`` rolls everything back after the checks.
    """
    try:
        with store.atomic() as db:
            conn = store.conn
            _insert_tickets(conn, tickets, events)
            db.execute("DROP TABLE IF EXISTS temp.import_sessions")
            db.execute(f"CREATE TEMP TABLE import_sessions ({STAGED})")
            marks = ", ".join("?" * len(STAGED_COLUMNS))
            for i in range(0, len(sessions), CHUNK):
                conn.executemany(f"INSERT INTO import_sessions VALUES ({marks})", sessions[i : i + CHUNK])
            sessions.clear()
            _refuse_clashes(conn)
            written = _insert_staged(conn)
            db.execute("DROP TABLE temp.import_sessions")
            if dry_run:
                raise _DryRun(written)
    except _DryRun as dry:
        return dry.written
    return written


def _insert_tickets(
    conn: sqlite3.Connection, tickets: list[dict[str, Any]], events: list[dict[str, Any]]
) -> None:
    if tickets:
        names = list(tickets[0])
        conn.executemany(
            f"INSERT INTO tickets ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [list(t.values()) for t in tickets],
        )
    if events:
        last = conn.execute("SELECT coalesce(max(seq), 0) FROM ticket_events").fetchone()[0]
        conn.executemany(
            f"INSERT INTO ticket_events ({', '.join(EVENT_COLUMNS)}, seq) "
            f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))}, ?)",
            [[*(e[name] for name in EVENT_COLUMNS), last + i] for i, e in enumerate(events, start=1)],
        )


def _refuse_clashes(conn: sqlite3.Connection) -> None:
    stored = conn.execute(
        "SELECT i.line, i.uuid FROM import_sessions i JOIN sessions s ON s.uuid = i.uuid "
        "WHERE s.ticket != i.ticket OR s.start_ts != i.start_ts OR s.end_ts != i.end_ts "
        "OR s.consultant != i.consultant ORDER BY i.line LIMIT 1"
    ).fetchone()
    if stored is not None:
        raise UuidClash(stored[0], stored[1])
    twice = conn.execute(
        "SELECT uuid, min(line), max(line) FROM import_sessions GROUP BY uuid "
        "HAVING count(DISTINCT ticket || '|' || consultant || '|' || start_ts || '|' || end_ts) > 1 "
        "ORDER BY 2 LIMIT 1"
    ).fetchone()
    if twice is not None:
        raise UuidClash(twice[2], twice[0], first_line=twice[1])


def _insert_staged(conn: sqlite3.Connection) -> Written:
    existing = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    given = conn.execute("SELECT count(*) FROM import_sessions").fetchone()[0]
    # A large import into a smaller table: building the secondary indexes once,
    # sorted, is far cheaper than updating them row by row in random order.
    indexes: list[tuple[str, str]] = []
    if given >= REBUILD_MIN and given > existing:
        indexes = [
            (r[0], r[1])
            for r in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name IN ('sessions', 'sync_queue') AND sql IS NOT NULL ORDER BY name"
            )
        ]
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
    # New sessions wait for the central store (those already stored are skipped below);
    # the same uuid twice in the import has the same content, so the same queue key.
    conn.execute(
        "INSERT OR IGNORE INTO sync_queue (consultant, start_ts, uuid) "
        "SELECT consultant, start_ts, uuid FROM import_sessions i "
        "WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.uuid = i.uuid) "
        "ORDER BY consultant, start_ts, uuid"
    )
    before = conn.total_changes
    conn.execute(
        "INSERT OR IGNORE INTO sessions (uuid, ticket, consultant, type, start_ts, end_ts, zone, "
        "utc_offset, local_day, note, created_ts, source) "
        "SELECT uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, local_day, note, "
        "created_ts, 'import' FROM import_sessions ORDER BY uuid"
    )
    added = conn.total_changes - before
    for _name, sql in indexes:
        conn.execute(sql)
    return Written(added, given)
