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


FLAG_NAMES = {
    "clock_jump": "clock jumped back",
    "over_24h": "over 24 h",
    "overlap": "overlap",
    "overnight": "overnight",
    "sleep_gap": "sleep gap",
}


def flags_text(flags: tuple[str, ...]) -> str:
    return ", ".join(tr(FLAG_NAMES.get(f, f)) for f in flags)
