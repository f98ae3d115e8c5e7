"""The central store on PostgreSQL: publishing batches (the readers are in ``reads``).

:func:`publish` writes one batch (a consultant's sessions and ticket events, a lead's
review decisions, billing's rates) in ONE transaction, exactly once by (uuid,
revision): a record the server already holds, identical, is a no-op; the same pair
with another payload is a :class:`RecordConflict` and nothing of the batch is
written.  The server's row-level policies decide who may write what; a refusal is a
:class:`ServerRefused` carrying the server's reason, and again nothing is written.

The batch itself is kept too (``batches``: its author, area, sha256, row count and
manifest), and so is each line whose record an earlier batch already brought
(``batch_refs``), so that ``tracker central export`` can rebuild every batch file and
its manifest byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from tracker.central.faults import crash_point
from tracker.central.postgres.connection import Connection, connect, guarded, where
from tracker.central.postgres.errors import RecordConflict, ServerRefused
from tracker.central.records import dumps
from tracker.errors import TrackerError
from tracker.i18n import _

__all__ = ["Published", "connect", "publish", "publish_lines"]

# Rows of one kind go to the server as the text of a JSON array of {"line": n, "r": record},
# made of the batch's own lines (never parsed and dumped again); the server takes the
# columns apart: one statement per kind and CHUNK records.
_SOURCE = (
    "(SELECT x->'r' AS r, (x->>'line')::integer AS line "
    "FROM jsonb_array_elements(%(rows)s::jsonb) AS x) AS src"
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
# to a row this role cannot even see (someone else's): a conflict either way.  One that
# is there, the same, but was brought by another batch or line, is a reference: kept in
# batch_refs, so that this batch can be rebuilt whole.
_TABLES = {
    "session": ("sessions", "t.uuid = (r->>'uuid')::uuid AND t.revision = (r->>'revision')::integer"),
    "ticket_event": ("ticket_events", "t.uuid = (r->>'uuid')::uuid"),
    "review": ("reviews", "t.uuid = (r->>'uuid')::uuid"),
    "rate": ("rates", "t.uuid = (r->>'uuid')::uuid AND t.revision = (r->>'revision')::integer"),
}
# LATERAL: one primary-key probe per record, whatever the planner guesses about the rows
# a role may see (the row-level policy hides its statistics).
_CHECK = {
    kind: f"SELECT src.line, r->>'uuid', coalesce((r->>'revision')::integer, 1), t.payload = r "
    f"FROM {_SOURCE} LEFT JOIN LATERAL "
    f"(SELECT payload, batch, line FROM {table} t WHERE {key} LIMIT 1) AS t ON true "
    "WHERE t.payload IS DISTINCT FROM r OR t.batch <> %(batch)s OR t.line <> src.line ORDER BY src.line"
    for kind, (table, key) in _TABLES.items()
}
_REF = (
    "INSERT INTO batch_refs (consultant, batch, line, kind, uuid, revision) "
    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
)

KINDS = tuple(_INSERT)
CHUNK = 5000  # records per statement: each one well within the statement timeout


@dataclass(frozen=True)
class Published:
    """What :func:`publish` did: ``new`` records written, ``known`` ones already there.

    ``batch_new`` is False when the batch itself was already on the server, the same.
    """

    batch: str
    new: int
    known: int
    batch_new: bool = True


def _by_kind(batch_id: str, lines: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
    """The batch's (line number, text) by kind of record; refused before anything is sent."""
    try:
        parsed = json.loads("[" + ",".join(lines) + "]")  # one parse: far cheaper than one a line
    except ValueError as exc:
        raise TrackerError(
            _("batch {batch} is not JSON lines ({error})").format(batch=batch_id, error=exc)
        ) from None
    out: dict[str, list[tuple[int, str]]] = {}
    for line, (text, record) in enumerate(zip(lines, parsed, strict=True), start=1):
        kind = record.get("kind") if isinstance(record, dict) else None
        if kind not in _INSERT:
            raise TrackerError(
                _("line {line} of batch {batch} is not a record tracker knows (kind {kind})").format(
                    line=line, batch=batch_id, kind=kind
                )
            )
        out.setdefault(str(kind), []).append((line, text))
    return out


def publish(
    conn: Connection,
    batch_id: str,
    consultant: str,
    records: Sequence[Mapping[str, Any]],
    sha256: str,
    *,
    area: str = "consultants",
    manifest: Mapping[str, Any] | None = None,
) -> Published:
    """Write the batch ``batch_id`` of ``consultant`` (its author) in one transaction, exactly once."""
    lines = [dumps(dict(r)) if isinstance(r, Mapping) else json.dumps(r) for r in records]
    return publish_lines(conn, batch_id, consultant, lines, sha256, area=area, manifest=manifest)


def publish_lines(
    conn: Connection,
    batch_id: str,
    consultant: str,
    lines: Sequence[str],
    sha256: str,
    *,
    area: str = "consultants",
    manifest: Mapping[str, Any] | None = None,
) -> Published:
    """:func:`publish` for a batch as its file holds it: one JSON record a line."""
    groups = _by_kind(batch_id, lines)
    what = _("batch {batch}").format(batch=batch_id)
    new = 0
    with guarded(conn, what), conn.transaction():
        batch_new = _record_batch(conn, batch_id, consultant, sha256, len(lines), area, manifest)
        for kind, rows in groups.items():
            for first in range(0, len(rows), CHUNK):
                chunk = rows[first : first + CHUNK]
                text = "[" + ",".join(f'{{"line":{n},"r":{line}}}' for n, line in chunk) + "]"
                params = {"rows": text, "batch": batch_id}
                written = conn.execute(_INSERT[kind], params).rowcount
                new += written
                if written < len(chunk):  # all written: each one is new, and exactly as sent
                    _check(conn, kind, params, batch_id, consultant)
        crash_point("before_commit")
    return Published(batch_id, new, len(lines) - new, batch_new)


def _check(conn: Connection, kind: str, params: dict[str, Any], batch_id: str, consultant: str) -> None:
    """Refuse the batch on a conflict; keep the lines whose record an earlier batch brought."""
    refs = []
    for line, uuid, revision, same in conn.execute(_CHECK[kind], params):
        if not same:
            raise RecordConflict(
                _(
                    "line {line} of batch {batch}: record {uuid} revision {revision} is already on "
                    "the central server with other contents; nothing of the batch was written"
                ).format(line=line, batch=batch_id, uuid=uuid, revision=revision)
            )
        refs.append((consultant, batch_id, line, kind, uuid, revision))
    if refs:
        with conn.cursor() as cur:
            cur.executemany(_REF, refs)


def _record_batch(
    conn: Connection,
    batch_id: str,
    consultant: str,
    sha256: str,
    rows: int,
    area: str,
    manifest: Mapping[str, Any] | None,
) -> bool:
    written = conn.execute(
        "INSERT INTO batches (consultant, batch, sha256, rows, area, manifest, sent_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, (%s::jsonb ->> 'created_at')::timestamptz) "
        "ON CONFLICT (consultant, batch) DO NOTHING",
        (consultant, batch_id, sha256, rows, area, _jsonb(manifest), _jsonb(manifest)),
    ).rowcount
    if written:
        return True
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
    return False


def _jsonb(value: Mapping[str, Any] | None) -> Jsonb | None:
    return None if value is None else Jsonb(dict(value))


def issue_statement(conn: Connection, month: str, lines: Any, totals: Any, sha256: str) -> bool:
    """Keep an issued statement, signed by this role; False when the same one was already kept.

    The server keeps one statement a month (0004): another one of a month already issued
    is refused, naming who issued it first and when; nothing is written.
    """
    what = _("the statement of {month}").format(month=month)
    with guarded(conn, what), conn.transaction():
        written = conn.execute(
            "INSERT INTO statements (month, lines, totals, sha256, issued_by) "
            "VALUES (%s, %s, %s, %s, current_user) ON CONFLICT DO NOTHING",
            (month, Jsonb(lines), Jsonb(totals), sha256),
        ).rowcount
        if written:
            return True
        first = conn.execute(
            "SELECT sha256, lines ->> 'issued_by', lines ->> 'at' FROM statements WHERE month = %s "
            "ORDER BY at, sha256 LIMIT 1",
            (month,),
        ).fetchone()
    if first is not None and first[0] == sha256:
        return False
    who, at = (first[1], first[2]) if first is not None else ("?", "?")
    raise ServerRefused(
        _(
            "the central server {server} refused {what}: it was already issued, by {who} at {at}, and an "
            "issued month never changes; nothing was written"
        ).format(server=where(conn), what=what, who=who, at=at)
    )
