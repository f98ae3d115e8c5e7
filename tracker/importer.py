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
import re
import uuid as uuidlib
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tracker.config import LOGIN_RE
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _
from tracker.model import MAX_SESSION_SECONDS, EventKind
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
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
REBUILD_MIN = 50_000
SESSION_INDEXES = (
    ("sessions_day", "CREATE INDEX sessions_day ON sessions(consultant, local_day, start_ts)"),
    ("sessions_ticket", "CREATE INDEX sessions_ticket ON sessions(ticket, start_ts)"),
    ("sessions_pending", "CREATE INDEX sessions_pending ON sessions(synced) WHERE synced = 0"),
)


class _Line(BadInput):
    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}: {field}", message)


def _time(value: Any, line: int, field: str, default_zone: ZoneInfo) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        if not isinstance(value, str) or not value.strip():
            raise _Line(
                line,
                field,
                _("is missing; give an ISO 8601 time such as {example}").format(
                    example="2026-11-03T09:00:00-03:00"
                ),
            ) from None
        raise _Line(line, field, _("'{value}' is not an ISO 8601 time").format(value=value)) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=default_zone)
    return when.replace(microsecond=0) if when.microsecond else when


def import_jsonl(tracker: Tracker, path: Path, dry_run: bool = False) -> ImportResult:
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise BadInput(
            "FILE", _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from None
    with handle:
        return import_lines(tracker, handle, dry_run)


def import_lines(tracker: Tracker, handle: Iterable[str], dry_run: bool = False) -> ImportResult:
    """Import JSON Lines records from any iterable of lines: all or nothing."""
    from tracker.service import ImportResult

    machine_zone_name = tracker.clock.zone()
    machine_zone = ZoneInfo(machine_zone_name)
    now = tracker.now()
    now_ts = int(now.timestamp())
    me = tracker.consultant
    known = {t.number: t for t in q.list_tickets(tracker.store, open_only=False)}
    new_tickets: dict[str, dict[str, Any]] = {}
    tickets_skipped = 0
    sessions: list[tuple[Any, ...]] = []
    logins: set[str] = set()
    products = tracker.settings.products
    today = now.date()
    zone_of_offset: dict[tuple[int, int], str | None] = {}
    warnings: list[str] = []

    def collect(message: str) -> None:
        warnings.append(message)

    original_warn = tracker.warn
    for number, raw in enumerate(handle, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            record = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise _Line(
                number,
                "json",
                _("is not valid JSON ({error})").format(error=exc.msg if hasattr(exc, "msg") else exc),
            ) from None
        if not isinstance(record, dict):
            raise _Line(number, "json", _("is not a JSON object"))
        kind = record.get("kind")
        if kind == "session":
            # The hot path of a million-line import: keep it lean.
            if not record.keys() <= SESSION_KEYS:
                extra = sorted(set(record) - SESSION_KEYS)[0]
                raise _Line(number, extra, _("is not a field of a session record"))
            ticket_no = record.get("ticket")
            if not isinstance(ticket_no, str) or not ticket_no.strip():
                raise _Line(number, "ticket", _("is empty; give the ticket number"))
            ticket_no = ticket_no.strip()
            start = _time(record.get("start"), number, "start", machine_zone)
            end = _time(record.get("end"), number, "end", machine_zone)
            start_ts = int(start.timestamp())
            end_ts = int(end.timestamp())
            if end_ts <= start_ts:
                raise _Line(
                    number,
                    "end",
                    _("{end} is not after the start {start}").format(
                        end=record["end"], start=record["start"]
                    ),
                )
            if end_ts - start_ts > MAX_SESSION_SECONDS:
                raise _Line(number, "end", _("the session is longer than 24 h; split it into days"))
            if end_ts > now_ts:
                field = "start" if start_ts > now_ts else "end"
                raise _Line(number, field, _("{time} is in the future").format(time=record[field]))
            consultant = record.get("consultant", me)
            if consultant is not me and consultant not in logins:
                if not isinstance(consultant, str) or not LOGIN_RE.match(consultant):
                    raise _Line(number, "consultant", _("'{login}' is not a login").format(login=consultant))
                logins.add(consultant)
            note = record.get("note", "")
            if note.__class__ is not str:
                raise _Line(number, "note", _("is not text"))
            ticket = known.get(ticket_no)
            if ticket is None:
                if ticket_no not in new_tickets:
                    raise _Line(
                        number,
                        "ticket",
                        _(
                            "ticket {number} does not exist; add it first (a ticket line before this "
                            "one, or tracker ticket add)"
                        ).format(number=ticket_no),
                    )
                kind_value = new_tickets[ticket_no]["type"]
            else:
                if ticket.finalized:
                    raise _Line(
                        number,
                        "ticket",
                        _("ticket {number} is finalized; its time can no longer change").format(
                            number=ticket_no
                        ),
                    )
                kind_value = ticket.type_at(start).value
            sid = record.get("uuid")
            if sid is None:
                sid = str(uuidlib.uuid5(NAMESPACE, f"{consultant}|{ticket_no}|{start_ts}|{end_ts}"))
            elif not (sid.__class__ is str and UUID_RE.match(sid)):
                try:
                    sid = str(uuidlib.UUID(str(sid)))
                except ValueError:
                    raise _Line(number, "uuid", _("'{value}' is not a UUID").format(value=sid)) from None
            offset_s = int(start.utcoffset().total_seconds())  # type: ignore[union-attr]
            if start.tzinfo is machine_zone:
                zone_name: str | None = machine_zone_name
            else:
                # Is this offset the machine zone's at that moment?  Asked once per hour.
                key = (offset_s, start_ts // 3600)
                zone_name = zone_of_offset.get(key, "?")
                if zone_name == "?":
                    local = start.astimezone(machine_zone).utcoffset()
                    zone_name = machine_zone_name if local == start.utcoffset() else None
                    zone_of_offset[key] = zone_name
            # The local day in the session's own offset, which is its zone's when they agree.
            sessions.append(
                (
                    number,
                    sid,
                    ticket_no,
                    consultant,
                    kind_value,
                    start_ts,
                    end_ts,
                    zone_name,
                    offset_s,
                    start.date().isoformat(),
                    note,
                    now_ts,
                )
            )
        elif kind == "ticket":
            extra = set(record) - TICKET_KEYS
            if extra:
                raise _Line(number, sorted(extra)[0], _("is not a field of a ticket record"))
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
                    today=today,
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
                tracker._warn_ticket(fields, products)
            finally:
                tracker.warn = original_warn
            new_tickets[fields["number"]] = fields
        else:
            raise _Line(
                number, "kind", _("'{kind}' is not a record kind; use ticket or session").format(kind=kind)
            )

    for message in dict.fromkeys(warnings):
        tracker.warn(message)

    added = 0
    store = tracker.store
    try:
        with store.atomic() as db:
            conn = store.conn
            if new_tickets:
                names = [*next(iter(new_tickets.values())), "created_ts", "created_by"]
                conn.executemany(
                    f"INSERT INTO tickets ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                    [[*f.values(), now_ts, me] for f in new_tickets.values()],
                )
                seq_row = conn.execute("SELECT coalesce(max(seq), 0) FROM ticket_events").fetchone()
                offset_s = int((now.utcoffset() or timedelta(0)).total_seconds())
                conn.executemany(
                    "INSERT INTO ticket_events (uuid, seq, ticket, kind, payload, consultant, at_ts, "
                    "utc_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            str(uuidlib.uuid4()),
                            seq_row[0] + i,
                            f["number"],
                            EventKind.CREATED.value,
                            json.dumps(
                                {k: v for k, v in f.items() if k != "original_type"},
                                sort_keys=True,
                                ensure_ascii=False,
                            ),
                            me,
                            now_ts,
                            offset_s,
                        )
                        for i, f in enumerate(new_tickets.values(), start=1)
                    ],
                )
            db.execute("DROP TABLE IF EXISTS temp.import_sessions")
            db.execute(
                "CREATE TEMP TABLE import_sessions (line INTEGER, uuid TEXT, ticket TEXT, consultant TEXT, "
                "type TEXT, start_ts INTEGER, end_ts INTEGER, zone TEXT, utc_offset INTEGER, "
                "local_day TEXT, note TEXT, created_ts INTEGER)"
            )
            for i in range(0, len(sessions), CHUNK):
                conn.executemany(
                    "INSERT INTO import_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sessions[i : i + CHUNK],
                )
            len_sessions = len(sessions)
            del sessions
            clash = conn.execute(
                "SELECT i.line, i.uuid FROM import_sessions i JOIN sessions s ON s.uuid = i.uuid "
                "WHERE s.ticket != i.ticket OR s.start_ts != i.start_ts OR s.end_ts != i.end_ts "
                "OR s.consultant != i.consultant ORDER BY i.line LIMIT 1"
            ).fetchone()
            if clash is not None:
                raise _Line(
                    clash[0],
                    "uuid",
                    _("{uuid} is already stored with other content; give a new uuid").format(uuid=clash[1]),
                )
            clash = conn.execute(
                "SELECT uuid, min(line), max(line) FROM import_sessions GROUP BY uuid "
                "HAVING count(DISTINCT ticket || '|' || consultant || '|' || start_ts || '|' || end_ts) > 1 "
                "ORDER BY 2 LIMIT 1"
            ).fetchone()
            if clash is not None:
                raise _Line(
                    clash[2],
                    "uuid",
                    _("{uuid} is also on line {line} with other content").format(
                        uuid=clash[0], line=clash[1]
                    ),
                )
            existing = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
            # A large import into a smaller table: building the secondary indexes once,
            # sorted, is far cheaper than updating them row by row in random order.
            rebuild = len_sessions >= REBUILD_MIN and len_sessions > existing
            if rebuild:
                for name, _sql in SESSION_INDEXES:
                    conn.execute(f"DROP INDEX {name}")
            before = conn.total_changes
            conn.execute(
                "INSERT OR IGNORE INTO sessions (uuid, ticket, consultant, type, start_ts, end_ts, zone, "
                "utc_offset, local_day, note, created_ts, source) "
                "SELECT uuid, ticket, consultant, type, start_ts, end_ts, zone, utc_offset, local_day, note, "
                "created_ts, 'import' FROM import_sessions ORDER BY uuid"
            )
            added = conn.total_changes - before
            if rebuild:
                for _name, sql in SESSION_INDEXES:
                    conn.execute(sql)
            total = conn.execute("SELECT count(*) FROM import_sessions").fetchone()[0]
            db.execute("DROP TABLE temp.import_sessions")
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    except OSError as exc:  # pragma: no cover - disk trouble mid-import
        raise TrackerError(_("the import failed and nothing was written: {error}").format(error=exc)) from exc
    return ImportResult(
        tickets_added=len(new_tickets),
        sessions_added=added,
        tickets_skipped=tickets_skipped,
        sessions_skipped=total - added,
        dry_run=dry_run,
    )


class _DryRun(Exception):
    """Rolls the transaction back after every check has passed."""
