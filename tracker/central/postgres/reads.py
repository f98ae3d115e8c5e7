"""The read model's questions, answered by the central server in SQL.

The records come back as the app sent them (plain dicts, the folder reader's shape),
each session at its latest revision and deleted ones left out.  What a role may read
is the server's business: a consultant's queries return only their own rows.

Orders match the folder reader's exactly (``COLLATE "C"`` is its byte order), so both
stores give the same answers, and the same statement, for the same history.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any

from tracker.central.postgres.connection import Connection, guarded
from tracker.central.records import Decision, Record
from tracker.i18n import _

# A session row is current when no higher revision of it exists and it is not a deletion.
# The LATERAL ... LIMIT 1 makes it one primary-key probe per row found, never a pass over
# every session (which the planner would pick for an anti-join over many rows).
NEWER = (
    "LEFT JOIN LATERAL (SELECT 1 AS found FROM sessions n WHERE n.uuid = s.uuid "
    "AND n.revision > s.revision LIMIT 1) AS newer ON true"
)
LATEST = "NOT s.deleted AND newer.found IS NULL"
# The month of a finalization is the date of its own local time (payload.at, with its
# offset); the expression is the one the index ticket_events_finalized_month holds.
FINALIZED = "event = 'finalized' AND left(payload #>> '{payload,at}', 7) = %s"
# The folder reader's order of a ticket's events: their recorded time as written, then uuid.
EVENT_ORDER = "(payload ->> 'at') COLLATE \"C\", uuid"


def _rows(conn: Connection, query: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    with guarded(conn, _("a read")):
        return conn.execute(query, tuple(params)).fetchall()


def _payloads(conn: Connection, query: str, params: Iterable[Any] = ()) -> list[Record]:
    return [row[0] for row in _rows(conn, query, params)]


def _records(texts: list[str]) -> list[Record]:
    """Records from their JSON texts in one parse (far cheaper than one a row)."""
    found: list[Record] = json.loads("[" + ",".join(texts) + "]")
    return found


# ----- sessions -------------------------------------------------------------------------


# A session record is rebuilt from its row's columns, which hold every one of its fields
# as the app sent them (see store._INSERT), in the order of the export's sorted keys: no
# JSON to print on the server nor to parse here.
SESSION_FIELDS = (
    "consultant", "day", "deleted", "end", "flags", "kind", "note", "revision", "seconds", "source", "start",
    "ticket", "type", "uuid", "zone",
)  # fmt: skip
SESSION_COLUMNS = (
    "s.consultant, s.day::text, s.deleted, s.end_text, s.flags, 'session', s.note, s.revision, "
    "(s.payload ->> 'seconds')::integer, s.source, s.start_text, s.ticket, s.type, s.uuid::text, s.zone"
)


def _session(row: tuple[Any, ...]) -> Record:
    return dict(zip(SESSION_FIELDS, row, strict=True))


def sessions_between(conn: Connection, first: str, last: str, consultant: str | None = None) -> list[Record]:
    """The current sessions whose local day is from ``first`` to ``last`` (YYYY-MM-DD, inclusive)."""
    query = (
        f"SELECT {SESSION_COLUMNS} FROM sessions s {NEWER} "
        f"WHERE s.day BETWEEN %s::date AND %s::date AND {LATEST}"
    )
    params: list[Any] = [first, last]
    if consultant is not None:
        query += " AND s.consultant = %s"
        params.append(consultant)
    order = ' ORDER BY s.day, s.consultant COLLATE "C", s.start_at, s.uuid'
    return [_session(row) for row in _rows(conn, query + order, params)]


def sessions_of_day(conn: Connection, day: str, consultant: str | None = None) -> list[Record]:
    """The current sessions of ``day``, for one consultant or all (those this role may read)."""
    return sessions_between(conn, day, day, consultant)


def sessions_of_tickets(conn: Connection, tickets: Collection[str]) -> dict[str, list[Record]]:
    """The current sessions of each of ``tickets``, from every consultant, by start."""
    out: dict[str, list[Record]] = {t: [] for t in tickets}
    if tickets:
        query = (
            f"SELECT {SESSION_COLUMNS} FROM sessions s {NEWER} WHERE s.ticket = ANY(%s) AND {LATEST} "
            "ORDER BY s.ticket, s.start_at, s.uuid"
        )
        for row in _rows(conn, query, [list(tickets)]):
            record = _session(row)
            out[record["ticket"]].append(record)
    return out


# ----- tickets --------------------------------------------------------------------------


def events_of_tickets(conn: Connection, tickets: Collection[str]) -> dict[str, list[Record]]:
    """Every ticket event of each of ``tickets``, in the order the folder reader folds them."""
    out: dict[str, list[Record]] = {t: [] for t in tickets}
    if tickets:
        query = (
            "SELECT ticket, payload::text FROM ticket_events WHERE ticket = ANY(%s) "
            f"ORDER BY ticket, {EVENT_ORDER}"
        )
        rows = _rows(conn, query, [list(tickets)])
        for (ticket, _text), record in zip(rows, _records([row[1] for row in rows]), strict=True):
            out[ticket].append(record)
    return out


def finalized_tickets(conn: Connection, month: str | None = None) -> list[str]:
    """Tickets with a finalization (in ``month``, YYYY-MM, when given), by number."""
    query = "SELECT DISTINCT ticket FROM ticket_events WHERE "
    params: tuple[Any, ...] = ()
    if month is None:
        query += "event = 'finalized'"
    else:
        query += FINALIZED
        params = (month,)
    return sorted(row[0] for row in _rows(conn, query, params))


def disagreeing_tickets(conn: Connection) -> set[str]:
    """Tickets whose first 'created' fields differ between consultants (the server keeps the list).

    A consultant, who reads only their own rows and not the list, has none.
    """
    allowed = _rows(conn, "SELECT has_table_privilege('ticket_disagreements', 'SELECT')")
    if not (allowed and allowed[0][0]):
        return set()
    return {row[0] for row in _rows(conn, "SELECT ticket FROM ticket_disagreements")}


def created_versions(conn: Connection, tickets: Collection[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """Each consultant's first 'created' fields of each of ``tickets``."""
    query = (
        "SELECT DISTINCT ON (ticket, consultant) ticket, consultant, payload -> 'payload' FROM ticket_events "
        "WHERE event = 'created' AND ticket = ANY(%s) ORDER BY ticket, consultant, at, uuid"
    )
    out: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in tickets}
    for ticket, who, fields in _rows(conn, query, [list(tickets)]):
        out[ticket][who] = fields
    return out


# ----- review decisions -----------------------------------------------------------------

_DECISION = "uuid::text, consultant, day::text, decision, comment, lead, payload ->> 'at'"


def decisions(conn: Connection, day: str | None = None) -> dict[tuple[str, str], Decision]:
    """The latest lead decision per (consultant, day), of ``day`` when given."""
    query = f"SELECT DISTINCT ON (consultant, day) {_DECISION} FROM reviews"
    params: tuple[Any, ...] = ()
    if day is not None:
        query += " WHERE day = %s::date"
        params = (day,)
    query += " ORDER BY consultant, day, at DESC, uuid DESC"
    return {(row[1], row[2]): Decision(*row) for row in _rows(conn, query, params)}


def approved_days(conn: Connection) -> set[tuple[str, str]]:
    """The (consultant, day) pairs whose latest decision approves them."""
    query = (
        "SELECT consultant, day::text FROM (SELECT DISTINCT ON (consultant, day) consultant, day, decision "
        "FROM reviews ORDER BY consultant, day, at DESC, uuid DESC) AS latest WHERE decision = 'approve'"
    )
    return {(row[0], row[1]) for row in _rows(conn, query)}


def review_inbox(
    conn: Connection, consultant: str, seen: Collection[str]
) -> Iterator[tuple[str, list[Decision]]]:
    """The decisions about ``consultant``, by the batch (``lead/batch``) that brought them, not ``seen``."""
    query = (
        f"SELECT lead || '/' || batch, {_DECISION} FROM reviews WHERE consultant = %s "
        "AND NOT (lead || '/' || batch = ANY(%s)) ORDER BY lead, batch, at, uuid"
    )
    found: dict[str, list[Decision]] = {}
    for key, *fields in _rows(conn, query, [consultant, list(seen)]):
        found.setdefault(key, []).append(Decision(*fields))
    yield from found.items()


# ----- who sent what --------------------------------------------------------------------

# Each author of a consultants batch, and when they last sent one (a skip scan over the
# (area, consultant, sent_at) index: a few probes per consultant, however many batches).
_SENDERS = """
WITH RECURSIVE who AS (
    (SELECT consultant FROM batches WHERE area = 'consultants' ORDER BY consultant LIMIT 1)
    UNION ALL
    SELECT (SELECT b.consultant FROM batches b WHERE b.area = 'consultants' AND b.consultant > who.consultant
            ORDER BY b.consultant LIMIT 1)
    FROM who WHERE who.consultant IS NOT NULL
)
SELECT consultant, extract(epoch FROM coalesce(
    (SELECT max(b.sent_at) FROM batches b WHERE b.area = 'consultants' AND b.consultant = who.consultant),
    (SELECT max(b.created_at) FROM batches b WHERE b.area = 'consultants' AND b.consultant = who.consultant)
))::bigint
FROM who WHERE consultant IS NOT NULL
"""


def senders(conn: Connection) -> dict[str, int]:
    """Everyone who sent sessions or ticket events, and when they last did (UTC seconds)."""
    return {who: int(ts) for who, ts in _rows(conn, _SENDERS)}


def batch(conn: Connection, author: str, name: str) -> tuple[str, int, str] | None:
    """A batch's sha256, row count and area, as the server keeps it."""
    rows = _rows(
        conn, "SELECT sha256, rows, area FROM batches WHERE consultant = %s AND batch = %s", [author, name]
    )
    return (rows[0][0], int(rows[0][1]), rows[0][2]) if rows else None


# ----- rates and statements -------------------------------------------------------------


def rates(conn: Connection) -> list[Record]:
    """Every rate version billing published, oldest first per type."""
    return _payloads(conn, "SELECT payload FROM rates ORDER BY type, effective_from, version, uuid, revision")


def has_role(conn: Connection, group: str) -> bool:
    """Whether the connected login is a member of the server's ``group`` (tracker_billing...)."""
    rows = _rows(
        conn,
        "SELECT coalesce(bool_or(pg_has_role(current_user, oid, 'MEMBER')), false) FROM pg_roles "
        "WHERE rolname = %s",
        [group],
    )
    return bool(rows and rows[0][0])


def issued_months(conn: Connection) -> list[str]:
    """Every month with an issued statement, in order."""
    return [str(row[0]) for row in _rows(conn, "SELECT DISTINCT month FROM statements ORDER BY month")]


def statements(conn: Connection, month: str) -> list[dict[str, Any]]:
    """The statements issued for ``month``, oldest first."""
    rows = _rows(
        conn,
        "SELECT month, lines, totals, sha256, issued_by, at FROM statements WHERE month = %s "
        "ORDER BY at, sha256",
        [month],
    )
    keys = ("month", "lines", "totals", "sha256", "issued_by", "at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def month_range(month: str) -> tuple[str, str]:
    """The first and the last day of ``month`` (YYYY-MM)."""
    first = date.fromisoformat(f"{month}-01")
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.isoformat(), date.fromordinal(after.toordinal() - 1).isoformat()
