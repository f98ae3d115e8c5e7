"""``tracker import``: JSON Lines of tickets and sessions, all or nothing.

Each line is one record::

    {"kind": "ticket", "number": "12345678", "customer": "ACME", "type": "technical", ...}
    {"kind": "session", "ticket": "12345678", "start": "2026-11-03T09:00:00-03:00",
     "end": "2026-11-03T09:25:00-03:00", "uuid": "...", "note": "...", "consultant": "ana"}

Every line is checked before anything is written, with the same checks as the command
line (:mod:`tracker.validate`); the first bad line is reported with its number and
field and nothing is stored.  The file is UTF-8 (a leading byte-order mark is allowed),
and every session belongs to this home's consultant.  Records are keyed: a session by its uuid
(one derived from its content when the line has none) and a ticket by its number, so
importing the same file twice adds nothing.  A session uuid that is already stored
with other content is refused, never silently chosen.  The write itself is
:func:`tracker.store.bulk.write`, in one transaction.
"""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from tracker.central import schema
from tracker.central.checks import split_error
from tracker.context import Context
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _
from tracker.livefiles import refuse_live
from tracker.model import MAX_SESSION_SECONDS, EventKind, Ticket
from tracker.store import bulk
from tracker.store import tickets as ticket_rows
from tracker.timeutil import check_time, offset_seconds
from tracker.validate import (
    MAX_TEXT,
    clean_login,
    clean_text,
    clean_ticket,
    event_fields,
    text_value,
    ticket_warnings,
)

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
TEXT_KEYS = sorted(TICKET_KEYS - {"kind", "term_accepted"})
SESSION_KEYS = {"kind", "ticket", "start", "end", "uuid", "note", "consultant"}
NAMESPACE = uuidlib.UUID("6f1c3a52-2f7e-4c1e-9a55-0d8f3b7c9e21")
MAX_LINE = 16 << 20  # bytes of one line: far more than any record holds
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class ImportResult:
    tickets_added: int
    sessions_added: int
    tickets_skipped: int
    sessions_skipped: int
    dry_run: bool


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
    try:
        check_time(when, value, field)
    except BadInput as exc:
        raise _Line(line, field, exc.message) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=default_zone)
    return when.replace(microsecond=0) if when.microsecond else when


def _text(number: int, raw: str | bytes) -> str:
    """A line as text: bytes are decoded as UTF-8, and the first line's byte-order mark dropped."""
    if len(raw) > MAX_LINE:
        raise _Line(
            number,
            "json",
            _("is longer than {size} MiB; a record is one short line").format(size=MAX_LINE >> 20),
        )
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _Line(
                number,
                "json",
                _("is not UTF-8 text (byte {position}); save the file as UTF-8").format(
                    position=exc.start + 1
                ),
            ) from None
    return raw.lstrip("\ufeff").strip() if number == 1 else raw.strip()


def _record(number: int, text: str) -> dict[str, Any]:
    """One line through the schema's import kinds: exact JSON types, no unknown field or kind."""
    try:
        line: schema.ImportSession | schema.ImportTicket = schema.decoder(schema.IMPORT_LINE).decode(text)
        return schema.given(line)
    except msgspec.ValidationError as exc:
        raise _schema_error(number, text, str(exc)) from None
    except (msgspec.DecodeError, RecursionError, UnicodeError) as exc:
        decoded = _stdlib_json(text)
        if decoded is None:
            raise _Line(number, "json", _("is not valid JSON ({error})").format(error=exc)) from None
    # JSON that only Python's parser takes (a lone surrogate escape, "\ud800"): the same
    # schema over the parsed value; the text checks then refuse what they must, by field.
    try:
        return schema.given(msgspec.convert(decoded, schema.IMPORT_LINE))
    except msgspec.ValidationError as exc:
        raise _schema_error(number, text, str(exc)) from None


def _stdlib_json(text: str) -> object | None:
    try:
        found: object = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return found


def _kind_of(text: str) -> object:
    """What a line that the schema refused says its kind is (on that error path only)."""
    try:
        found = msgspec.json.decode(text)
    except (msgspec.DecodeError, RecursionError):
        return None
    return found.get("kind") if isinstance(found, dict) else None


def _schema_error(number: int, text: str, error: str) -> _Line:
    """msgspec's words about a line, as the importer says them, naming the field."""
    where, what = split_error(error)
    field = where.removeprefix("$").lstrip(".")
    named = what.split("`")[1] if what.count("`") >= 2 else field
    kind = _kind_of(text)
    if not field and what.startswith("Expected `object`"):
        return _Line(number, "json", _("is not a JSON object"))
    if field == "kind" or named == "kind":
        return _Line(
            number, "kind", _("'{kind}' is not a record kind; use ticket or session").format(kind=kind)
        )
    if what.startswith("Object contains unknown field"):
        if kind == "ticket":
            return _Line(number, named, _("is not a field of a ticket record"))
        return _Line(number, named, _("is not a field of a session record"))
    if what.startswith("Object missing required field"):
        return _Line(number, named.replace("_", "-"), _("is missing"))
    longest = re.fullmatch(r"Expected `str` of length <= (\d+)", what)
    if longest:
        return _Line(
            number, field.replace("_", "-"), _("is longer than {limit} characters").format(limit=longest[1])
        )
    return _Line(
        number, field.replace("_", "-") or "json", _("is not valid here ({error})").format(error=what)
    )


class _Reader:
    """Checks the lines one by one and keeps what they add, before anything is written."""

    def __init__(self, ctx: Context, known: dict[str, Ticket]) -> None:
        self.zone_name = ctx.clock.zone()
        self.zone = ZoneInfo(self.zone_name)
        self.now = ctx.now()
        self.now_ts = int(self.now.timestamp())
        self.me = ctx.consultant
        self.products = ctx.settings.products
        self.known = known
        self.new_tickets: dict[str, dict[str, Any]] = {}
        self.tickets_skipped = 0
        self.sessions: list[tuple[Any, ...]] = []
        self.zone_of_offset: dict[tuple[int, int], str | None] = {}
        self.warnings: list[str] = []

    def read(self, lines: Iterable[str | bytes]) -> None:
        for number, raw in enumerate(lines, start=1):
            text = _text(number, raw)
            if not text:
                continue
            record = _record(number, text)
            kind = record.get("kind")
            if kind == "session":
                self.session(number, record)
            elif kind == "ticket":
                self.ticket(number, record)
            else:
                raise _Line(
                    number,
                    "kind",
                    _("'{kind}' is not a record kind; use ticket or session").format(kind=kind),
                )

    def session(self, number: int, record: dict[str, Any]) -> None:
        # The hot path of a million-line import: keep it lean.
        if not record.keys() <= SESSION_KEYS:
            extra = sorted(set(record) - SESSION_KEYS)[0]
            raise _Line(number, extra, _("is not a field of a session record"))
        ticket_no = record.get("ticket")
        if not isinstance(ticket_no, str) or not ticket_no.strip():
            raise _Line(number, "ticket", _("is empty; give the ticket number"))
        ticket_no = ticket_no.strip()
        start = _time(record.get("start"), number, "start", self.zone)
        end = _time(record.get("end"), number, "end", self.zone)
        start_ts = int(start.timestamp())
        end_ts = int(end.timestamp())
        self._check_span(number, record, start_ts, end_ts)
        consultant = record.get("consultant", self.me)
        if consultant != self.me:
            self._foreign(number, consultant)
        note = record.get("note", "")
        if note.__class__ is not str:
            raise _Line(number, "note", _("is not text"))
        if note and not (note.isprintable() and len(note) <= MAX_TEXT):
            try:
                clean_text(note, "note")
            except BadInput as exc:
                raise _Line(number, "note", exc.message) from None
        kind_value = self._type_at(number, ticket_no, start)
        sid = record.get("uuid")
        if sid is None:
            sid = str(uuidlib.uuid5(NAMESPACE, f"{consultant}|{ticket_no}|{start_ts}|{end_ts}"))
        elif not (sid.__class__ is str and UUID_RE.match(sid)):
            try:
                sid = str(uuidlib.UUID(str(sid)))
            except ValueError:
                raise _Line(number, "uuid", _("'{value}' is not a UUID").format(value=sid)) from None
        offset_s = int(start.utcoffset().total_seconds())  # type: ignore[union-attr]
        zone_name = self.zone_name if start.tzinfo is self.zone else self._zone(start, offset_s, start_ts)
        # The local day in the session's own offset, which is its zone's when they agree.
        day = start.date().isoformat()
        row = (
            number,
            sid,
            ticket_no,
            consultant,
            kind_value,
            start_ts,
            end_ts,
            zone_name,
            offset_s,
            day,
            note,
        )
        self.sessions.append((*row, self.now_ts))

    def _foreign(self, number: int, consultant: object) -> None:
        """A session of someone else: this home sends only its own consultant's work."""
        try:
            who = clean_login(consultant)
        except BadInput as exc:
            raise _Line(number, "consultant", exc.message) from None
        raise _Line(
            number,
            "consultant",
            _(
                "the session belongs to {login}, but this home is {me}'s: import only your own "
                "sessions (leave consultant out, or write {me})"
            ).format(login=who, me=self.me),
        )

    def _check_span(self, number: int, record: dict[str, Any], start_ts: int, end_ts: int) -> None:
        if end_ts <= start_ts:
            raise _Line(
                number,
                "end",
                _("{end} is not after the start {start}").format(end=record["end"], start=record["start"]),
            )
        if end_ts - start_ts > MAX_SESSION_SECONDS:
            raise _Line(number, "end", _("the session is longer than 24 h; split it into days"))
        if end_ts > self.now_ts:
            field = "start" if start_ts > self.now_ts else "end"
            raise _Line(number, field, _("{time} is in the future").format(time=record[field]))

    def _type_at(self, number: int, ticket_no: str, start: datetime) -> str:
        ticket = self.known.get(ticket_no)
        if ticket is None:
            if ticket_no not in self.new_tickets:
                raise _Line(
                    number,
                    "ticket",
                    _(
                        "ticket {number} does not exist; add it first (a ticket line before this "
                        "one, or tracker ticket add)"
                    ).format(number=ticket_no),
                )
            return str(self.new_tickets[ticket_no]["type"])
        if ticket.finalized:
            raise _Line(
                number,
                "ticket",
                _("ticket {number} is finalized; its time can no longer change").format(number=ticket_no),
            )
        return ticket.type_at(start).value

    def _zone(self, start: datetime, offset_s: int, start_ts: int) -> str | None:
        """The machine's zone when its offset at that moment is the session's; asked once per hour."""
        key = (offset_s, start_ts // 3600)
        if key not in self.zone_of_offset:
            local = start.astimezone(self.zone).utcoffset()
            self.zone_of_offset[key] = self.zone_name if local == start.utcoffset() else None
        return self.zone_of_offset[key]

    def ticket(self, number: int, record: dict[str, Any]) -> None:
        extra = set(record) - TICKET_KEYS
        if extra:
            raise _Line(number, sorted(extra)[0], _("is not a field of a ticket record"))
        try:
            raw: dict[str, Any] = {name: text_value(record.get(name), name) for name in TEXT_KEYS}
            raw["term_accepted"] = record.get("term_accepted")
            fields = clean_ticket(raw, self.now.date(), self.warnings.append)
        except BadInput as exc:
            raise _Line(number, exc.field, exc.message) from None
        if fields["number"] in self.known or fields["number"] in self.new_tickets:
            self.tickets_skipped += 1
            return
        self.warnings.extend(ticket_warnings(fields, self.products))
        self.new_tickets[fields["number"]] = fields

    def events(self) -> list[dict[str, Any]]:
        """The ``created`` event of each new ticket."""
        return [
            {
                "uuid": str(uuidlib.uuid4()),
                "ticket": f["number"],
                "kind": EventKind.CREATED.value,
                "payload": json.dumps(event_fields(f), sort_keys=True, ensure_ascii=False),
                "consultant": self.me,
                "at_ts": self.now_ts,
                "utc_offset": offset_seconds(self.now),
            }
            for f in self.new_tickets.values()
        ]


class ImportService:
    """JSON Lines into this home's database: every line checked, then one transaction."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def import_file(self, path: Path, dry_run: bool = False) -> ImportResult:
        refuse_live(path, "FILE")
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed by the with below; lines decoded one by one
        except OSError as exc:
            raise BadInput(
                "FILE", _("cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)
            ) from None
        with handle:
            # Read a line at most MAX_LINE + 1 bytes at a time: a file with no line break
            # (/dev/zero) ends as a too-long line, never as all of memory.
            return self.import_lines(iter(partial(handle.readline, MAX_LINE + 1), b""), dry_run)

    def import_lines(self, lines: Iterable[str | bytes], dry_run: bool = False) -> ImportResult:
        """Import JSON Lines records from any iterable of lines: all or nothing."""
        known = {t.number: t for t in ticket_rows.list_tickets(self.ctx.store, open_only=False)}
        reader = _Reader(self.ctx, known)
        reader.read(lines)
        for message in dict.fromkeys(reader.warnings):
            self.ctx.warn(message)
        tickets = [
            dict(f, created_ts=reader.now_ts, created_by=reader.me) for f in reader.new_tickets.values()
        ]
        try:
            written = bulk.write(self.ctx.store, tickets, reader.events(), reader.sessions, dry_run=dry_run)
        except bulk.UuidClash as clash:
            if clash.first_line is None:
                message = _("{uuid} is already stored with other content; give a new uuid").format(
                    uuid=clash.uuid
                )
            else:
                message = _("{uuid} is also on line {line} with other content").format(
                    uuid=clash.uuid, line=clash.first_line
                )
            raise _Line(clash.line, "uuid", message) from None
        except OSError as exc:  # pragma: no cover - disk trouble mid-import
            raise TrackerError(
                _("the import failed and nothing was written: {error}").format(error=exc)
            ) from exc
        return ImportResult(
            tickets_added=len(reader.new_tickets),
            sessions_added=written.sessions_added,
            tickets_skipped=reader.tickets_skipped,
            sessions_skipped=written.sessions_given - written.sessions_added,
            dry_run=dry_run,
        )
