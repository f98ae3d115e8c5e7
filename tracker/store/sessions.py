"""The sessions: the statements and the row mapping."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from tracker.model import ConsultancyType, Session, from_ts, zone_of
from tracker.store.db import Store

# Whether a session waits for the central store is kept in ``sync_queue`` (schema.py),
# keyed in the sender's order: synced means no row there; its sent revision is the
# queue's, or the current one.
_QUEUED = (
    "FROM sync_queue q WHERE q.consultant = sessions.consultant AND q.start_ts = sessions.start_ts "
    "AND q.uuid = sessions.uuid"
)
SYNCED = f"NOT EXISTS (SELECT 1 {_QUEUED})"
SENT_REVISION = f"coalesce((SELECT q.sent_revision {_QUEUED}), revision)"

SESSION_COLUMNS = (
    "uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, note, revision, "
    f"{SYNCED} AS synced, source, flags, deleted, {SENT_REVISION} AS sent_revision"
)


def session_from_row(row: sqlite3.Row) -> Session:
    tz = zone_of(row["zone"], row["utc_offset"])
    return Session(
        uuid=row["uuid"],
        ticket=row["ticket"],
        consultant=row["consultant"],
        type=ConsultancyType(row["type"]),
        start=from_ts(row["start_ts"], tz),
        end=from_ts(row["end_ts"], tz),
        zone=row["zone"],
        note=row["note"],
        revision=row["revision"],
        synced=bool(row["synced"]),
        source=row["source"],
        flags=tuple(f for f in row["flags"].split(",") if f),
        deleted=bool(row["deleted"]),
        sent_revision=row["sent_revision"],
    )


def session_row(session: Session, created_ts: int) -> dict[str, Any]:
    offset = session.start.utcoffset() or timedelta(0)
    return {
        "uuid": session.uuid,
        "ticket": session.ticket,
        "consultant": session.consultant,
        "type": session.type.value,
        "start_ts": int(session.start.timestamp()),
        "end_ts": int(session.end.timestamp()),
        "zone": session.zone,
        "utc_offset": int(offset.total_seconds()),
        "local_day": session.start.date().isoformat(),
        "note": session.note,
        "revision": session.revision,
        "source": session.source,
        "flags": ",".join(session.flags),
        "deleted": int(session.deleted),
        "created_ts": created_ts,
    }


def _queue(db: Any, session: Session, sent: int) -> None:
    """The session waits for the central store, in its new state.

    ``sent`` is the highest revision of it put into a batch so far.  A session deleted
    before any revision of it went into a batch has nothing to send: it is not queued.
    """
    if session.deleted and sent == 0:
        return
    db.execute(
        "INSERT INTO sync_queue (consultant, start_ts, uuid, sent_revision) VALUES (?, ?, ?, ?)",
        [session.consultant, int(session.start.timestamp()), session.uuid, sent],
    )


def insert_session(db: Any, session: Session, created_ts: int) -> None:
    row = session_row(session, created_ts)
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"INSERT INTO sessions ({names}) VALUES ({marks})", list(row.values()))
    _queue(db, session, session.sent_revision)


def get_session(store: Store, uuid: str) -> Session | None:
    row = store.one(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE uuid = ?", (uuid,))
    return None if row is None else session_from_row(row)


def find_session_uuids(store: Store, prefix: str) -> list[str]:
    """Sessions whose uuid starts with ``prefix`` (a range scan on the key)."""
    rows = store.all(
        "SELECT uuid FROM sessions WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT 2",
        (prefix, prefix + "\uffff"),
    )
    return [r["uuid"] for r in rows]


def update_session(db: Any, session: Session) -> None:
    row = session_row(session, created_ts=0)
    del row["created_ts"], row["uuid"]
    sets = ", ".join(f"{name} = ?" for name in row)
    # Its queue row (keyed by the stored consultant and start) goes, keeping what was sent;
    # a session that was synced has sent the revision this change replaces.
    queued = db.execute(
        "DELETE FROM sync_queue WHERE (consultant, start_ts, uuid) = "
        "(SELECT consultant, start_ts, uuid FROM sessions WHERE uuid = ?) RETURNING sent_revision",
        [session.uuid],
    ).fetchone()
    db.execute(f"UPDATE sessions SET {sets} WHERE uuid = ?", [*row.values(), session.uuid])
    _queue(db, session, session.sent_revision if queued is None else max(session.sent_revision, queued[0]))


def restamp_sessions(db: Any, number: str, from_ts_: int, type_: str) -> None:
    """Sessions of a ticket not yet synced that start at ``from_ts_`` or later take ``type_``.

    Only those in no prepared batch: a batch's content is fixed once prepared.
    """
    db.execute(
        "UPDATE sessions SET type = ? WHERE ticket = ? AND start_ts >= ? "
        f"AND EXISTS (SELECT 1 {_QUEUED} AND q.batch IS NULL)",
        [type_, number, from_ts_],
    )


def sessions_between(store: Store, consultant: str, start_ts: int, end_ts: int) -> list[Session]:
    """Sessions of a consultant that touch [start_ts, end_ts): the day and its neighbours."""
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE consultant = ? AND deleted = 0 "
        "AND local_day BETWEEN date(?, 'unixepoch', '-2 days') AND date(?, 'unixepoch', '+2 days') "
        "AND start_ts < ? AND end_ts > ? ORDER BY start_ts, uuid",
        (consultant, start_ts, end_ts, end_ts, start_ts),
    )
    return [session_from_row(r) for r in rows]


def created_ts_of(store: Store, uuid: str) -> int:
    row = store.one("SELECT created_ts FROM sessions WHERE uuid = ?", (uuid,))
    return int(row["created_ts"]) if row else 0


def sessions_of_day(store: Store, consultant: str, day: str) -> list[Session]:
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions "
        "WHERE consultant = ? AND local_day = ? AND deleted = 0 ORDER BY start_ts, uuid",
        (consultant, day),
    )
    return [session_from_row(r) for r in rows]


def sessions_of_ticket(store: Store, number: str) -> list[Session]:
    rows = store.all(
        f"SELECT {SESSION_COLUMNS} FROM sessions WHERE ticket = ? AND deleted = 0 ORDER BY start_ts, uuid",
        (number,),
    )
    return [session_from_row(r) for r in rows]


def oldest_pending_created_ts(store: Store) -> int | None:
    """When the oldest session still waiting for the central export was recorded."""
    row = store.one("SELECT min(s.created_ts) AS ts FROM sync_queue q JOIN sessions s USING (uuid)")
    return None if row is None or row["ts"] is None else int(row["ts"])


def ticket_totals(store: Store, number: str) -> dict[str, int]:
    rows = store.all(
        "SELECT type, SUM(end_ts - start_ts) AS seconds FROM sessions "
        "WHERE ticket = ? AND deleted = 0 GROUP BY type",
        (number,),
    )
    return {r["type"]: int(r["seconds"]) for r in rows}


# ----- a span of days, formatted by SQLite -------------------------------------------
# A span may hold a whole history.  SQLite formats each session (its JSON object, the
# same as the command line's, or its line of text), so that Python only joins texts.
# Times are shown in the offset recorded with the start; tracker.span_log corrects the
# rare session whose zone changed offset, and adds the overlap flag.  SQLite's printf
# and strftime cost several times json_object, time() and a CASE: the JSON uses those.


def _flag_sql(name: str, condition: str) -> str:
    """SQL: ``,name`` when ``condition`` holds and the stored flags lack it."""
    return (
        f"CASE WHEN ({condition}) AND instr(',' || flags || ',', ',{name},') = 0 THEN ',{name}' ELSE '' END"
    )


# tracker.flags.session_flags but the overlap: the stored flags, then long and across_midnight
# (the end's second before, in the start's offset, on a later local day).  Most sessions
# have no stored flag: a CASE writes theirs without building strings.
_LONG_SQL = "end_ts - start_ts > :long"
_ACROSS_MIDNIGHT_SQL = "end_ts - start_ts > 86400 - ((start_ts + utc_offset) % 86400 + 86400) % 86400"
_FLAGS_SQL = (
    f"CASE WHEN flags = '' THEN CASE WHEN {_LONG_SQL}"
    f" THEN CASE WHEN {_ACROSS_MIDNIGHT_SQL} THEN 'long,across_midnight' ELSE 'long' END"
    f" WHEN {_ACROSS_MIDNIGHT_SQL} THEN 'across_midnight' ELSE '' END"
    f" ELSE ltrim(flags || {_flag_sql('long', _LONG_SQL)}"
    f" || {_flag_sql('across_midnight', _ACROSS_MIDNIGHT_SQL)}, ',') END"
)


def _offset_text(offset: int) -> str:
    """A UTC offset as ISO 8601 writes it: ``-03:00``, with seconds when it has any."""
    sign, rest = ("-" if offset < 0 else "+"), abs(offset)
    text = f"{sign}{rest // 3600:02d}:{rest % 3600 // 60:02d}"
    return text + (f":{rest % 60:02d}" if rest % 60 else "")


def _json_sql(offsets: list[int]) -> str:
    """SQL: the JSON of a session (tracker.cli.output.session_json), key for key.

    ``offsets`` are the recorded UTC offsets of the span: each is written by a CASE.
    """
    whens = " ".join(f"WHEN {int(o)} THEN '{_offset_text(int(o))}'" for o in offsets)
    offset = f"CASE utc_offset {whens} END" if offsets else "''"
    end = "end_ts + utc_offset, 'unixepoch'"
    return (
        "json_object('uuid', uuid, 'ticket', ticket, 'consultant', consultant, 'type', type,"
        f" 'start', local_day || 'T' || time(start_ts + utc_offset, 'unixepoch') || {offset},"
        f" 'end', date({end}) || 'T' || time({end}) || {offset},"
        " 'seconds', end_ts - start_ts, 'revision', revision,"
        f" 'synced', CASE WHEN {SYNCED} THEN json('true') ELSE json('false') END,"
        " 'flags', CASE f WHEN '' THEN json_array()"
        " ELSE json('[\"' || replace(f, ',', '\",\"') || '\"]') END,"
        " 'note', note, 'zone', zone, 'source', source)"
    )


# A line of `tracker log`, with its day: "2026-11-03 09:00-09:25  12345678   technical    0:25:00  note"
# (the duration right-aligned in 9 characters: a session lasts less than 100 hours).
_TEXT_SQL = (
    "printf('%s %s-%s  %-!10s %-!10s %3d:%02d:%02d  %s', local_day,"
    " strftime('%H:%M', start_ts + utc_offset, 'unixepoch'),"
    " strftime('%H:%M', end_ts + utc_offset, 'unixepoch'), ticket, type,"
    " (end_ts - start_ts) / 3600, (end_ts - start_ts) % 3600 / 60, (end_ts - start_ts) % 60, note)"
)

# A row seen through the index costs a search of the table; past about this share of
# the table, reading all of it in order is cheaper.  (Bytes per session: row and indexes.)
_SCAN_SHARE = 20
_BYTES_PER_SESSION = 400
_SORTED_BYTES = 1024  # a written session in the sorter, with room to spare


def _span_size(store: Store, consultant: str, first: str, last: str) -> tuple[int, int]:
    """(the span's sessions, about how many the whole table holds): both cheap to know."""
    found = store.one(
        "SELECT count(*) AS n FROM sessions WHERE consultant = ? AND local_day BETWEEN ? AND ?",
        (consultant, first, last),
    )
    pages = store.one("PRAGMA page_count")
    size = store.one("PRAGMA page_size")
    table = (pages[0] if pages else 0) * (size[0] if size else 0) // _BYTES_PER_SESSION
    return (found["n"] if found else 0), table


def span_rows(
    store: Store, consultant: str, first: str, last: str, long_seconds: int, as_json: bool
) -> list[sqlite3.Row]:
    """The sessions of the local days ``first`` to ``last``, by day and start, written out.

    Each row: ``text`` (the session's line of ``tracker log``, or its JSON object),
    ``start_ts``, ``end_ts``, ``zone``, ``utc_offset`` and ``local_day``.  With ``as_json``
    the sessions of the two days around the span come too, for the overlaps (the JSON's
    flags lack ``overlap``), and each row also has the stored ``flags``.
    """
    if as_json:
        first_near = (date.fromisoformat(first) - timedelta(days=2)).isoformat()
        last_near = (date.fromisoformat(last) + timedelta(days=2)).isoformat()
    else:
        first_near, last_near = first, last
    span, table = _span_size(store, consultant, first_near, last_near)
    # The unary + keeps SQLite off the index when reading the whole table is cheaper.
    plus = "+" if span * _SCAN_SHARE > table else ""
    where = f"{plus}consultant = :who AND deleted = 0 AND {plus}local_day BETWEEN :first_near AND :last_near"
    params = {
        "who": consultant,
        "first": first,
        "last": last,
        "first_near": first_near,
        "last_near": last_near,
        "long": long_seconds,
    }
    columns = f"{_TEXT_SQL}, start_ts, end_ts, zone, utc_offset, local_day"
    if as_json:
        found = store.conn.execute(f"SELECT DISTINCT utc_offset FROM sessions WHERE {where}", params)
        columns = f"{_json_sql([r[0] for r in found])}, start_ts, end_ts, zone, utc_offset, local_day, flags"
    sql = (
        f"SELECT {columns} FROM (SELECT *, {_FLAGS_SQL} AS f FROM sessions WHERE {where}) AS sessions"
        " ORDER BY local_day, start_ts, uuid"
    )
    # A scan's rows are sorted: a page cache as large as them keeps SQLite's sorter in
    # memory (past the cache it writes them to temporary files).
    cache = store.one("PRAGMA cache_size")
    if plus and cache is not None:
        store.conn.execute(f"PRAGMA cache_size = -{max(span * _SORTED_BYTES // 1024, 2000)}")
    try:
        return list(store.conn.execute(sql, params).fetchall())
    finally:
        if plus and cache is not None:
            store.conn.execute(f"PRAGMA cache_size = {int(cache[0])}")


def span_totals(store: Store, consultant: str, first: str, last: str) -> list[sqlite3.Row]:
    """A consultant's time of the local days ``first`` to ``last`` per day, ticket and type.

    Each row: ``day``, ``ticket``, ``type``, ``sessions``, ``seconds``, and the ticket's
    ``customer``, ``term_accepted``, ``finalized_on`` (the local date, or None) and
    ``defect`` (1 when an unpublished product or documentation defect was flagged on it).
    One aggregate over the (consultant, day) index: a month costs the same at any size.
    """
    return store.all(
        "SELECT s.local_day AS day, s.ticket AS ticket, s.type AS type, count(*) AS sessions,"
        " sum(s.end_ts - s.start_ts) AS seconds, t.customer AS customer, t.term_accepted AS term_accepted,"
        " CASE WHEN t.finalized_ts IS NULL THEN NULL"
        "  ELSE date(t.finalized_ts + coalesce(t.finalized_offset, 0), 'unixepoch') END AS finalized_on,"
        " EXISTS (SELECT 1 FROM defects AS d WHERE d.ticket = s.ticket AND d.published = 0"
        "  AND d.kind IN ('product', 'documentation')) AS defect"
        " FROM sessions AS s JOIN tickets AS t ON t.number = s.ticket"
        " WHERE s.consultant = ? AND s.local_day BETWEEN ? AND ? AND s.deleted = 0"
        " GROUP BY s.local_day, s.ticket, s.type ORDER BY s.ticket, s.type, s.local_day",
        (consultant, first, last),
    )


def day_totals(store: Store, consultant: str, first_day: str, last_day: str) -> list[sqlite3.Row]:
    """Per local day in [first_day, last_day]: recorded seconds, sessions, those not yet in the
    central store, and when its sessions last changed (recorded, edited, split or deleted).

    One range scan on ``sessions_day`` (consultant, local_day); a deleted session counts
    only as a change and, until its deletion is sent, as not yet in the central store.
    """
    return store.all(
        "SELECT local_day, "
        "SUM(CASE WHEN deleted = 0 THEN end_ts - start_ts ELSE 0 END) AS seconds, "
        "SUM(deleted = 0) AS sessions, "
        f"SUM(NOT {SYNCED}) AS unsynced, "
        "MAX(max(created_ts, COALESCE("
        "(SELECT MAX(at_ts) FROM audit WHERE audit.session = sessions.uuid), 0))) AS changed_ts "
        "FROM sessions WHERE consultant = ? AND local_day BETWEEN ? AND ? "
        "GROUP BY local_day ORDER BY local_day",
        (consultant, first_day, last_day),
    )
