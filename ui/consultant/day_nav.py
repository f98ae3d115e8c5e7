"""Which day the main window shows: previous and next day, a date picker, and Today.

The window follows today (a new day at midnight is shown by itself) until another day
is picked; Today goes back to following it.  No day after today can be picked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QToolButton, QWidget


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DayNavigator(QWidget):
    """◀ [date] ▶ Today; ``day_changed`` carries the day picked."""

    day_changed = Signal(object)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._day: date | None = None  # None: today, whichever day that is
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.prev_button = self._arrow("◀", self.tr("Previous day (Alt+Left)"))
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(self.tr("The day shown"))
        self.date_edit.setToolTip(self.tr("The day shown: its sessions, total and review"))
        self.next_button = self._arrow("▶", self.tr("Next day (Alt+Right)"))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Back to today (Alt+Home)"))
        for widget in (self.prev_button, self.date_edit, self.next_button, self.today_button):
            layout.addWidget(widget)
        self.prev_button.clicked.connect(self.previous_day)
        self.next_button.clicked.connect(self.next_day)
        self.today_button.clicked.connect(self.go_today)
        self.date_edit.dateChanged.connect(self._picked)
        self.actions_ = [
            self._action(self.tr("Previous day"), "Alt+Left", self.previous_day),
            self._action(self.tr("Next day"), "Alt+Right", self.next_day),
            self._action(self.tr("Today"), "Alt+Home", self.go_today),
        ]
        self.refresh()

    def _arrow(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(False)
        return button

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        return action

    # ----- the day ------------------------------------------------------------------------

    @property
    def day(self) -> date:
        today = self._today()
        return today if self._day is None or self._day >= today else self._day

    @property
    def is_today(self) -> bool:
        return self.day == self._today()

    def set_day(self, day: date) -> None:
        """Show ``day`` (today or before); today follows the calendar again."""
        today = self._today()
        self._day = None if day >= today else day
        self.refresh()
        self.day_changed.emit(self.day)

    def previous_day(self) -> None:
        self.set_day(self.day - timedelta(days=1))

    def next_day(self) -> None:
        if not self.is_today:
            self.set_day(self.day + timedelta(days=1))

    def go_today(self) -> None:
        self.set_day(self._today())

    def refresh(self) -> None:
        """The picker, its limits and the buttons, for the day shown (a new day may have begun)."""
        today = self._today()
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(qdate(today))
        self.date_edit.setDate(qdate(self.day))
        self.date_edit.blockSignals(False)
        self.next_button.setEnabled(not self.is_today)
        self.today_button.setEnabled(not self.is_today)

    def _picked(self, value: QDate) -> None:
        picked: date = value.toPython()  # type: ignore[assignment]
        if picked != self.day:
            self.set_day(picked)
