"""The export's records, defined once: what the writer sends, the reader accepts and the importer checks.

Each record kind is a msgspec Struct (docs/central-export.md): ``session``,
``ticket_event`` (with one payload Struct per event), ``review``, and the batch's
manifest.  Decoding is strict: the JSON types must be exactly those declared (no
``true`` for an integer, no ``"false"`` for false), integers are below 2^53, revisions
at least 1, enums closed, unknown fields refused, text bounded.  What msgspec cannot
say alone (dates that exist, times with offsets, text without control characters, a
session's seconds computed from its start and end) each kind's ``check`` says, raising
:class:`RecordError` with the field.

The writer encodes through the same Structs, sorted and compact, which is byte for byte
what ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)`` wrote.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Raw, Struct

from tracker.central.checks import (
    BATCH,
    HOURS,
    LOGIN,
    MINUTES,
    SEEN,
    SHA256,
    UNIT,
    UUID,
    ZONE,
    RecordError,
    day,
    epoch,
    login,
    matches,
    number,
    split_error,
    text,
)

FORMAT = 1
MAX_INT = 2**53 - 1  # what every JSON reader holds exactly
MAX_TEXT = 2000  # tracker.validate.MAX_TEXT: a note, a comment, a customer's name
MAX_SESSION_SECONDS = 24 * 3600
MAX_MANIFEST = 64 * 1024
MAX_BATCH = 256 * 1024 * 1024  # a batch file read whole; the sender writes 20,000 rows at most

# Lengths and JSON types are msgspec's (in C, for every record); the patterns above are
# checked by each kind's ``check``, with what was seen already remembered (a million
# sessions share a few logins, zones and hours).
Login = Annotated[str, Meta(min_length=1, max_length=64)]
Uuid = Annotated[str, Meta(min_length=36, max_length=36)]
Time = Annotated[str, Meta(min_length=25, max_length=28)]  # 2026-11-03T09:00:00-03:00
Day = Annotated[str, Meta(min_length=10, max_length=10)]
Zone = Annotated[str, Meta(min_length=1, max_length=64)]
Number = Annotated[str, Meta(min_length=1, max_length=64)]  # a ticket number: printable, no spaces
Text = Annotated[str, Meta(max_length=MAX_TEXT)]
Revision = Annotated[int, Meta(ge=1, le=MAX_INT)]
Seconds = Annotated[int, Meta(ge=1, le=MAX_SESSION_SECONDS)]
Count = Annotated[int, Meta(ge=0, le=MAX_INT)]
Kind = Literal["technical", "support", "standard"]
FlagName = Literal["overlap", "long", "across_midnight", "sleep_gap", "clock_jump", "idle"]
Source = Literal["timer", "manual", "split", "import", "gap", "idle"]
EventName = Literal["created", "term_accepted", "escalated", "defect_flagged", "finalized"]
CheckItem = Literal["procedures", "documentation", "reproduced"]


class _Record(Struct, forbid_unknown_fields=True, tag_field="kind", gc=False):
    """Every record: a kind (the tag), a stable uuid and a revision."""


class SessionRecord(_Record, tag="session"):
    """One revision of a session; a deleted session is a revision with ``deleted`` true."""

    uuid: Uuid
    revision: Revision
    consultant: Login
    ticket: Number
    type: Kind
    start: Time
    end: Time
    seconds: Seconds
    zone: Zone | None
    day: Day
    note: Text
    flags: Annotated[list[FlagName], Meta(max_length=6)]
    deleted: bool
    source: Source

    def check(self) -> tuple[int, int]:
        """The start and end as epoch seconds; the duration is computed, never taken on trust.

        The hot path of a first read (a million sessions): one test of everything that
        holds for a good record; only a record that fails it is looked at closely.
        """
        start, end = self.start, self.end
        start_base = HOURS.get(start[:13] + start[19:])
        end_base = HOURS.get(end[:13] + end[19:])
        start_s = MINUTES.get(start[13:19])
        end_s = MINUTES.get(end[13:19])
        if start_base is None or end_base is None or start_s is None or end_s is None:
            return self._closely()
        start_ts, end_ts = start_base + start_s, end_base + end_s
        if (
            self.seconds != end_ts - start_ts
            or not 0 < end_ts - start_ts <= MAX_SESSION_SECONDS
            or self.day != start[:10]
            or self.consultant not in SEEN[LOGIN]
            or (self.zone is not None and self.zone not in SEEN[ZONE])
            or not self.ticket.isprintable()
            or " " in self.ticket
            or not self.note.isprintable()
            or len(self.flags) > 1
        ):
            return self._closely()
        return start_ts, end_ts

    def _closely(self) -> tuple[int, int]:
        """Every check, one by one, naming the field of the first that fails."""
        start_ts, end_ts = epoch(self.start, "start"), epoch(self.end, "end")
        seconds = end_ts - start_ts
        if seconds <= 0:
            raise RecordError("end", "is not after the start")
        if seconds > MAX_SESSION_SECONDS:
            raise RecordError("end", "the session is longer than 24 h")
        if self.seconds != seconds:
            raise RecordError("seconds", f"is {self.seconds}, but start to end is {seconds}")
        if self.day != self.start[:10]:
            raise RecordError("day", "is not the date of the start")
        login(self.consultant, "consultant")
        number(self.ticket, "ticket")
        text(self.note, "note")
        if self.zone is not None:
            matches(ZONE, self.zone, "zone", remember=True)
        if len(set(self.flags)) != len(self.flags):
            raise RecordError("flags", "repeats a flag")
        return start_ts, end_ts


CREATED_TEXTS = (
    "customer",
    "product",
    "scope",
    "term_ref",
    "authorization",
    "cost_center",
    "value_class",
    "accounting_item",
)


class CreatedPayload(Struct, forbid_unknown_fields=True, gc=False):
    """A new ticket's fields (tracker.validate.event_fields); a field left out stays out."""

    customer: Text
    type: Kind
    number: Number | msgspec.UnsetType = msgspec.UNSET
    product: Text | None | msgspec.UnsetType = msgspec.UNSET
    scope: Text | None | msgspec.UnsetType = msgspec.UNSET
    term_accepted: Day | None | msgspec.UnsetType = msgspec.UNSET
    term_ref: Text | None | msgspec.UnsetType = msgspec.UNSET
    bill_to_unit: Annotated[str, Meta(max_length=32)] | msgspec.UnsetType = msgspec.UNSET
    authorization: Text | None | msgspec.UnsetType = msgspec.UNSET
    cost_center: Text | None | msgspec.UnsetType = msgspec.UNSET
    value_class: Text | None | msgspec.UnsetType = msgspec.UNSET
    accounting_item: Text | None | msgspec.UnsetType = msgspec.UNSET

    def check(self) -> None:
        if not self.customer.strip():
            raise RecordError("payload.customer", "is empty")
        values = [getattr(self, name) for name in CREATED_TEXTS]
        if not "".join(v for v in values if isinstance(v, str)).isprintable():
            for name, value in zip(CREATED_TEXTS, values, strict=True):
                if isinstance(value, str):
                    text(value, f"payload.{name}")
        if isinstance(self.number, str):
            number(self.number, "payload.number")
        if isinstance(self.term_accepted, str):
            day(self.term_accepted, "payload.term_accepted")
        if isinstance(self.bill_to_unit, str):
            matches(UNIT, self.bill_to_unit, "payload.bill_to_unit")


class TermPayload(Struct, forbid_unknown_fields=True, gc=False):
    term_accepted: Day
    term_ref: Text

    def check(self) -> None:
        day(self.term_accepted, "payload.term_accepted")
        text(self.term_ref, "payload.term_ref")


class EscalatedPayload(Struct, forbid_unknown_fields=True, gc=False):
    at: Time
    from_: Literal["standard"] = msgspec.field(name="from")
    to: Literal["support"] = msgspec.field(name="to")
    checklist: Annotated[list[CheckItem], Meta(max_length=3)] = msgspec.field(default_factory=list)

    def check(self) -> None:
        epoch(self.at, "payload.at")


class DefectPayload(Struct, forbid_unknown_fields=True, gc=False):
    uuid: Uuid
    kind: Literal["product", "documentation"]
    ref: Annotated[str, Meta(min_length=1, max_length=MAX_TEXT)]
    published: bool
    note: Text

    def check(self) -> None:
        matches(UUID, self.uuid, "payload.uuid")
        text(self.ref, "payload.ref")
        text(self.note, "payload.note")


class FinalizedPayload(Struct, forbid_unknown_fields=True, gc=False):
    at: Time

    def check(self) -> None:
        epoch(self.at, "payload.at")


Payload = CreatedPayload | TermPayload | EscalatedPayload | DefectPayload | FinalizedPayload
PAYLOADS: dict[str, type[Payload]] = {
    "created": CreatedPayload,
    "term_accepted": TermPayload,
    "escalated": EscalatedPayload,
    "defect_flagged": DefectPayload,
    "finalized": FinalizedPayload,
}
# The decoders are made on first use: making one evaluates its types, which no command
# that never reads the central store should pay for.


@cache
def decoder(kind: Any) -> msgspec.json.Decoder[Any]:
    """The decoder of ``kind`` (a Struct, or a union or list of them), made once."""
    return msgspec.json.Decoder(kind)


class TicketEventRecord(_Record, tag="ticket_event"):
    """What happened to a ticket; an event never changes (revision 1).  ``payload``: its event's Struct."""

    uuid: Uuid
    revision: Literal[1]
    ticket: Number
    event: EventName
    payload: Raw
    consultant: Login
    at: Time

    def check(self) -> Payload:
        """The payload, decoded with its event's Struct and checked."""
        login(self.consultant, "consultant")
        number(self.ticket, "ticket")
        epoch(self.at, "at")
        try:
            payload: Payload = decoder(PAYLOADS[self.event]).decode(self.payload)
        except msgspec.ValidationError as exc:
            where, message = split_error(str(exc))
            raise RecordError("payload" + where.removeprefix("$"), message) from None
        except (msgspec.DecodeError, RecursionError) as exc:
            raise RecordError("payload", str(exc)) from None
        payload.check()
        return payload


class ReviewRecord(_Record, tag="review"):
    """A lead's decision about one consultant's day; written once (revision 1)."""

    uuid: Uuid
    revision: Literal[1]
    consultant: Login
    day: Day
    decision: Literal["approve", "return"]
    comment: Text
    lead: Login
    at: Time

    def check(self) -> int:
        """When it was decided, as epoch seconds."""
        matches(UUID, self.uuid, "uuid")
        login(self.consultant, "consultant")
        login(self.lead, "lead")
        day(self.day, "day")
        text(self.comment, "comment")
        if self.decision == "return" and not self.comment.strip():
            raise RecordError("comment", "a returned day needs a comment")
        return epoch(self.at, "at")


AnyRecord = SessionRecord | TicketEventRecord | ReviewRecord
RECORDS = list[AnyRecord]  # a batch, decoded whole: decoder(RECORDS)
KINDS: dict[type[Struct], str] = {
    SessionRecord: "session",
    TicketEventRecord: "ticket_event",
    ReviewRecord: "review",
}


class Manifest(Struct, forbid_unknown_fields=True, gc=False):
    """A batch's manifest, written after it: what it holds and its sha256."""

    format: Literal[1]
    batch: Annotated[str, Meta(max_length=17)]
    consultant: Login
    file: Annotated[str, Meta(max_length=64)]
    sha256: Annotated[str, Meta(max_length=64)]
    rows: Annotated[int, Meta(ge=1, le=MAX_INT)]
    created_at: Time
    kinds: Annotated[dict[Literal["session", "ticket_event", "review"], Count], Meta(max_length=3)]

    def check(self) -> int:
        """When the batch was written, as epoch seconds."""
        matches(BATCH, self.batch, "batch")
        login(self.consultant, "consultant")
        matches(SHA256, self.sha256, "sha256")
        if self.file != f"{self.batch}.jsonl":
            raise RecordError("file", "is not the batch's file")
        if sum(self.kinds.values()) != self.rows:
            raise RecordError("kinds", "do not add up to the rows")
        return epoch(self.created_at, "created_at")


class _Version(Struct):
    format: Any = None


def read_manifest(data: bytes) -> tuple[Manifest, int]:
    """The manifest and when it was written; RecordError for another format or a wrong one."""
    try:
        version = decoder(_Version).decode(data).format
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
        raise RecordError("manifest", str(exc)) from None
    if type(version) is not int or version != FORMAT:
        shown = str(version)[:20]
        raise RecordError("format", f"{shown} is not a format this app reads (it reads {FORMAT})")
    try:
        manifest = decoder(Manifest).decode(data)
    except msgspec.ValidationError as exc:
        where, message = split_error(str(exc))
        raise RecordError(where.removeprefix("$.") or "manifest", message) from None
    except (msgspec.DecodeError, RecursionError) as exc:
        raise RecordError("manifest", str(exc)) from None
    return manifest, manifest.check()


# ----- the import file's lines (tracker import): written by people, so lenient in form -------
# (a time may leave out its offset, a uuid be in any form): tracker.importer checks the
# values; the Structs make the JSON types strict and refuse unknown fields and kinds.

Short = Annotated[str, Meta(max_length=64)]


class ImportSession(Struct, forbid_unknown_fields=True, tag_field="kind", tag="session", gc=False):
    ticket: Annotated[str, Meta(max_length=MAX_TEXT)]
    start: Short
    end: Short
    uuid: Short | msgspec.UnsetType = msgspec.UNSET
    note: Text | None | msgspec.UnsetType = msgspec.UNSET
    consultant: Short | msgspec.UnsetType = msgspec.UNSET


class ImportTicket(Struct, forbid_unknown_fields=True, tag_field="kind", tag="ticket", gc=False):
    number: Annotated[str, Meta(max_length=MAX_TEXT)]
    customer: Text
    type: Short
    product: Text | None | msgspec.UnsetType = msgspec.UNSET
    scope: Text | None | msgspec.UnsetType = msgspec.UNSET
    term_accepted: Short | None | msgspec.UnsetType = msgspec.UNSET
    term_ref: Text | None | msgspec.UnsetType = msgspec.UNSET
    bill_to_unit: Text | None | msgspec.UnsetType = msgspec.UNSET
    authorization: Text | None | msgspec.UnsetType = msgspec.UNSET
    cost_center: Text | None | msgspec.UnsetType = msgspec.UNSET
    value_class: Text | None | msgspec.UnsetType = msgspec.UNSET
    accounting_item: Text | None | msgspec.UnsetType = msgspec.UNSET


IMPORT_LINE = ImportSession | ImportTicket  # one line of an import file: decoder(IMPORT_LINE)


def given(line: ImportSession | ImportTicket) -> dict[str, Any]:
    """An import line's fields as a dict, those left out left out; a text given as null is empty."""
    out: dict[str, Any] = {"kind": "session" if isinstance(line, ImportSession) else "ticket"}
    for name in line.__struct_fields__:
        value = getattr(line, name)
        if value is not msgspec.UNSET:
            out[name] = "" if value is None and name != "term_accepted" else value
    return out


# ----- writing --------------------------------------------------------------------------------


def encode(record: Struct) -> bytes:
    """One record's JSON: sorted keys, no spaces, UTF-8 as is."""
    return msgspec.json.encode(record, order="sorted")


def payload_of(event: str, values: dict[str, Any]) -> Raw:
    """An event's payload through its Struct, as the record carries it."""
    try:
        payload = msgspec.convert(values, PAYLOADS[event])
    except msgspec.ValidationError as exc:
        where, message = split_error(str(exc))
        raise RecordError("payload" + where.removeprefix("$"), message) from None
    return Raw(encode(payload))
