"""Editing, splitting and deleting sessions from the day's table, and their history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tracker.app import Tracker
from tracker.clock import FixedClock
from ui.consultant.main_window import MainWindow
from ui.consultant.session_dialogs import (
    DeleteSessionDialog,
    EditSessionDialog,
    HistoryDialog,
    SplitSessionDialog,
)
from ui.consultant.sessions_model import COL_DURATION, COL_END, COL_FLAGS, COL_START, COL_TICKET


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.day.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def _stored(app: Tracker) -> list[tuple[str, str, str, str]]:
    return [(s.ticket, s.start.isoformat(), s.end.isoformat(), s.note) for s in app.log()]


@pytest.fixture
def one_session(app: Tracker) -> str:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    return app.add_session("12345678", "2026-11-03T08:00:00", "2026-11-03T09:30:00", note="ajuste").uuid


def _select_row(window: MainWindow, row: int) -> None:
    window.reload()
    index = window.day.table.model().index(row, 0)
    window.day.table.setCurrentIndex(index)
    window.day.table.setFocus()


@pytest.fixture
def histories(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> list[HistoryDialog]:
    """The history dialogs the window opened, built for real but not run modally."""
    shown: list[HistoryDialog] = []

    def ask(cls: type, parent: Any, title: str, entries: list[dict[str, Any]]) -> None:
        dlg = HistoryDialog(parent, title, entries)
        qtbot.addWidget(dlg)
        shown.append(dlg)

    monkeypatch.setattr(HistoryDialog, "ask", classmethod(ask))
    return shown


def test_edit_refuses_an_end_before_its_start_names_the_field_and_changes_nothing(
    window: MainWindow, app: Tracker, one_session: str, drive: Any
) -> None:
    before = _stored(app)

    def fill(dlg: EditSessionDialog) -> None:
        dlg.end.set_value(datetime.fromisoformat("2026-11-03T07:59:59-03:00"))
        dlg.reason.setText("typo in the end time")

    built = drive(EditSessionDialog, fill)
    _select_row(window, 0)
    window.day.session_actions.edit_action.trigger()

    dlg = built[0]
    assert dlg.isVisible(), "the dialog stays open on bad input"
    assert dlg.error_label.isVisible()
    assert dlg.error_label.text().startswith("End: ")
    assert "is not after the start" in dlg.error_label.text()
    assert "red" in dlg.error_label.styleSheet() or "#c0392b" in dlg.error_label.styleSheet()
    assert _stored(app) == before
    assert len(app.session_history(one_session)) == 1


def test_edit_needs_a_reason(window: MainWindow, app: Tracker, one_session: str, drive: Any) -> None:
    built = drive(EditSessionDialog, lambda dlg: dlg.note.setText("ajuste fino"))
    _select_row(window, 0)
    window.day.session_actions.edit_action.trigger()
    assert built[0].isVisible()
    assert built[0].error_label.text().startswith("Reason: is empty")
    assert app.log()[0].note == "ajuste"


def test_edit_with_enter_shows_the_new_row_and_the_history_has_two_entries(
    window: MainWindow, app: Tracker, one_session: str, drive: Any, qtbot: Any, histories: list[Any]
) -> None:
    def fill(dlg: EditSessionDialog) -> None:
        dlg.end.set_value(datetime.fromisoformat("2026-11-03T10:00:30-03:00"))
        dlg.note.setText("ajuste e testes")
        dlg.reason.setText("forgot to stop on time")

    built = drive(EditSessionDialog, fill)
    _select_row(window, 0)
    qtbot.keyClick(window.day.table, Qt.Key.Key_Return)

    assert len(built) == 1 and not built[0].isVisible()
    row = _rows(window)[0]
    assert row[COL_END] == "10:00"
    assert row[COL_DURATION] == "2:00:30"
    assert "ajuste e testes" in row
    stored = app.log()[0]
    assert stored.uuid == one_session and stored.end.isoformat() == "2026-11-03T10:00:30-03:00"

    window.day.session_actions.history_action.trigger()
    history = histories[0].rows()
    assert len(history) == 2
    assert [r[0] for r in history] == ["r1", "r1"]  # as `tracker session history` numbers them
    assert [r[3] for r in history] == ["created", "edited"]
    assert history[0][4] == "typed in by hand"
    assert history[1][2] == "ana" and history[1][4] == "forgot to stop on time"
    assert "end: 03/11/2026 09:30:00 → 03/11/2026 10:00:30" in history[1][5]
    assert "note: ajuste → ajuste e testes" in history[1][5]


def test_edit_passes_only_the_changed_fields(
    window: MainWindow, app: Tracker, one_session: str, drive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    real = app.edit_session

    def spy(uuid: str, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(uuid, **kwargs)

    monkeypatch.setattr(app, "edit_session", spy)

    def fill(dlg: EditSessionDialog) -> None:
        dlg.note.setText("outra nota")
        dlg.reason.setText("clearer note")

    drive(EditSessionDialog, fill)
    _select_row(window, 0)
    window.day.session_actions.edit_action.trigger()
    assert calls == [{"reason": "clearer note", "note": "outra nota"}]
    assert app.log()[0].start.isoformat() == "2026-11-03T08:00:00-03:00"


def test_split_keeps_the_total_and_shows_two_rows(
    window: MainWindow, app: Tracker, one_session: str, drive: Any
) -> None:
    window.reload()
    total = window.day.total_label.text()

    def fill(dlg: SplitSessionDialog) -> None:
        dlg.at.set_value(datetime.fromisoformat("2026-11-03T08:40:15-03:00"))
        dlg.reason.setText("two tasks")

    drive(SplitSessionDialog, fill)
    _select_row(window, 0)
    window.day.session_actions.split_action.trigger()

    rows = _rows(window)
    assert [(r[COL_START], r[COL_END], r[COL_DURATION]) for r in rows] == [
        ("08:00", "08:40", "0:40:15"),
        ("08:40", "09:30", "0:49:45"),
    ]
    assert window.day.total_label.text() == total == "Total today: 1:30:00"
    assert sum(s.seconds for s in app.log()) == 5400


def test_split_outside_the_session_is_refused(
    window: MainWindow, app: Tracker, one_session: str, drive: Any
) -> None:
    def fill(dlg: SplitSessionDialog) -> None:
        dlg.at.set_value(datetime.fromisoformat("2026-11-03T11:00:00-03:00"))
        dlg.reason.setText("two tasks")

    built = drive(SplitSessionDialog, fill)
    _select_row(window, 0)
    window.day.session_actions.split_action.trigger()
    assert built[0].isVisible()
    assert built[0].error_label.text().startswith("Split at: ")
    assert len(app.log()) == 1


def test_delete_key_asks_why_removes_the_row_and_the_history_shows_the_tombstone(
    window: MainWindow, app: Tracker, one_session: str, drive: Any, qtbot: Any
) -> None:
    built = drive(DeleteSessionDialog, lambda dlg: dlg.reason.setText("recorded twice"))
    _select_row(window, 0)
    qtbot.keyClick(window.day.table, Qt.Key.Key_Delete)

    assert not built[0].isVisible()
    assert _rows(window) == []
    assert window.day.total_label.text() == "Total today: 0:00:00"
    assert app.log() == []
    history = app.session_history(one_session)
    assert [e["action"] for e in history] == ["created", "delete"]
    assert history[-1]["after"]["deleted"] is True and history[-1]["why"] == "recorded twice"
    dialog = HistoryDialog(window, "history", history)
    qtbot.addWidget(dialog)
    assert "deleted: no → yes" in dialog.rows()[-1][5]


def test_delete_without_a_reason_is_refused(
    window: MainWindow, app: Tracker, one_session: str, drive: Any
) -> None:
    built = drive(DeleteSessionDialog, lambda dlg: None)
    _select_row(window, 0)
    window.day.session_actions.delete_action.trigger()
    assert built[0].isVisible()
    assert built[0].error_label.text().startswith("Reason: is empty")
    assert len(app.log()) == 1


def test_sessions_of_a_finalized_ticket_cannot_be_changed_but_have_a_history(
    window: MainWindow, app: Tracker, one_session: str
) -> None:
    app.finalize("12345678")
    _select_row(window, 0)
    actions = window.day.session_actions
    assert not actions.edit_action.isEnabled()
    assert not actions.split_action.isEnabled()
    assert not actions.delete_action.isEnabled()
    assert actions.history_action.isEnabled()
    assert actions.hint.text() == "Ticket 12345678 is finalized; its sessions can no longer change."


def test_the_running_row_offers_no_session_actions(
    window: MainWindow, app: Tracker, one_session: str
) -> None:
    app.start("12345678")
    _select_row(window, 1)
    assert window.day.model.is_running_row(1)
    actions = window.day.session_actions
    assert not any(a.isEnabled() for a in actions.actions if a is not actions.add_action)
    assert actions.add_action.isEnabled(), "a session can always be added to the day"
    assert "stop it first" in window.day.session_actions.hint.text()


def test_an_overlap_shows_a_warning_icon_and_a_plain_words_tooltip(
    window: MainWindow, app: Tracker, clock: FixedClock
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_ticket("7654321", "Metalúrgica", "support")
    app.add_session("12345678", "2026-11-03T08:00:00", "2026-11-03T09:30:00")
    app.add_session("7654321", "2026-11-03T09:00:00", "2026-11-03T10:00:00")
    app.add_session("7654321", "2026-11-03T11:00:00", "2026-11-03T11:30:00")
    window.reload()
    model = window.day.table.model()
    cells = [model.index(r, COL_FLAGS) for r in range(3)]
    assert [c.data() for c in cells] == ["overlap", "overlap", ""]
    assert cells[0].data(Qt.ItemDataRole.ToolTipRole).startswith("Overlap: it overlaps another")
    assert not cells[0].data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cells[2].data(Qt.ItemDataRole.DecorationRole) is None
    assert [model.index(r, COL_TICKET).data() for r in range(3)] == ["12345678", "7654321", "7654321"]


def test_the_running_row_shows_the_timer_flags(window: MainWindow, app: Tracker, clock: FixedClock) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("12345678")
    clock.advance(hours=11)  # past the 10 h limit, and past midnight
    window.reload()
    cell = window.day.table.model().index(0, COL_FLAGS)
    assert cell.data() == "long, across midnight"
    assert "Long: longer than the usual limit" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_an_error_from_the_service_is_shown_in_red_naming_the_field(
    window: MainWindow, app: Tracker, one_session: str, drive: Any
) -> None:
    def fill(dlg: EditSessionDialog) -> None:
        dlg.end.set_value(datetime.fromisoformat("2026-11-03T16:00:00-03:00"))  # now is 15:00
        dlg.reason.setText("worked longer")

    built = drive(EditSessionDialog, fill)
    _select_row(window, 0)
    window.day.session_actions.edit_action.trigger()
    assert built[0].isVisible()
    assert built[0].error_label.text().startswith("End: ")
    assert built[0].error_label.text().endswith("is in the future")
    assert app.log()[0].end.isoformat() == "2026-11-03T09:30:00-03:00"


def test_the_context_menu_offers_the_actions_on_the_row_clicked(
    window: MainWindow, app: Tracker, one_session: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMenu

    menus: list[list[str]] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, pos: menus.append([a.text() for a in self.actions()]))
    window.reload()
    rect = window.day.table.visualRect(window.day.table.model().index(0, 2))
    window.day.session_actions.show_menu(rect.center())
    assert menus == [["&Add session…", "&Edit…", "S&plit…", "&Delete…", "&History…"]]
    assert window.day.session_actions.selected() is not None
    assert window.day.session_actions.selected().uuid == one_session  # type: ignore[union-attr]
