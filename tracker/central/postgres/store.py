"""The central store on PostgreSQL: publishing batches and reading them back.

:func:`publish` writes one batch (a consultant's sessions and ticket events, a lead's
review decisions, billing's rates) in ONE transaction, exactly once by (uuid,
revision): a record the server already holds, identical, is a no-op; the same pair
with another payload is a :class:`RecordConflict` and nothing of the batch is
written.  The server's row-level policies decide who may write what; a refusal is a
:class:`ServerRefused` carrying the server's reason, and again nothing is written.

The readers return the records as the app sent them (plain dicts, the folder reader's
shape), each session at its latest revision and deleted ones left out.  What a role
may read is the server's business: a consultant's queries return only their rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from tracker.central.postgres.connection import Connection, connect, guarded
from tracker.central.postgres.errors import RecordConflict
from tracker.errors import TrackerError
from tracker.i18n import _

__all__ = ["Published", "connect", "publish"]

# Rows of one kind go to the server as a JSON array of {"line": n, "r": record}; the
# server takes the columns apart, so a batch of any size is one statement per kind.
_SOURCE = (
    "(SELECT x->'r' AS r, (x->>'line')::integer AS line FROM jsonb_array_elements(%(rows)s) AS x) AS src"
)

_INSERT = {
    "session": (
        "INSERT INTO sessions (uuid, revision, consultant, ticket, type, start_at, end_at, start_text, "
        "end_text, zone, day, deleted, note, flags, source, batch, line, payload) "
        "SELECT (r->>'uuid')::uuid, (r->>'revision')::integer, r->>'consultant', r->>'ticket', r->>'type', "
        "(r->>'start')::timestamptz, (r->>'end')::timestamptz, r->>'start', r->>'end', r->>'zone', "
        "(r->>'day')::date, (r->>'deleted')::boolean, r->>'note', "
        "ARRAY(SELECT jsonb_array_elements_text(r->'flags')), r->>'source', %(batch)s, line, r "
        f"FROM {_SOURCE} ON CONFLICT (uuid, revision) DO NOTHING"
    ),
    "ticket_event": (
        "INSERT INTO ticket_events (uuid, ticket, event, consultant, at, batch, line, payload) "
        "SELECT (r->>'uuid')::uuid, r->>'ticket', r->>'event', r->>'consultant', (r->>'at')::timestamptz, "
        f"%(batch)s, line, r FROM {_SOURCE} ON CONFLICT (uuid) DO NOTHING"
    ),
    "review": (
        "INSERT INTO reviews (uuid, consultant, day, decision, comment, lead, at, batch, line, payload) "
        "SELECT (r->>'uuid')::uuid, r->>'consultant', (r->>'day')::date, r->>'decision', r->>'comment', "
        "r->>'lead', (r->>'at')::timestamptz, %(batch)s, line, r "
        f"FROM {_SOURCE} ON CONFLICT (uuid) DO NOTHING"
    ),
    "rate": (
        "INSERT INTO rates (uuid, revision, type, version, hourly, effective_from, index_name, percent, "
        "made_by, at, batch, line, payload) "
        "SELECT (r->>'uuid')::uuid, (r->>'revision')::integer, r->>'type', (r->>'version')::integer, "
        "(r->>'hourly')::numeric, (r->>'effective_from')::date, r->>'index_name', (r->>'percent')::numeric, "
        "r->>'made_by', (r->>'at')::timestamptz, %(batch)s, line, r "
        f"FROM {_SOURCE} ON CONFLICT (uuid, revision) DO NOTHING"
    ),
}

# After the inserts, in the same transaction: every record must now be on the server
# exactly as sent.  One that is not was already there with another payload, or belongs
# to a row this role cannot even see (someone else's): a conflict either way.
_TABLES = {
    "session": ("sessions", "t.uuid = (r->>'uuid')::uuid AND t.revision = (r->>'revision')::integer"),
    "ticket_event": ("ticket_events", "t.uuid = (r->>'uuid')::uuid"),
    "review": ("reviews", "t.uuid = (r->>'uuid')::uuid"),
    "rate": ("rates", "t.uuid = (r->>'uuid')::uuid AND t.revision = (r->>'revision')::integer"),
}
_CHECK = {
    kind: f"SELECT line, r->>'uuid', r->>'revision' FROM {_SOURCE} "
    f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {key} AND t.payload = r) ORDER BY line"
    for kind, (table, key) in _TABLES.items()
}

KINDS = tuple(_INSERT)


@dataclass(frozen=True)
class Published:
    """What :func:`publish` did: ``new`` records written, ``known`` ones already there."""

    batch: str
    new: int
    known: int


def _by_kind(batch_id: str, records: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for line, record in enumerate(records, start=1):
        kind = record.get("kind") if isinstance(record, Mapping) else None
        if kind not in _INSERT:
            raise TrackerError(
                _("line {line} of batch {batch} is not a record tracker knows (kind {kind})").format(
                    line=line, batch=batch_id, kind=kind
                )
            )
        out.setdefault(str(kind), []).append({"line": line, "r": dict(record)})
    return out


def publish(
    conn: Connection, batch_id: str, consultant: str, records: Sequence[Mapping[str, Any]], sha256: str
) -> Published:
    """Write the batch ``batch_id`` of ``consultant`` (its author) in one transaction, exactly once."""
    groups = _by_kind(batch_id, records)
    what = _("batch {batch}").format(batch=batch_id)
    new = 0
    with guarded(conn, what), conn.transaction():
        _record_batch(conn, batch_id, consultant, sha256, len(records))
        for kind, rows in groups.items():
            params = {"rows": Jsonb(rows), "batch": batch_id}
            new += conn.execute(_INSERT[kind], params).rowcount
            clash = conn.execute(_CHECK[kind], params).fetchone()
            if clash is not None:
                raise RecordConflict(
                    _(
                        "line {line} of batch {batch}: record {uuid} revision {revision} is already on "
                        "the central server with other contents; nothing of the batch was written"
                    ).format(line=clash[0], batch=batch_id, uuid=clash[1], revision=clash[2])
                )
    return Published(batch_id, new, len(records) - new)


def _record_batch(conn: Connection, batch_id: str, consultant: str, sha256: str, rows: int) -> None:
    written = conn.execute(
        "INSERT INTO batches (consultant, batch, sha256, rows) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (consultant, batch) DO NOTHING",
        (consultant, batch_id, sha256, rows),
    ).rowcount
    if written:
        return
    known = conn.execute(
        "SELECT sha256, rows FROM batches WHERE consultant = %s AND batch = %s", (consultant, batch_id)
    ).fetchone()
    if known is None or tuple(known) != (sha256, rows):
        raise RecordConflict(
            _(
                "batch {batch} of {consultant} is already on the central server with other contents; "
                "nothing of it was written"
            ).format(batch=batch_id, consultant=consultant)
        )


# ----- reading -----------------------------------------------------------------------

# A session row is current when no higher revision of it exists (the primary key finds
# that) and it is not a deletion.
_LATEST = (
    "NOT s.deleted AND NOT EXISTS "
    "(SELECT 1 FROM sessions n WHERE n.uuid = s.uuid AND n.revision > s.revision)"
)


def _payloads(conn: Connection, query: str, params: Iterable[Any]) -> list[dict[str, Any]]:
    with guarded(conn, _("a read")):
        return [row[0] for row in conn.execute(query, tuple(params))]


def sessions_between(
    conn: Connection, first: str, last: str, consultant: str | None = None
) -> list[dict[str, Any]]:
    """The current sessions whose local day is from ``first`` to ``last`` (YYYY-MM-DD, inclusive)."""
    query = f"SELECT s.payload FROM sessions s WHERE s.day BETWEEN %s::date AND %s::date AND {_LATEST}"
    params: list[Any] = [first, last]
    if consultant is not None:
        query += " AND s.consultant = %s"
        params.append(consultant)
    return _payloads(conn, query + " ORDER BY s.day, s.consultant, s.start_at, s.uuid", params)


def sessions_of_day(conn: Connection, day: str, consultant: str | None = None) -> list[dict[str, Any]]:
    """The current sessions of ``day``, for one consultant or all (those this role may read)."""
    return sessions_between(conn, day, day, consultant)


def sessions_of_ticket(conn: Connection, ticket: str) -> list[dict[str, Any]]:
    """The current sessions of ``ticket``, from every consultant."""
    query = f"SELECT s.payload FROM sessions s WHERE s.ticket = %s AND {_LATEST} ORDER BY s.start_at, s.uuid"
    return _payloads(conn, query, [ticket])


def events_of_ticket(conn: Connection, ticket: str) -> list[dict[str, Any]]:
    query = "SELECT payload FROM ticket_events WHERE ticket = %s ORDER BY at, uuid"
    return _payloads(conn, query, [ticket])


# The month of a finalization is the date of its own local time (payload.at, with its
# offset); the expression is the one the index ticket_events_finalized_month holds.
_FINALIZED = "event = 'finalized' AND left(payload #>> '{payload,at}', 7) = %s"


def finalized_tickets(conn: Connection, month: str | None = None) -> list[str]:
    """Tickets with a finalization (in ``month``, YYYY-MM, when given)."""
    query = "SELECT DISTINCT ticket FROM ticket_events WHERE "
    params: tuple[Any, ...] = ()
    if month is None:
        query += "event = 'finalized'"
    else:
        query += _FINALIZED
        params = (month,)
    with guarded(conn, _("a read")):
        return sorted(row[0] for row in conn.execute(query, params))


def month_tickets(conn: Connection, month: str) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The tickets finalized in ``month``, each with all its events and current sessions."""
    tickets = finalized_tickets(conn, month)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {t: {"events": [], "sessions": []} for t in tickets}
    if not tickets:
        return out
    with guarded(conn, _("a read")):
        events = conn.execute(
            "SELECT ticket, payload FROM ticket_events WHERE ticket = ANY(%s) ORDER BY at, uuid", (tickets,)
        )
        for ticket, payload in events:
            out[ticket]["events"].append(payload)
        sessions = conn.execute(
            f"SELECT s.ticket, s.payload FROM sessions s WHERE s.ticket = ANY(%s) AND {_LATEST} "
            "ORDER BY s.start_at, s.uuid",
            (tickets,),
        )
        for ticket, payload in sessions:
            out[ticket]["sessions"].append(payload)
    return out


def decisions(conn: Connection, day: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest lead decision per (consultant, day), of ``day`` when given."""
    query = "SELECT payload FROM reviews"
    params: tuple[Any, ...] = ()
    if day is not None:
        query += " WHERE day = %s::date"
        params = (day,)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for rec in _payloads(conn, query + " ORDER BY at, uuid", params):
        out[(rec["consultant"], rec["day"])] = {k: rec[k] for k in ("decision", "comment", "lead", "at")}
    return out


def rates(conn: Connection) -> list[dict[str, Any]]:
    """Every rate version billing published, oldest first per type."""
    query = "SELECT payload FROM rates ORDER BY type, effective_from, version, uuid, revision"
    return _payloads(conn, query, ())


def consultants(conn: Connection) -> list[str]:
    """Everyone with a session or a ticket event on the server (that this role may read)."""
    with guarded(conn, _("a read")):
        rows = conn.execute(
            "SELECT consultant FROM sessions UNION SELECT consultant FROM ticket_events ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def issue_statement(conn: Connection, month: str, lines: Any, totals: Any, sha256: str) -> bool:
    """Keep an issued statement, signed by this role; False when the same one was already kept."""
    with guarded(conn, _("the statement of {month}").format(month=month)):
        return bool(
            conn.execute(
                "INSERT INTO statements (month, lines, totals, sha256, issued_by) "
                "VALUES (%s, %s, %s, %s, current_user) ON CONFLICT (month, sha256) DO NOTHING",
                (month, Jsonb(lines), Jsonb(totals), sha256),
            ).rowcount
        )


def statements(conn: Connection, month: str) -> list[dict[str, Any]]:
    """The statements issued for ``month``, oldest first."""
    with guarded(conn, _("a read")):
        rows = conn.execute(
            "SELECT month, lines, totals, sha256, issued_by, at FROM statements WHERE month = %s "
            "ORDER BY at, sha256",
            (month,),
        ).fetchall()
    keys = ("month", "lines", "totals", "sha256", "issued_by", "at")
    return [dict(zip(keys, row, strict=True)) for row in rows]
