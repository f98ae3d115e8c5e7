"""Today's sessions as a table model: the app's rows model with the running timer as a last row.

Its columns are declared on :class:`ui.common.rows_model.RowsModel` (a sort role that
carries the real value, ``beginResetModel`` on a reload); ``dataChanged`` is emitted for
the one live cell of the running timer (the idea of pyside-setup's
modelview/3_changingmodel.py).  The running duration is always computed from the stored
start, never from counted ticks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from tracker.model import RunningTimer, Session
from ui.common.fmt import duration_text, flags_help, flags_text, time_text, type_label, type_name
from ui.common.rows_model import CENTER, RIGHT, Column, RowsModel, SortRole, bold_font

COL_START = 0
COL_END = 1
COL_TICKET = 2
COL_TYPE = 3
COL_DURATION = 4
COL_NOTE = 5
COL_FLAGS = 6
COL_SYNCED = 7
COLUMN_COUNT = 8

RUNNING_COLOR = QColor("#1b7f3b")
FLAG_COLOR = QColor("#b35c00")
UNSYNCED_COLOR = QColor("#c77c00")
SYNCED_COLOR = QColor("#8a969e")
UNSYNCED_MARK = "•"
SYNCED_MARK = "✓"


Row = Session | RunningTimer  # the stored sessions, then the running timer as a last row


def _running(r: Row) -> bool:
    return isinstance(r, RunningTimer)


class SessionsModel(RowsModel[Row]):
    """The day's stored sessions, and the running timer as a last row.

    A stored session's Note cell is editable while ``notes_editable``; what is typed is
    not kept here but announced with ``note_edited`` (uuid, text) for the Tracker.
    """

    note_edited = Signal(str, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.notes_editable = True
        self._timer: RunningTimer | None = None
        self._now: datetime | None = None
        self._today: date | None = None
        self._timer_shown = False
        self._running_flags: tuple[str, ...] = ()
        self._finalized: frozenset[str] = frozenset()
        self._flag_icon: QIcon | None = None

    def columns(self) -> list[Column[Row]]:
        return [
            Column(
                self.tr("Start"),
                lambda r: time_text(r.start, self._today),
                sort=lambda r: int(r.start.timestamp()),
                tip=lambda r: None if _running(r) else r.start.isoformat(timespec="seconds"),
            ),
            Column(self.tr("End"), self._end_text, sort=self._end_sort, tip=self._end_tip),
            Column(self.tr("Ticket"), lambda r: r.ticket),
            Column(
                self.tr("Type"),
                lambda r: type_name(r.type),
                sort=lambda r: r.type.value,
                tip=lambda r: type_label(r.type),
            ),
            Column(
                self.tr("Duration"),
                lambda r: duration_text(self.seconds_of(r)),
                sort=self.seconds_of,
                align=RIGHT,
            ),
            Column(self.tr("Note"), lambda r: r.note),
            Column(
                self.tr("Flags"),
                lambda r: flags_text(self.flags_of(r)),
                sort=lambda r: ",".join(self.flags_of(r)),
                tip=lambda r: flags_help(self.flags_of(r)) if self.flags_of(r) else None,
                color=lambda r: FLAG_COLOR if not _running(r) and self.flags_of(r) else None,
                icon=lambda r: self._flag_decoration(self.flags_of(r)),
            ),
            Column(
                self.tr("Sent"),
                self._synced_text,
                sort=lambda r: -1 if isinstance(r, RunningTimer) else int(r.synced),
                tip=self._synced_tip,
                color=self._synced_color,
                font=self._synced_font,
                align=CENTER,
            ),
        ]

    # ----- loading ---------------------------------------------------------------

    def load(  # type: ignore[override]
        self,
        sessions: list[Session],
        timer: RunningTimer | None,
        now: datetime,
        running_flags: tuple[str, ...] | list[str] = (),
        finalized: frozenset[str] | set[str] = frozenset(),
        day: date | None = None,
    ) -> None:
        """``running_flags`` are the timer's (Tracker.status()); ``finalized`` the ticket numbers;
        ``day`` the day shown (today when None): times on another date show that date."""
        day_before, finalized_before, flags_before = self._today, self._finalized, self._running_flags
        self._timer = timer
        self._now = now
        self._today = day or now.date()
        # The timer runs now: a row of today's table only (the bar shows it on every day).
        self._timer_shown = timer is not None and self._today == now.date()
        self._running_flags = tuple(running_flags) if timer is not None else ()
        self._finalized = frozenset(finalized)
        rows = [*sessions, timer] if self._timer_shown and timer is not None else sessions
        if (day_before, finalized_before) != (self._today, self._finalized):
            super().load(rows)  # another day, or a ticket finalized: every row looks different
        else:
            # The same day again (a start, a stop, another process's change): only what
            # changed is redrawn.  The running row also when its flags changed.
            flags_changed = flags_before != self._running_flags
            super().update(rows, also=len(rows) - 1 if flags_changed and self._timer_shown else None)

    def set_running_flags(self, flags: tuple[str, ...] | list[str]) -> None:
        """The running timer's flags changed (a long session, a sleep gap): one cell."""
        flags = tuple(flags)
        if self._timer is None or flags == self._running_flags:
            return
        self._running_flags = flags
        if self._timer_shown:
            self.cell_changed(self.rowCount() - 1, COL_FLAGS, ())

    def refresh_running(self, now: datetime) -> None:
        """Move the clock on: only the running row's duration cell changes."""
        self._now = now
        if not self._timer_shown:
            return
        self.cell_changed(self.rowCount() - 1, COL_DURATION, (Qt.ItemDataRole.DisplayRole, SortRole))

    # ----- facts the window shows -------------------------------------------------

    @property
    def timer(self) -> RunningTimer | None:
        return self._timer

    def running_seconds(self) -> int:
        if self._timer is None or self._now is None:
            return 0
        return max(0, self._timer.elapsed_seconds(self._now))

    def total_seconds(self) -> int:
        """The day's total, the running timer included."""
        return sum(self.seconds_of(r) for r in self.rows)

    def is_running_row(self, row: int) -> bool:
        return self._timer_shown and row == self.rowCount() - 1

    def session_at(self, row: int) -> Session | None:
        """The stored session shown on ``row``; None for the running timer's row."""
        r = self.row_at(row)
        return r if isinstance(r, Session) else None

    def row_of(self, uuid: str) -> int:
        return self.find(lambda r: isinstance(r, Session) and r.uuid == uuid)

    def is_finalized(self, ticket: str) -> bool:
        return ticket in self._finalized

    @property
    def running_flags(self) -> tuple[str, ...]:
        return self._running_flags

    def seconds_of(self, r: Row) -> int:
        return self.running_seconds() if isinstance(r, RunningTimer) else r.seconds

    def flags_of(self, r: Row) -> tuple[str, ...]:
        return self._running_flags if isinstance(r, RunningTimer) else tuple(r.flags)

    # ----- the note, changed in place ----------------------------------------------------

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        found = super().flags(index)
        session = self.session_at(index.row()) if index.isValid() else None
        if (
            index.column() == COL_NOTE
            and self.notes_editable
            and session is not None
            and not self.is_finalized(session.ticket)
        ):
            found |= Qt.ItemFlag.ItemIsEditable
        return found

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.column() == COL_NOTE:
            session = self.session_at(index.row())
            return session.note if session is not None else None
        return super().data(index, role)

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        session = self.session_at(index.row()) if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_NOTE or session is None:
            return False
        text = str(value or "").strip()
        if text != session.note:
            self.note_edited.emit(session.uuid, text)
        return True

    # ----- the running row's looks ----------------------------------------------------

    def row_color(self, row: Row) -> QColor | None:
        return RUNNING_COLOR if _running(row) else None

    def row_font(self, row: Row) -> QFont | None:
        return bold_font() if _running(row) else None

    def _flag_decoration(self, flags: tuple[str, ...]) -> QIcon | None:
        if not flags:
            return None
        if self._flag_icon is None:
            style = QApplication.style()
            self._flag_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._flag_icon

    # ----- the End column: still running -----------------------------------------------

    def _end_text(self, r: Row) -> str:
        if isinstance(r, RunningTimer):
            return self.tr("running")
        return time_text(r.end, r.start.date())

    @staticmethod
    def _end_sort(r: Row) -> int:
        return 2**62 if isinstance(r, RunningTimer) else int(r.end.timestamp())  # running sorts last

    @staticmethod
    def _end_tip(r: Row) -> str | None:
        return None if isinstance(r, RunningTimer) else r.end.isoformat(timespec="seconds")

    # ----- the Sent column: a quiet tick once in the central export, an orange dot before ----

    @staticmethod
    def _synced_text(r: Row) -> str:
        if isinstance(r, RunningTimer):
            return ""
        return SYNCED_MARK if r.synced else UNSYNCED_MARK

    def _synced_tip(self, r: Row) -> str:
        if isinstance(r, RunningTimer):
            return self.tr("still running: it is sent once stopped")
        return self.tr("in the central export") if r.synced else self.tr("not yet in the central export")

    @staticmethod
    def _synced_color(r: Row) -> QColor | None:
        if isinstance(r, RunningTimer):
            return None
        return SYNCED_COLOR if r.synced else UNSYNCED_COLOR

    @staticmethod
    def _synced_font(r: Row) -> QFont | None:
        if isinstance(r, RunningTimer) or r.synced:
            return None
        return bold_font(1.4)  # a dot must be seen
