"""Add a session to the shown day; edit, split, delete and history of the one selected.

The same actions are in the table's context menu, in a row of buttons under it, and
on the keyboard (Enter edits, Delete deletes).  They are disabled for the running
timer's row and for the sessions of a finalized ticket, with the reason shown next to
the buttons.  A stored session's note is also changed in place: double-click the Note
cell (or F2 on it), type, Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.model import Session
from ui.common.fmt import error_text
from ui.common.provider import TrackerProvider
from ui.consultant.session_dialogs import (
    AddSessionDialog,
    DeleteSessionDialog,
    EditSessionDialog,
    HistoryDialog,
    SplitSessionDialog,
    session_summary,
)
from ui.consultant.sessions_model import COL_NOTE, SessionsModel

HINT_STYLE = "color: #6b7780;"
# Keys the note's editor keeps for itself: the table's shortcuts on them (Enter edits,
# Delete deletes) must not fire while a note is typed in place.
EDITOR_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}


class NoteEditor(QLineEdit):
    def event(self, ev: QEvent) -> bool:
        if (
            ev.type() == QEvent.Type.ShortcutOverride
            and isinstance(ev, QKeyEvent)
            and ev.key() in EDITOR_KEYS
        ):
            ev.accept()  # the key goes to the editor as a key press: Enter saves the note
            return True
        return super().event(ev)


class NoteDelegate(QStyledItemDelegate):
    """The Note cell's editor in the day's table."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        editor = NoteEditor(parent)
        editor.setFrame(False)
        return editor


class SessionActions(QObject):
    """The actions over the day's table; they write only while ``writable()`` says so."""

    changed = Signal()  # a session was changed: the window reads everything again
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(
        self,
        table: QTableView,
        proxy: QSortFilterProxyModel,
        model: SessionsModel,
        provider: TrackerProvider,
        writable: Callable[[], bool],
        day: Callable[[], date],
    ) -> None:
        super().__init__(table)
        self.table, self.proxy, self.model = table, proxy, model
        self.provider, self.writable, self.day = provider, writable, day
        self.add_action = QAction(self.tr("&Add session…"), self.table)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_action.triggered.connect(self.add)
        self.table.addAction(self.add_action)
        # Enter first: the menu shows the first key, and "Enter" is what the key says.
        self.edit_action = self._action(
            self.tr("&Edit…"), self.edit, [QKeySequence(Qt.Key.Key_Enter), QKeySequence(Qt.Key.Key_Return)]
        )
        self.split_action = self._action(self.tr("S&plit…"), self.split, [QKeySequence("Ctrl+T")])
        self.delete_action = self._action(
            self.tr("&Delete…"), self.delete, [QKeySequence(QKeySequence.StandardKey.Delete)]
        )
        self.history_action = self._action(self.tr("&History…"), self.history, [QKeySequence("Ctrl+H")])
        tips = (
            self.tr("Add a session you did not time to the day shown (Ctrl+Shift+N)"),
            self.tr("Change the start, end, ticket or note of the selected session (Enter)"),
            self.tr("Split the selected session in two at a time inside it (Ctrl+T)"),
            self.tr("Delete the selected session; its history keeps it (Delete)"),
            self.tr("Every revision of the selected session: who, when, why (Ctrl+H)"),
        )
        self.actions = [
            self.add_action,
            self.edit_action,
            self.split_action,
            self.delete_action,
            self.history_action,
        ]
        for action, tip in zip(self.actions, tips, strict=True):
            action.setToolTip(tip)
            action.setStatusTip(tip)

        self._wire_table()
        self.row = self._button_row()
        self.update()

    def _wire_table(self) -> None:
        """The context menu, double-click, F2 on a note, and what makes the actions change."""
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.show_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegateForColumn(COL_NOTE, NoteDelegate(self.table))
        # Queued: the write reloads the table, which must not happen inside the editor's commit.
        self.model.note_edited.connect(self.change_note, Qt.ConnectionType.QueuedConnection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        self.table.model().modelReset.connect(self.update)
        self.table.model().rowsInserted.connect(lambda *_: self.update())
        self.table.model().rowsRemoved.connect(lambda *_: self.update())
        self.table.model().dataChanged.connect(self._row_replaced)
        self.table.model().layoutChanged.connect(self.update)

    def _row_replaced(self, _top: Any, _bottom: Any, roles: Sequence[int] = ()) -> None:
        """A row changed whole (a stop turned the running row into a session); not the
        running duration's cell, which changes every second."""
        if not roles:
            self.update()

    def _button_row(self) -> QHBoxLayout:
        """A button per action under the table, and the hint that says why some are off."""
        row = QHBoxLayout()
        row.setSpacing(6)
        self.hint = QLabel()
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.buttons: list[QPushButton] = []
        for action in self.actions:
            button = QPushButton(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.setEnabled(action.isEnabled())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            self.buttons.append(button)
            row.addWidget(button)
        row.addWidget(self.hint, 1)
        return row

    def _action(self, text: str, slot: object, keys: list[QKeySequence]) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # ----- which session ---------------------------------------------------------------

    def selected(self) -> Session | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.session_at(source.row())

    def select(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())

    def update(self) -> None:
        """Enable what the selected row allows, and say why the rest is off."""
        index = self.table.currentIndex()
        source_row = self.proxy.mapToSource(index).row() if index.isValid() else -1
        session = self.model.session_at(source_row)
        hint = ""
        changeable = session is not None
        if session is None and self.model.is_running_row(source_row):
            hint = self.tr("The running timer: stop it first to edit its session.")
        elif session is not None and self.model.is_finalized(session.ticket):
            changeable = False
            hint = self.tr("Ticket {0} is finalized; its sessions can no longer change.").format(
                session.ticket
            )
        writable = self.writable()  # nothing is written while the check runs
        for action in (self.edit_action, self.split_action, self.delete_action):
            action.setEnabled(changeable and writable)
        self.add_action.setEnabled(writable)
        self.history_action.setEnabled(session is not None)
        self.model.notes_editable = writable
        self.hint.setText(hint)

    # ----- the actions -------------------------------------------------------------------

    def show_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = QMenu(self.table)
        menu.addActions(self.actions)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _current(self) -> Session | None:
        self.update()
        session = self.selected()
        if session is None:
            self.message.emit(self.tr("Pick a stored session in the table first"), "warning")
        return session

    def _double_clicked(self, index: QModelIndex) -> None:
        """On the Note cell: change the note in place; elsewhere: the Edit dialog."""
        source = self.proxy.mapToSource(index)
        if source.column() == COL_NOTE and self.model.flags(source) & Qt.ItemFlag.ItemIsEditable:
            self.table.edit(index)
        else:
            self.edit_action.trigger()

    def change_note(self, uuid: str, note: str) -> None:
        """A note typed in the table: stored as an edit, with its reason in the history."""
        if not self.writable():
            return
        try:
            changed = self.provider.tracker.edit_session(
                uuid, note=note, reason=self.tr("note changed in the table")
            )
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            self.changed.emit()
            return
        self.changed.emit()
        self.select(changed.uuid)
        self.message.emit(self.tr("Note changed: {0}").format(session_summary(changed)), "info")

    def add(self) -> None:
        """A session typed in by hand, on the day shown."""
        if not self.writable():
            return
        stored = [r for r in self.model.rows if isinstance(r, Session)]
        after = max((r.end for r in stored), default=None)
        added = AddSessionDialog.ask(
            self.table.window(), self.provider.tracker, self.day(), self.ticket(), after
        )
        if added is not None:
            self.changed.emit()
            self.select(added.uuid)
            self.message.emit(self.tr("Added the session {0}").format(session_summary(added)), "info")

    def ticket(self) -> str:
        """The selected session's ticket, to offer first in a new session."""
        session = self.selected()
        return session.ticket if session is not None else ""

    def edit(self) -> None:
        session = self._current()
        if session is None or not self.edit_action.isEnabled():
            return
        changed = EditSessionDialog.ask(self.table.window(), self.provider.tracker, session)
        if changed is not None:
            self.changed.emit()
            self.select(changed.uuid)
            self.message.emit(self.tr("Changed the session {0}").format(session_summary(changed)), "info")

    def split(self) -> None:
        session = self._current()
        if session is None or not self.split_action.isEnabled():
            return
        parts = SplitSessionDialog.ask(self.table.window(), self.provider.tracker, session)
        if parts is not None:
            self.changed.emit()
            self.select(parts[0].uuid)
            self.message.emit(self.tr("Split at {0}").format(parts[1].start.strftime("%H:%M:%S")), "info")

    def delete(self) -> None:
        session = self._current()
        if session is None or not self.delete_action.isEnabled():
            return
        gone = DeleteSessionDialog.ask(self.table.window(), self.provider.tracker, session)
        if gone is not None:
            self.changed.emit()
            self.message.emit(self.tr("Deleted the session {0}").format(session_summary(session)), "info")

    def history(self) -> None:
        session = self._current()
        if session is None:
            return
        try:
            entries = self.provider.tracker.session_history(session.uuid)
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            return
        HistoryDialog.ask(
            self.table.window(), self.tr("History — {0}").format(session_summary(session)), entries
        )
