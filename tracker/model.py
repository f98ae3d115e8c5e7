"""The domain's records (immutable named tuples, cheap to define at start-up) and enums.  No I/O here.

No ``from __future__ import annotations`` here: a named tuple's fields given as strings
are each compiled by ``typing`` at import, and every command imports this module.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConsultancyType(StrEnum):
    TECHNICAL = "technical"
    SUPPORT = "support"
    STANDARD = "standard"

    @property
    def english(self) -> str:
        """The name the windows show in English (and translate); the CLI shows the value."""
        return TYPE_NAMES[self][0]

    @property
    def portuguese(self) -> str:
        """The vendor's name, the contract's: statements and exports use it in every language."""
        return TYPE_NAMES[self][1]

    @property
    def billed(self) -> bool:
        return self is not ConsultancyType.STANDARD


# Each type's names, once: (English, the vendor's Portuguese).  tracker/i18n.py words
# messages with them; ui/common/fmt.py lists the English ones for translation.
TYPE_NAMES: dict[ConsultancyType, tuple[str, str]] = {
    ConsultancyType.TECHNICAL: ("Technical", "Consultoria Técnica"),
    ConsultancyType.SUPPORT: ("Support", "Consultoria de Suporte"),
    ConsultancyType.STANDARD: ("Standard", "Suporte Padrão"),
}


class DefectKind(StrEnum):
    PRODUCT = "product"
    DOCUMENTATION = "documentation"


class EventKind(StrEnum):
    """What a ticket event records; a later sync sends them to the central export."""

    CREATED = "created"
    TERM_ACCEPTED = "term_accepted"
    ESCALATED = "escalated"
    DEFECT_FLAGGED = "defect_flagged"
    FINALIZED = "finalized"


class Role(StrEnum):
    CONSULTANT = "consultant"
    LEAD = "lead"
    BILLING = "billing"


# The customer's confirmations recorded when standard support escalates to support.
ESCALATION_CHECKLIST: dict[str, str] = {
    "procedures": "support's procedures were done",
    "documentation": "the documentation was checked",
    "reproduced": "reproduced in an updated test environment",
}

# The published recommended scope, by billed type.
SCOPES: dict[ConsultancyType, tuple[str, ...]] = {
    ConsultancyType.TECHNICAL: (
        "one-off questions",
        "following configuration and runs of standard routines",
        "product or environment update",
        "urgent priority service",
        "no IT staff at the customer",
        "functions never deployed before",
        "product problems",
    ),
    ConsultancyType.SUPPORT: (
        "issue not reproduced by standard support",
        "only reproduced with certain records",
        "customised data dictionary",
        "support's procedures were done without success",
    ),
}

MAX_SESSION_SECONDS = 24 * 3600


class Flag(StrEnum):
    """Why a session needs a second look.  Flags are shown, never auto-fixed."""

    OVERLAP = "overlap"  # overlaps another session of the same consultant
    LONG = "long"  # longer than the configured limit (default 10 h)
    ACROSS_MIDNIGHT = "across_midnight"  # ends on a later day, in its own zone
    SLEEP_GAP = "sleep_gap"  # the machine slept (no heartbeat) while it ran
    CLOCK_JUMP = "clock_jump"  # the wall clock went backwards, or a start in the future
    IDLE = "idle"  # away from keyboard and mouse while the timer ran, kept as its own session


# Every flag a session can carry, in plain words, once: (its short name, what to check).
# The stored and computed ones (Flag) and those the lead's review adds.  The CLI shows
# these; ui/common/fmt.py lists the same English words for translation ("Name: what").
FLAG_WORDS: dict[str, tuple[str, str]] = {
    Flag.OVERLAP: (
        "overlap",
        "it overlaps another session of the same consultant; keep only the time really worked.",
    ),
    Flag.LONG: ("long", "longer than the usual limit for one session; was the timer left running?"),
    Flag.ACROSS_MIDNIGHT: ("across midnight", "it runs into the next day; was the timer left on overnight?"),
    Flag.SLEEP_GAP: ("sleep gap", "the computer was asleep (or the app was stopped) while the timer ran."),
    Flag.CLOCK_JUMP: ("clock jump", "the computer's clock went backwards while it ran; check the times."),
    Flag.IDLE: (
        "idle",
        "away from the keyboard and mouse while the timer ran; kept as a session of its own.",
    ),
    "conflict": (
        "conflicting copies",
        "the export holds two different copies of this session; the first read is shown.",
    ),
    "no_term": (
        "no term acceptance",
        "a billed ticket the customer has not accepted; its time is held from billing.",
    ),
    "ticket_disagrees": (
        "ticket details differ",
        "consultants recorded different details (customer, type…) for this ticket.",
    ),
}


def zone_of(name: str | None, offset_seconds: int) -> ZoneInfo | timezone:
    """The zone to show a stored time in: its IANA zone, else its fixed offset."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return timezone(timedelta(seconds=offset_seconds))


def from_ts(ts: int, zone: ZoneInfo | timezone) -> datetime:
    return datetime.fromtimestamp(ts, UTC).astimezone(zone)


class Defect(NamedTuple):
    uuid: str
    ticket: str
    kind: DefectKind
    ref: str
    published: bool
    note: str
    flagged_at: datetime
    consultant: str


class Ticket(NamedTuple):
    number: str
    customer: str
    type: ConsultancyType
    original_type: ConsultancyType
    product: str = ""
    scope: str = ""
    term_accepted: date | None = None
    term_ref: str = ""
    bill_to_unit: str = ""
    authorization: str = ""
    cost_center: str = ""
    value_class: str = ""
    accounting_item: str = ""
    escalated_at: datetime | None = None
    escalation_checklist: tuple[str, ...] = ()
    finalized_at: datetime | None = None
    created_at: datetime | None = None
    defects: tuple[Defect, ...] = ()

    def type_at(self, when: datetime) -> ConsultancyType:
        """The type in force at ``when``: escalation changes it from that moment on."""
        if self.escalated_at is not None and when.timestamp() >= self.escalated_at.timestamp():
            return ConsultancyType.SUPPORT
        return self.original_type

    @property
    def finalized(self) -> bool:
        return self.finalized_at is not None

    @property
    def bill_to(self) -> str:
        return self.bill_to_unit or self.customer

    @property
    def bill_to_kind(self) -> str:
        return "unit" if self.bill_to_unit else "customer"


class Session(NamedTuple):
    uuid: str
    ticket: str
    consultant: str
    type: ConsultancyType
    start: datetime  # aware, in the session's own zone
    end: datetime
    zone: str | None
    note: str = ""
    revision: int = 1
    synced: bool = False
    source: str = "timer"
    flags: tuple[str, ...] = ()
    deleted: bool = False
    sent_revision: int = 0  # the highest revision put into a batch for the central export

    @property
    def seconds(self) -> int:
        # Subtracting two datetimes of the same ZoneInfo gives wall-clock time, which is
        # wrong across a DST change; epoch seconds are exact.
        return int(self.end.timestamp()) - int(self.start.timestamp())

    @property
    def day(self) -> date:
        return self.start.date()


class RunningTimer(NamedTuple):
    consultant: str
    ticket: str
    type: ConsultancyType
    start: datetime  # aware, in the zone it was started in
    zone: str
    uuid: str
    note: str = ""
    flags: tuple[str, ...] = ()
    heartbeat: datetime | None = None  # last sign of life of the open window

    def elapsed_seconds(self, now: datetime) -> int:
        """Always computed from the stored start, never from counted ticks."""
        return int(now.timestamp()) - int(self.start.timestamp())
