"""``tracker import``: JSON Lines of tickets and sessions, all or nothing.

Each line is one record::

    {"kind": "ticket", "number": "12345678", "customer": "ACME", "type": "technical", ...}
    {"kind": "session", "ticket": "12345678", "start": "2026-11-03T09:00:00-03:00",
     "end": "2026-11-03T09:25:00-03:00", "uuid": "...", "note": "...", "consultant": "ana"}

Every line is checked before anything is written; the first bad line is reported with
its number and field and nothing is stored.  Records are keyed: a session by its uuid
(one derived from its content when the line has none) and a ticket by its number, so
importing the same file twice adds nothing.  A session uuid that is already stored
with other content is refused, never silently chosen.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tracker.config import LOGIN_RE
from tracker.errors import BadInput, TrackerError
from tracker.model import MAX_SESSION_SECONDS, ConsultancyType, EventKind
from tracker.store import queries as q

if TYPE_CHECKING:  # pragma: no cover
    from tracker.service import ImportResult, Tracker

TICKET_KEYS = {
    "kind",
    "number",
    "customer",
    "type",
    "product",
    "scope",
    "term_accepted",
    "term_ref",
    "bill_to_unit",
    "authorization",
    "cost_center",
    "value_class",
    "accounting_item",
}
SESSION_KEYS = {"kind", "ticket", "start", "end", "uuid", "note", "consultant"}
NAMESPACE = uuidlib.UUID("6f1c3a52-2f7e-4c1e-9a55-0d8f3b7c9e21")
CHUNK = 50_000


class _Line(BadInput):
    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}: {field}", message)


def _time(value: Any, line: int, field: str, default_zone: ZoneInfo) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise _Line(line, field, "is missing; give an ISO 8601 time such as 2026-11-03T09:00:00-03:00")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _Line(line, field, f"'{value}' is not an ISO 8601 time") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=default_zone)
    return when.replace(microsecond=0)


def import_jsonl(tracker: Tracker, path: Path, dry_run: bool = False) -> ImportResult:
    from tracker.service import ImportResult

    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise BadInput("FILE", f"cannot read {path}: {exc.strerror or exc}") from None

    machine_zone_name = tracker.clock.zone()
    machine_zone = ZoneInfo(machine_zone_name)
    now = tracker.now()
    now_ts = int(now.timestamp())
    me = tracker.consultant
    known = {t.number: t for t in q.list_tickets(tracker.store, open_only=False)}
    new_tickets: dict[str, dict[str, Any]] = {}
    tickets_skipped = 0
    sessions: list[tuple[Any, ...]] = []
    warnings: list[str] = []

    def collect(message: str) -> None:
        warnings.append(message)

    original_warn = tracker.warn
    with handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.strip()
            if not text:
                continue
            try:
                record = json.loads(text)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise _Line(
                    number, "json", f"is not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})"
                ) from None
            if not isinstance(record, dict):
                raise _Line(number, "json", "is not a JSON object")
            kind = record.get("kind")
            if kind == "session":
                extra = set(record) - SESSION_KEYS
                if extra:
                    raise _Line(number, sorted(extra)[0], "is not a field of a session record")
                ticket_no = record.get("ticket")
                if not isinstance(ticket_no, str) or not ticket_no.strip():
                    raise _Line(number, "ticket", "is empty; give the ticket number")
                ticket_no = ticket_no.strip()
                start = _time(record.get("start"), number, "start", machine_zone)
                end = _time(record.get("end"), number, "end", machine_zone)
                start_ts = int(start.timestamp())
                end_ts = int(end.timestamp())
                if end_ts <= start_ts:
                    raise _Line(number, "end", f"{record['end']} is not after the start {record['start']}")
                if end_ts - start_ts > MAX_SESSION_SECONDS:
                    raise _Line(number, "end", "the session is longer than 24 h; split it into days")
                if end_ts > now_ts:
                    field = "start" if start_ts > now_ts else "end"
                    raise _Line(number, field, f"{record[field]} is in the future")
                consultant = record.get("consultant", me)
                if not isinstance(consultant, str) or not LOGIN_RE.match(consultant):
                    raise _Line(number, "consultant", f"'{consultant}' is not a login")
                note = record.get("note", "")
                if not isinstance(note, str):
                    raise _Line(number, "note", "is not text")
                ticket = known.get(ticket_no)
                if ticket is None:
                    if ticket_no not in new_tickets:
                        raise _Line(
                            number,
                            "ticket",
                            f"ticket {ticket_no} does not exist; add it first (a ticket line before this "
                            "one, or tracker ticket add)",
                        )
                    kind_at = ConsultancyType(new_tickets[ticket_no]["type"])
                else:
                    if ticket.finalized:
                        raise _Line(
                            number,
                            "ticket",
                            f"ticket {ticket_no} is finalized; its time can no longer change",
                        )
                    kind_at = ticket.type_at(start)
                sid = record.get("uuid")
                if sid is None:
                    sid = str(uuidlib.uuid5(NAMESPACE, f"{consultant}|{ticket_no}|{start_ts}|{end_ts}"))
                else:
                    try:
                        sid = str(uuidlib.UUID(str(sid)))
                    except ValueError:
                        raise _Line(number, "uuid", f"'{sid}' is not a UUID") from None
                offset = start.utcoffset() or timedelta(0)
                if start.tzinfo is machine_zone:
                    zone_name: str | None = machine_zone_name
                else:
                    local = start.astimezone(machine_zone)
                    zone_name = machine_zone_name if local.utcoffset() == offset else None
                    if zone_name:
                        start = local
                sessions.append(
                    (
                        number,
                        sid,
                        ticket_no,
                        consultant,
                        kind_at.value,
                        start_ts,
                        end_ts,
                        zone_name,
                        int(offset.total_seconds()),
                        start.date().isoformat(),
                        note,
                        now_ts,
                    )
                )
            elif kind == "ticket":
                extra = set(record) - TICKET_KEYS
                if extra:
                    raise _Line(number, sorted(extra)[0], "is not a field of a ticket record")
                tracker.warn = collect
                try:
                    fields = tracker._clean_ticket(
                        str(record.get("number", "")),
                        str(record.get("customer", "")),
                        str(record.get("type", "")),
                        str(record.get("product", "")),
                        str(record.get("scope", "")),
                        record.get("term_accepted"),
                        str(record.get("term_ref", "")),
                        str(record.get("bill_to_unit", "")),
                        str(record.get("authorization", "")),
                        str(record.get("cost_center", "")),
                        str(record.get("value_class", "")),
                        str(record.get("accounting_item", "")),
                    )
                except BadInput as exc:
                    raise _Line(number, exc.field, exc.message) from None
                finally:
                    tracker.warn = original_warn
                if fields["number"] in known or fields["number"] in new_tickets:
                    tickets_skipped += 1
                    continue
                tracker.warn = collect
                try:
                    tracker._warn_ticket(fields)
                finally:
                    tracker.warn = original_warn
                new_tickets[fields["number"]] = fields
            else:
                raise _Line(number, "kind", f"'{kind}' is not a record kind; use ticket or session")

    for message in dict.fromkeys(warnings):
        tracker.warn(message)

    added = 0
    store = tracker.store
    try:
        with store.atomic() as db:
            for fields in new_tickets.values():
                q.insert_ticket(db, fields, created_ts=now_ts, created_by=me)
                tracker._event(
                    db,
                    fields["number"],
                    EventKind.CREATED,
                    {k: v for k, v in fields.items() if k != "original_type"},
                    now,
                )
            db.execute("DROP TABLE IF EXISTS temp.import_sessions")
            db.execute(
                "CREATE TEMP TABLE import_sessions (line INTEGER, uuid TEXT, ticket TEXT, consultant TEXT, "
                "type TEXT, start_ts INTEGER, end_ts INTEGER, zone TEXT, utc_offset INTEGER, "
                "local_day TEXT, note TEXT, created_ts INTEGER)"
            )
            conn = store.conn
            for i in range(0, len(sessions), CHUNK):
                conn.executemany(
                    "INSERT INTO import_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sessions[i : i + CHUNK],
                )
            del sessions
            clash = conn.execute(
                "SELECT i.line, i.uuid FROM import_sessions i JOIN sessions s ON s.uuid = i.uuid "
                "WHERE s.ticket != i.ticket OR s.start_ts != i.start_ts OR s.end_ts != i.end_ts "
                "OR s.consultant != i.consultant ORDER BY i.line LIMIT 1"
            ).fetchone()
            if clash is not None:
                raise _Line(
                    clash[0], "uuid", f"{clash[1]} is already stored with other content; give a new uuid"
                )
            clash = conn.execute(
                "SELECT uuid, min(line), max(line) FROM import_sessions GROUP BY uuid "
                "HAVING count(DISTINCT ticket || '|' || consultant || '|' || start_ts || '|' || end_ts) > 1 "
                "ORDER BY 2 LIMIT 1"
            ).fetchone()
            if clash is not None:
                raise _Line(clash[2], "uuid", f"{clash[0]} is also on line {clash[1]} with other content")
            before = conn.total_changes
            conn.execute(
                "INSERT OR IGNORE INTO sessions (uuid, ticket, consultant, type, start_ts, end_ts, zone, "
                "utc_offset, local_day, note, created_ts, source) "
                "SELECT uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, local_day, note, "
                "created_ts, 'import' FROM import_sessions ORDER BY uuid"
            )
            added = conn.total_changes - before
            total = conn.execute("SELECT count(*) FROM import_sessions").fetchone()[0]
            db.execute("DROP TABLE temp.import_sessions")
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    except OSError as exc:  # pragma: no cover - disk trouble mid-import
        raise TrackerError(f"the import failed and nothing was written: {exc}") from exc
    return ImportResult(
        tickets_added=len(new_tickets),
        sessions_added=added,
        tickets_skipped=tickets_skipped,
        sessions_skipped=total - added,
        dry_run=dry_run,
    )


class _DryRun(Exception):
    """Rolls the transaction back after every check has passed."""
