"""The main window as a consultant uses it: start, stop, totals, title, close, reload."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.model import ConsultancyType
from tracker.store import open_store
from ui.consultant.main_window import MainWindow
from ui.consultant.sessions_model import COL_DURATION, COL_END, COL_NOTE, COL_TICKET
from ui.consultant.ticket_dialog import NewTicketDialog


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.day.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())
    ]


def _pick(window: MainWindow, number: str) -> None:
    window.panel.combo.setEditText(number)


def test_start_then_stop_records_a_five_minute_session_and_the_total(
    window: MainWindow, app: Tracker, clock: FixedClock, click: Any
) -> None:
    app.add_ticket("12345678", "Padaria Pão Quente", "technical", term_accepted="2026-11-01")
    window.reload()
    _pick(window, "12345678")
    assert window.timer_bar.start_button.text().endswith("Start")

    click(window.timer_bar.start_button)
    assert window.timer_bar.start_button.text().endswith("Stop")
    clock.advance(minutes=5)
    window.tick()
    assert window.timer_bar.elapsed_label.text() == "00:05:00"
    assert window.day.total_label.text() == "Total today: 0:05:00"
    assert _rows(window)[-1][COL_END] == "running"

    click(window.timer_bar.start_button)
    rows = _rows(window)
    assert len(rows) == 1
    assert rows[0][COL_TICKET] == "12345678"
    assert rows[0][COL_DURATION] == "0:05:00"
    assert rows[0][COL_END] == "15:05"
    assert window.day.total_label.text() == "Total today: 0:05:00"
    assert window.statusBar().currentMessage() == "Stopped 12345678 after 0:05:00"
    assert app.running() is None


def test_elapsed_time_is_computed_from_the_stored_start_not_from_ticks(
    window: MainWindow, app: Tracker, clock: FixedClock
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("12345678")
    window.reload()
    clock.advance(hours=1, minutes=2, seconds=3)  # one tick after an hour asleep
    window.tick()
    assert window.timer_bar.elapsed_label.text() == "01:02:03"
    # the display and the database poll are both refreshed every second
    assert window.tick_timer.isActive() and window.tick_timer.interval() == 1000
    assert window.poll_timer.isActive() and window.poll_timer.interval() == 1000


def test_title_shows_the_running_ticket_and_elapsed_time_and_just_tracker_when_idle(
    window: MainWindow, app: Tracker, clock: FixedClock, click: Any
) -> None:
    assert window.windowTitle() == "Tracker"
    app.add_ticket("1234567", "Padaria", "technical", term_accepted="2026-11-01")
    window.reload()
    _pick(window, "1234567")
    click(window.timer_bar.start_button)
    clock.advance(minutes=12, seconds=3)
    window.tick()
    assert window.windowTitle() == "● 1234567 — 0:12:03 — Tracker"
    click(window.timer_bar.start_button)
    assert window.windowTitle() == "Tracker"


def test_starting_another_ticket_stops_the_running_one_and_says_so(
    window: MainWindow, app: Tracker, clock: FixedClock, click: Any
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_ticket("7654321", "Metalúrgica", "support", term_accepted="2026-11-01")
    app.start("12345678")
    window.reload()
    clock.advance(minutes=7)
    _pick(window, "7654321")
    assert window.timer_bar.start_button.text().endswith("Switch to 7654321")
    click(window.timer_bar.start_button)
    assert window.statusBar().currentMessage() == "Stopped 12345678 after 0:07:00; started 7654321"
    rows = _rows(window)
    assert [r[COL_TICKET] for r in rows] == ["12345678", "7654321"]
    assert rows[1][COL_END] == "running"
    assert app.running() is not None and app.running().ticket == "7654321"  # type: ignore[union-attr]


def test_starting_an_unknown_number_offers_the_new_ticket_dialog_prefilled(
    window: MainWindow, app: Tracker, click: Any, drive: Any
) -> None:
    def fill(dlg: Any) -> None:
        assert dlg.number.text() == "87654321"
        dlg.customer.setText("Cooperativa Agro Sul")
        dlg.set_type(ConsultancyType.STANDARD)

    drive(NewTicketDialog, fill)
    _pick(window, "87654321")
    click(window.timer_bar.start_button)
    timer = app.running()
    assert timer is not None and timer.ticket == "87654321"
    assert window.panel.customer_label.text() == "Cooperativa Agro Sul"


def test_closing_while_a_timer_runs_keeps_it_stored_and_says_so(
    window: MainWindow, app: Tracker, home: Any, clock: FixedClock, notices: list[str]
) -> None:
    app.add_ticket("1234567", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("1234567")
    window.reload()
    assert window.close()
    assert notices == ["The timer on 1234567 keeps running; it is stored and will be here when you reopen."]
    with open_store(home) as other:
        timer = Tracker(other, clock, home).running()
    assert timer is not None and timer.ticket == "1234567"


def test_closing_when_idle_shows_no_message(window: MainWindow, notices: list[str]) -> None:
    assert window.close()
    assert notices == []


def test_changes_by_another_process_show_after_the_next_poll(
    window: MainWindow, home: Any, clock: FixedClock
) -> None:
    with open_store(home) as other_store:  # another connection, as the CLI has
        other = Tracker(other_store, clock, home)
        other.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
        other.add_session("12345678", "2026-11-03T09:00:00", "2026-11-03T09:20:00")
        other.start("12345678")
    window.poll()
    rows = _rows(window)
    assert [r[COL_TICKET] for r in rows] == ["12345678", "12345678"]
    assert rows[1][COL_END] == "running"
    assert window.day.total_label.text() == "Total today: 0:20:00"
    assert window.windowTitle().startswith("● 12345678")
    assert window.panel.combo.findData("12345678") >= 0


def test_a_cli_start_shows_in_the_open_window(window: MainWindow, app: Tracker, cli: Any) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    assert cli("start", "12345678").code == 0
    window.poll()
    assert _rows(window)[-1][COL_END] == "running"


def test_a_cli_stop_after_a_cli_start_shows_though_this_process_opened_the_database_again(
    window: MainWindow, app: Tracker, cli: Any, home: Any
) -> None:
    # Every worker job of the window opens the database on a connection of its own.
    # That once opened the file with a plain descriptor and closed it, which dropped the
    # window's SQLite locks: the CLI then folded the WAL away, the window kept showing
    # the stopped timer, and wrote the stale pages back when it closed.
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    assert cli("start", "12345678").code == 0
    window.poll()
    assert window.day.model.timer is not None
    open_store(home).close()
    assert cli("stop").code == 0
    window.poll()
    assert window.day.model.timer is None
    assert _rows(window)[-1][COL_END] != "running"
    assert "no timer running" in cli("status").out
    assert cli("log").out.count("12345678") == 1


def test_a_start_and_a_stop_keep_the_selected_session_and_every_text_fits_its_column(
    window: MainWindow, app: Tracker, clock: FixedClock, click: Any
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_ticket("7654321", "ACME", "support", term_accepted="2026-11-01")
    app.add_session("7654321", "2026-11-03T09:00:00", "2026-11-03T09:20:00", "first")
    app.add_session("12345678", "2026-11-03T10:00:00", "2026-11-03T10:30:00", "second")
    window.reload()
    table = window.day.table
    table.selectRow(0)
    _pick(window, "12345678")
    click(window.timer_bar.start_button)  # a row is added: the rows shown stay selected
    assert len(_rows(window)) == 3
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    clock.advance(minutes=1)
    click(window.timer_bar.start_button)
    assert _rows(window)[-1][COL_END] != "running"
    assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
    # Columns are fitted to their texts (no "..."): headings and every cell.
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    model = table.model()
    for column in range(model.columnCount()):
        if column == COL_NOTE:
            continue
        texts = [str(model.index(r, column).data()) for r in range(model.rowCount())]
        widest = max(metrics.horizontalAdvance(t) for t in texts)
        assert header.sectionSize(column) > widest, (column, texts)
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()


def test_sessions_table_sorts_by_the_real_duration(window: MainWindow, app: Tracker) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_session("12345678", "2026-11-03T08:00:00", "2026-11-03T10:00:00")  # 2:00:00
    app.add_session("12345678", "2026-11-03T11:00:00", "2026-11-03T11:09:59")  # 0:09:59
    window.reload()
    window.day.table.sortByColumn(COL_DURATION, Qt.SortOrder.DescendingOrder)
    assert [r[COL_DURATION] for r in _rows(window)] == ["2:00:00", "0:09:59"]
