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

from tracker.errors import TrackerError
from tracker.model import Session
from tracker.timeutil import iso

FORMAT = 1
AREAS = ("consultants", "reviews")  # sessions and ticket events; leads' review decisions
# A batch file's name: <sequence>-<install id>, then .jsonl or .manifest.json.
BATCH_RE = re.compile(r"^(?P<batch>[0-9]{8}-[0-9a-f]{8})\.(?P<what>jsonl|manifest\.json)$")

# A session or ticket-event record as the export holds it: a JSON object (see
# docs/central-export.md).  Sessions are handed back in this form, the latest revision.
Record = dict[str, Any]


class TargetUnavailable(TrackerError):
    """The central store cannot be written now; everything stays queued for a later sync."""


class TamperedBatch(TrackerError):
    """A batch on the central store differs from what this app wrote."""


# ----- writing: records and batches ---------------------------------------------------


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def session_record(s: Session) -> Record:
    return {
        "kind": "session",
        "uuid": s.uuid,
        "revision": s.revision,
        "consultant": s.consultant,
        "ticket": s.ticket,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "zone": s.zone,
        "day": s.start.date().isoformat(),
        "note": s.note,
        "flags": list(s.flags),
        "deleted": s.deleted,
        "source": s.source,
    }


def event_record(row: sqlite3.Row) -> Record:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    return {
        "kind": "ticket_event",
        "uuid": row["uuid"],
        "revision": 1,
        "ticket": row["ticket"],
        "event": row["kind"],
        "payload": json.loads(row["payload"]),
        "consultant": row["consultant"],
        "at": iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    }


def review_record(row: sqlite3.Row) -> Record:
    tz = timezone(timedelta(seconds=row["utc_offset"]))
    return {
        "kind": "review",
        "uuid": row["uuid"],
        "revision": 1,
        "consultant": row["consultant"],
        "day": row["day"],
        "decision": row["decision"],
        "comment": row["comment"],
        "lead": row["lead"],
        "at": iso(datetime.fromtimestamp(row["at_ts"], UTC).astimezone(tz)),
    }


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def manifest(
    batch: str, consultant: str, sha256: str, rows: int, created: datetime, kinds: dict[str, int]
) -> bytes:
    return (
        dumps(
            {
                "format": FORMAT,
                "batch": batch,
                "consultant": consultant,
                "file": f"{batch}.jsonl",
                "sha256": sha256,
                "rows": rows,
                "created_at": iso(created),
                "kinds": kinds,
            }
        )
        + "\n"
    ).encode("utf-8")


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
class Decision:
    """A lead's decision about one consultant's day."""

    uuid: str
    consultant: str
    day: str
    decision: str  # approve | return
    comment: str
    lead: str
    at: str  # local time with its offset

    def to_json(self) -> dict[str, str]:
        """As ``tracker review --json`` shows it."""
        return {"decision": self.decision, "comment": self.comment, "lead": self.lead, "at": self.at}


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
    differs: tuple[str, ...] = ()  # the fields another consultant's 'created' gives otherwise


@dataclass(frozen=True)
class FinalizedTicket:
    """A ticket finalized in a month, with the latest revision of all its sessions."""

    facts: TicketFacts
    sessions: tuple[Record, ...]


def ticket_facts(number: str, events: Iterable[Record]) -> TicketFacts:
    """Fold a ticket's ``ticket_event`` records (ordered by ``at``, then uuid) into its facts."""
    created: dict[str, Any] = {}
    term: date | None = None
    escalated: datetime | None = None
    defects: list[Defect] = []
    finals: list[str] = []
    differs: dict[str, None] = {}
    for e in events:
        payload, kind = e["payload"], e["event"]
        if kind == "created" and not created:
            created = payload
            if payload.get("term_accepted"):
                term = date.fromisoformat(payload["term_accepted"])
        elif kind == "created":
            differs.update(
                dict.fromkeys(k for k in sorted({*created, *payload}) if created.get(k) != payload.get(k))
            )
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
    return TicketFacts(number, created, term, escalated, tuple(defects), tuple(finals), tuple(differs))
