"""A batch of the export, checked whole: by the writer before it sends, by the reader before it reads.

A batch sits in one folder, ``<area>/<owner>/``, and everything in it must be the
owner's: a session's or a ticket event's ``consultant`` is the folder's login, a
decision's ``lead`` too.  Each area holds its own kinds (``consultants``: sessions and
ticket events; ``reviews``: decisions).  Every record is checked against the schema
(:mod:`tracker.central.schema`); the first that fails rejects the whole batch, with its
line and field, and nothing of it is used.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import msgspec

from tracker.central import schema
from tracker.central.checks import UUID, UUIDS, RecordError, split_error
from tracker.central.schema import ReviewRecord, SessionRecord, TicketEventRecord

AREA_KINDS: dict[str, tuple[type[msgspec.Struct], ...]] = {
    "consultants": (SessionRecord, TicketEventRecord),
    "reviews": (ReviewRecord,),
}


class BadBatch(ValueError):
    """Why a batch is rejected: the line (1 for the first; 0 for the batch as a whole) and the field."""

    def __init__(self, line: int, field: str, message: str) -> None:
        where = f"line {line}" if line else "the batch"
        super().__init__(f"{where}, {field}: {message}" if field else f"{where}: {message}")
        self.line = line
        self.field = field
        self.message = message


@dataclass
class Rows:
    """A batch's records as the read cache keeps them (an event's or decision's ``payload``: its JSON)."""

    # uuid, revision, consultant, ticket, type, day, start_ts, end_ts, deleted,
    # start, end, zone, note, flags (comma-separated), source, batch
    sessions: list[tuple[Any, ...]] = field(default_factory=list)
    # uuid, ticket, event, consultant, at, payload, batch
    events: list[tuple[Any, ...]] = field(default_factory=list)
    # ticket, consultant, digest of the fields of its 'created' event
    created: list[tuple[str, str, str]] = field(default_factory=list)
    finalized: list[tuple[str, str, str]] = field(default_factory=list)  # uuid, ticket, its local time
    # uuid, consultant, day, decision, comment, lead, at, at_ts, payload, batch
    reviews: list[tuple[Any, ...]] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)


def parse(area: str, owner: str, data: bytes, ref: object = "", keep: bool = True) -> Rows:
    """The records of a batch file of ``area/owner/``, every one checked; BadBatch for the first that fails.

    ``ref`` names the batch in the rows (where each record was read from).  The hot
    path of a first read: a million sessions go through the loop below.  Without
    ``keep`` the sessions are checked only, not kept (the sender's check of its own batch).
    """
    if not data.endswith(b"\n"):
        raise BadBatch(0, "", "its last line does not end (cut short?)")
    records = _decode(data)
    _uuids(records)
    rows = Rows()
    take_sessions = SessionRecord in AREA_KINDS[area]
    append = rows.sessions.append
    for n, rec in enumerate(records, 1):
        try:
            if type(rec) is SessionRecord and take_sessions and rec.consultant == owner:
                start_ts, end_ts = rec.check()
                if not keep:
                    continue
                flags = ",".join(rec.flags) if rec.flags else ""
                append(
                    (
                        rec.uuid,
                        rec.revision,
                        owner,
                        rec.ticket,
                        rec.type,
                        rec.day,
                        start_ts,
                        end_ts,
                        rec.deleted,
                    )
                    + (rec.start, rec.end, rec.zone, rec.note, flags, rec.source, ref)
                )
            else:
                _other(rows, rec, area, owner, ref)
        except RecordError as exc:
            raise BadBatch(n, exc.field, exc.message) from None
    sessions = len(rows.sessions) if keep else sum(type(rec) is SessionRecord for rec in records)
    counts = {"session": sessions, "ticket_event": len(rows.events), "review": len(rows.reviews)}
    rows.kinds = {name: count for name, count in counts.items() if count}
    return rows


def _other(rows: Rows, rec: schema.AnyRecord, area: str, owner: str, ref: object) -> None:
    """Every record but a good session: events, decisions, and what is wrong."""
    kind = type(rec)
    if kind not in AREA_KINDS[area]:
        raise RecordError("kind", f"a {schema.KINDS[kind]} record does not belong in {area}/")
    if kind is SessionRecord:
        raise RecordError("consultant", f"{rec.consultant!r} is not {owner}, whose folder holds it")
    if kind is TicketEventRecord:
        _event(rows, rec, owner, ref)  # type: ignore[arg-type]
    else:
        _review(rows, rec, owner, ref)  # type: ignore[arg-type]


def _decode(data: bytes) -> list[schema.AnyRecord]:
    """Every line at once (one call of the decoder), each line exactly one record."""
    try:
        records: list[schema.AnyRecord] = schema.decoder(schema.RECORDS).decode(
            b"[" + data[:-1].replace(b"\n", b",") + b"]"
        )
    except msgspec.ValidationError as exc:
        where, message = split_error(str(exc))
        index, _, name = where.removeprefix("$[").partition("]")
        raise BadBatch(int(index) + 1 if index.isdigit() else 0, name.lstrip("."), message) from None
    except msgspec.DecodeError as exc:
        raise BadBatch(_line_at(data, str(exc)), "", str(exc)) from None
    except RecursionError:
        raise BadBatch(0, "", "a record is nested too deeply") from None
    if len(records) != data.count(b"\n"):
        raise BadBatch(0, "", "a line holds more than one record")
    return records


def _line_at(data: bytes, message: str) -> int:
    """The line of msgspec's "... (byte N)" (the joined array is the file, one byte ahead); 0 if unsaid."""
    _, sep, tail = message.rpartition("(byte ")
    if not sep or not tail.rstrip(")").isdigit():
        return 0
    return data.count(b"\n", 0, max(0, int(tail.rstrip(")")) - 1)) + 1


def _uuids(records: list[schema.AnyRecord]) -> None:
    """Every uuid well formed (one match for the whole batch; the first bad one named)."""
    uuids = [rec.uuid for rec in records]
    if UUIDS.fullmatch("\n".join(uuids) + "\n"):
        return
    for n, value in enumerate(uuids, 1):
        if not UUID.match(value):
            raise BadBatch(n, "uuid", f"{value!r} is not a uuid")


def _event(rows: Rows, rec: TicketEventRecord, owner: str, ref: object) -> None:
    if rec.consultant != owner:
        raise RecordError("consultant", f"{rec.consultant!r} is not {owner}, whose folder holds it")
    payload = rec.check()
    if isinstance(payload, schema.CreatedPayload):
        # What the ticket is, whoever created it: compared between consultants.
        rows.created.append((rec.ticket, owner, hashlib.sha256(schema.encode(payload)).hexdigest()))
    elif isinstance(payload, schema.FinalizedPayload):
        rows.finalized.append((rec.uuid, rec.ticket, payload.at))
    rows.events.append((rec.uuid, rec.ticket, rec.event, owner, rec.at, schema.encode(rec), ref))


def _review(rows: Rows, rec: ReviewRecord, owner: str, ref: object) -> None:
    if rec.lead != owner:
        raise RecordError("lead", f"{rec.lead!r} is not {owner}, whose folder holds it")
    at_ts = rec.check()
    rows.reviews.append(
        (
            rec.uuid,
            rec.consultant,
            rec.day,
            rec.decision,
            rec.comment,
            owner,
            rec.at,
            at_ts,
            schema.encode(rec),
            ref,
        )
    )
