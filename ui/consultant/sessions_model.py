"""Today's sessions as a table model, after Vorta's archive_table_model.

Column constants, a sort role that carries the real value, ``beginResetModel`` on a
reload, and ``dataChanged`` for the one live cell of the running timer (the idea of
pyside-setup's modelview/3_changingmodel.py).  The running duration is always
computed from the stored start, never from counted ticks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from tracker.model import RunningTimer, Session
from ui.common.fmt import duration_text, flags_help, flags_text, time_text, type_label, type_name
from ui.common.table_model import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex

COL_START = 0
COL_END = 1
COL_TICKET = 2
COL_TYPE = 3
COL_DURATION = 4
COL_NOTE = 5
COL_FLAGS = 6
COL_SYNCED = 7
COLUMN_COUNT = 8

SortRole = Qt.ItemDataRole.UserRole + 1
RUNNING_COLOR = QColor("#1b7f3b")
FLAG_COLOR = QColor("#b35c00")
UNSYNCED_COLOR = QColor("#c77c00")
SYNCED_COLOR = QColor("#8a969e")
UNSYNCED_MARK = "•"
SYNCED_MARK = "✓"


class SessionsModel(HeaderedTableModel):
    """The day's stored sessions, and the running timer as a last row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sessions: list[Session] = []
        self._timer: RunningTimer | None = None
        self._now: datetime | None = None
        self._today: date | None = None
        self._running_flags: tuple[str, ...] = ()
        self._finalized: frozenset[str] = frozenset()
        self._flag_icon: QIcon | None = None
        self._headers = [
            self.tr("Start"),
            self.tr("End"),
            self.tr("Ticket"),
            self.tr("Type"),
            self.tr("Duration"),
            self.tr("Note"),
            self.tr("Flags"),
            self.tr("Sent"),
        ]

    # ----- loading ---------------------------------------------------------------

    def load(
        self,
        sessions: list[Session],
        timer: RunningTimer | None,
        now: datetime,
        running_flags: tuple[str, ...] | list[str] = (),
        finalized: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        """``running_flags`` are the timer's (Tracker.status()); ``finalized`` the ticket numbers."""
        self.beginResetModel()
        self._sessions = list(sessions)
        self._timer = timer
        self._now = now
        self._today = now.date()
        self._running_flags = tuple(running_flags) if timer is not None else ()
        self._finalized = frozenset(finalized)
        self.endResetModel()

    def set_running_flags(self, flags: tuple[str, ...] | list[str]) -> None:
        """The running timer's flags changed (a long session, a sleep gap): one cell."""
        flags = tuple(flags)
        if self._timer is None or flags == self._running_flags:
            return
        self._running_flags = flags
        cell = self.index(len(self._sessions), COL_FLAGS)
        self.dataChanged.emit(cell, cell)

    def refresh_running(self, now: datetime) -> None:
        """Move the clock on: only the running row's duration cell changes."""
        self._now = now
        if self._timer is None:
            return
        cell = self.index(len(self._sessions), COL_DURATION)
        self.dataChanged.emit(cell, cell, [Qt.ItemDataRole.DisplayRole, SortRole])

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
        return sum(s.seconds for s in self._sessions) + self.running_seconds()

    def is_running_row(self, row: int) -> bool:
        return self._timer is not None and row == len(self._sessions)

    def session_at(self, row: int) -> Session | None:
        """The stored session shown on ``row``; None for the running timer's row."""
        return self._sessions[row] if 0 <= row < len(self._sessions) else None

    def row_of(self, uuid: str) -> int:
        return next((i for i, s in enumerate(self._sessions) if s.uuid == uuid), -1)

    def is_finalized(self, ticket: str) -> bool:
        return ticket in self._finalized

    @property
    def running_flags(self) -> tuple[str, ...]:
        return self._running_flags

    def _flag_decoration(self, flags: tuple[str, ...]) -> QIcon | None:
        if not flags:
            return None
        if self._flag_icon is None:
            style = QApplication.style()
            self._flag_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._flag_icon

    # ----- QAbstractTableModel ------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._sessions) + (1 if self._timer is not None else 0)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, col = index.row(), index.column()
        if self.is_running_row(row):
            return self._running_data(col, role)
        return self._session_data(self._sessions[row], col, role)

    def _session_data(self, s: Session, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_START: time_text(s.start, self._today),
                COL_END: time_text(s.end, s.start.date()),
                COL_TICKET: s.ticket,
                COL_TYPE: type_name(s.type),
                COL_DURATION: duration_text(s.seconds),
                COL_NOTE: s.note,
                COL_FLAGS: flags_text(s.flags),
                COL_SYNCED: SYNCED_MARK if s.synced else UNSYNCED_MARK,
            }.get(col)
        if col == COL_SYNCED:
            return self._synced_data(s.synced, role)
        if role == SortRole:
            return {
                COL_START: int(s.start.timestamp()),
                COL_END: int(s.end.timestamp()),
                COL_TICKET: s.ticket,
                COL_TYPE: s.type.value,
                COL_DURATION: s.seconds,
                COL_NOTE: s.note,
                COL_FLAGS: ",".join(s.flags),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TYPE:
                return type_label(s.type)
            if col in (COL_START, COL_END):
                return (s.start if col == COL_START else s.end).isoformat(timespec="seconds")
        if col == COL_FLAGS and s.flags:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._flag_decoration(s.flags)
            if role == Qt.ItemDataRole.ToolTipRole:
                return flags_help(s.flags)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(FLAG_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _synced_data(self, synced: bool, role: int) -> Any:
        """The Sent column: a quiet tick once in the central export, an orange dot before."""
        if role == SortRole:
            return int(synced)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("in the central export") if synced else self.tr("not yet in the central export")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SYNCED_COLOR if synced else UNSYNCED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and not synced:
            font = QFont()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.4)  # a dot must be seen
            return font
        return None

    def _running_data(self, col: int, role: int) -> Any:
        timer = self._timer
        assert timer is not None
        seconds = self.running_seconds()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_START: time_text(timer.start, self._today),
                COL_END: self.tr("running"),
                COL_TICKET: timer.ticket,
                COL_TYPE: type_name(timer.type),
                COL_DURATION: duration_text(seconds),
                COL_NOTE: timer.note,
                COL_FLAGS: flags_text(self._running_flags),
                COL_SYNCED: "",
            }.get(col)
        if role == SortRole:
            return {
                COL_START: int(timer.start.timestamp()),
                COL_END: 2**62,  # still running: sorts after every stored end
                COL_TICKET: timer.ticket,
                COL_TYPE: timer.type.value,
                COL_DURATION: seconds,
                COL_NOTE: timer.note,
                COL_FLAGS: ",".join(self._running_flags),
                COL_SYNCED: -1,
            }.get(col)
        if col == COL_FLAGS and self._running_flags:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._flag_decoration(self._running_flags)
            if role == Qt.ItemDataRole.ToolTipRole:
                return flags_help(self._running_flags)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TYPE:
            return type_label(timer.type)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SYNCED:
            return self.tr("still running: it is sent once stopped")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RUNNING_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
