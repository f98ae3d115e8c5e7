"""The day review's consultants: one row per consultant with the day's totals and decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ui.common.fmt import duration_text
from ui.common.rows_model import RIGHT, Column, RowsModel

Consultant = dict[str, Any]  # a consultant of Tracker.review_day()

FLAG_COLOR = QColor("#b00020")
APPROVED_COLOR = QColor("#1b7f3b")
RETURNED_COLOR = QColor("#b00020")

C_NAME = 0
C_RECORDED = 1
C_BILLABLE = 2
C_STANDARD = 3
C_FLAGGED = 4
C_DECISION = 5


def hm(seconds: int) -> str:
    """Totals as h:mm (whole minutes, rounded down); the tooltip has the seconds."""
    minutes = max(0, int(seconds)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def flagged_sessions(c: Consultant) -> int:
    return sum(1 for s in c["sessions"] if s["flags"])


def flag_count(c: Consultant) -> int:
    """The flagged sessions and the day's own flags (never synced, ...)."""
    return flagged_sessions(c) + len(c["flags"])


def _time_column(heading: str, key: str) -> Column[Consultant]:
    return Column(
        heading,
        lambda c: hm(c[key]),
        sort=lambda c: c[key],
        tip=lambda c: duration_text(c[key]),
        align=RIGHT,
    )


class ConsultantsModel(RowsModel[Consultant]):
    """One row per consultant of the day, with the totals of Tracker.review_day()."""

    def columns(self) -> list[Column[Consultant]]:
        return [
            Column(self.tr("Consultant"), lambda c: c["consultant"]),
            _time_column(self.tr("Recorded"), "recorded_seconds"),
            _time_column(self.tr("Billable"), "billable_seconds"),
            _time_column(self.tr("Standard"), "standard_seconds"),
            Column(
                self.tr("Flagged"),
                lambda c: str(flag_count(c)),
                sort=flag_count,
                tip=self.flagged_tip,
                color=lambda c: FLAG_COLOR if flag_count(c) else None,
                align=RIGHT,
            ),
            Column(
                self.tr("Decision"),
                lambda c: self.decision_text(c.get("decision")),
                sort=lambda c: (c.get("decision") or {}).get("decision", ""),
                tip=self.decision_tip,
                color=self.decision_color,
            ),
        ]

    def consultant_at(self, row: int) -> Consultant | None:
        return self.row_at(row)

    def row_of(self, consultant: str) -> int:
        return self.find(lambda c: c["consultant"] == consultant)

    def set_decision(self, consultant: str, decision: dict[str, Any]) -> None:
        """A decision made in the window: only the Decision cell changes."""
        row = self.row_of(consultant)
        c = self.row_at(row)
        if c is not None:
            self.set_row(row, {**c, "decision": decision}, C_DECISION)

    def decision_text(self, decision: dict[str, Any] | None) -> str:
        if not decision:
            return self.tr("not reviewed")
        if decision["decision"] == "approve":
            return self.tr("approved")
        return self.tr("returned")

    def flagged_tip(self, c: Consultant) -> str:
        return self.tr("{n} flagged sessions, {d} day flags").format(n=flagged_sessions(c), d=len(c["flags"]))

    def decision_tip(self, c: Consultant) -> str | None:
        decision = c.get("decision")
        return self.tr("by {lead}").format(lead=decision["lead"]) if decision else None

    @staticmethod
    def decision_color(c: Consultant) -> QColor | None:
        decision = c.get("decision")
        if not decision:
            return None
        return APPROVED_COLOR if decision["decision"] == "approve" else RETURNED_COLOR
