"""Menu wiring: the week view and the move-in wizard open from the main window."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.app import Tracker
from ui.consultant.import_wizard import ImportWizard
from ui.consultant.main_window import MainWindow
from ui.consultant.week_view import WeekView


def test_the_week_view_opens_from_the_view_menu_with_todays_week(window: MainWindow, app: Tracker) -> None:
    app.add_ticket("1234567", "Padaria", "technical")
    app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00")
    window.week_action.trigger()
    view = window._role_windows["week"]
    assert isinstance(view, WeekView) and view.isVisible()
    assert sum(seg.seconds for seg in view.chart.segments()) == 3600
    window.week_action.trigger()
    assert window._role_windows["week"] is view  # raised again, not a second one


def test_moving_in_reloads_the_day_after_an_import(
    window: MainWindow, app: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_ticket("1234567", "Padaria", "technical")

    def fake_ask(cls: type, parent: Any, tracker: Tracker) -> object:
        tracker.add_session("1234567", "2026-11-03T11:00:00-03:00", "2026-11-03T11:30:00-03:00")
        return object()

    monkeypatch.setattr(ImportWizard, "ask", classmethod(fake_ask))
    window.import_action.trigger()
    assert "0:30:00" in window.total_label.text()
