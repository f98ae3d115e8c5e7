"""The banner that announces days a lead returned, with a button that opens the day.

Whatever day the window shows, a returned day is announced at the top until it is
corrected and synced; then it reads "corrected, awaiting review" until the lead decides
again.  The days are read in a worker (Tracker.my_reviews and Tracker.days) each time the
data changes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tracker.app import Tracker
from ui.common.fmt import day_text
from ui.common.provider import TrackerProvider
from ui.consultant.day_state import CORRECTED, RETURNED, ReturnedDay, returned_days, state_text

RETURNED_STYLE = (
    "QFrame#returnedDays { background: #fdecea; border: 1px solid #e6a39b; border-radius: 6px; }"
    "QLabel { color: #8e2b20; font-weight: bold; }"
)
WAITING_STYLE = (
    "QFrame#returnedDays { background: #fdf6e3; border: 1px solid #e3c98a; border-radius: 6px; }"
    "QLabel { color: #6b4e00; }"
)


def returned_work(tracker: Tracker, _progress: Any) -> list[ReturnedDay]:
    return returned_days(tracker)


class ReturnedDaysBanner(QFrame):
    """'Your day 04/11/2026 was returned by lead1: …  [Open 04/11/2026]'."""

    open_day = Signal(object)  # the date to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnedDays")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.open_day.emit(self.first))
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.days: list[ReturnedDay] = []
        self.first: date | None = None
        self.hide()

    def show_days(self, days: list[ReturnedDay], shown: date) -> None:
        """The returned days; the one shown in the window is told by the day's own banner."""
        self.days = sorted((d for d in days if d.day != shown), key=lambda d: d.day)
        todo = [d for d in self.days if d.state != CORRECTED]
        if not self.days:
            self.first = None
            self.hide()
            return
        if todo:
            first = todo[0]
            self.first = first.day
            self.label.setText(self._returned_text(first, len(todo)))
            self.setStyleSheet(RETURNED_STYLE)
        else:
            first = self.days[0]
            self.first = first.day
            text = self.tr("Day {0}: {1}").format(day_text(first.day), state_text(CORRECTED))
            more = len(self.days) - 1
            self.label.setText(text + (" " + self.tr("(+{0} more)").format(more) if more else ""))
            self.setStyleSheet(WAITING_STYLE)
        self.open_button.setText(self.tr("Open {0}").format(day_text(first.day)))
        self.show()

    def _returned_text(self, first: ReturnedDay, count: int) -> str:
        r = first.review
        text = self.tr("Your day {0} was returned by {1}: {2}").format(day_text(first.day), r.lead, r.comment)
        if first.state != RETURNED:
            text += " — " + state_text(first.state)
        if count > 1:
            others = ", ".join(day_text(d.day) for d in self.days if d.state != CORRECTED and d is not first)
            text += "\n" + self.tr("Also returned: {0}").format(others)
        return text


class ReturnedDays(QObject):
    """Reads the returned days in a worker and shows them in the banner."""

    def __init__(self, provider: TrackerProvider, banner: ReturnedDaysBanner, parent: QObject) -> None:
        super().__init__(parent)
        self.banner = banner
        self.shown: date | None = None
        self.runner = provider.runner(self)
        self.runner.finished.connect(self._read)
        self.latest: list[ReturnedDay] = []
        provider.changed.connect(self.latest.clear)  # a restored backup: its own decisions

    def request(self, shown: date) -> None:
        """Read the returned days again; what is known already is shown at once for ``shown``."""
        self.shown = shown
        self.banner.show_days(self.latest, shown)
        self.runner.start(returned_work)

    def _read(self, days: list[ReturnedDay]) -> None:
        self.latest = days
        if self.shown is not None:
            self.banner.show_days(days, self.shown)
