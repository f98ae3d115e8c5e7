"""A consultant's whole month, not only today: day navigation, the list of days, returned days.

Bruno's Wednesday was returned by his lead; he synced and opened the app.  The window
announces the returned day with a banner that opens it; he fixes it, syncs, and it reads
"corrected, awaiting review".  Yesterday's sessions are filled in from the window.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import open_store
from ui.consultant.days_view import DaysView
from ui.consultant.main_window import MainWindow
from ui.consultant.session_dialogs import AddSessionDialog, EditSessionDialog
from ui.consultant.sessions_model import COL_END, COL_NOTE, COL_START, COL_TICKET

WAIT = 15_000
MONDAY, TUESDAY = date(2026, 11, 2), date(2026, 11, 3)  # the clock says Tuesday 03/11/2026 15:00


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.day.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


@pytest.fixture
def week(app: Tracker) -> Tracker:
    app.add_ticket("12345678", "Padaria Pão Quente", "technical", term_accepted="2026-10-01")
    app.add_ticket("7654321", "Mercado Bom Preço", "support", term_accepted="2026-10-01")
    app.add_session("12345678", "2026-10-30T09:00", "2026-10-30T11:00", note="sexta")
    app.add_session("7654321", "2026-11-02T08:00", "2026-11-02T09:30", note="segunda de manhã")
    app.add_session("12345678", "2026-11-02T14:00", "2026-11-02T14:45", note="segunda à tarde")
    app.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00", note="terça")
    return app


def test_previous_day_shows_its_sessions_total_and_heading_and_today_comes_back(
    window: MainWindow, week: Tracker, click: Any
) -> None:
    window.reload()
    nav = window.day.nav
    assert window.day.day_label.text() == "Today, 03/11/2026"
    assert not nav.next_button.isEnabled() and not nav.today_button.isEnabled()

    click(nav.prev_button)
    assert nav.day == MONDAY
    assert window.day.day_label.text() == "Monday, 02/11/2026"
    assert [(r[COL_START], r[COL_END], r[COL_NOTE]) for r in _rows(window)] == [
        ("08:00", "09:30", "segunda de manhã"),
        ("14:00", "14:45", "segunda à tarde"),
    ]
    window.tick()
    assert window.day.total_label.text() == "Total of the day: 2:15:00"
    assert nav.next_button.isEnabled() and nav.today_button.isEnabled()

    nav.date_edit.setDate(nav.date_edit.date().addDays(-3))  # the date picker: Friday 30/10
    assert [r[COL_NOTE] for r in _rows(window)] == ["sexta"]
    click(nav.today_button)
    assert [r[COL_NOTE] for r in _rows(window)] == ["terça"]
    assert window.day.total_label.text() == "Total today: 1:00:00"


def test_no_day_after_today_can_be_shown(window: MainWindow, week: Tracker) -> None:
    nav = window.day.nav
    nav.set_day(date(2026, 11, 10))
    assert nav.day == TUESDAY
    nav.next_day()
    assert nav.day == TUESDAY
    assert nav.date_edit.maximumDate().toPython() == TUESDAY


def test_the_keyboard_moves_between_days(window: MainWindow, week: Tracker, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.day.nav.day == MONDAY
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.day.nav.day == TUESDAY


def test_the_running_timer_is_a_row_of_today_only_and_starting_shows_today(
    window: MainWindow, week: Tracker, clock: FixedClock, click: Any
) -> None:
    week.start("12345678")
    clock.advance(minutes=10)
    window.reload()
    assert _rows(window)[-1][COL_END] == "running"
    window.day.nav.previous_day()
    assert "running" not in [r[COL_END] for r in _rows(window)]
    assert window.timer_bar.elapsed_label.text() == "00:10:00", "the bar still shows the timer"
    click(window.timer_bar.start_button)  # stop: that is today's work
    assert window.day.nav.is_today
    assert _rows(window)[-1][COL_TICKET] == "12345678"


def test_a_session_added_while_yesterday_is_shown_goes_to_yesterday(
    window: MainWindow, week: Tracker, drive: Any
) -> None:
    def fill(dlg: AddSessionDialog) -> None:
        # Offered after the day's last session (14:00-14:45), not over it.
        assert (dlg.start.value().isoformat(), dlg.end.value().isoformat()) == (
            "2026-11-02T14:45:00-03:00",
            "2026-11-02T15:45:00-03:00",
        )
        dlg.ticket.setCurrentText("7654321")
        dlg.start.set_value(datetime.fromisoformat("2026-11-02T16:00:00-03:00"))
        dlg.end.set_value(datetime.fromisoformat("2026-11-02T17:10:00-03:00"))
        dlg.note.setText("fechamento esquecido")

    built = drive(AddSessionDialog, fill)
    window.day.nav.previous_day()
    window.day.session_actions.add_action.trigger()
    assert not built[0].isVisible()
    assert [r.note for r in week.log(MONDAY)][-1] == "fechamento esquecido"
    assert _rows(window)[-1][COL_NOTE] == "fechamento esquecido"
    window.tick()
    assert window.day.total_label.text() == "Total of the day: 3:25:00"


def test_yesterdays_session_is_edited_from_yesterday(window: MainWindow, week: Tracker, drive: Any) -> None:
    def fill(dlg: EditSessionDialog) -> None:
        dlg.end.set_value(datetime.fromisoformat("2026-11-02T10:00:00-03:00"))
        dlg.reason.setText("esqueci de parar")

    drive(EditSessionDialog, fill)
    window.day.nav.previous_day()
    window.day.table.selectRow(0)
    window.day.session_actions.edit_action.trigger()
    assert week.log(MONDAY)[0].end.isoformat() == "2026-11-02T10:00:00-03:00"
    assert _rows(window)[0][COL_END] == "10:00"


# ----- the list of days ----------------------------------------------------------------------


def _days(qtbot: Any, app: Tracker, kind: int = 1) -> DaysView:
    view = DaysView(app, day=TUESDAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.kind.setCurrentIndex(kind)
    return view


def _cells(view: DaysView) -> list[list[str]]:
    model = view.view.model()
    return [[str(model.index(r, c).data() or "") for c in range(5)] for r in range(model.rowCount())]


def test_the_month_lists_every_day_so_far_with_its_total_and_unsent_mark(qtbot: Any, week: Tracker) -> None:
    view = _days(qtbot, week, kind=1)
    assert view.span_label.text() == "01/11/2026 to 30/11/2026"
    assert _cells(view) == [  # the latest day first
        ["Tue 03/11/2026", "1:00:00", "1", "• 1", "not reviewed"],
        ["Mon 02/11/2026", "2:15:00", "2", "• 2", "not reviewed"],
        ["Sun 01/11/2026", "—", "", "", ""],
    ]
    assert "2 changes not yet in the central store" in view.view.model().index(1, 3).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert view.totals_label.text() == "Total 3:15:00 in 3 sessions; 3 not yet sent; 0 days returned"
    assert not view.next_button.isEnabled(), "no month after this one"
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.prev_button.click()
    assert view.span_label.text() == "01/10/2026 to 31/10/2026"
    assert ["Fri 30/10/2026", "2:00:00", "1", "• 1", "not reviewed"] in _cells(view)


def test_the_week_lists_monday_to_today(qtbot: Any, week: Tracker) -> None:
    view = _days(qtbot, week, kind=0)
    assert [c[0] for c in _cells(view)] == ["Tue 03/11/2026", "Mon 02/11/2026"]


def test_a_day_picked_in_the_list_opens_in_the_main_window(
    window: MainWindow, week: Tracker, qtbot: Any
) -> None:
    view = window.role_windows.open("days")
    assert isinstance(view, DaysView)
    window.open_days()  # connects the list to the window once
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        pass
    index = view.proxy.index(1, 0)  # Monday
    view.view.doubleClicked.emit(index)
    assert window.day.nav.day == MONDAY
    assert window.day.day_label.text() == "Monday, 02/11/2026"


# ----- a lead returns a day --------------------------------------------------------------------


def _lead(tmp_path: Path, share: Path) -> Tracker:
    home = tmp_path / "lead"
    home.mkdir()
    clock = FixedClock(datetime.fromisoformat("2026-11-03T15:30:00-03:00"), "America/Sao_Paulo")
    lead = Tracker(open_store(home), clock, home)
    lead.settings.set_many({"consultant": "carla.lead", "export-dir": str(share), "role": "lead"})
    return lead


def test_a_returned_day_is_announced_opened_fixed_and_then_awaits_review(
    window: MainWindow, week: Tracker, clock: FixedClock, tmp_path: Path, qtbot: Any, click: Any, drive: Any
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    week.settings.set("export-dir", str(share))
    week.sync()
    lead = _lead(tmp_path, share)
    try:
        lead.decide_day("2026-11-02", "ana", "return", "falta a observação do cliente na sessão das 8h")
        lead.decide_day("2026-10-30", "ana", "approve")
        lead.sync()
    finally:
        lead.store.close()
    clock.set(datetime.fromisoformat("2026-11-03T16:00:00-03:00"))
    week.sync()  # brings the decisions back
    banner = window.returned_banner
    window.reload()
    qtbot.waitUntil(banner.isVisible, timeout=WAIT)
    assert banner.label.text() == (
        "Your day 02/11/2026 was returned by carla.lead: falta a observação do cliente na sessão das 8h"
    )
    assert banner.open_button.text() == "Open 02/11/2026"

    click(banner.open_button)
    assert window.day.nav.day == MONDAY
    assert window.day.banner.isVisible() and window.day.banner.decision == "return"
    assert not banner.isVisible(), "the day shown tells about itself"

    def fill(dlg: EditSessionDialog) -> None:
        dlg.note.setText("segunda de manhã — cliente pediu ajuste do SPED")
        dlg.reason.setText("observação do cliente")

    drive(EditSessionDialog, fill)
    window.day.table.selectRow(0)
    window.day.session_actions.edit_action.trigger()
    assert window.day.banner.label.text().endswith("— corrected, not yet sent: sync it")
    week.sync()
    window.reload()
    assert window.day.banner.label.text().endswith("— corrected, awaiting review")

    window.day.nav.go_today()
    qtbot.waitUntil(lambda: banner.isVisible() and "awaiting review" in banner.label.text(), timeout=WAIT)
    assert banner.label.text() == "Day 02/11/2026: corrected, awaiting review"

    view = _days(qtbot, week, kind=1)
    states = {c[0]: c[4] for c in _cells(view)}
    assert states["Mon 02/11/2026"] == (
        "corrected, awaiting review: falta a observação do cliente na sessão das 8h"
    )
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.prev_button.click()
    assert {c[0]: c[4] for c in _cells(view)}["Fri 30/10/2026"] == "approved"
