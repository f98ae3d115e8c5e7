"""Time away from the keyboard while a timer ran: keep it, discard it, or split it off."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.errors import BadInput
from tracker.model import Flag

T0 = datetime.fromisoformat("2026-11-03T14:00:00-03:00")


@pytest.fixture
def away(app: Tracker, clock: FixedClock) -> datetime:
    """A timer from 14:00, the consultant away 14:05-14:40, back now (14:41)."""
    app.add_ticket("1234567", "Padaria", "technical", term_accepted="2026-11-01")
    clock.current = T0.astimezone(clock.current.tzinfo)
    app.start("1234567", note="ajuste do fiscal")
    clock.advance(minutes=41)
    return T0 + timedelta(minutes=5)


def back(clock: FixedClock) -> datetime:
    return clock.now() - timedelta(minutes=1)


def test_keeping_idle_time_changes_nothing(app: Tracker, clock: FixedClock, away: datetime) -> None:
    before = app.running()
    assert app.resolve_idle("keep", away, back(clock)) is None
    assert app.running() == before
    assert app.log() == []


def test_discarding_idle_time_ends_the_session_when_input_stopped_and_restarts_on_return(
    app: Tracker, clock: FixedClock, away: datetime
) -> None:
    old = app.running()
    assert old is not None
    closed = app.resolve_idle("discard", away, back(clock))
    assert closed is not None and closed.uuid == old.uuid
    assert (closed.start, closed.end, closed.note) == (T0, away, "ajuste do fiscal")
    timer = app.running()
    assert timer is not None and timer.ticket == "1234567" and timer.uuid != old.uuid
    assert timer.start == back(clock) and timer.note == "ajuste do fiscal"
    assert timer.heartbeat == clock.now()  # not taken for a sleep gap next minute
    clock.advance(minutes=9)
    app.stop()
    assert [s.seconds for s in app.log()] == [5 * 60, 10 * 60]


def test_splitting_idle_time_keeps_it_as_its_own_session_flagged_idle(
    app: Tracker, clock: FixedClock, away: datetime
) -> None:
    app.resolve_idle("split", away, back(clock))
    clock.advance(minutes=9)
    app.stop()
    log = app.log()
    assert [(s.seconds, s.flags, s.source) for s in log] == [
        (5 * 60, (), "timer"),
        (35 * 60, (Flag.IDLE.value,), "idle"),
        (10 * 60, (), "timer"),
    ]
    assert log[1].start == away and log[1].ticket == "1234567"


def test_the_return_defaults_to_now(app: Tracker, clock: FixedClock, away: datetime) -> None:
    app.resolve_idle("split", away)
    timer = app.running()
    assert timer is not None and timer.start == clock.now()
    assert [s.seconds for s in app.log()] == [5 * 60, 36 * 60]


def test_idle_from_the_very_start_still_leaves_a_one_second_session(
    app: Tracker, clock: FixedClock, away: datetime
) -> None:
    closed = app.resolve_idle("discard", T0)
    assert closed is not None and closed.seconds == 1


@pytest.mark.parametrize(
    ("choice", "idle_from", "until", "field"),
    [
        ("snooze", 5, None, "choice"),
        ("discard", -1, None, "idle-from"),  # before the timer started
        ("discard", 40, 30, "idle-from"),  # back before going away
        ("discard", 5, 60, "until"),  # a return in the future
    ],
)
def test_a_bad_answer_is_refused_and_nothing_changes(
    app: Tracker,
    clock: FixedClock,
    away: datetime,
    choice: str,
    idle_from: int,
    until: int | None,
    field: str,
) -> None:
    before = app.running()
    with pytest.raises(BadInput) as err:
        app.resolve_idle(
            choice,
            T0 + timedelta(minutes=idle_from),
            None if until is None else T0 + timedelta(minutes=until),
        )
    assert err.value.field == field
    assert app.running() == before and app.log() == []


def test_naive_times_and_no_timer_are_refused(app: Tracker, clock: FixedClock, away: datetime) -> None:
    with pytest.raises(BadInput, match="time zone"):
        app.resolve_idle("discard", away.replace(tzinfo=None))
    app.stop()
    with pytest.raises(BadInput, match="no timer"):
        app.resolve_idle("keep", away)
