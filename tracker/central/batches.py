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
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

import msgspec

from tracker.central import schema
from tracker.central.schema import RecordError, ReviewRecord, SessionRecord, TicketEventRecord

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
    """A batch's records as the read cache keeps them; ``payload`` is the record's line as written."""

    # uuid, revision, consultant, ticket, type, day, start_ts, end_ts, deleted,
    # start, end, zone, note, flags (comma-separated), source, batch
    sessions: list[tuple[Any, ...]] = field(default_factory=list)
    # uuid, ticket, event, consultant, at, payload, batch
    events: list[tuple[Any, ...]] = field(default_factory=list)
    created: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # ticket, consultant, digest of its fields
    finalized: list[tuple[str, str, str]] = field(default_factory=list)  # uuid, ticket, its local time
    # uuid, consultant, day, decision, comment, lead, at, at_ts, payload, batch
    reviews: list[tuple[Any, ...]] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)


def parse(area: str, owner: str, data: bytes, ref: object = "") -> Rows:
    """The records of a batch file of ``area/owner/``, every one checked; BadBatch for the first that fails.

    ``ref`` names the batch in the rows (where each record was read from).
    """
    if not data.endswith(b"\n"):
        raise BadBatch(0, "", "its last line does not end (cut short?)")
    lines = data[:-1].split(b"\n")
    if max(map(len, lines)) > schema.MAX_LINE:
        long = next(n for n, text in enumerate(lines, 1) if len(text) > schema.MAX_LINE)
        raise BadBatch(long, "", f"is longer than {schema.MAX_LINE // 1024} KiB")
    records = _decode(lines)
    _uuids(records)
    rows = Rows()
    allowed = AREA_KINDS[area]
    sessions = rows.sessions
    for n, (rec, line) in enumerate(zip(records, lines, strict=True), 1):
        kind = type(rec)
        try:
            if kind not in allowed:
                raise RecordError("kind", f"a {schema.KINDS[kind]} record does not belong in {area}/")
            if kind is SessionRecord:  # the hot path: inline
                if rec.consultant != owner:
                    raise RecordError(
                        "consultant", f"{rec.consultant!r} is not {owner}, whose folder holds it"
                    )
                sessions.append(_session(rec, owner, ref))  # type: ignore[arg-type]
            elif kind is TicketEventRecord:
                _event(rows, rec, owner, line, ref)  # type: ignore[arg-type]
            else:
                _review(rows, rec, owner, line, ref)  # type: ignore[arg-type]
        except RecordError as exc:
            raise BadBatch(n, exc.field, exc.message) from None
    counts = {"session": len(rows.sessions), "ticket_event": len(rows.events), "review": len(rows.reviews)}
    rows.kinds = {name: count for name, count in counts.items() if count}
    return rows


def _decode(lines: list[bytes]) -> list[schema.AnyRecord]:
    """Every line at once (one call of the decoder), each line exactly one record."""
    try:
        records = schema.RECORDS.decode(b"[" + b",".join(lines) + b"]")
    except msgspec.ValidationError as exc:
        where, message = schema.split_error(str(exc))
        index, _, name = where.removeprefix("$[").partition("]")
        raise BadBatch(int(index) + 1 if index.isdigit() else 0, name.lstrip("."), message) from None
    except msgspec.DecodeError as exc:
        raise BadBatch(_line_at(lines, str(exc)), "", str(exc)) from None
    except RecursionError:
        raise BadBatch(0, "", "a record is nested too deeply") from None
    if len(records) != len(lines):
        raise BadBatch(0, "", "a line holds more than one record")
    return records


def _line_at(lines: list[bytes], message: str) -> int:
    """The line of msgspec's "... (byte N)" in the joined array; 0 when it does not say."""
    _, sep, tail = message.rpartition("(byte ")
    if not sep or not tail.rstrip(")").isdigit():
        return 0
    starts = list(accumulate((len(text) + 1 for text in lines), initial=1))
    return max(1, min(len(lines), bisect_right(starts, int(tail.rstrip(")")))))


def _uuids(records: list[schema.AnyRecord]) -> None:
    """Every uuid well formed (one match for the whole batch; the first bad one named)."""
    uuids = [rec.uuid for rec in records]
    if schema.UUIDS.fullmatch("\n".join(uuids) + "\n"):
        return
    for n, value in enumerate(uuids, 1):
        if not schema.UUID.match(value):
            raise BadBatch(n, "uuid", f"{value!r} is not a uuid")


def _session(rec: SessionRecord, owner: str, ref: object) -> tuple[Any, ...]:
    start_ts, end_ts = rec.check()
    return (
        rec.uuid,
        rec.revision,
        owner,
        rec.ticket,
        rec.type,
        rec.day,
        start_ts,
        end_ts,
        rec.deleted,
        rec.start,
        rec.end,
        rec.zone,
        rec.note,
        ",".join(rec.flags) if rec.flags else "",
        rec.source,
        ref,
    )


def _event(rows: Rows, rec: TicketEventRecord, owner: str, line: bytes, ref: object) -> None:
    if rec.consultant != owner:
        raise RecordError("consultant", f"{rec.consultant!r} is not {owner}, whose folder holds it")
    payload = rec.check()
    if isinstance(payload, schema.CreatedPayload):
        # What the ticket is, as its creator wrote it: compared between consultants.
        rows.created.append((rec.ticket, owner, hashlib.sha256(rec.payload).hexdigest()))
    elif isinstance(payload, schema.FinalizedPayload):
        rows.finalized.append((rec.uuid, rec.ticket, payload.at))
    rows.events.append((rec.uuid, rec.ticket, rec.event, owner, rec.at, line, ref))


def _review(rows: Rows, rec: ReviewRecord, owner: str, line: bytes, ref: object) -> None:
    if rec.lead != owner:
        raise RecordError("lead", f"{rec.lead!r} is not {owner}, whose folder holds it")
    at_ts = rec.check()
    rows.reviews.append(
        (rec.uuid, rec.consultant, rec.day, rec.decision, rec.comment, owner, rec.at, at_ts, line, ref)
    )
