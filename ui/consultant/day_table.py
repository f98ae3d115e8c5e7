"""The shown day's sessions: its heading and picker, a lead's decision, the table, its actions, the total.

The table sorts on the real values (a sort role), not on the texts shown.  The
session actions (edit, split, delete, history) live under it and in its context menu.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Decision
from tracker.model import RunningTimer, Session
from ui.common.fmt import day_text, duration_text, weekday_text
from ui.common.provider import TrackerProvider
from ui.consultant.day_nav import DayNavigator
from ui.consultant.day_state import RETURNED, day_state, state_text
from ui.consultant.session_actions import SessionActions
from ui.consultant.sessions_model import COL_NOTE, COL_START, COL_TICKET, SessionsModel, SortRole
from ui.consultant.sync_status import ReviewBanner

SPACING = 10  # the window's own spacing between rows
MIN_COLUMN = 70


class DayTable(QWidget):
    changed = Signal()  # a session was changed here: the window reads everything again
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(
        self, provider: TrackerProvider, writable: Callable[[], bool], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.provider = provider
        self.today = True  # the day shown is today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        heading = QHBoxLayout()
        self.day_label = QLabel()
        bold = self.day_label.font()
        bold.setBold(True)
        self.day_label.setFont(bold)
        heading.addWidget(self.day_label, 1)
        self.nav = DayNavigator(lambda: provider.tracker.now().date())
        heading.addWidget(self.nav)
        layout.addLayout(heading)
        self.banner = ReviewBanner()
        layout.addWidget(self.banner)
        self.model = SessionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        self.session_actions = SessionActions(
            self.table, self.proxy, self.model, provider, writable, lambda: self.nav.day
        )
        self.session_actions.changed.connect(self.changed)
        self.session_actions.message.connect(self.message)
        bottom = QHBoxLayout()
        bottom.addLayout(self.session_actions.row, 1)
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        total_font = self.total_label.font()
        total_font.setBold(True)
        total_font.setPointSize(total_font.pointSize() + 2)
        self.total_label.setFont(total_font)
        bottom.addWidget(self.total_label)
        layout.addLayout(bottom)

    def _table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_START, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # Fixed widths fitted to the rows by fit_columns, not ResizeToContents: that one
        # measures every cell of every column again on any change of any cell, the running
        # duration's each second and a click's row included.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(MIN_COLUMN)
        return table

    def fit_columns(self) -> None:
        """Each column (the note's aside) as wide as its heading and its widest text shown."""
        table = self.table
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        style = table.style()
        pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 8
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table) + 4
        rows = self.model.rows
        for column, spec in enumerate(self.model.column_specs):
            if column == COL_NOTE:
                continue
            texts = {str(spec.show(r)) for r in rows}
            widest = max((metrics.horizontalAdvance(t) for t in texts if t), default=0)
            if spec.icon is not None and any(spec.icon(r) is not None for r in rows):
                widest += icon
            width = max(widest + pad, header.sectionSizeFromContents(column).width(), MIN_COLUMN)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def show_day(
        self,
        sessions: list[Session],
        timer: RunningTimer | None,
        now: datetime,
        flags: list[str],
        finalized: set[str],
        day: date | None = None,
    ) -> None:
        """The day's sessions, and the running timer (None on a day it does not run)."""
        self.model.load(sessions, timer, now, flags, finalized, day)
        self.fit_columns()

    def show_heading(self, day: date, today: date) -> None:
        """The day's name above the table, which scrolls to the latest session."""
        self.today = day == today
        if self.today:
            self.day_label.setText(self.tr("Today, {0}").format(day_text(day)))
        else:
            self.day_label.setText(self.tr("{0}, {1}").format(weekday_text(day).capitalize(), day_text(day)))
        self.nav.refresh()
        self.table.scrollToBottom()

    def read_review(self, shown: date) -> None:
        """The lead's latest decision about the day shown, and whether it was corrected since."""
        tracker = self.provider.tracker
        reviews = tracker.my_reviews(shown)
        review = reviews[-1] if reviews else None
        corrected = ""
        if review is not None and review.decision == "return":
            totals = tracker.days(shown, shown)
            state = day_state(review, totals[0] if totals else None)
            corrected = "" if state == RETURNED else state_text(state)
        self.show_review(review, corrected)

    def show_review(self, review: Decision | None, corrected: str = "") -> None:
        if self.banner.decision != "damaged":  # the banner tells about the damage until a restore
            self.banner.show_review(review, corrected)

    def refresh(self, now: datetime) -> None:
        """Once a second: the running row and the day's total."""
        self.model.refresh_running(now)
        total = duration_text(self.model.total_seconds())
        if self.today:
            self.total_label.setText(self.tr("Total today: {0}").format(total))
        else:
            self.total_label.setText(self.tr("Total of the day: {0}").format(total))

    def last_ticket(self) -> str:
        """The ticket of the last row, or "" for an empty day."""
        rows = self.model.rowCount()
        return str(self.model.index(rows - 1, COL_TICKET).data()) if rows else ""

    def update_actions(self) -> None:
        """What the selected row allows, after the database became writable or not."""
        self.session_actions.update()
