"""The day review's sessions: one consultant's sessions of the day, flags in plain words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tracker.model import ConsultancyType
from ui.common.fmt import duration_text
from ui.common.rows_model import RIGHT, Column, RowsModel

ReviewSession = dict[str, Any]  # a session of Tracker.review_day()

UuidRole = Qt.ItemDataRole.UserRole + 2
FLAG_COLOR = QColor("#b00020")

S_START = 0
S_END = 1
S_TICKET = 2
S_CUSTOMER = 3
S_TYPE = 4
S_DURATION = 5
S_FLAGS = 6
S_NOTE = 7


def start_of(s: ReviewSession) -> datetime:
    return datetime.fromisoformat(s["start"])


def end_of(s: ReviewSession) -> datetime:
    return datetime.fromisoformat(s["end"])


def end_text(s: ReviewSession) -> str:
    """hh:mm, with the day in front when the session ends on another day."""
    end = end_of(s)
    return end.strftime("%d/%m %H:%M" if end.date() != start_of(s).date() else "%H:%M")


def _text(key: str) -> Callable[[ReviewSession], str]:
    return lambda s: str(s.get(key, ""))


class ReviewSessionsModel(RowsModel[ReviewSession]):
    """One consultant's sessions of the day, with their flags in plain words."""

    def columns(self) -> list[Column[ReviewSession]]:
        return [
            Column(
                self.tr("Start"),
                lambda s: start_of(s).strftime("%H:%M"),
                sort=lambda s: int(start_of(s).timestamp()),
                tip=lambda s: start_of(s).isoformat(timespec="seconds"),
            ),
            Column(
                self.tr("End"),
                end_text,
                sort=lambda s: int(end_of(s).timestamp()),
                tip=lambda s: end_of(s).isoformat(timespec="seconds"),
            ),
            Column(self.tr("Ticket"), lambda s: s["ticket"]),
            Column(self.tr("Customer"), _text("customer"), tip=lambda s: s.get("customer", "") or None),
            Column(
                self.tr("Type"),
                lambda s: self.type_name(s["type"]),
                sort=lambda s: s["type"],
                tip=lambda s: ConsultancyType(s["type"]).portuguese,
            ),
            Column(
                self.tr("Duration"),
                lambda s: duration_text(int(s["seconds"])),
                sort=lambda s: int(s["seconds"]),
                align=RIGHT,
            ),
            Column(
                self.tr("Flags"),
                lambda s: self.flags_text(s["flags"]),
                sort=lambda s: len(s["flags"]),
                tip=lambda s: (
                    self.flags_help(s["flags"], s.get("ticket_differs", ())) if s["flags"] else None
                ),
                color=lambda s: FLAG_COLOR if s["flags"] else None,
            ),
            Column(self.tr("Note"), _text("note"), tip=lambda s: s.get("note", "") or None),
        ]

    def row_roles(self) -> dict[int, Callable[[ReviewSession], Any]]:
        return {UuidRole: lambda s: s["uuid"]}

    def session_at(self, row: int) -> ReviewSession | None:
        return self.row_at(row)

    def flag_words(self) -> dict[str, tuple[str, str]]:
        """Each flag's short name and a sentence a lead can act on."""
        return {
            "overlap": (self.tr("overlaps another session"), self.tr("Two sessions of one person at once.")),
            "long": (self.tr("very long"), self.tr("Longer than the usual limit; was the timer left on?")),
            "across_midnight": (
                self.tr("runs past midnight"),
                self.tr("It runs into the next day; was the timer left on overnight?"),
            ),
            "sleep_gap": (
                self.tr("computer slept while timing"),
                self.tr("The computer was asleep or the app stopped while the timer ran."),
            ),
            "clock_jump": (
                self.tr("clock went backwards"),
                self.tr("The computer's clock moved back while it ran; check the times."),
            ),
            "conflict": (
                self.tr("conflicting copies"),
                self.tr("The export holds two different copies of this session; the first read is shown."),
            ),
            "no_term": (
                self.tr("no term acceptance"),
                self.tr("A billed ticket without the customer's acceptance: its time is held from billing."),
            ),
            "ticket_disagrees": (
                self.tr("ticket details differ"),
                self.tr("Consultants recorded different details (customer, type…) for this ticket."),
            ),
        }

    def flags_text(self, flags: list[str]) -> str:
        words = self.flag_words()
        return ", ".join(words.get(f, (f, ""))[0] for f in flags)

    def flags_help(self, flags: list[str], differs: Any = ()) -> str:
        """One line per flag; for differing ticket details, which fields differ."""
        words = self.flag_words()
        lines = []
        for f in flags:
            line = words.get(f, (f, f))[1]
            if f == "ticket_disagrees" and differs:
                fields = ", ".join(self.field_name(k) for k in differs)
                line = self.tr("Consultants recorded this ticket differently: {0}.").format(fields)
            lines.append(f"• {line}")
        return "\n".join(lines)

    def field_name(self, key: str) -> str:
        """A ticket field as a lead reads it."""
        names = {
            "customer": self.tr("customer"),
            "type": self.tr("type"),
            "product": self.tr("product"),
            "scope": self.tr("scope"),
            "term_accepted": self.tr("term accepted on"),
            "term_ref": self.tr("term reference"),
            "bill_to_unit": self.tr("unit to bill"),
            "authorization": self.tr("authorization"),
            "cost_center": self.tr("cost center"),
            "value_class": self.tr("value class"),
            "accounting_item": self.tr("accounting item"),
        }
        return names.get(key, key)

    def type_name(self, value: str) -> str:
        return {
            "technical": self.tr("Technical"),
            "support": self.tr("Support"),
            "standard": self.tr("Standard"),
        }.get(value, value)
