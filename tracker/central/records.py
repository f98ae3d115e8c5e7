"""What the central store speaks: export records, batches, and the read model's answers.

The records are the export's JSON lines (docs/central-export.md), always serialised
byte for byte the same.  The frozen dataclasses are what every implementation of
:class:`tracker.central.Central` hands back, whatever it keeps underneath.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from msgspec import Struct

from tracker.central import batches, schema
from tracker.central.checks import RecordError
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.inbox import Decision as Decision
from tracker.model import zone_of
from tracker.timeutil import iso

FORMAT = schema.FORMAT
AREAS = ("consultants", "reviews")  # sessions and ticket events; leads' review decisions
# A batch file's name: <sequence>-<install id>, then .jsonl or .manifest.json.
BATCH_RE = re.compile(r"^(?P<batch>[0-9]{8}-[0-9a-f]{8})\.(?P<what>jsonl|manifest\.json)\Z")

# What a ticket's 'created' event says that changes who pays and how much.
MONEY_FIELDS = (
    "customer",
    "type",
    "bill_to_unit",
    "authorization",
    "cost_center",
    "value_class",
    "accounting_item",
)

# A session or ticket-event record as the export holds it: a JSON object (see
# docs/central-export.md).  Sessions are handed back in this form, the latest revision.
Record = dict[str, Any]


class TargetUnavailable(TrackerError):
    """The central store cannot be written now; everything stays queued for a later sync."""


class BatchRefused(TrackerError):
    """This one batch cannot be delivered; it stays queued, and the other batches still go."""


class TamperedBatch(BatchRefused):
    """A batch on the central store differs from what this app wrote."""


class CentralUnreadable(TrackerError):
    """The central store cannot be read at all (an unmounted share): nothing is shown, never stale data."""


class FolderRefused(TargetUnavailable, BatchRefused):
    """The batch's own folder of the export may not be written (or made) by this user."""


# ----- writing: records and batches ---------------------------------------------------


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class UnsendableRecord(TrackerError):
    """A record of this home that the export's schema refuses: it is never sent (nothing is lost)."""


def check_batch(area: str, who: str, data: bytes) -> None:
    """The batch as every reader will check it, before it is sent: UnsendableRecord names what fails.

    The billing areas (rates, issued statements) are checked by their own reader,
    tracker/central/folder_billing.py, record by record.
    """
    if area not in batches.AREA_KINDS:
        return
    try:
        batches.parse(area, who, data, keep=False)
    except batches.BadBatch as exc:
        lines = data.split(b"\n")
        line = lines[exc.line - 1] if 0 < exc.line <= len(lines) else b"{}"
        try:
            found = json.loads(line)
            what = f"{found.get('kind', 'record')} {found.get('uuid', '')}".strip()
        except (ValueError, AttributeError):
            what = "a record"
        raise UnsendableRecord(
            _("{what} cannot be sent to the export ({error}); correct it here, then sync again").format(
                what=what, error=f"{exc.field}: {exc.message}" if exc.field else exc.message
            )
        ) from None


def dumps(record: Struct | dict[str, Any] | list[Any] | str) -> str:
    """One record's line, as every reader parses it (sorted keys, no spaces).

    Records of the schema go through its encoder; the billing areas' plain JSON values
    (rates, issued statements) are written with the same key order and spacing.
    """
    if isinstance(record, Struct):
        return schema.encode(record).decode("utf-8")
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def queued_session_records(rows: Iterable[sqlite3.Row]) -> list[schema.SessionRecord]:
    """The record of each queued session's row (tracker.store.outbox.pending_sessions).

    Read straight from the stored columns, without a Session between: the sender's hot
    path (a first sync sends every session).  The times are shown in the session's
    zone (its IANA zone, else its recorded offset), each with its own offset.
    """
    zones: dict[tuple[str | None, int], Any] = {}
    out = []
    for r in rows:
        key = (r["zone"], r["utc_offset"])
        tz = zones.get(key)
        if tz is None:
            tz = zones[key] = zone_of(*key)
        start_ts, end_ts = r["start_ts"], r["end_ts"]
        start = datetime.fromtimestamp(start_ts, tz).isoformat(timespec="seconds")
        flags = r["flags"]
        out.append(
            schema.SessionRecord(
                uuid=r["uuid"],
                revision=r["revision"],
                consultant=r["consultant"],
                ticket=r["ticket"],
                type=r["type"],
                start=start,
                end=datetime.fromtimestamp(end_ts, tz).isoformat(timespec="seconds"),
                seconds=end_ts - start_ts,
                zone=r["zone"],
                day=start[:10],
                note=r["note"],
                flags=[f for f in flags.split(",") if f] if flags else [],
                deleted=bool(r["deleted"]),
                source=r["source"],
            )
        )
    return out


def event_record(row: sqlite3.Row) -> schema.TicketEventRecord:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    try:
        payload = schema.payload_of(row["kind"], json.loads(row["payload"]))
    except (RecordError, KeyError) as exc:
        raise UnsendableRecord(
            _("the {event} event of ticket {number} cannot be sent to the export: {error}").format(
                event=row["kind"], number=row["ticket"], error=exc
            )
        ) from None
    record = schema.TicketEventRecord(
        uuid=row["uuid"],
        revision=1,
        ticket=row["ticket"],
        event=row["kind"],
        payload=payload,
        consultant=row["consultant"],
        at=iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    )
    return record


def review_record(row: sqlite3.Row) -> schema.ReviewRecord:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    record = schema.ReviewRecord(
        uuid=row["uuid"],
        revision=1,
        consultant=row["consultant"],
        day=row["day"],
        decision=row["decision"],
        comment=row["comment"],
        lead=row["lead"],
        at=iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    )
    return record


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def manifest(
    batch: str, consultant: str, sha256: str, rows: int, created: datetime, kinds: dict[str, int]
) -> bytes:
    value = schema.Manifest(
        format=1,
        batch=batch,
        consultant=consultant,
        file=f"{batch}.jsonl",
        sha256=sha256,
        rows=rows,
        created_at=iso(created),
        kinds=kinds,  # type: ignore[arg-type]
    )
    return schema.encode(value) + b"\n"


@dataclass(frozen=True)
class Batch:
    """One batch as the sender keeps it in its outbox and publishes it, whole."""

    batch: str  # <sequence>-<install id>
    consultant: str  # whose folder: the consultant, or the lead for the reviews area
    data: bytes
    manifest: bytes
    sha256: str
    rows: int
    area: str = "consultants"  # consultants: sessions and ticket events; reviews: leads' decisions


# ----- reading: the read model's answers ------------------------------------------------


@dataclass(frozen=True)
class ReadReport:
    """What one refresh of the read model found: new batches, and what it would not read."""

    new_batches: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InboxBatch:
    """A batch of leads' decisions about one consultant, pulled once; ``key`` marks it seen."""

    key: str
    size: int
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class Defect:
    """A defect flagged on a ticket, as its ``defect_flagged`` event says."""

    ticket: str
    kind: str  # product | documentation | ...
    ref: str
    published: bool
    consultant: str
    at: str  # when it was recorded, local time with its offset

    def to_json(self) -> dict[str, Any]:
        """As ``tracker review --json`` shows a day's defect."""
        return {
            "ticket": self.ticket,
            "kind": self.kind,
            "ref": self.ref,
            "published": self.published,
            "at": self.at,
        }


@dataclass(frozen=True)
class TicketFacts:
    """What every consultant's ticket events say about one ticket, in the order they happened."""

    number: str
    created: dict[str, Any] = field(default_factory=dict)  # the first 'created' payload; {} if none arrived
    term_accepted: date | None = None
    escalated_at: datetime | None = None  # the earliest escalation
    defects: tuple[Defect, ...] = ()
    finalized: tuple[str, ...] = ()  # every finalization's local time, as recorded
    # The fields that decide money (MONEY_FIELDS) on which consultants' 'created' events
    # differ, and the consultants; and whether one of its events arrived with two contents.
    disagreements: tuple[str, ...] = ()
    disagreeing: tuple[str, ...] = ()
    conflicted: bool = False


@dataclass(frozen=True)
class FinalizedTicket:
    """A ticket finalized in a month, with the latest revision of all its sessions."""

    facts: TicketFacts
    sessions: tuple[Record, ...]


def ticket_facts(number: str, events: Iterable[Record], conflicted: bool = False) -> TicketFacts:
    """Fold a ticket's ``ticket_event`` records (ordered by ``at``, then uuid) into its facts."""
    created: dict[str, Any] = {}
    versions: dict[str, dict[str, Any]] = {}
    term: date | None = None
    escalated: datetime | None = None
    defects: list[Defect] = []
    finals: list[str] = []
    for e in events:
        payload, kind = e["payload"], e["event"]
        if kind == "created":
            versions.setdefault(e["consultant"], payload)
            if not created:
                created = payload
                if payload.get("term_accepted"):
                    term = date.fromisoformat(payload["term_accepted"])
        elif kind == "term_accepted":
            term = date.fromisoformat(payload["term_accepted"])
        elif kind == "escalated":
            at = datetime.fromisoformat(payload["at"])
            escalated = at if escalated is None else min(escalated, at)
        elif kind == "defect_flagged":
            published = bool(payload.get("published", False))
            defects.append(
                Defect(number, payload["kind"], payload["ref"], published, e["consultant"], e["at"])
            )
        elif kind == "finalized":
            finals.append(payload["at"])
    differ = tuple(k for k in MONEY_FIELDS if len({v.get(k) or "" for v in versions.values()}) > 1)
    return TicketFacts(
        number,
        created,
        term,
        escalated,
        tuple(defects),
        tuple(finals),
        differ,
        tuple(sorted(versions)) if differ else (),
        conflicted,
    )
