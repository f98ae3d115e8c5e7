"""The quick switch: fuzzy search over recent and open tickets, Enter starts, Esc closes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow

from tracker.clock import FixedClock
from tracker.app import Tracker
from ui.consultant.palette import QuickSwitchPalette, candidates, fold, fuzzy_match, install_palette, search, shortcuts

CUSTOMERS = {
    "1000001": "Padaria São João",
    "1000002": "Posto Dois Irmãos",
    "1000003": "Papelaria Central",
    "2000004": "Auto Peças Sul",
    "2000005": "Padaria Pão Quente",
}


@pytest.fixture
def tickets(app: Tracker, clock: FixedClock) -> None:
    for number, customer in CUSTOMERS.items():
        app.add_ticket(number, customer, "standard")
        clock.advance(seconds=1)
    for number in ("1000001", "2000005", "1000003"):  # 1000003 is the most recent
        app.start(number)
        clock.advance(minutes=10)
        app.stop()


@pytest.fixture
def palette(qtbot: Any, app: Tracker, tickets: None) -> QuickSwitchPalette:
    host = QMainWindow()
    qtbot.addWidget(host)
    host.resize(800, 600)
    host.show()
    p = install_palette(host, app)
    qtbot.addWidget(p)
    p.open_palette()
    return p


# ----- the fuzzy match ---------------------------------------------------------------------


def test_fold_drops_accents_and_case() -> None:
    assert fold("Padaria São JOÃO — Peças") == "padaria sao joao — pecas"


def test_a_match_needs_every_character_in_order() -> None:
    assert fuzzy_match("pdr", fold("Padaria")) is not None
    assert fuzzy_match("rdp", fold("Padaria")) is None
    assert fuzzy_match("sao", fold("1000001 — Padaria São João")) is not None


def test_contiguous_matches_rank_above_scattered_ones() -> None:
    pool = candidates([("1", "Posto Dois Irmãos"), ("2", "Padaria Pão Quente")], [("3", "Papelaria Oeste")])
    assert [c.number for c, _ in search("pao", pool)] == ["2", "3", "1"]  # 'Pão', then p-a-...-o
    assert [c.number for c, _ in search("oest", pool)] == ["3"]


def test_equal_matches_rank_by_recency() -> None:
    pool = candidates([("2", "Padaria B"), ("1", "Padaria A")], [("3", "Padaria C")])
    assert [c.number for c, _ in search("padaria", pool)] == ["2", "1", "3"]


def test_numbers_match_too_and_an_empty_query_lists_everything_by_recency() -> None:
    pool = candidates([("2000005", "X")], [("1000001", "Y"), ("2000004", "Z")])
    assert [c.number for c, _ in search("2000", pool)] == ["2000005", "2000004"]
    assert [c.number for c, _ in search("  ", pool)] == ["2000005", "1000001", "2000004"]


# ----- the popup ---------------------------------------------------------------------------


def test_it_opens_with_recent_tickets_first_then_the_other_open_ones(palette: QuickSwitchPalette) -> None:
    assert palette.isVisible() and palette.edit.text() == ""
    assert palette.shown_numbers() == ["1000003", "2000005", "1000001", "2000004", "1000002"]
    assert palette.list.currentRow() == 0


def test_typing_filters_by_fuzzy_text_over_numbers_and_customers(
    qtbot: Any, palette: QuickSwitchPalette
) -> None:
    qtbot.keyClicks(palette.edit, "padaria")
    assert palette.shown_numbers() == ["2000005", "1000001"]  # both match; the more recent first
    palette.edit.clear()
    qtbot.keyClicks(palette.edit, "sao joa")
    assert palette.shown_numbers() == ["1000001"]
    palette.edit.clear()
    qtbot.keyClicks(palette.edit, "pcs")
    assert palette.shown_numbers() == ["2000004"]  # Auto Peças: accents do not matter
    assert palette.list.item(0).text() == "2000004 — Auto Peças Sul"
    palette.edit.clear()
    qtbot.keyClicks(palette.edit, "zzz")
    assert palette.shown_numbers() == []


def test_enter_starts_the_selected_ticket_and_closes(
    qtbot: Any, app: Tracker, palette: QuickSwitchPalette
) -> None:
    qtbot.keyClicks(palette.edit, "padaria")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Down)
    assert palette.list.currentItem().data(Qt.ItemDataRole.UserRole) == "1000001"
    with qtbot.waitSignal(palette.started) as blocker:
        qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert blocker.args == ["1000001"]
    timer = app.running()
    assert timer is not None and timer.ticket == "1000001"
    assert not palette.isVisible()


def test_up_and_down_stay_within_the_list(qtbot: Any, palette: QuickSwitchPalette) -> None:
    qtbot.keyClick(palette.edit, Qt.Key.Key_Up)
    assert palette.list.currentRow() == 0
    for _ in range(9):
        qtbot.keyClick(palette.edit, Qt.Key.Key_Down)
    assert palette.list.currentRow() == 4


def test_esc_closes_without_starting(qtbot: Any, app: Tracker, palette: QuickSwitchPalette) -> None:
    qtbot.keyClicks(palette.edit, "posto")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Escape)
    assert not palette.isVisible() and app.running() is None


def test_the_running_ticket_is_marked_and_choosing_it_changes_nothing(
    qtbot: Any, app: Tracker, clock: FixedClock, palette: QuickSwitchPalette
) -> None:
    app.start("2000004")
    before = app.running()
    palette.open_palette()
    assert palette.list.item(0).text() == "2000004 — Auto Peças Sul  (running)"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert app.running() == before and not palette.isVisible()


def test_a_refused_start_is_shown_in_the_palette(
    qtbot: Any, app: Tracker, palette: QuickSwitchPalette
) -> None:
    app.finalize("1000002")  # finalized after the palette read its list
    qtbot.keyClicks(palette.edit, "posto")
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert app.running() is None and palette.isVisible()
    assert "finalized" in palette.error.text() and not palette.error.isHidden()


def test_nothing_starts_while_the_window_is_not_writable(qtbot: Any, app: Tracker, tickets: None) -> None:
    p = QuickSwitchPalette(app, writable=lambda: False)
    qtbot.addWidget(p)
    p.open_palette()
    qtbot.keyClick(p.edit, Qt.Key.Key_Return)
    assert app.running() is None and not p.error.isHidden()


# ----- the window's shortcuts -----------------------------------------------------------------


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        self.note_edit = QLineEdit("old note")
        self.setCentralWidget(self.note_edit)
        self.sync_action = QAction("Sync now", self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.addAction(self.sync_action)

    def start_or_stop(self) -> None:
        self.calls.append("start_or_stop")


def test_shortcuts_bind_the_keys_and_reuse_the_windows_own_sync(
    qtbot: Any, app: Tracker, tickets: None
) -> None:
    window = Window()
    qtbot.addWidget(window)
    window.show()
    palette = QuickSwitchPalette(app, window)
    actions = shortcuts(window, palette)
    keys = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText) for a in actions]
    assert keys == ["Ctrl+Space", "Ctrl+K", "Ctrl+N", "Ctrl+Shift+S", "Ctrl+L"]
    assert actions[3] is window.sync_action
    actions[0].trigger()
    assert window.calls == ["start_or_stop"]
    actions[1].trigger()
    assert palette.isVisible() and palette.shown_numbers()[0] == "1000003"
    palette.close()
    actions[4].trigger()
    assert window.note_edit.selectedText() == "old note"
    actions[2].trigger()  # no ticket panel here: nothing to do, and no error
