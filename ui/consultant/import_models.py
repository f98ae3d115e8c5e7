"""The moving-in preview's tables: the sessions an import will write, and the entries left out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QColor

from tracker.app import ForeignEntry
from ui.common.fmt import duration_text
from ui.common.rows_model import RIGHT, Column, RowsModel

Planned = dict[str, Any]  # a session of tracker.app.plan_import(...).sessions
Skipped = tuple[ForeignEntry, str]  # an entry left out, and why

SKIPPED_COLOR = QColor("#9a4d00")

P_DATE = 0
P_TIME = 1
P_DURATION = 2
P_TICKET = 3
P_NOTE = 4

K_LINE = 0
K_DATE = 1
K_TIME = 2
K_LABELS = 3
K_REASON = 4


def times_text(s: Planned) -> str:
    """hh:mm–hh:mm, with (+1) when the session ends the next day."""
    start, end = datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])
    return f"{start:%H:%M}–{end:%H:%M}" + ("" if end.date() == start.date() else " (+1)")


def labels_text(e: ForeignEntry) -> str:
    """The entry's project and #tags, or a dash."""
    return ", ".join(([e.project] if e.project else []) + [f"#{t}" for t in e.tags]) or "—"


class PreviewModel(RowsModel[Planned]):
    """The sessions an import will write, as :func:`tracker.app.plan_import` built them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._customers: dict[str, str] = {}

    def columns(self) -> list[Column[Planned]]:
        return [
            Column(
                self.tr("Date"),
                lambda s: datetime.fromisoformat(s["start"]).strftime("%d/%m/%Y"),
                tip=lambda s: self.tr("Line {line} of the file").format(line=s["_line"]),
            ),
            Column(self.tr("Time"), times_text),
            Column(self.tr("Duration"), lambda s: duration_text(int(s["_seconds"])), align=RIGHT),
            Column(self.tr("Ticket"), self.ticket_text),
            Column(self.tr("Note"), lambda s: s.get("note", "")),
        ]

    def load_sessions(self, sessions: list[Planned], customers: dict[str, str]) -> None:
        """The planned sessions; ``customers`` names each ticket's customer."""
        self._customers = dict(customers)
        self.load(sessions)

    def ticket_text(self, s: Planned) -> str:
        customer = self._customers.get(s["ticket"], "")
        return f"{s['ticket']} — {customer}" if customer else str(s["ticket"])


class SkippedModel(RowsModel[Skipped]):
    """The entries an import leaves out, with the reason in plain words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # The core's reasons, so the translation files carry them.
        self._reasons = {
            "its project and tags are not mapped to a ticket": self.tr(
                "its project and tags are not mapped to a ticket"
            ),
            "it ends before it starts": self.tr("it ends before it starts"),
        }

    def columns(self) -> list[Column[Skipped]]:
        return [
            Column(self.tr("Line"), lambda k: str(k[0].line), align=RIGHT),
            Column(self.tr("Date"), lambda k: k[0].start.strftime("%d/%m/%Y")),
            Column(self.tr("Time"), lambda k: f"{k[0].start:%H:%M}–{k[0].end:%H:%M}"),
            Column(self.tr("Project / tags"), lambda k: labels_text(k[0])),
            Column(
                self.tr("Why it is left out"),
                lambda k: self._reasons.get(k[1], k[1]),
                color=lambda _k: SKIPPED_COLOR,
            ),
        ]
