"""Small display helpers shared by the widgets; no Qt here beyond translation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from tracker.app import HeldKind, HeldReason, human_duration
from tracker.model import ESCALATION_CHECKLIST, ConsultancyType

DATE_FORMAT = "%d/%m/%Y"

# The domain's English texts live in tracker/ (no Qt there); these tables make lupdate
# extract them, in the "fmt" context.  tests/ui/test_translations.py checks that every
# text tracker/ defines is listed here.
TYPE_NAMES = {
    ConsultancyType.TECHNICAL: QT_TRANSLATE_NOOP("fmt", "Technical"),
    ConsultancyType.SUPPORT: QT_TRANSLATE_NOOP("fmt", "Support"),
    ConsultancyType.STANDARD: QT_TRANSLATE_NOOP("fmt", "Standard"),
}
_SCOPE_TEXTS = (
    QT_TRANSLATE_NOOP("fmt", "one-off questions"),
    QT_TRANSLATE_NOOP("fmt", "following configuration and runs of standard routines"),
    QT_TRANSLATE_NOOP("fmt", "product or environment update"),
    QT_TRANSLATE_NOOP("fmt", "urgent priority service"),
    QT_TRANSLATE_NOOP("fmt", "no IT staff at the customer"),
    QT_TRANSLATE_NOOP("fmt", "functions never deployed before"),
    QT_TRANSLATE_NOOP("fmt", "product problems"),
    QT_TRANSLATE_NOOP("fmt", "issue not reproduced by standard support"),
    QT_TRANSLATE_NOOP("fmt", "only reproduced with certain records"),
    QT_TRANSLATE_NOOP("fmt", "customised data dictionary"),
    QT_TRANSLATE_NOOP("fmt", "support's procedures were done without success"),
)
_CHECKLIST_TEXTS = (
    QT_TRANSLATE_NOOP("fmt", "support's procedures were done"),
    QT_TRANSLATE_NOOP("fmt", "the documentation was checked"),
    QT_TRANSLATE_NOOP("fmt", "reproduced in an updated test environment"),
)


def error_text(exc: Exception | str) -> str:
    """A refusal or failure as the windows show it: a sentence, its first letter a capital."""
    text = str(exc).strip()
    return text[:1].upper() + text[1:]


def weekday_text(day: date) -> str:
    """The day's name in the window's language ("terça-feira", "Tuesday")."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat)


def tr(text: str) -> str:
    """A text from one of the QT_TRANSLATE_NOOP("fmt", ...) tables below, translated."""
    return QCoreApplication.translate("fmt", text)


def clock_text(seconds: int) -> str:
    """The big elapsed display: always hh:mm:ss."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def counted(n: int, one: str, many: str, *more: object) -> str:
    """``one`` or ``many`` (each already translated, with ``{0}`` for the number) as ``n`` asks.

    "1 session", "2 sessions": the window never shows "session(s)".  ``more`` fills
    ``{1}`` on.
    """
    return (one if n == 1 else many).format(n, *more)


def duration_text(seconds: int) -> str:
    """Durations in tables, totals and the title: h:mm:ss."""
    return human_duration(seconds)


def day_text(day: date) -> str:
    return day.strftime(DATE_FORMAT)


def time_text(when: datetime, today: date | None = None) -> str:
    """hh:mm, with the date in front when it is not ``today``."""
    text = when.strftime("%H:%M")
    if today is not None and when.date() != today:
        text = f"{day_text(when.date())} {text}"
    return text


def type_name(kind: ConsultancyType) -> str:
    return tr(TYPE_NAMES[kind])


def type_label(kind: ConsultancyType) -> str:
    """The vendor's Portuguese name, after the English name when the window speaks English."""
    name = type_name(kind)
    if name == TYPE_NAMES[kind]:  # English: both, the Portuguese name is the contract's
        return f"{name} — {kind.portuguese}"
    return kind.portuguese


def scope_text(scope: str) -> str:
    """A recommended-scope item (tracker.model.SCOPES), translated; unknown ones as stored."""
    return tr(scope) if scope in _SCOPE_TEXTS else scope


def checklist_text(key: str) -> str:
    """An escalation confirmation (tracker.model.ESCALATION_CHECKLIST), by its key."""
    text = ESCALATION_CHECKLIST.get(key, key)
    return tr(text) if text in _CHECKLIST_TEXTS else text


# Short names for the Flags column and a plain-words explanation for its tooltip: the
# English words of tracker.model.FLAG_WORDS (tests/ui/test_translations.py holds them equal),
# for the consultant's day and the lead's review alike.
FLAG_NAMES = {
    "overlap": QT_TRANSLATE_NOOP("fmt", "overlap"),
    "long": QT_TRANSLATE_NOOP("fmt", "long"),
    "across_midnight": QT_TRANSLATE_NOOP("fmt", "across midnight"),
    "sleep_gap": QT_TRANSLATE_NOOP("fmt", "sleep gap"),
    "clock_jump": QT_TRANSLATE_NOOP("fmt", "clock jump"),
    "idle": QT_TRANSLATE_NOOP("fmt", "idle"),
    "conflict": QT_TRANSLATE_NOOP("fmt", "conflicting copies"),
    "no_term": QT_TRANSLATE_NOOP("fmt", "no term acceptance"),
    "ticket_disagrees": QT_TRANSLATE_NOOP("fmt", "ticket details differ"),
}
FLAG_HELP = {
    "overlap": QT_TRANSLATE_NOOP(
        "fmt",
        "Overlap: it overlaps another session of the same consultant; keep only the time really worked.",
    ),
    "long": QT_TRANSLATE_NOOP(
        "fmt", "Long: longer than the usual limit for one session; was the timer left running?"
    ),
    "across_midnight": QT_TRANSLATE_NOOP(
        "fmt", "Across midnight: it runs into the next day; was the timer left on overnight?"
    ),
    "sleep_gap": QT_TRANSLATE_NOOP(
        "fmt", "Sleep gap: the computer was asleep (or the app was stopped) while the timer ran."
    ),
    "clock_jump": QT_TRANSLATE_NOOP(
        "fmt", "Clock jump: the computer's clock went backwards while it ran; check the times."
    ),
    "idle": QT_TRANSLATE_NOOP(
        "fmt", "Idle: away from the keyboard and mouse while the timer ran; kept as a session of its own."
    ),
    "conflict": QT_TRANSLATE_NOOP(
        "fmt",
        "Conflicting copies: the export holds two different copies of this session; the first read is shown.",
    ),
    "no_term": QT_TRANSLATE_NOOP(
        "fmt",
        "No term acceptance: a billed ticket the customer has not accepted; its time is held from billing.",
    ),
    "ticket_disagrees": QT_TRANSLATE_NOOP(
        "fmt",
        "Ticket details differ: consultants recorded different details (customer, type…) for this ticket.",
    ),
}


def flags_text(flags: tuple[str, ...] | list[str]) -> str:
    return ", ".join(tr(FLAG_NAMES.get(f, f)) for f in flags)


def flags_help(flags: tuple[str, ...] | list[str], differs: Sequence[str] = ()) -> str:
    """One line per flag, in plain words, for a tooltip; empty when there are none.

    ``differs``: for ``ticket_disagrees``, the ticket's fields the consultants recorded otherwise.
    """
    lines = []
    for f in flags:
        if f == "ticket_disagrees" and differs:
            fields = ", ".join(tr(TICKET_FIELDS.get(k, k)) for k in differs)
            lines.append(tr(DIFFERS_HELP).format(fields))
        else:
            lines.append(tr(FLAG_HELP.get(f, f)))
    return "\n".join(lines)


DIFFERS_HELP = QT_TRANSLATE_NOOP(
    "fmt", "Ticket details differ: consultants recorded this ticket differently: {0}."
)


# Why tracker/billing.py holds a line back (billing.HeldReason), by its kind.
HELD_TEXTS = {
    HeldKind.NO_TERM: QT_TRANSLATE_NOOP(
        "fmt", "no term acceptance recorded; record it with tracker ticket accept-term"
    ),
    HeldKind.NO_RATE: QT_TRANSLATE_NOOP("fmt", "no {0} rate in force on {1}; set one with tracker rates set"),
    HeldKind.CONFLICT: QT_TRANSLATE_NOOP(
        "fmt",
        "the central export holds two versions of a record of this line; "
        "settle it (tracker central log lists the conflicts)",
    ),
    HeldKind.DISAGREEMENT: QT_TRANSLATE_NOOP(
        "fmt", "consultants recorded the ticket differently ({0}: {1}); settle it before billing"
    ),
}
# A ticket's fields that decide who pays, as a disagreement names them.
TICKET_FIELDS = {
    "customer": QT_TRANSLATE_NOOP("fmt", "customer"),
    "type": QT_TRANSLATE_NOOP("fmt", "type"),
    "bill_to_unit": QT_TRANSLATE_NOOP("fmt", "unit billed"),
    "authorization": QT_TRANSLATE_NOOP("fmt", "authorization"),
    "cost_center": QT_TRANSLATE_NOOP("fmt", "cost center"),
    "value_class": QT_TRANSLATE_NOOP("fmt", "value class"),
    "accounting_item": QT_TRANSLATE_NOOP("fmt", "accounting item"),
}


def held_reason_text(reasons: Sequence[HeldReason]) -> str:
    """A statement line's held reasons, translated, joined with "; "."""
    parts = []
    for reason in reasons:
        text = tr(HELD_TEXTS[reason.kind])
        if reason.kind is HeldKind.NO_RATE:
            kind = reason.type.portuguese if reason.type else ""
            text = text.format(kind, day_text(reason.date) if reason.date else "")
        elif reason.kind is HeldKind.DISAGREEMENT:
            fields = ", ".join(tr(TICKET_FIELDS.get(f, f)) for f in reason.fields)
            text = text.format(fields, ", ".join(reason.who))
        parts.append(text)
    return "; ".join(parts)


# How a refusal is shown: the message in red, and the field it names outlined.
ERROR_STYLE = "color: #c0392b; font-weight: bold;"
FIELD_ERROR_STYLE = "border: 2px solid #c0392b;"
