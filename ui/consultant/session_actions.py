"""Edit, split, delete and history of the session selected in the day's table.

The same four actions are in the table's context menu, in a row of buttons under
it, and on the keyboard (Enter edits, Delete deletes).  They are disabled for the
running timer's row and for the sessions of a finalized ticket, with the reason
shown next to the buttons.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTableView

from tracker.errors import TrackerError
from tracker.model import Session
from ui.common.provider import TrackerProvider
from ui.consultant.session_dialogs import (
    DeleteSessionDialog,
    EditSessionDialog,
    HistoryDialog,
    SplitSessionDialog,
    session_summary,
)
from ui.consultant.sessions_model import SessionsModel

HINT_STYLE = "color: #6b7780;"


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
    ) -> None:
        super().__init__(table)
        self.table, self.proxy, self.model = table, proxy, model
        self.provider, self.writable = provider, writable
        self.edit_action = self._action(
            self.tr("&Edit…"), self.edit, [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.split_action = self._action(self.tr("S&plit…"), self.split, [QKeySequence("Ctrl+T")])
        self.delete_action = self._action(
            self.tr("&Delete…"), self.delete, [QKeySequence(QKeySequence.StandardKey.Delete)]
        )
        self.history_action = self._action(self.tr("&History…"), self.history, [QKeySequence("Ctrl+H")])
        tips = (
            self.tr("Change the start, end, ticket or note of the selected session (Enter)"),
            self.tr("Split the selected session in two at a time inside it (Ctrl+T)"),
            self.tr("Delete the selected session; its history keeps it (Delete)"),
            self.tr("Every revision of the selected session: who, when, why (Ctrl+H)"),
        )
        self.actions = [self.edit_action, self.split_action, self.delete_action, self.history_action]
        for action, tip in zip(self.actions, tips, strict=True):
            action.setToolTip(tip)
            action.setStatusTip(tip)

        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.show_menu)
        self.table.doubleClicked.connect(lambda _: self.edit_action.trigger())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        self.table.model().modelReset.connect(self.update)
        self.table.model().layoutChanged.connect(self.update)

        self.row = QHBoxLayout()
        self.row.setSpacing(6)
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
            self.row.addWidget(button)
        self.row.addWidget(self.hint, 1)
        self.update()

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
        for action in (self.edit_action, self.split_action, self.delete_action):
            action.setEnabled(changeable and self.writable())  # nothing edits while the check runs
        self.history_action.setEnabled(session is not None)
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
            self.message.emit(str(exc), "error")
            return
        HistoryDialog.ask(
            self.table.window(), self.tr("History — {0}").format(session_summary(session)), entries
        )
