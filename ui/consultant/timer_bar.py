"""The big start/stop button, the elapsed time, what runs, and the note for the session.

The elapsed time is the day model's (computed from the stored start, never counted
by ticks).  Starting what is no ticket's number offers the open tickets whose number
or customer match it, then the New ticket dialog (prefilled) when none is the one;
starting another ticket while one runs switches to it.  A finalized ticket cannot be
started: the button is off and the reason is shown under it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from tracker.errors import TrackerError
from ui.common.fmt import clock_text, day_text, duration_text, error_text
from ui.common.looks import restyle
from ui.common.provider import TrackerProvider
from ui.consultant.sessions_model import SessionsModel
from ui.consultant.ticket_chooser import NEW, TicketChooser, matching
from ui.consultant.ticket_dialog import NewTicketDialog
from ui.consultant.ticket_panel import TicketPanel

APP_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Tracker")
START_STYLE = (
    "QPushButton {{ background: {0}; color: white; border: none; border-radius: 8px;"
    " padding: 10px 22px; font-size: 17pt; font-weight: bold; }}"
    "QPushButton:hover {{ background: {1}; }}"
    "QPushButton:disabled {{ background: #9aa5ad; }}"
)
GREEN = START_STYLE.format("#1e8449", "#196f3d")
RED = START_STYLE.format("#c0392b", "#a93226")
SPACING = 10  # the window's own spacing between rows
HINT_STYLE = "color: #9a5b00;"


def app_title() -> str:
    return QCoreApplication.translate("MainWindow", APP_TITLE)


class TimerBar(QWidget):
    """Start, stop or switch the timer on the ticket picked in the panel."""

    changed = Signal()  # a timer started or stopped: the window reads everything again
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(
        self,
        provider: TrackerProvider,
        panel: TicketPanel,
        model: SessionsModel,
        writable: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.provider, self.panel, self.model, self.writable = provider, panel, model, writable
        self.customer = ""  # the running ticket's customer, read with the day
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addLayout(self._timer_row())
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note for the session (optional)"))
        self.note_edit.setClearButtonEnabled(True)
        layout.addWidget(self.note_edit)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("startReason")
        self.reason_label.setStyleSheet(HINT_STYLE)
        self.reason_label.setWordWrap(True)
        self.reason_label.hide()
        layout.addWidget(self.reason_label)

    def _timer_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.setMinimumSize(220, 64)
        self.start_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # A click leaves the keyboard where it was: a space typed next must not stop the timer.
        self.start_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.start_button.clicked.connect(self.start_or_stop)
        row.addWidget(self.start_button)
        self.elapsed_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(30)
        mono.setWeight(QFont.Weight.Bold)
        self.elapsed_label.setFont(mono)
        self.elapsed_label.setMinimumWidth(200)
        row.addWidget(self.elapsed_label)
        self.running_label = QLabel()
        running_font = self.running_label.font()
        running_font.setPointSize(running_font.pointSize() + 1)
        self.running_label.setFont(running_font)
        self.running_label.setWordWrap(True)
        row.addWidget(self.running_label, 1)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setMinimumHeight(40)
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.stop_button)
        return row

    # ----- what it shows --------------------------------------------------------------

    def refresh(self) -> str:
        """Show the running timer and what the button would do; returns the window's title."""
        timer = self.model.timer
        seconds = self.model.running_seconds()
        selected = self.panel.current_number()
        writable = self.writable()
        self.elapsed_label.setText(clock_text(seconds))
        title = app_title()
        closed = self.finalized_reason(selected)
        self.reason_label.setText(closed)
        self.reason_label.setVisible(bool(closed))
        if timer is None:
            self.start_button.setText(self.tr("▶  Start"))
            restyle(self.start_button, GREEN)
            self.start_button.setEnabled(bool(selected) and writable and not closed)
            self.running_label.setText(self.tr("No timer running."))
            self.stop_button.hide()
            return title
        customer = f" — {self.customer}" if self.customer else ""
        self.running_label.setText(
            self.tr("Running on {0}{1}\nsince {2}").format(
                timer.ticket, customer, timer.start.strftime("%H:%M")
            )
            + (f" · {timer.note}" if timer.note else "")
        )
        switch = bool(selected) and selected != timer.ticket
        if switch:
            self.start_button.setText(self.tr("▶  Switch to {0}").format(selected))
            restyle(self.start_button, GREEN)
            self.stop_button.show()
        else:
            self.start_button.setText(self.tr("■  Stop"))
            restyle(self.start_button, RED)
            self.stop_button.hide()
        self.start_button.setEnabled(writable and not (switch and closed))
        self.stop_button.setEnabled(writable)
        return f"● {timer.ticket} — {duration_text(seconds)} — {title}"

    def finalized_reason(self, selected: str) -> str:
        """Why the picked ticket cannot be started (it is finalized), or ""."""
        t = self.panel.ticket
        if not selected or t is None or t.number != selected or t.finalized_at is None:
            return ""
        return self.tr(
            "Ticket {0} was finalized on {1}: its time can no longer change. Pick another ticket."
        ).format(t.number, day_text(t.finalized_at.date()))

    # ----- actions ---------------------------------------------------------------------

    def focus_note(self) -> None:
        """Ctrl+L: the note box, and what the note will go with."""
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.selectAll()
        timer = self.model.timer
        if timer is None:
            text = self.tr("Type the note for the next session you start; it is saved when you press Start.")
        else:
            text = self.tr(
                "Type the note for the session on {0}; it is saved when you stop or switch."
            ).format(timer.ticket)
        self.message.emit(text, "info")

    def start_or_stop(self) -> None:
        if not self.writable():
            return
        timer = self.model.timer
        selected = self.panel.current_number()
        if timer is not None and (not selected or selected == timer.ticket):
            self.stop()
        else:
            self.start(selected)

    def pick(self, text: str) -> str | None:
        """The ticket to start for what was typed: a match picked, or one made now; None to stop."""
        matches = matching(text, self.panel.open_tickets())
        chosen = TicketChooser.ask(self.window(), text, matches) if matches else NEW
        if chosen is None:
            return None
        if chosen != NEW:
            self.panel.select(chosen)
            return chosen
        tracker = self.provider.tracker
        typed_number = text.strip().isdigit()
        ticket = NewTicketDialog.ask(
            self.window(), tracker, text if typed_number else "", "" if typed_number else text.strip()
        )
        if ticket is None:
            return None
        self.changed.emit()
        self.panel.note_ticket(ticket.number)
        self.panel.select(ticket.number)
        return ticket.number

    def start(self, number: str) -> None:
        tracker = self.provider.tracker
        if self.panel.ticket is None:
            picked = self.pick(number)
            if picked is None:
                return
            number = picked
        if self.finalized_reason(number):
            self.message.emit(self.finalized_reason(number), "error")
            return
        try:
            result = tracker.start(number, self.note_edit.text(), heartbeat=True)
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            return
        self.note_edit.clear()
        if result.stopped is not None:
            s = result.stopped
            text = self.tr("Stopped {0} after {1}; started {2}").format(
                s.ticket, duration_text(s.seconds), result.timer.ticket
            )
        else:
            text = self.tr("Started {0}").format(result.timer.ticket)
        self.message.emit(text, "info")
        self.changed.emit()

    def stop(self) -> None:
        if not self.writable():
            return
        try:
            session = self.provider.tracker.stop(self.note_edit.text())
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            self.changed.emit()
            return
        self.note_edit.clear()
        self.message.emit(
            self.tr("Stopped {0} after {1}").format(session.ticket, duration_text(session.seconds)), "info"
        )
        self.changed.emit()
