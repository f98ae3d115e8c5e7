"""Starting work as a new consultant does it, and messages that can be read in full.

- A customer's name typed in the ticket box and Start offers the open tickets that match,
  never a ticket numbered with the name; a finalized ticket cannot be started, and says why.
- Ctrl+L says where the note goes; a stored session's note is changed in place.
- Long messages, warnings and errors are shown whole in the message bar.
- Stale red errors leave when the field is fixed; the split asks why, like edit.
- The week window closes with Esc and Ctrl+W.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from tracker.app import Tracker
from tracker.clock import FixedClock
from ui.consultant.main_window import MainWindow
from ui.consultant.session_dialogs import DeleteSessionDialog, EditSessionDialog, SplitSessionDialog
from ui.consultant.sessions_model import COL_NOTE
from ui.consultant.ticket_chooser import TicketChooser
from ui.consultant.ticket_dialog import NewTicketDialog
from ui.consultant.week_view import WeekView


@pytest.fixture
def customers(app: Tracker) -> Tracker:
    app.add_ticket("12345678", "Supermercado Bom Preço", "technical", term_accepted="2026-10-01")
    app.add_ticket("23456789", "Mercado Central Ltda", "support", term_accepted="2026-10-01")
    app.add_ticket("34567890", "Padaria Pão Quente", "technical", term_accepted="2026-10-01")
    return app


def _fetched(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(window.panel.tickets_loaded, timeout=15_000):
        window.panel.fetch_tickets()


def test_a_customer_name_offers_the_matching_tickets_and_starts_the_one_picked(
    window: MainWindow, customers: Tracker, qtbot: Any, click: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fetched(window, qtbot)
    offered: list[list[str]] = []

    def ask(cls: type, parent: Any, text: str, matches: list[tuple[str, str]]) -> str:
        dlg = TicketChooser(parent, text, matches)
        qtbot.addWidget(dlg)
        offered.append([dlg.list.item(i).text() for i in range(dlg.list.count())])
        dlg.list.setCurrentRow(1)
        dlg.accept()
        return dlg.chosen  # type: ignore[return-value]

    monkeypatch.setattr(TicketChooser, "ask", classmethod(ask))
    monkeypatch.setattr(NewTicketDialog, "ask", classmethod(lambda *a: pytest.fail("no new ticket")))
    window.panel.combo.setEditText("mercado")
    click(window.timer_bar.start_button)
    assert offered == [["23456789 — Mercado Central Ltda", "12345678 — Supermercado Bom Preço"]]
    running = customers.running()
    assert running is not None and running.ticket == "12345678"  # the second one, as picked
    assert len(customers.list_tickets()) == 3, "no ticket was made from the name"


def test_a_name_that_matches_nothing_opens_new_ticket_with_the_customer_filled_in(
    window: MainWindow, customers: Tracker, qtbot: Any, click: Any, drive: Any
) -> None:
    _fetched(window, qtbot)
    seen: list[tuple[str, str]] = []

    def fill(dlg: NewTicketDialog) -> None:
        seen.append((dlg.number.text(), dlg.customer.text()))
        dlg.number.setText("45678901")

    drive(NewTicketDialog, fill)
    window.panel.combo.setEditText("Metalúrgica São José")
    click(window.timer_bar.start_button)
    assert seen == [("", "Metalúrgica São José")]
    running = customers.running()
    assert running is not None and running.ticket == "45678901"
    assert customers.ticket("45678901").customer == "Metalúrgica São José"


def test_a_finalized_ticket_cannot_be_started_and_the_reason_is_shown(
    window: MainWindow, customers: Tracker
) -> None:
    customers.finalize("34567890")
    window.reload()
    window.panel.select("34567890")
    bar = window.timer_bar
    assert not bar.start_button.isEnabled()
    assert bar.reason_label.isVisible()
    assert bar.reason_label.text() == (
        "Ticket 34567890 was finalized on 03/11/2026: its time can no longer change. Pick another ticket."
    )
    customers.start("12345678")
    window.reload()
    window.panel.select("34567890")
    assert not bar.start_button.isEnabled(), "no switching to it either"
    window.panel.select("23456789")
    assert bar.start_button.isEnabled() and not bar.reason_label.isVisible()


def test_ctrl_l_says_where_the_note_goes(window: MainWindow, customers: Tracker) -> None:
    window.timer_bar.focus_note()
    assert window.statusBar().currentMessage().startswith("Type the note for the next session you start")
    customers.start("12345678")
    window.reload()
    window.timer_bar.focus_note()
    assert window.statusBar().currentMessage().startswith("Type the note for the session on 12345678")


def test_a_stored_sessions_note_is_changed_in_place(
    window: MainWindow, customers: Tracker, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    for dialog in (EditSessionDialog, DeleteSessionDialog):
        monkeypatch.setattr(dialog, "ask", classmethod(lambda cls, *a: opened.append(cls.__name__)))
    s = customers.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00", note="ajuste")
    window.reload()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table = window.day.table
    table.setFocus()
    index = table.model().index(0, COL_NOTE)
    table.doubleClicked.emit(index)  # on the Note cell: an editor, not the Edit dialog
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.text() == "ajuste"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)  # where the keys go, as for a person
    editor.setText("ajuste do SPED com o cliente!")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # the table's Delete shortcut stays quiet
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # saves the note; it does not open Edit
    assert opened == []
    qtbot.waitUntil(lambda: customers.get_session(s.uuid).note == "ajuste do SPED com o cliente")
    qtbot.waitUntil(lambda: table.model().index(0, COL_NOTE).data() == "ajuste do SPED com o cliente")
    history = customers.session_history(s.uuid)
    assert history[-1]["why"] == "note changed in the table"


def test_the_edit_shortcut_reads_enter(window: MainWindow) -> None:
    keys = window.day.session_actions.edit_action.shortcut()
    assert keys.toString(QKeySequence.SequenceFormat.NativeText) == "Enter"


# ----- messages in full ----------------------------------------------------------------------------


def test_a_long_message_is_shown_whole_in_the_message_bar(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / ("pasta-de-backups-muito-comprida-" * 4) / "tracker-2026-11-03-150000.db"
    text = f"Backup written to {path}"
    window.show_message(text)
    bar = window.message_bar
    assert bar.isVisible() and bar.label.text() == text
    assert bar.label.wordWrap()
    assert bar.timer.isActive(), "an information leaves by itself"
    bar.timer.timeout.emit()
    assert not bar.isVisible()
    window.show_message(text)
    window.show_message("Started 12345678")  # a short one replaces it
    assert not bar.isVisible()


def test_an_error_is_shown_whole_and_can_be_closed(window: MainWindow, qtbot: Any) -> None:
    window.show_message("Sync failed: the export folder /mnt/faturamento cannot be reached", "error")
    bar = window.message_bar
    assert bar.isVisible() and bar.kind == "error"
    assert not bar.timer.isActive(), "an error stays until it is closed"
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()


def test_a_failed_sync_asked_for_is_told_in_full(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any, click: Any
) -> None:
    missing = tmp_path / "unmounted-share" / ("a-long-folder-name-" * 5)
    app.settings.set("export-dir", str(missing))
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-10-01")
    app.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00")
    with qtbot.waitSignal(window.sync.finished, timeout=15_000) as done:
        click(window.sync.indicator.button)
    error = done.args[0].error
    assert window.message_bar.isVisible()
    assert window.message_bar.label.text() == f"Sync failed: {error}"
    assert str(missing) in window.message_bar.label.text()


# ----- forms -------------------------------------------------------------------------------------


def test_a_stale_error_leaves_when_its_field_is_fixed(qtbot: Any, app: Tracker) -> None:
    dlg = NewTicketDialog(None, app, "")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.customer.setText("Padaria")
    dlg.accept()
    assert dlg.error_label.isVisible() and dlg.error_label.text().startswith("Number: is empty")
    qtbot.keyClicks(dlg.customer, "x")  # another field: the error about the number stays
    assert dlg.error_label.isVisible()
    qtbot.keyClicks(dlg.number, "1")
    assert dlg.error_label.isHidden() and dlg.number.styleSheet() == ""


def test_a_stale_error_of_the_edit_dialog_leaves_too(qtbot: Any, app: Tracker, clock: FixedClock) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-10-01")
    s = app.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00", note="ajuste")
    dlg = EditSessionDialog(None, app, s)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.note.setText("outra")
    dlg.accept()
    assert dlg.error_label.text().startswith("Reason: is empty")
    qtbot.keyClicks(dlg.reason, "typo")
    assert dlg.error_label.isHidden()


def test_the_split_asks_why_as_edit_and_delete_do(qtbot: Any, app: Tracker) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-10-01")
    s = app.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00")
    dlg = SplitSessionDialog(None, app, s)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.reason.placeholderText().startswith("required")
    dlg.accept()
    assert dlg.isVisible() and dlg.error_label.text() == "Reason: is empty; say why the session is split"
    assert len(app.log()) == 1
    dlg.at.set_value(datetime.fromisoformat("2026-11-03T08:30:00-03:00"))
    dlg.reason.setText("two customers")
    dlg.accept()
    assert [x.seconds for x in app.log()] == [1800, 1800]
    assert app.session_history(s.uuid)[-1]["why"] == "two customers"


# ----- the week window's keys ------------------------------------------------------------------------


@pytest.mark.parametrize("keys", [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")])
def test_the_week_window_closes_with_esc_and_ctrl_w(qtbot: Any, app: Tracker, keys: QKeySequence) -> None:
    view = WeekView(app)
    qtbot.addWidget(view)
    view.setWindowFlag(Qt.WindowType.Window)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    qtbot.keySequence(view, keys)
    assert not view.isVisible()
