"""Settings in the window: every key in one dialog, validated like every other form; the first run.

The dialog stores everything at once (Settings.set_many): a refused value is shown in red
on its tab, its field outlined, and nothing is stored.  The central store is a folder or
a server, with a button that tests it in a worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication

from tracker.app import Tracker
from ui.app import ensure_consultant
from ui.common.fmt import FIELD_ERROR_STYLE
from ui.consultant.central_field import CentralField, FolderDialog
from ui.consultant.dialogs import LoginDialog
from ui.consultant.main_window import MainWindow
from ui.consultant.settings_dialog import SettingsDialog

WAIT = 15_000


@pytest.fixture
def dialog(qtbot: Any, app: Tracker) -> SettingsDialog:
    dlg = SettingsDialog(None, app)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _tab(dlg: SettingsDialog) -> str:
    return dlg.tabs.tabText(dlg.tabs.currentIndex())


def test_the_settings_dialog_shows_every_setting_as_stored(dialog: SettingsDialog, app: Tracker) -> None:
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "You",
        "Central store",
        "Work and reminders",
    ]
    assert dialog.login.text() == "ana"
    assert dialog.role.currentData() == "consultant"
    assert dialog.central.folder.text() == app.settings.get("export-dir")
    assert dialog.central.folder_choice.isChecked()
    assert sorted(n for n, box in dialog.products.items() if box.isChecked()) == [
        "Datasul",
        "Logix",
        "Protheus",
        "RM",
    ]
    assert dialog.work_start.time() == QTime(8, 0) and dialog.work_end.time() == QTime(18, 0)
    assert [code for code, box in dialog.day_boxes.items() if box.isChecked()] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
    ]
    assert dialog.idle.value() == 10 and dialog.remind_running.value() == 4
    assert dialog.close_to_tray.isChecked()


def test_saving_stores_every_key_and_the_window_follows_the_role(
    window: MainWindow, app: Tracker, drive: Any, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()

    def fill(dlg: SettingsDialog) -> None:
        dlg.name.setText("Ana Souza")
        dlg.role.setCurrentIndex(dlg.role.findData("lead"))
        dlg.unit.setText("FRQ-SP01")
        dlg.central.folder.setText(str(share))
        dlg.products["Logix"].setChecked(False)
        dlg.other_products.setText("TOTVS Saúde, Fluig")
        dlg.work_start.setTime(QTime(9, 0))
        dlg.work_end.setTime(QTime(17, 30))
        dlg.day_boxes["sat"].setChecked(True)
        dlg.idle.setValue(20)
        dlg.remind_unsynced.setValue(3)
        dlg.close_to_tray.setChecked(False)

    drive(SettingsDialog, fill)
    assert not window.review_menu.menuAction().isVisible()
    window.settings_action.trigger()
    stored = app.settings.all()
    assert {k: stored[k] for k in ("name", "role", "unit", "export-dir", "work-hours", "work-days")} == {
        "name": "Ana Souza",
        "role": "lead",
        "unit": "FRQ-SP01",
        "export-dir": str(share),
        "work-hours": "09:00-17:30",
        "work-days": "mon,tue,wed,thu,fri,sat",
    }
    assert stored["products"] == "Protheus,RM,Datasul,TOTVS Saúde,Fluig"
    assert (stored["idle-minutes"], stored["remind-unsynced-days"], stored["close-to-tray"]) == (
        "20",
        "3",
        "no",
    )
    assert window.review_menu.menuAction().isVisible()
    assert window.statusBar().currentMessage() == "Settings saved"


def test_a_refused_login_is_outlined_on_its_tab_and_nothing_is_stored(
    dialog: SettingsDialog, app: Tracker, qtbot: Any
) -> None:
    dialog.name.setText("Ana Souza")
    dialog.tabs.setCurrentIndex(2)
    dialog.login.setText("ana souza")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("Login: 'ana souza' is not a login")
    assert _tab(dialog) == "You"
    assert dialog.login.styleSheet() == FIELD_ERROR_STYLE
    assert app.settings.get("name") == "" and app.consultant == "ana"
    qtbot.keyClicks(dialog.login, "x")  # fixing the field clears the stale error
    assert dialog.error_label.isHidden() and dialog.login.styleSheet() == ""


def test_working_hours_that_end_before_they_start_are_refused_on_the_work_tab(
    dialog: SettingsDialog, app: Tracker
) -> None:
    dialog.work_start.setTime(QTime(18, 0))
    dialog.work_end.setTime(QTime(8, 0))
    dialog.accept()
    assert dialog.isVisible()
    assert _tab(dialog) == "Work and reminders"
    assert dialog.error_label.text() == "Working hours: '18:00-08:00' ends before it starts"
    assert app.settings.get("work-hours") == "08:00-18:00"
    dialog.work_end.setTime(QTime(19, 0))
    assert dialog.error_label.isHidden()


def test_no_working_day_is_refused(dialog: SettingsDialog, app: Tracker) -> None:
    for box in dialog.day_boxes.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.error_label.text() == "Working days: is empty; tick at least one day"
    assert app.settings.get("work-days") == "mon,tue,wed,thu,fri"


def test_a_language_change_says_when_it_takes_effect(window: MainWindow, app: Tracker, drive: Any) -> None:
    drive(SettingsDialog, lambda dlg: dlg.language.setCurrentIndex(dlg.language.findData("pt_BR")))
    window.settings_action.trigger()
    assert app.settings.get("language") == "pt_BR"
    assert window.statusBar().currentMessage() == (
        "Settings saved. The language changes the next time Tracker starts."
    )


# ----- the central store -----------------------------------------------------------------------


def _test(field: CentralField, qtbot: Any) -> tuple[bool, str]:
    with qtbot.waitSignal(field.tested, timeout=WAIT) as done:
        field.test_button.click()
    ok, text = done.args
    assert field.result.text().endswith(text)
    return ok, text


def test_test_connection_tries_the_folder_in_a_worker(
    dialog: SettingsDialog, tmp_path: Path, qtbot: Any
) -> None:
    field = dialog.central
    share = tmp_path / "share"
    share.mkdir()
    field.folder.setText(str(share))
    ok, text = _test(field, qtbot)
    assert ok and f"the folder {share} can be written" in text and "no export there yet" in text
    assert field.result.text().startswith("✓ ")
    field.folder.setText(str(tmp_path / "nowhere"))
    ok, text = _test(field, qtbot)
    assert not ok and f"{tmp_path / 'nowhere'} is not there (is the share mounted?)" in text


def test_a_server_is_checked_for_its_form_then_tried_and_kept(
    dialog: SettingsDialog, app: Tracker, qtbot: Any, tmp_path: Path
) -> None:
    field = dialog.central
    field.server_choice.setChecked(True)
    assert field.server.isEnabled() and not field.folder.isEnabled()
    field.server.setText("db.example.com")
    assert _test(field, qtbot) == (
        False,
        "'db.example.com' is not a server address; write it as postgresql://login@host/database",
    )
    url = f"postgresql://ana@/tracker?host={tmp_path / 'no-server'}"  # a socket no server listens on
    field.server.setText(url)
    ok, text = _test(field, qtbot)
    assert not ok and "does not answer" in text and "no-server" in text
    dialog.accept()
    assert app.settings.get("central") == url, "a server that is down now may be set; syncs wait for it"


def test_browse_puts_the_folder_picked_in_the_field(
    dialog: SettingsDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FolderDialog, "ask", classmethod(lambda cls, parent, start: str(tmp_path)))
    dialog.tabs.setCurrentIndex(1)
    dialog.central.browse_button.click()
    assert dialog.central.folder.text() == str(tmp_path)


# ----- the first run ----------------------------------------------------------------------------


def test_the_first_run_asks_the_login_and_the_central_store_and_takes_the_focus(
    qtbot: Any, store: Any, clock: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = Tracker(store, clock, home)
    share = tmp_path / "billing-share"
    share.mkdir()
    seen: list[Any] = []

    def ask(cls: type, parent: Any, tr: Tracker, default: str) -> Any:
        dlg = LoginDialog(parent, tr, default)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=WAIT)
        seen.append(QApplication.focusWidget() is dlg.login)
        dlg.login.setText("bruno.costa")
        dlg.central.folder.setText(str(share))
        dlg.accept()
        return dlg.result_value

    monkeypatch.setattr(LoginDialog, "ask", classmethod(ask))
    assert ensure_consultant(tracker) == "bruno.costa"
    assert seen == [True], "the login field has the keyboard focus"
    assert tracker.settings.get("export-dir") == str(share)


def test_a_dialog_takes_the_keyboard_focus_when_no_window_manager_gives_it(
    qtbot: Any, qapp: QApplication, app: Tracker
) -> None:
    """A bare X server has no window manager: the app itself activates each window it opens."""
    from ui.common.focus import ActivateOnShow
    from ui.consultant.ticket_dialog import NewTicketDialog

    focus = ActivateOnShow(qapp)
    qapp.installEventFilter(focus)
    try:
        dlg = NewTicketDialog(None, app, "", "Mercado Central")
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg, timeout=WAIT)
        qtbot.keyClicks(QApplication.focusWidget(), "40112233")
        assert dlg.number.text() == "40112233"
    finally:
        qapp.removeEventFilter(focus)


def test_closing_a_dialog_gives_the_keys_back_to_the_window(
    qtbot: Any, qapp: QApplication, window: MainWindow, app: Tracker
) -> None:
    from ui.common.focus import ActivateOnShow
    from ui.consultant.ticket_dialog import NewTicketDialog

    focus = ActivateOnShow(qapp)
    qapp.installEventFilter(focus)
    try:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
        dlg = NewTicketDialog(window, app, "")
        dlg.show()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg, timeout=WAIT)
        dlg.reject()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    finally:
        qapp.removeEventFilter(focus)
    window.timer_bar.focus_note()  # Ctrl+L reaches the window again
    assert window.timer_bar.note_edit.hasFocus()


def test_clicking_start_leaves_the_keyboard_where_it_was(
    window: MainWindow, app: Tracker, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-10-01")
    window.reload()
    window.panel.select("12345678")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    window.timer_bar.note_edit.setFocus()
    qtbot.mouseClick(window.timer_bar.start_button, Qt.MouseButton.LeftButton)
    assert app.running() is not None
    assert not window.timer_bar.start_button.hasFocus(), "a space typed next would stop the timer"
