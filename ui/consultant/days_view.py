"""My days: a week or a month, one row per day with its total, sessions, what is not yet
sent, and where the day stands with the lead (approved, returned with the comment,
corrected, not reviewed).  Opening a row shows that day in the main window.

Read in a worker (Tracker.days, one indexed query for the span, and Tracker.my_reviews).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QToolButton, QWidget

from tracker.app import DayTotal, Decision, Tracker
from ui.common.fmt import counted, day_text, duration_text, weekday_text
from ui.common.report_window import ReportWindow
from ui.common.rows_model import CENTER, RIGHT, Column, RowsModel, bold_font
from ui.consultant.day_state import (
    APPROVED,
    CORRECTED,
    CORRECTED_UNSENT,
    RETURNED,
    UNREVIEWED,
    day_state,
    state_text,
)

WEEK, MONTH = "week", "month"
STATE_COLORS = {
    APPROVED: QColor("#1e8449"),
    RETURNED: QColor("#c0392b"),
    CORRECTED_UNSENT: QColor("#b35c00"),
    CORRECTED: QColor("#8a6d00"),
    UNREVIEWED: QColor("#6b7780"),
}
UNSYNCED_COLOR = QColor("#c77c00")


def span_of(kind: str, day: date) -> tuple[date, date]:
    """The Monday-to-Sunday week, or the calendar month, holding ``day``."""
    if kind == WEEK:
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


@dataclass(frozen=True)
class DayRow:
    day: date
    total: DayTotal | None
    review: Decision | None
    state: str

    @property
    def seconds(self) -> int:
        return self.total.seconds if self.total else 0

    @property
    def sessions(self) -> int:
        return self.total.sessions if self.total else 0

    @property
    def unsynced(self) -> int:
        return self.total.unsynced if self.total else 0


def read_days(first: date, last: date) -> Any:
    """The work for the worker: every day of [first, last] up to today, with totals and reviews."""

    def work(tracker: Tracker, _progress: Any) -> list[DayRow]:
        today = tracker.now().date()
        end = min(last, today)
        if end < first:
            return []
        totals = {t.day: t for t in tracker.days(first, end)}
        reviews = {r.day: r for r in tracker.my_reviews() if first.isoformat() <= r.day <= end.isoformat()}
        rows = []
        for offset in range((end - first).days + 1):
            day = first + timedelta(days=offset)
            review = reviews.get(day.isoformat())
            rows.append(DayRow(day, totals.get(day), review, day_state(review, totals.get(day))))
        return rows

    return work


class DaysModel(RowsModel[DayRow]):
    def columns(self) -> list[Column[DayRow]]:
        return [
            Column(
                self.tr("Day"),
                lambda r: f"{weekday_text(r.day)[:3].capitalize()} {day_text(r.day)}",
                sort=lambda r: r.day.toordinal(),
            ),
            Column(
                self.tr("Total"),
                lambda r: duration_text(r.seconds) if r.total else "—",
                sort=lambda r: r.seconds,
                align=RIGHT,
            ),
            Column(
                self.tr("Sessions"),
                lambda r: str(r.sessions) if r.total else "",
                sort=lambda r: r.sessions,
                align=RIGHT,
            ),
            Column(
                self.tr("Not sent"),
                lambda r: f"• {r.unsynced}" if r.unsynced else "",
                sort=lambda r: r.unsynced,
                tip=lambda r: (
                    counted(
                        r.unsynced,
                        self.tr("{0} change not yet in the central store: sync"),
                        self.tr("{0} changes not yet in the central store: sync"),
                    )
                    if r.unsynced
                    else None
                ),
                color=lambda r: UNSYNCED_COLOR if r.unsynced else None,
                align=CENTER,
            ),
            Column(
                self.tr("Review"),
                self.review_text,
                sort=lambda r: r.state,
                tip=self.review_tip,
                color=lambda r: STATE_COLORS.get(r.state),
                font=lambda r: bold_font() if r.state == RETURNED else None,
            ),
        ]

    def review_text(self, r: DayRow) -> str:
        if r.review and r.review.comment and r.state in (RETURNED, CORRECTED_UNSENT, CORRECTED):
            return f"{state_text(r.state)}: {r.review.comment}"
        return state_text(r.state) if r.total or r.review else ""

    def review_tip(self, r: DayRow) -> str | None:
        if not r.review:
            return None
        lead, when = r.review.lead, r.review.at[:16].replace("T", " ")
        if r.review.decision == "approve":
            text = self.tr("Approved by {0} on {1}").format(lead, when)
        else:
            text = self.tr("Returned by {0} on {1}").format(lead, when)
        comment = r.review.comment
        return f"{text}\n{comment}" if comment else text


class DaysView(ReportWindow):
    """The days of a week or a month; ``open_day`` carries the day to show in the main window."""

    open_day = Signal(object)
    loaded = Signal()

    def __init__(self, app: Tracker, parent: QWidget | None = None, day: date | None = None) -> None:
        super().__init__(app, parent)
        self.setWindowTitle(self.tr("My days"))
        self.resize(760, 560)
        self.rows: list[DayRow] = []
        self._build(day or app.now().date())
        self.load()

    def _build(self, day: date) -> None:
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Week"), WEEK)
        self.kind.addItem(self.tr("Month"), MONTH)
        self.kind.setCurrentIndex(1)
        self.kind.currentIndexChanged.connect(self.load)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("The previous week or month"))
        self.prev_button.clicked.connect(lambda: self.move(-1))
        self.day_edit = self.date_picker(day)
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("The next week or month"))
        self.next_button.clicked.connect(lambda: self.move(1))
        self.span_label = QLabel()
        bold = QFont(self.span_label.font())
        bold.setBold(True)
        self.span_label.setFont(bold)
        for widget in (self.kind, self.prev_button, self.day_edit, self.next_button, self.span_label):
            row.addWidget(widget)
        row.addSpacing(8)
        self.add_status(row)
        self.main_layout.addLayout(row)
        self.model = DaysModel(self)
        self.view, self.proxy = self.table(self.model, single=True, stripes=True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest days first
        self.view.doubleClicked.connect(self._open_index)
        self.main_layout.addWidget(self.view, 1)
        self.main_layout.addWidget(self.problems)
        bottom = QHBoxLayout()
        self.totals_label = QLabel()
        bottom.addWidget(self.totals_label, 1)
        self.open_button = QPushButton(self.tr("Open the day"))
        self.open_button.setToolTip(self.tr("Show the selected day in the main window (Enter)"))
        self.open_button.clicked.connect(lambda: self._open_index(self.view.currentIndex()))
        bottom.addWidget(self.open_button)
        self.main_layout.addLayout(bottom)

    # ----- the span ---------------------------------------------------------------------

    @property
    def anchor(self) -> date:
        value: date = self.day_edit.date().toPython()  # type: ignore[assignment]
        return value

    def span(self) -> tuple[date, date]:
        return span_of(str(self.kind.currentData()), self.anchor)

    def move(self, step: int) -> None:
        first, last = self.span()
        day = last + timedelta(days=1) if step > 0 else first - timedelta(days=1)
        self.day_edit.setDate(QDate(day.year, day.month, day.day))

    def load(self) -> None:
        first, last = self.span()
        self.span_label.setText(self.tr("{0} to {1}").format(day_text(first), day_text(last)))
        self.next_button.setEnabled(last < self.app.now().date())
        self.start_loading(read_days(first, last), self.tr("Reading your days…"))

    def show_result(self, rows: list[DayRow]) -> None:
        self.rows = rows
        self.model.load(rows)
        self.status.setText("")
        self.show_problems([])
        total = sum(r.seconds for r in rows)
        sessions = sum(r.sessions for r in rows)
        unsent = sum(r.unsynced for r in rows)
        returned = sum(1 for r in rows if r.state == RETURNED)
        text = self.tr("Total {0} in {1}; {2} not yet sent; {3}").format(
            duration_text(total),
            counted(sessions, self.tr("{0} session"), self.tr("{0} sessions")),
            unsent,
            counted(returned, self.tr("{0} day returned"), self.tr("{0} days returned")),
        )
        self.totals_label.setText(text)
        self.open_button.setEnabled(bool(rows))
        self.loaded.emit()

    def show_failure(self, text: str) -> None:
        self.show_problems([self.tr("Your days could not be read: {0}").format(text)])
        self.loaded.emit()

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        if row is not None:
            self.open_day.emit(row.day)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.hasFocus():
            self._open_index(self.view.currentIndex())
            return
        super().keyPressEvent(event)
