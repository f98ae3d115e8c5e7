"""Reminders as notifications: each kind once, not again within the hour."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from tracker.app import Tracker
from tracker.clock import FixedClock
from ui.consultant.reminders import ReminderNotifier


@pytest.fixture
def shown() -> list[tuple[str, str]]:
    return []


@pytest.fixture
def notifier(qtbot: Any, app: Tracker, shown: list[tuple[str, str]]) -> Iterator[ReminderNotifier]:
    notifier = ReminderNotifier(app, lambda title, text: shown.append((title, text)))
    yield notifier
    notifier.stop()


def set_time(clock: FixedClock, text: str) -> None:
    clock.current = datetime.fromisoformat(text).astimezone(clock.current.tzinfo)


def test_it_checks_every_minute(notifier: ReminderNotifier) -> None:
    assert notifier.timer.isActive() and notifier.timer.interval() == 60_000
    notifier.stop()
    assert not notifier.timer.isActive()


def test_no_timer_in_working_hours_is_reminded_once_and_not_again_within_the_hour(
    notifier: ReminderNotifier, clock: FixedClock, shown: list[tuple[str, str]]
) -> None:
    set_time(clock, "2026-11-03T10:00:00-03:00")  # a Tuesday
    notifier.check()
    assert shown == [("No timer running", "You are in working hours and no timer is running.")]
    for minutes in (1, 30, 59):
        set_time(clock, "2026-11-03T10:00:00-03:00")
        clock.advance(minutes=minutes)
        notifier.check()
    assert len(shown) == 1
    clock.advance(minutes=1)  # an hour after the first one
    notifier.check()
    assert len(shown) == 2


def test_no_timer_outside_working_hours_or_days_is_not_reminded(
    notifier: ReminderNotifier, app: Tracker, clock: FixedClock, shown: list[tuple[str, str]]
) -> None:
    set_time(clock, "2026-11-03T19:30:00-03:00")
    notifier.check()
    set_time(clock, "2026-11-07T10:00:00-03:00")  # a Saturday
    notifier.check()
    app.settings.set("work-hours", "09:00-17:00")
    set_time(clock, "2026-11-03T08:30:00-03:00")
    notifier.check()
    assert shown == []


def test_a_timer_running_too_long_is_reminded_with_its_ticket(
    notifier: ReminderNotifier, app: Tracker, clock: FixedClock, shown: list[tuple[str, str]]
) -> None:
    app.add_ticket("1234567", "Padaria", "standard")
    set_time(clock, "2026-11-03T13:00:00-03:00")
    app.start("1234567")
    clock.advance(hours=3)
    assert notifier.check() == []
    clock.advance(hours=2, minutes=30)  # 5.5 h: past the default 4 h
    notifier.check()
    assert shown == [
        (
            "Timer running for 5 hours",
            "The timer on 1234567 is still running. Was it left on? Stop it or fix the session.",
        )
    ]
    clock.advance(minutes=30)
    notifier.check()
    assert len(shown) == 1


def test_sessions_waiting_days_to_sync_are_reminded(
    notifier: ReminderNotifier, app: Tracker, clock: FixedClock, shown: list[tuple[str, str]]
) -> None:
    app.add_ticket("1234567", "Padaria", "standard")
    set_time(clock, "2026-11-02T19:00:00-03:00")
    app.start("1234567")
    clock.advance(minutes=30)
    app.stop()
    clock.advance(days=3)  # Thursday 19:30: after hours, so only the sync reminder
    found = notifier.check()
    assert [r.kind for r in found] == ["unsynced"]
    assert shown == [
        (
            "Not synced for 3 days",
            "Some sessions have waited 3 days for the central export. "
            "Sync when the share is reachable (Ctrl+Shift+S).",
        )
    ]
    assert notifier.last_shown == {"unsynced": clock.now()}


def test_each_kind_keeps_its_own_hour(
    notifier: ReminderNotifier, app: Tracker, clock: FixedClock, shown: list[tuple[str, str]]
) -> None:
    app.add_ticket("1234567", "Padaria", "standard")
    set_time(clock, "2026-11-02T09:00:00-03:00")
    app.start("1234567")
    clock.advance(minutes=30)
    app.stop()
    clock.advance(days=3)  # Thursday 09:30, working hours, no timer, old sessions
    notifier.check()
    assert [title for title, _ in shown] == ["No timer running", "Not synced for 3 days"]
    clock.advance(minutes=45)
    notifier.check()
    assert len(shown) == 2


def test_the_shown_signal_carries_the_kind(qtbot: Any, notifier: ReminderNotifier, clock: FixedClock) -> None:
    set_time(clock, "2026-11-03T10:00:00-03:00")
    with qtbot.waitSignal(notifier.shown) as blocker:
        notifier.check()
    assert blocker.args == [
        "no_timer",
        "No timer running",
        "You are in working hours and no timer is running.",
    ]


def test_without_notify_reminders_are_only_signalled(qtbot: Any, app: Tracker, clock: FixedClock) -> None:
    quiet = ReminderNotifier(app)
    quiet.stop()
    set_time(clock, "2026-11-03T10:00:00-03:00")
    assert [r.kind for r in quiet.check()] == ["no_timer"]
    assert "no_timer" in quiet.last_shown
