"""Idle time while a timer runs: noticed while away, asked about on return, stored as answered."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.idle import FixedIdle, NoIdle
from tracker.model import Flag
from ui.consultant.idle import IdleDialog, IdleWatcher

T0 = datetime.fromisoformat("2026-11-03T14:00:00-03:00")


class Asked(list[tuple[str, str, str]]):
    """What the dialog was asked (ticket, from, to); it answers ``choice``."""

    choice = "keep"

    def __call__(self, parent: Any, ticket: str, since: datetime, until: datetime) -> str:
        self.append((ticket, since.strftime("%H:%M"), until.strftime("%H:%M")))
        return self.choice


@pytest.fixture
def source() -> FixedIdle:
    return FixedIdle(0)


@pytest.fixture
def asked() -> Asked:
    return Asked()


@pytest.fixture
def host(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def watcher(host: QWidget, app: Tracker, clock: FixedClock, source: FixedIdle, asked: Asked) -> IdleWatcher:
    app.add_ticket("1234567", "Padaria", "technical", term_accepted="2026-11-01")
    clock.current = T0.astimezone(clock.current.tzinfo)
    return IdleWatcher(app, source, ask=asked, parent=host)


def away_from_1405_to_1440(watcher: IdleWatcher, clock: FixedClock, source: FixedIdle) -> None:
    """Polled every 30 s: input stops at 14:05 and comes back at 14:40."""
    clock.advance(minutes=5)
    for _ in range(70):  # 14:05:30 .. 14:40:00, away
        clock.advance(seconds=30)
        source.seconds += 30
        watcher.poll()
    assert watcher.idle_from is not None
    clock.advance(seconds=30)  # 14:40:30: back for 30 s
    source.seconds = 30
    watcher.poll()


def test_it_polls_every_30_seconds_only_with_a_source(qtbot: Any, app: Tracker, watcher: IdleWatcher) -> None:
    assert watcher.poll_timer.isActive() and watcher.poll_timer.interval() == 30_000
    blind = IdleWatcher(app, NoIdle("Wayland"), ask=Asked())
    assert not blind.poll_timer.isActive()


def test_returning_after_long_idle_asks_once_with_the_times(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    away_from_1405_to_1440(watcher, clock, source)
    assert asked == [("1234567", "14:05", "14:40")]
    clock.advance(seconds=30)
    source.seconds = 10
    watcher.poll()
    assert len(asked) == 1 and watcher.idle_from is None


def test_keep_stores_nothing(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    before = app.running()
    asked.choice = "keep"
    away_from_1405_to_1440(watcher, clock, source)
    assert app.running() == before and app.log() == []


def test_discard_ends_the_session_when_input_stopped_and_restarts_on_return(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    asked.choice = "discard"
    with_signal: list[str] = []
    watcher.resolved.connect(with_signal.append)
    away_from_1405_to_1440(watcher, clock, source)
    assert with_signal == ["discard"]
    assert [(s.start, s.end) for s in app.log()] == [(T0, T0 + timedelta(minutes=5))]
    timer = app.running()
    assert timer is not None and timer.ticket == "1234567" and timer.start == T0 + timedelta(minutes=40)


def test_split_keeps_the_time_away_as_its_own_session_flagged_idle(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    asked.choice = "split"
    away_from_1405_to_1440(watcher, clock, source)
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.flags) for s in app.log()] == [
        ("14:00", "14:05", ()),
        ("14:05", "14:40", (Flag.IDLE.value,)),
    ]
    assert app.running().start == T0 + timedelta(minutes=40)  # type: ignore[union-attr]


def test_short_idle_is_never_asked_about(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    app.settings.set("idle-minutes", "45")
    away_from_1405_to_1440_without_check(watcher, clock, source)
    assert asked == [] and watcher.idle_from is None


def away_from_1405_to_1440_without_check(watcher: IdleWatcher, clock: FixedClock, source: FixedIdle) -> None:
    clock.advance(minutes=5)
    for _ in range(70):
        clock.advance(seconds=30)
        source.seconds += 30
        watcher.poll()
    clock.advance(seconds=30)
    source.seconds = 30
    watcher.poll()


def test_without_a_timer_or_a_source_nothing_is_asked(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    away_from_1405_to_1440_without_check(watcher, clock, source)  # no timer
    blind = IdleWatcher(app, NoIdle("macOS"), ask=asked)
    app.start("1234567")
    clock.advance(minutes=40)
    blind.poll()
    assert asked == [] and blind.idle_from is None


def test_a_timer_stopped_while_away_is_not_asked_about(
    app: Tracker, clock: FixedClock, source: FixedIdle, watcher: IdleWatcher, asked: Asked
) -> None:
    app.start("1234567")
    clock.advance(minutes=20)
    source.seconds = 15 * 60
    watcher.poll()
    assert watcher.idle_from == T0 + timedelta(minutes=5)
    app.stop()  # from the CLI, say
    source.seconds = 5
    watcher.poll()
    assert asked == [] and watcher.idle_from is None


@pytest.mark.parametrize(
    ("button", "sessions", "timer_start"),
    [
        ("keep_button", [], "14:00"),
        ("discard_button", [("14:00", "14:05", ())], "14:40"),
        ("split_button", [("14:00", "14:05", ()), ("14:05", "14:40", ("idle",))], "14:40"),
    ],
)
def test_the_dialogs_three_buttons_store_each_choice(
    qtbot: Any,
    app: Tracker,
    clock: FixedClock,
    source: FixedIdle,
    watcher: IdleWatcher,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    sessions: list[tuple[str, str, tuple[str, ...]]],
    timer_start: str,
) -> None:
    shown: list[str] = []

    def ask(cls: type, parent: Any, ticket: str, since: datetime, until: datetime) -> str:
        dialog = IdleDialog(parent, ticket, since, until)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog.text.text())
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        return dialog.choice or "keep"

    monkeypatch.setattr(IdleDialog, "ask", classmethod(ask))
    watcher.ask = IdleDialog.ask
    app.start("1234567")
    away_from_1405_to_1440(watcher, clock, source)
    assert shown[0].startswith("You were away from 14:05 to 14:40 while the timer on 1234567 ran (0:35:00).")
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.flags) for s in app.log()] == sessions
    assert app.running().start.strftime("%H:%M") == timer_start  # type: ignore[union-attr]


def test_closing_the_dialog_keeps_the_time(qtbot: Any) -> None:
    dialog = IdleDialog(None, "1234567", T0, T0 + timedelta(minutes=30))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.choice is None
    assert [dialog.keep_button.text(), dialog.discard_button.text(), dialog.split_button.text()] == [
        "Keep the time",
        "Discard the idle time",
        "Split",
    ]
