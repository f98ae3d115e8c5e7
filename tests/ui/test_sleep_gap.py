"""The heartbeat while a timer runs, and the question after a sleep gap."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.model import Flag
from tracker.store import open_store
from ui.consultant.main_window import MainWindow
from ui.consultant.sessions_model import COL_FLAGS
from ui.consultant.sleep_gap import SleepGapDialog

T0 = datetime.fromisoformat("2026-11-03T15:00:00-03:00")


class Answers(list[tuple[str, str, str]]):
    """What the sleep-gap dialog was asked (ticket, from, to); it answers ``choice``."""

    choice = "keep"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    asked = Answers()

    def ask(cls: type, parent: Any, ticket: str, since: datetime, until: datetime) -> str:
        asked.append((ticket, since.strftime("%H:%M"), until.strftime("%H:%M")))
        return asked.choice

    monkeypatch.setattr(SleepGapDialog, "ask", classmethod(ask))
    return asked


def _asleep_for_40_minutes(window: MainWindow, app: Tracker, clock: FixedClock) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    window.panel.combo.setEditText("12345678")
    window.start_or_stop()  # starting from the window writes the first heartbeat
    assert app.running() is not None and app.running().heartbeat == T0  # type: ignore[union-attr]
    clock.advance(minutes=40)


def test_the_heartbeat_runs_every_minute_only_while_a_timer_runs(
    window: MainWindow, app: Tracker, clock: FixedClock, home: Path
) -> None:
    assert not window.heartbeat_timer.isActive()
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    with open_store(home) as cli:  # started from the CLI: the window notices on its next poll
        Tracker(cli, clock, home).start("12345678")
    window.poll()
    assert window.heartbeat_timer.isActive() and window.heartbeat_timer.interval() == 60_000
    assert app.running().heartbeat == T0  # type: ignore[union-attr]
    clock.advance(minutes=1)
    window.heartbeat_tick()
    assert app.running().heartbeat == T0 + timedelta(minutes=1)  # type: ignore[union-attr]
    with open_store(home) as cli:
        Tracker(cli, clock, home).stop()
    window.poll()
    assert not window.heartbeat_timer.isActive()


def test_keep_runs_the_timer_on_flagged_sleep_gap(
    window: MainWindow, app: Tracker, clock: FixedClock, answers: Answers
) -> None:
    _asleep_for_40_minutes(window, app, clock)
    answers.choice = "keep"
    window.heartbeat_tick()
    assert answers == [("12345678", "15:00", "15:40")]
    timer = app.running()
    assert timer is not None and timer.start == T0
    assert Flag.SLEEP_GAP.value in timer.flags
    assert app.log() == []
    assert window.model.index(0, COL_FLAGS).data() == "sleep gap"
    assert window.elapsed_label.text() == "00:40:00"
    assert app.sleep_gap() is None  # answered: not asked again
    window.heartbeat_tick()
    assert len(answers) == 1


def test_discard_ends_the_session_at_the_last_heartbeat_and_starts_a_new_timer(
    window: MainWindow, app: Tracker, clock: FixedClock, answers: Answers
) -> None:
    _asleep_for_40_minutes(window, app, clock)
    answers.choice = "discard"
    window.heartbeat_tick()
    sessions = app.log()
    assert [(s.start, s.end, s.flags) for s in sessions] == [(T0, T0 + timedelta(seconds=1), ())]
    timer = app.running()
    assert timer is not None and timer.start == T0 + timedelta(minutes=40)
    assert window.elapsed_label.text() == "00:00:00"
    assert window.statusBar().currentMessage().startswith("Discarded the gap")


def test_split_keeps_the_gap_as_its_own_flagged_session(
    window: MainWindow, app: Tracker, clock: FixedClock, answers: Answers
) -> None:
    clock.advance(minutes=-10)  # the timer ran 10 min with heartbeats before the machine slept
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("12345678")
    window.reload()  # the window shows the timer and beats at once
    clock.advance(minutes=10)
    window.heartbeat_tick()  # last sign of life at 15:00
    clock.advance(minutes=40)
    answers.choice = "split"
    window.application_state_changed(Qt.ApplicationState.ApplicationActive)  # the lid opens

    assert answers == [("12345678", "15:00", "15:40")]
    sessions = app.log()
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.flags) for s in sessions] == [
        ("14:50", "15:00", ()),
        ("15:00", "15:40", (Flag.SLEEP_GAP.value,)),
    ]
    timer = app.running()
    assert timer is not None and timer.start == T0 + timedelta(minutes=40)
    assert window.model.rowCount() == 3
    assert window.total_label.text() == "Total today: 0:50:00"


def test_becoming_active_again_checks_for_a_gap(
    window: MainWindow, app: Tracker, clock: FixedClock, answers: Answers, qapp: QApplication
) -> None:
    _asleep_for_40_minutes(window, app, clock)
    qapp.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert len(answers) == 1


def test_a_gap_from_before_the_window_opened_is_asked_on_start(
    qtbot: Any, app: Tracker, clock: FixedClock, answers: Answers, notices: list[str]
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("12345678")
    app.heartbeat()  # the last window was killed while this timer ran
    clock.advance(hours=2)
    window = MainWindow(app)
    qtbot.addWidget(window)
    assert answers == []
    window.show()
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=2000)
    assert answers == [("12345678", "15:00", "17:00")]


def test_closing_the_window_with_a_timer_running_expects_no_heartbeat(
    window: MainWindow, app: Tracker, clock: FixedClock, notices: list[str], answers: Answers
) -> None:
    _asleep_for_40_minutes(window, app, clock)
    clock.advance(minutes=-39)
    window.close()
    assert notices and "keeps running" in notices[0]
    timer = app.running()
    assert timer is not None and timer.heartbeat is None
    clock.advance(hours=8)  # reopened the next morning: that was no sleep gap
    assert app.sleep_gap() is None


@pytest.mark.parametrize(
    ("button", "choice"), [("keep_button", "keep"), ("discard_button", "discard"), ("split_button", "split")]
)
def test_the_real_dialog_answers_with_the_button_pressed(qtbot: Any, button: str, choice: str) -> None:
    dialog = SleepGapDialog(None, "12345678", T0, T0 + timedelta(minutes=40))
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.text.text()
    assert text.startswith(
        "The computer was asleep (or the app was stopped) from 15:00 to 15:40 while the timer on 12345678 ran"
    )
    assert [dialog.keep_button.text(), dialog.discard_button.text(), dialog.split_button.text()] == [
        "Keep the time",
        "Discard the gap",
        "Split at the gap",
    ]
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice == choice and not dialog.isVisible()
