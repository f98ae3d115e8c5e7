"""The day review's sessions: one consultant's sessions of the day, flags in plain words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from tracker.model import ConsultancyType
from ui.common.fmt import duration_text, flags_help, flags_text, type_name
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
                lambda s: type_name(ConsultancyType(s["type"])),
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
                lambda s: flags_text(s["flags"]),
                sort=lambda s: len(s["flags"]),
                tip=lambda s: flags_help(s["flags"], s.get("ticket_differs", ())) if s["flags"] else None,
                color=lambda s: FLAG_COLOR if s["flags"] else None,
            ),
            Column(self.tr("Note"), _text("note"), tip=lambda s: s.get("note", "") or None),
        ]

    def row_roles(self) -> dict[int, Callable[[ReviewSession], Any]]:
        return {UuidRole: lambda s: s["uuid"]}

    def session_at(self, row: int) -> ReviewSession | None:
        return self.row_at(row)
