"""The core's messages follow the window's language: a refusal in a dialog is Portuguese.

ui/app.py installs the Qt translation and sets tracker.i18n's language in one step
(``use_language``); both are reset afterwards so every other test sees English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

import tracker.i18n
import ui.app
from tracker.app import Tracker
from ui.common import i18n
from ui.consultant.ticket_dialog import NewTicketDialog


@pytest.fixture
def portuguese(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's own language switch, to pt_BR; English again afterwards."""
    monkeypatch.setenv("TRACKER_HOME", str(tmp_path / "qm-home"))  # the .qm cache goes there
    assert ui.app.use_language(qapp, "pt_BR") == "pt_BR"
    try:
        yield
    finally:
        i18n.uninstall(qapp)
        tracker.i18n.set_language("en")


def test_the_app_sets_the_core_language_with_the_windows(portuguese: None) -> None:
    assert tracker.i18n.language() == "pt_BR"
    assert QCoreApplication.translate("NewTicketDialog", "Number:") == "Número:"


def test_the_stored_language_setting_reaches_the_core(
    qapp: QApplication, app: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_HOME", str(tmp_path / "qm-home"))
    app.settings.set("language", "pt_BR")
    try:
        assert ui.app.install_language(qapp, app) == "pt_BR"
        assert tracker.i18n.language() == "pt_BR"
        app.settings.set("language", "en")
        assert ui.app.install_language(qapp, app) == "en"
        assert tracker.i18n.language() == "en"
    finally:
        i18n.uninstall(qapp)
        tracker.i18n.set_language("en")


def test_the_new_ticket_dialog_refuses_an_empty_number_in_portuguese(
    qtbot: Any, app: Tracker, portuguese: None
) -> None:
    dlg = NewTicketDialog(None, app, "")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.customer.setText("Padaria")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.error_label.isVisible()
    expected = "Número: está em branco; informe o número do chamado, por exemplo 12345678"
    assert dlg.error_label.text() == expected
    assert "is empty" not in dlg.error_label.text()
    assert app.list_tickets() == []


def test_the_new_ticket_dialog_refuses_an_existing_number_in_portuguese(
    qtbot: Any, app: Tracker, portuguese: None
) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    dlg = NewTicketDialog(None, app, "1234567")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.customer.setText("Padaria")
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert dlg.error_label.text().startswith("Número: o chamado 1234567 já existe")
