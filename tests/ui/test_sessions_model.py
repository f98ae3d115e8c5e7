"""The sessions table model: valid for Qt, live running cell, totals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tracker.clock import FixedClock
from tracker.app import Tracker
from ui.consultant.sessions_model import COL_DURATION, COL_END, COL_START, COL_TICKET, COL_TYPE, SessionsModel, SortRole


def _model_with_rows(app: Tracker, clock: FixedClock) -> SessionsModel:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_ticket("7654321", "Metalúrgica", "support")
    app.add_session("12345678", "2026-11-03T08:00:00", "2026-11-03T09:30:00", note="ajuste")
    app.add_session("7654321", "2026-11-03T10:00:00", "2026-11-03T10:04:10")
    model = SessionsModel()
    model.load(app.log(), app.running(), clock.now())
    return model


def test_empty_model_passes_the_qt_model_tester(qtmodeltester: Any) -> None:
    model = SessionsModel()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.total_seconds() == 0


def test_stored_sessions_show_their_times_ticket_type_and_duration(
    qtmodeltester: Any, app: Tracker, clock: FixedClock
) -> None:
    model = _model_with_rows(app, clock)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    first = [model.index(0, c).data() for c in (COL_START, COL_END, COL_TICKET, COL_TYPE, COL_DURATION)]
    assert first == ["08:00", "09:30", "12345678", "Technical", "1:30:00"]
    assert model.index(1, COL_DURATION).data() == "0:04:10"
    assert model.index(1, COL_DURATION).data(SortRole) == 250
    assert model.headerData(COL_DURATION, Qt.Orientation.Horizontal) == "Duration"
    assert model.total_seconds() == 5400 + 250


def test_running_timer_is_a_last_row_whose_duration_cell_alone_is_refreshed(
    qtmodeltester: Any, qtbot: Any, app: Tracker, clock: FixedClock
) -> None:
    _model_with_rows(app, clock)
    app.start("12345678", note="virada")
    model = SessionsModel()
    model.load(app.log(), app.running(), clock.now())
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(2, COL_END).data() == "running"
    assert model.index(2, COL_DURATION).data() == "0:00:00"

    clock.advance(minutes=2, seconds=5)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_running(clock.now())
    top, bottom, roles = blocker.args
    assert (top.row(), top.column()) == (bottom.row(), bottom.column()) == (2, COL_DURATION)
    assert Qt.ItemDataRole.DisplayRole in roles
    assert model.index(2, COL_DURATION).data() == "0:02:05"
    assert model.total_seconds() == 5400 + 250 + 125
    qtmodeltester.check(model)
