"""Fixtures for the window tests: the real MainWindow over the conftest Tracker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tracker.app import Tracker
from ui.common.pyside_fix import guard_emit_refcount
from ui.consultant.dialogs import CloseNotice
from ui.consultant.main_window import MainWindow

# As the app does when it starts: a long test session emits more signals than a day's work.
guard_emit_refcount()


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would show on close, instead of a modal box."""
    shown: list[str] = []
    monkeypatch.setattr(CloseNotice, "ask", classmethod(lambda cls, parent, text: shown.append(text)))
    return shown


@pytest.fixture
def window(qtbot: Any, app: Tracker, notices: list[str]) -> MainWindow:
    w = MainWindow(app)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def click(qtbot: Any) -> Callable[[Any], None]:
    def do(widget: Any) -> None:
        assert widget.isEnabled(), f"{widget.text()} is disabled"
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    return do


Driver = Callable[[type, Callable[[Any], None]], list[Any]]


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch, qtbot: Any) -> Driver:
    """Replace ``dialog.ask`` with one that builds the real dialog, fills it and clicks OK.

    It returns the list of dialogs it built, to look at what they showed.
    """

    def patch(dialog: type, fill: Callable[[Any], None]) -> list[Any]:
        built: list[Any] = []

        def ask(cls: type, parent: Any, *args: Any) -> Any:
            dlg = cls(parent, *args)
            qtbot.addWidget(dlg)
            dlg.show()
            fill(dlg)
            qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
            built.append(dlg)
            return dlg.result_value if not dlg.isVisible() else None

        monkeypatch.setattr(dialog, "ask", classmethod(ask))
        return built

    return patch
