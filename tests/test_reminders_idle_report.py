"""Reminders, the idle source, and the weekly report's figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from tracker import idle, reminders
from tracker.app import Tracker
from tracker.errors import BadInput
from tracker.model import ConsultancyType, RunningTimer
from tracker.report import week

SETTINGS = reminders.ReminderSettings(*reminders.parse_work_hours("08:00-18:00"),
                                      reminders.parse_work_days("mon-fri"), 4, 2)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def timer(start: str) -> RunningTimer:
    return RunningTimer("ana", "1234567", ConsultancyType.TECHNICAL, at(start), "America/Sao_Paulo", "u" * 36)


def kinds(found) -> list[str]:
    return [r.kind for r in found]


def test_no_timer_during_working_hours_is_reminded() -> None:
    assert kinds(reminders.due(at("2026-11-03T10:00:00-03:00"), None, None, SETTINGS)) == ["no_timer"]
    assert reminders.due(at("2026-11-03T19:00:00-03:00"), None, None, SETTINGS) == []  # after hours
    assert reminders.due(at("2026-11-07T10:00:00-03:00"), None, None, SETTINGS) == []  # Saturday


def test_a_long_timer_and_old_unsynced_sessions_are_reminded() -> None:
    found = reminders.due(at("2026-11-03T15:00:00-03:00"), timer("2026-11-03T10:30:00-03:00"),
                          at("2026-10-30T09:00:00-03:00"), SETTINGS)
    assert [(r.kind, r.detail) for r in found] == [("long_timer", {"ticket": "1234567", "hours": 4}),
                                                   ("unsynced", {"days": 4})]
    assert reminders.due(at("2026-11-03T14:00:00-03:00"), timer("2026-11-03T10:30:00-03:00"),
                         at("2026-11-02T09:00:00-03:00"), SETTINGS) == []


def test_a_reminder_is_not_repeated_within_an_hour() -> None:
    now = at("2026-11-03T10:00:00-03:00")
    assert reminders.due(now, None, None, SETTINGS, {"no_timer": at("2026-11-03T09:30:00-03:00")}) == []
    assert kinds(reminders.due(now, None, None, SETTINGS, {"no_timer": at("2026-11-03T09:00:00-03:00")})) == [
        "no_timer"]


@pytest.mark.parametrize(("text", "days"), [("mon-fri", {0, 1, 2, 3, 4}), ("seg-sex", {0, 1, 2, 3, 4}),
                                            ("mon,wed, fri", {0, 2, 4}), ("fri-mon", {4, 5, 6, 0})])
def test_work_days_are_parsed(text: str, days: set[int]) -> None:
    assert reminders.parse_work_days(text) == frozenset(days)


@pytest.mark.parametrize(("key", "value"), [("work-days", "funday"), ("work-days", ""), ("work-hours", "9-5"),
                                            ("work-hours", "18:00-08:00"), ("work-hours", "25:00-26:00"),
                                            ("language", "klingon"), ("close-to-tray", "maybe"),
                                            ("idle-minutes", "0")])
def test_reminder_settings_refuse_bad_values(app: Tracker, key: str, value: str) -> None:
    with pytest.raises(BadInput) as err:
        app.settings.set(key, value)
    assert err.value.field == key


def test_reminder_settings_round_trip(app: Tracker) -> None:
    assert app.settings.set("work-days", "seg-qui") == "mon,tue,wed,thu"
    assert app.settings.set("work-hours", "9:00 - 17:30") == "09:00-17:30"
    s = reminders.settings_of(app.settings.all())
    assert (s.work_start.hour, s.work_end.minute, s.work_days) == (9, 30, frozenset({0, 1, 2, 3}))


def test_idle_sources_say_what_they_can(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = idle.FixedIdle(120)
    assert fake.available and fake.idle_seconds() == 120
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    source = idle.system_idle_source()
    assert not source.available and source.idle_seconds() is None and "Wayland" in source.name
    monkeypatch.delenv("WAYLAND_DISPLAY")
    assert "no X display" in idle.system_idle_source().name


def test_the_week_report_counts_days_tickets_defects_and_amounts(app: Tracker) -> None:
    app.add_ticket("1234567", "Padaria", "technical", term_accepted="2026-10-01")
    app.add_ticket("7654321", "Beta", "standard")
    app.add_session("1234567", "2026-11-02T09:00:00-03:00", "2026-11-02T09:30:00-03:00")
    app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:07:30-03:00")
    app.add_session("7654321", "2026-11-03T10:00:00-03:00", "2026-11-03T11:00:00-03:00")
    app.add_session("1234567", "2026-10-30T09:00:00-03:00", "2026-10-30T10:00:00-03:00")  # the week before
    app.flag_defect("1234567", "product", "BUG-7")
    report = week(app, date(2026, 11, 4))
    assert report.start == date(2026, 11, 2)
    assert [d.total for d in report.days[:3]] == [1800, 450 + 3600, 0]
    assert report.days[1].seconds == {"technical": 450, "support": 0, "standard": 3600}
    assert report.total == 1800 + 450 + 3600 and report.billable == 2250
    assert [(t.number, t.sessions, t.seconds) for t in report.tickets] == [("7654321", 1, 3600),
                                                                           ("1234567", 2, 2250)]
    assert report.defects == [{"ticket": "1234567", "kind": "product", "ref": "BUG-7", "note": ""}]
    assert report.amount is None  # no rates known in this home
    app.settings.set("role", "billing")  # only billing sets rates; a billing home's own count at once
    app.set_rate("technical", "240.00", "2026-01-01")
    report = week(app, date(2026, 11, 4))
    assert report.days[0].amount == Decimal("120.00")  # 30 min
    assert report.days[1].amount == Decimal("32.00")  # 8 min; standard is never billed
    assert report.amount == Decimal("152.00")
