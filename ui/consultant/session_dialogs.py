"""Dialogs that change a stored session: edit, split, delete, and its history.

Like the dialogs in ``ui/dialogs.py`` each has an ``ask()`` classmethod (tests
monkeypatch it) and calls the Tracker in ``perform()``: a BadInput is shown in red
naming the field, the dialog stays open and nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QLineEdit, QWidget

from tracker.app import Tracker
from tracker.errors import BadInput
from tracker.model import Session
from ui.common.fmt import day_text, duration_text
from ui.consultant.dialogs import FormDialog
from ui.consultant.session_history import HistoryDialog as HistoryDialog
from ui.consultant.session_history import change_text as change_text

DATETIME_FORMAT = "dd/MM/yyyy HH:mm:ss"


def session_summary(s: Session) -> str:
    """'03/11/2026 08:00–09:30 on 12345678 (1:30:00)'."""
    end = s.end.strftime("%H:%M") if s.end.date() == s.start.date() else s.end.strftime("%d/%m/%Y %H:%M")
    text = QCoreApplication.translate("SessionActions", "{0}–{1} on {2} ({3})")
    return text.format(s.start.strftime("%d/%m/%Y %H:%M"), end, s.ticket, duration_text(s.seconds))


class DateTimeField(QDateTimeEdit):
    """A date and time to the second, as the wall clock of one zone.

    Qt holds the value in UTC so that no local daylight-saving rule of this machine
    shifts it; ``value()`` gives it back in the zone it was shown in.
    """

    def __init__(self, when: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tz = when.tzinfo
        assert tz is not None
        self.zone: tzinfo = tz
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat(DATETIME_FORMAT)
        self.setCalendarPopup(True)
        self.set_value(when)

    def set_value(self, when: datetime) -> None:
        local = when.astimezone(self.zone)
        self.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day),
                QTime(local.hour, local.minute, local.second),
                QTimeZone.utc(),
            )
        )

    def wall(self) -> datetime:
        """The naive wall-clock value shown."""
        value = self.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())

    def value(self) -> datetime:
        return self.wall().replace(tzinfo=self.zone)


def ticket_box(tracker: Tracker, first: str = "") -> QComboBox:
    """The open tickets, editable (a number typed in is checked by the Tracker); ``first`` on top."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    numbers = [t.number for t in tracker.list_tickets(open_only=True)]
    if first and first not in numbers:
        numbers.insert(0, first)
    box.addItems(numbers)
    box.setCurrentText(first)
    return box


class AddSessionDialog(FormDialog):
    """A session typed in by hand, on the day the window shows (work not timed)."""

    def __init__(
        self,
        parent: QWidget | None,
        tracker: Tracker,
        day: date,
        ticket: str = "",
        after: datetime | None = None,
    ) -> None:
        """``after``: the end of the day's last session, where the new one starts by default."""
        super().__init__(parent, self.tr("Add session — {0}").format(day_text(day)))
        self.tracker = tracker
        now = tracker.now()
        if after is not None and after.date() == day and after < now - timedelta(minutes=1):
            start = after.astimezone(now.tzinfo)
            end = min(start + timedelta(hours=1), now)
        else:
            end = now if day == now.date() else datetime.combine(day, time(10, 0), now.tzinfo)
            start = end - timedelta(hours=1)
        intro = QLabel(self.tr("Work you did not time. Its ticket must be open."))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.ticket = ticket_box(tracker, ticket)
        self.start = DateTimeField(start.replace(second=0, microsecond=0))
        self.end = DateTimeField(end.replace(second=0, microsecond=0))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("optional"))
        self.add_field("number", self.tr("Ticket:"), self.ticket)
        self.add_field("start", self.tr("Start:"), self.start)
        self.add_field("end", self.tr("End:"), self.end)
        self.add_field("note", self.tr("Note:"), self.note)
        self.ok_button.setText(self.tr("Add"))
        self.ticket.setFocus()

    def perform(self) -> Session:
        return self.tracker.add_session(
            self.ticket.currentText(), self.start.value(), self.end.value(), self.note.text()
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        tracker: Tracker,
        day: date,
        ticket: str = "",
        after: datetime | None = None,
    ) -> Session | None:
        return cls.run(cls(parent, tracker, day, ticket, after))  # type: ignore[no-any-return]


class EditSessionDialog(FormDialog):
    """Start, end, ticket and note of a stored session, and why it changes."""

    def __init__(self, parent: QWidget | None, tracker: Tracker, session: Session) -> None:
        super().__init__(parent, self.tr("Edit session"))
        self.tracker, self.session = tracker, session
        intro = QLabel(session_summary(session))
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.start = DateTimeField(session.start)
        self.end = DateTimeField(session.end)
        self.ticket = ticket_box(tracker, session.ticket)
        self.note = QLineEdit(session.note)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required: why it changes (kept in the history)"))
        self.add_field("start", self.tr("Start:"), self.start)
        self.add_field("end", self.tr("End:"), self.end)
        self.add_field("ticket", self.tr("Ticket:"), self.ticket)
        self.fields["number"] = self.fields["ticket"]  # the service names a bad ticket 'number'
        self.add_field("note", self.tr("Note:"), self.note)
        self.add_field("reason", self.tr("Reason:"), self.reason)
        self.reason.setFocus()

    def changes(self) -> dict[str, Any]:
        """Only the fields that differ from the stored session."""
        s = self.session
        changed: dict[str, Any] = {}
        if self.start.wall() != s.start.replace(tzinfo=None, microsecond=0):
            changed["start"] = self.start.value()
        if self.end.wall() != s.end.replace(tzinfo=None, microsecond=0):
            changed["end"] = self.end.value()
        if self.ticket.currentText().strip() != s.ticket:
            changed["ticket"] = self.ticket.currentText()
        if self.note.text().strip() != s.note:
            changed["note"] = self.note.text()
        return changed

    def perform(self) -> Session:
        changes = self.changes()
        if not changes:
            raise BadInput("start", self.tr("nothing changed; change a field or press Cancel"))
        start, end = self.start.value(), self.end.value()
        if ("start" in changes or "end" in changes) and end.timestamp() <= start.timestamp():
            # The service refuses it too; said here in the dialog's own terms.
            raise BadInput(
                "end",
                self.tr("{0} is not after the start {1}").format(
                    end.strftime("%d/%m/%Y %H:%M:%S"), start.strftime("%d/%m/%Y %H:%M:%S")
                ),
            )
        return self.tracker.edit_session(self.session.uuid, reason=self.reason.text(), **changes)

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, session: Session) -> Session | None:
        return cls.run(cls(parent, tracker, session))  # type: ignore[no-any-return]


class SplitSessionDialog(FormDialog):
    """Two sessions that meet at a time inside this one; the total is kept."""

    def __init__(self, parent: QWidget | None, tracker: Tracker, session: Session) -> None:
        super().__init__(parent, self.tr("Split session"))
        self.tracker, self.session = tracker, session
        intro = QLabel(
            self.tr("Split {0} into two sessions that meet at the time below.").format(
                session_summary(session)
            )
            + "\n"
            + self.tr("The total time stays the same.")
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        middle = session.start + (session.end - session.start) / 2
        self.at = DateTimeField(middle.replace(microsecond=0))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required: why it is split (kept in the history)"))
        self.add_field("at", self.tr("Split at:"), self.at)
        self.add_field("reason", self.tr("Reason:"), self.reason)
        self.ok_button.setText(self.tr("Split"))
        self.reason.setFocus()

    def perform(self) -> tuple[Session, Session]:
        if not self.reason.text().strip():  # as Edit and Delete ask: every change says why
            raise BadInput("reason", self.tr("is empty; say why the session is split"))
        return self.tracker.split_session(self.session.uuid, self.at.value(), self.reason.text())

    @classmethod
    def ask(
        cls, parent: QWidget | None, tracker: Tracker, session: Session
    ) -> tuple[Session, Session] | None:
        return cls.run(cls(parent, tracker, session))  # type: ignore[no-any-return]


class DeleteSessionDialog(FormDialog):
    """Asks before deleting, and why; the history keeps what the session was."""

    def __init__(self, parent: QWidget | None, tracker: Tracker, session: Session) -> None:
        super().__init__(parent, self.tr("Delete session"))
        self.tracker, self.session = tracker, session
        intro = QLabel(
            self.tr("Delete the session {0}?\nIts history keeps what it was.").format(
                session_summary(session)
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required: why it is deleted"))
        self.add_field("reason", self.tr("Reason:"), self.reason)
        self.ok_button.setText(self.tr("Delete"))
        self.reason.setFocus()

    def perform(self) -> Session:
        return self.tracker.delete_session(self.session.uuid, self.reason.text())

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, session: Session) -> Session | None:
        return cls.run(cls(parent, tracker, session))  # type: ignore[no-any-return]
