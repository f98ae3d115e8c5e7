"""Review flags, the heartbeat and sleep gaps, and time that misbehaves, with an injected clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from tracker.app import Tracker
from tracker.errors import BadInput


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def ticket(app: Tracker) -> str:
    app.add_ticket("1234567", "ACME", "technical")
    return "1234567"


def flags_of(app: Tracker, day: str) -> dict[str, tuple[str, ...]]:
    return {s.note: s.flags for s in app.log(day)}


def test_overlapping_sessions_are_both_flagged_and_kept(app: Tracker, ticket: str) -> None:
    app.add_session(ticket, "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00", "a")
    app.add_session(ticket, "2026-11-03T09:30:00-03:00", "2026-11-03T09:45:00-03:00", "b")
    app.add_session(ticket, "2026-11-03T10:00:00-03:00", "2026-11-03T10:30:00-03:00", "c")  # touches, no overlap
    assert flags_of(app, "2026-11-03") == {"a": ("overlap",), "b": ("overlap",), "c": ()}
    assert sum(s.seconds for s in app.log("2026-11-03")) == 3600 + 900 + 1800


def test_an_overlap_with_yesterdays_session_is_seen(app: Tracker, ticket: str) -> None:
    app.add_session(ticket, "2026-11-02T23:00:00-03:00", "2026-11-03T01:00:00-03:00", "late")
    app.add_session(ticket, "2026-11-03T00:30:00-03:00", "2026-11-03T00:40:00-03:00", "early")
    assert flags_of(app, "2026-11-03") == {"early": ("overlap",)}
    assert flags_of(app, "2026-11-02") == {"late": ("overlap", "across_midnight")}


def test_a_deleted_session_overlaps_nothing(app: Tracker, ticket: str) -> None:
    a = app.add_session(ticket, "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00", "a")
    app.add_session(ticket, "2026-11-03T09:30:00-03:00", "2026-11-03T09:45:00-03:00", "b")
    app.delete_session(a.uuid, reason="duplicate")
    assert flags_of(app, "2026-11-03") == {"b": ()}


def test_long_sessions_follow_the_configured_limit(app: Tracker, ticket: str) -> None:
    app.add_session(ticket, "2026-11-02T08:00:00-03:00", "2026-11-02T18:00:01-03:00", "long")
    assert flags_of(app, "2026-11-02") == {"long": ("long",)}
    app.settings.set("long-session-hours", "12")
    assert flags_of(app, "2026-11-02") == {"long": ()}
    with pytest.raises(BadInput):
        app.settings.set("long-session-hours", "0")
    with pytest.raises(BadInput):
        app.settings.set("sleep-gap-minutes", "soon")


def test_a_session_ending_at_midnight_is_not_across_midnight(app: Tracker, ticket: str) -> None:
    app.add_session(ticket, "2026-11-02T23:00:00-03:00", "2026-11-03T00:00:00-03:00", "to midnight")
    assert flags_of(app, "2026-11-02") == {"to midnight": ()}


def test_a_running_timer_past_the_limit_and_across_midnight_is_flagged(app: Tracker, ticket: str, clock) -> None:
    clock.set(at("2026-11-03T20:00:00-03:00"))
    app.start(ticket)
    clock.set(at("2026-11-04T07:00:00-03:00"))  # forgotten overnight: +11 h
    status = app.status()
    assert status.elapsed_seconds == 11 * 3600
    assert status.flags == ("long", "across_midnight")
    session = app.stop()
    assert session.seconds == 11 * 3600  # never truncated
    assert app.log("2026-11-03")[0].flags == ("long", "across_midnight")


def test_the_clock_moving_forward_8_hours_counts_the_time(app: Tracker, ticket: str, clock) -> None:
    app.start(ticket)
    clock.advance(hours=8)
    assert app.status().elapsed_seconds == 8 * 3600
    assert app.stop().seconds == 8 * 3600


def test_the_clock_moving_back_an_hour_is_flagged_and_nothing_is_lost(app: Tracker, ticket: str, clock) -> None:
    app.start(ticket)
    clock.advance(minutes=10)
    app.heartbeat()
    clock.advance(hours=-1)
    assert app.status().flags == ("clock_jump",)
    app.heartbeat()
    clock.advance(hours=1, minutes=5)
    session = app.stop()
    assert session.seconds == 15 * 60
    assert "clock_jump" in session.flags


def test_a_stored_start_in_the_future_is_flagged(app: Tracker, ticket: str, clock) -> None:
    clock.advance(hours=2)
    app.start(ticket)
    clock.advance(hours=-2)  # the clock was wrong when the timer started, and is fixed now
    assert "clock_jump" in app.status().flags
    assert app.status().elapsed_seconds == -7200
    session = app.stop()
    assert session.seconds == 1 and session.flags == ("clock_jump",)


def heartbeat_then_sleep(app: Tracker, ticket: str, clock) -> None:
    app.start(ticket)
    clock.advance(minutes=5)
    app.heartbeat()
    clock.advance(minutes=40)  # the laptop slept


def test_no_heartbeat_means_no_sleep_gap(app: Tracker, ticket: str, clock) -> None:
    app.start(ticket)
    clock.advance(hours=3)  # a CLI-only timer: no window wrote heartbeats
    assert app.sleep_gap() is None
    assert "sleep_gap" not in app.status().flags


def test_a_timer_the_window_starts_beats_with_its_start_so_a_sleep_at_once_is_a_gap(
    app: Tracker, ticket: str, clock
) -> None:
    started = app.start(ticket, heartbeat=True).timer
    assert app.running().heartbeat == started.start  # stored with the start, one write
    clock.advance(minutes=40)  # the laptop slept before the window's first tick
    gap = app.sleep_gap()
    assert gap is not None and int((gap[1] - gap[0]).total_seconds()) == 40 * 60


def test_a_sleep_gap_is_reported_by_status(app: Tracker, ticket: str, clock) -> None:
    heartbeat_then_sleep(app, ticket, clock)
    gap = app.sleep_gap()
    assert gap is not None and int((gap[1] - gap[0]).total_seconds()) == 40 * 60
    status = app.status()
    assert status.to_json()["sleep_gap"] == {"from": "2026-11-03T15:05:00-03:00", "seconds": 2400}
    assert "sleep_gap" in status.flags


def test_keeping_a_sleep_gap_keeps_the_time_and_flags_it(app: Tracker, ticket: str, clock) -> None:
    heartbeat_then_sleep(app, ticket, clock)
    assert app.resolve_gap("keep") is None
    assert app.sleep_gap() is None
    clock.advance(minutes=15)
    session = app.stop()
    assert session.seconds == 60 * 60
    assert session.flags == ("sleep_gap",)


def test_discarding_a_sleep_gap_ends_the_session_at_the_last_heartbeat(app: Tracker, ticket: str, clock) -> None:
    heartbeat_then_sleep(app, ticket, clock)
    closed = app.resolve_gap("discard")
    assert closed is not None and closed.seconds == 5 * 60
    timer = app.running()
    assert timer is not None and timer.start == clock.now()
    clock.advance(minutes=10)
    app.stop()
    assert [s.seconds for s in app.log()] == [300, 600]


def test_splitting_a_sleep_gap_keeps_the_gap_as_its_own_flagged_session(app: Tracker, ticket: str, clock) -> None:
    heartbeat_then_sleep(app, ticket, clock)
    app.resolve_gap("split")
    clock.advance(minutes=10)
    app.stop()
    assert [(s.seconds, s.flags) for s in app.log()] == [(300, ()), (2400, ("sleep_gap",)), (600, ())]


def test_resolving_a_gap_needs_a_gap_and_a_known_choice(app: Tracker, ticket: str, clock) -> None:
    with pytest.raises(BadInput, match="no timer"):
        app.resolve_gap("keep")
    app.start(ticket)
    with pytest.raises(BadInput, match="no sleep gap"):
        app.resolve_gap("keep")
    with pytest.raises(BadInput) as err:
        app.resolve_gap("snooze")
    assert err.value.field == "choice"


def test_a_clean_close_clears_the_heartbeat(app: Tracker, ticket: str, clock) -> None:
    app.start(ticket)
    app.heartbeat()
    app.quiet()
    clock.advance(hours=2)
    assert app.sleep_gap() is None
    assert app.heartbeat() is not None
    assert app.quiet() is None and app.stop()
    assert app.heartbeat() is None


@pytest.mark.parametrize(
    ("zone", "start", "end", "seconds", "day"),
    [
        # Berlin springs forward on 2026-03-29: 02:00 does not exist.
        ("Europe/Berlin", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", 3600, "2026-03-29"),
        # Berlin falls back on 2026-10-25: 02:00-03:00 happens twice.
        ("Europe/Berlin", "2026-10-25T01:30:00+02:00", "2026-10-25T02:30:00+01:00", 7200, "2026-10-25"),
        # São Paulo still had DST in 2018: clocks went from 00:00 to 01:00 on 2018-11-04...
        ("America/Sao_Paulo", "2018-11-03T23:30:00-03:00", "2018-11-04T01:30:00-02:00", 3600, "2018-11-03"),
        # ...and back from 00:00 to 23:00 on 2018-02-17.
        ("America/Sao_Paulo", "2018-02-17T22:30:00-02:00", "2018-02-17T23:30:00-03:00", 7200, "2018-02-17"),
    ],
)
def test_timer_durations_are_exact_on_dst_days(
    app: Tracker, ticket: str, clock, zone: str, start: str, end: str, seconds: int, day: str
) -> None:
    clock.zone_name = zone
    clock.set(at(start))
    app.start(ticket)
    clock.set(at(end))
    assert app.status().elapsed_seconds == seconds
    session = app.stop()
    assert session.seconds == seconds
    assert [s.seconds for s in app.log(day)] == [seconds]


def test_a_zone_change_mid_session_keeps_the_exact_duration(app: Tracker, ticket: str, clock) -> None:
    clock.set(at("2026-11-03T09:00:00-03:00"))
    app.start(ticket)
    clock.zone_name = "Europe/Lisbon"  # the consultant flew to a customer in Lisbon
    clock.set(at("2026-11-03T15:30:00+00:00"))
    session = app.stop()
    assert session.seconds == 3 * 3600 + 30 * 60
    assert session.zone == "America/Sao_Paulo"
    assert session.start.isoformat() == "2026-11-03T09:00:00-03:00"
    assert session.end.isoformat() == "2026-11-03T12:30:00-03:00"
    assert app.log("2026-11-03")[0].seconds == 12600
