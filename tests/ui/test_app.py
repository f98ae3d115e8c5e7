"""Starting the app: run_app, its error path, and the service method the window polls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

import ui.app
from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import open_store
from ui.consultant.main_window import MainWindow


def test_run_app_shows_the_window_and_exits_zero_when_asked(
    qapp: Any, home: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(home) as s:
        Tracker(s, clock, home).settings.set("consultant", "ana")
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("TRACKER_EXIT_WHEN_SHOWN", "1")
    shown: list[str] = []
    monkeypatch.setattr(MainWindow, "showEvent", lambda self, e: shown.append(self.windowTitle()))
    assert ui.app.run_app([]) == 0
    assert shown == ["Tracker"]
    assert not any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_store_that_cannot_open_is_a_message_and_exit_one(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("TRACKER_HOME", str(blocker))
    messages: list[str] = []
    monkeypatch.setattr(
        ui.app.QMessageBox, "critical", staticmethod(lambda parent, title, text: messages.append(text))
    )
    assert ui.app.run_app([]) == 1
    assert len(messages) == 1
    assert "cannot open the data folder" in messages[0]


def test_data_version_changes_when_another_connection_commits(app: Tracker, home: Path) -> None:
    before = app.data_version()
    app.add_ticket("12345678", "Padaria", "standard")  # our own write: no change
    assert app.data_version() == before
    with open_store(home) as other:
        Tracker(other, app.clock, home).add_ticket("7654321", "Metalúrgica", "standard")
    assert app.data_version() != before
