"""The tray icon: recent tickets to start, Stop, the elapsed time, and no tray at all."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from tracker.app import Tracker
from tracker.clock import FixedClock
from ui.consultant.tray import TrayController, install_tray


class Window(QMainWindow):
    """What the tray needs of the main window: show_message, reload and writable."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []
        self.reloads = 0
        self.writable = True

    def show_message(self, text: str, kind: str = "info") -> None:
        self.messages.append(text)

    def reload(self) -> None:
        self.reloads += 1


@pytest.fixture
def window(qtbot: Any) -> Window:
    w = Window()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def worked(app: Tracker, clock: FixedClock) -> list[str]:
    """Seven open tickets, worked on in this order; one more was finalized."""
    for i in range(8):
        app.add_ticket(f"100000{i}", f"Cliente {i} & Filhos", "standard")
    for n in ("1000003", "1000001", "1000005", "1000006", "1000002", "1000004", "1000000", "1000007"):
        app.start(n)
        clock.advance(minutes=10)
        app.stop()
    app.finalize("1000007")
    return ["1000000", "1000004", "1000002", "1000006", "1000005"]


def tray_for(window: Window, app: Tracker, available: bool = False) -> TrayController:
    return install_tray(window, app, available=available)


def test_the_menu_lists_the_five_most_recent_open_tickets(
    window: Window, app: Tracker, worked: list[str]
) -> None:
    tray = tray_for(window, app)
    tray.rebuild_menu()
    assert [a.data() for a in tray.ticket_actions] == worked
    assert tray.ticket_actions[0].text() == "1000000 — Cliente 0 && Filhos"  # shown as one '&'
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[0] == "No timer running"
    assert texts[-3:] == ["Stop", "Show window", "Quit"]


def test_starting_a_ticket_from_the_menu_starts_its_timer_and_stop_stops_it(
    window: Window, app: Tracker, clock: FixedClock, worked: list[str]
) -> None:
    tray = tray_for(window, app)
    tray.rebuild_menu()
    assert not tray.stop_action.isEnabled()
    tray.ticket_actions[2].trigger()
    timer = app.running()
    assert timer is not None and timer.ticket == "1000002"
    assert window.reloads == 1  # the window shows it at once
    tray.rebuild_menu()
    running = [a for a in tray.ticket_actions if a.isChecked()]
    assert [a.data() for a in running] == ["1000002"] and not running[0].isEnabled()
    assert tray.ticket_actions[0].data() == "1000002"  # the running ticket comes first
    assert tray.stop_action.isEnabled()
    clock.advance(minutes=7)
    tray.stop_action.trigger()
    assert app.running() is None
    assert app.log()[-1].ticket == "1000002" and app.log()[-1].seconds == 7 * 60
    assert not tray.stop_action.isEnabled() and window.reloads == 2


def test_nothing_starts_while_the_window_is_not_writable(
    window: Window, app: Tracker, worked: list[str]
) -> None:
    window.writable = False
    tray = tray_for(window, app)
    tray.rebuild_menu()
    assert not any(a.isEnabled() for a in tray.ticket_actions)
    tray.start("1000000")
    assert app.running() is None


@pytest.mark.parametrize("available", [True, False])
def test_the_tooltip_shows_the_elapsed_time_from_the_stored_start(
    window: Window, app: Tracker, clock: FixedClock, worked: list[str], available: bool
) -> None:
    tray = tray_for(window, app, available)
    assert tray.tooltip() == "No timer running"
    assert tray.icon().cacheKey() == tray.idle_icon.cacheKey()
    app.start("1000004")
    clock.advance(minutes=12, seconds=3)
    tray.refresh()  # the one-second QTimer's slot
    assert tray.tooltip() == "1000004 — 0:12:03"
    assert tray.icon().cacheKey() == tray.running_icon.cacheKey()
    clock.advance(hours=1)
    tray.refresh()
    assert tray.tooltip() == "1000004 — 1:12:03"
    assert tray.tick_timer.isActive() is available and tray.tick_timer.interval() == 1000


def test_the_running_icon_has_a_red_dot(window: Window, app: Tracker) -> None:
    tray = tray_for(window, app)
    image = tray.running_icon.pixmap(64, 64).toImage()
    dot = image.pixelColor(50, 50)
    assert dot.red() > 200 and dot.green() < 80
    assert tray.idle_icon.pixmap(64, 64).toImage().pixelColor(50, 50) != dot


def test_without_a_system_tray_nothing_breaks_and_closing_really_quits(
    window: Window, app: Tracker, monkeypatch: pytest.MonkeyPatch, worked: list[str]
) -> None:
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    tray = TrayController(window, app)
    assert tray.available is False and tray.tray is None
    assert tray.keeps_running_on_close() is False
    tray.refresh()
    tray.rebuild_menu()
    tray.start("1000000")
    assert app.running() is not None
    tray.notify("No timer running", "You are in working hours and no timer is running.")
    assert window.messages == ["No timer running: You are in working hours and no timer is running."]
    tray.shutdown()


def test_closing_keeps_running_in_the_tray_only_when_the_setting_says_so(
    window: Window, app: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tray = tray_for(window, app, available=True)
    assert tray.keeps_running_on_close() is True  # the default: close-to-tray yes
    app.settings.set("close-to-tray", "no")
    assert tray.keeps_running_on_close() is False
    app.settings.set("close-to-tray", "yes")
    quits: list[bool] = []
    monkeypatch.setattr(QCoreApplication, "quit", staticmethod(lambda: quits.append(True)))
    tray.quit_action.trigger()
    assert quits == [True] and not window.isVisible()
    assert tray.keeps_running_on_close() is False  # Quit from the menu really quits


def test_clicking_the_icon_toggles_the_window(window: Window, app: Tracker) -> None:
    tray = tray_for(window, app, available=True)
    tray._activated(QSystemTrayIcon.ActivationReason.Trigger)
    assert not window.isVisible()
    tray._activated(QSystemTrayIcon.ActivationReason.Trigger)
    assert window.isVisible()
    window.hide()
    tray.show_action.trigger()
    assert window.isVisible()
    tray.shutdown()
