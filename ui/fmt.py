"""Small display helpers shared by the widgets; no Qt here beyond translation."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from tracker.model import ConsultancyType
from tracker.timeutil import human_duration

DATE_FORMAT = "%d/%m/%Y"


def tr(text: str, context: str = "fmt") -> str:
    return QCoreApplication.translate(context, text)


def clock_text(seconds: int) -> str:
    """The big elapsed display: always hh:mm:ss."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


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
    names = {
        ConsultancyType.TECHNICAL: tr("Technical"),
        ConsultancyType.SUPPORT: tr("Support"),
        ConsultancyType.STANDARD: tr("Standard"),
    }
    return names[kind]


def type_label(kind: ConsultancyType) -> str:
    """The English (or translated) name with the vendor's Portuguese name alongside."""
    return f"{type_name(kind)} — {kind.portuguese}"


# Short names for the Flags column and a plain-words explanation for its tooltip.
FLAG_NAMES = {
    "overlap": "overlap",
    "long": "long",
    "across_midnight": "across midnight",
    "sleep_gap": "sleep gap",
    "clock_jump": "clock jump",
}
FLAG_HELP = {
    "overlap": "Overlap: it overlaps another of your sessions; keep only the time you really worked.",
    "long": "Long: longer than the usual limit for one session; was the timer left running?",
    "across_midnight": "Across midnight: it runs into the next day; was the timer left on overnight?",
    "sleep_gap": "Sleep gap: the computer was asleep (or the app was stopped) while the timer ran.",
    "clock_jump": "Clock jump: the computer's clock went backwards while it ran; check the times.",
}


def flags_text(flags: tuple[str, ...] | list[str]) -> str:
    return ", ".join(tr(FLAG_NAMES.get(f, f)) for f in flags)


def flags_help(flags: tuple[str, ...] | list[str]) -> str:
    """One line per flag, in plain words, for a tooltip; empty when there are none."""
    return "\n".join(tr(FLAG_HELP.get(f, f)) for f in flags)
