"""A span of days of the log, written by SQLite: the same sessions, times and flags as each day's log.

The span is built for whole histories (SQLite writes the JSON and the lines), so these
tests hold it to the day log, which builds sessions in Python, on the hard cases: a
session across a change of summer time, overlaps inside the day and across midnight and
the span's edge, a long session, a fixed offset, a stored flag, an offset with seconds
(local mean time before 1914), a deleted session.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from tracker.app import Tracker
from tracker.cli.output import session_json
from tracker.errors import BadInput
from tracker.store import sessions as rows
from tracker.timeutil import human_duration, to_ts


@pytest.fixture
def history(app: Tracker) -> Tracker:
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2018-01-01")
    app.add_ticket("7654321", "Beta", "support", term_accepted="2018-01-01")
    add = app.add_session
    add("1234567", "2000-01-03T10:00", "2000-01-03T11:00", "the oldest day a session may have")
    add("1234567", "2018-11-03T23:30", "2018-11-04T01:30:00-02:00", "across the start of summer time")
    add("1234567", "2018-11-05T09:00", "2018-11-05T10:00", "overlapped")
    add("7654321", "2018-11-05T09:30", "2018-11-05T09:45", "inside the other")
    add("1234567", "2018-11-06T23:00", "2018-11-07T01:00:00-02:00", "across midnight")
    add("7654321", "2018-11-07T00:30:00-02:00", "2018-11-07T00:45:00-02:00", "overlaps yesterday's")
    add("1234567", "2018-11-08T08:00", "2018-11-08T19:30", "eleven and a half hours: long")
    add("1234567", "2018-11-09T10:00:00+01:00", "2018-11-09T11:00:00+01:00", "a fixed offset, abroad")
    gone = add("1234567", "2018-11-09T09:00", "2018-11-09T12:00", "deleted")
    app.delete_session(gone.uuid, "typed twice")
    slept = add("7654321", "2018-11-10T14:00", "2018-11-10T15:00", "slept")
    with app.store.atomic() as db:
        rows.update_session(db, slept._replace(flags=("sleep_gap",)))
    add("1234567", "2026-11-03T09:00", "2026-11-03T09:25", "today")
    return app


def by_day(lines: list[str]) -> dict[str, list[dict]]:
    days: dict[str, list[dict]] = {}
    for line in lines:
        session = json.loads(line)
        days.setdefault(session["start"][:10], []).append(session)
    return days


def test_every_day_of_a_span_is_what_that_days_log_says(history: Tracker) -> None:
    span = history.log_span("2000-01-01", as_json=True)
    assert (span.first, span.last) == (date(2000, 1, 1), date(2026, 11, 3))
    days = by_day(span.lines)
    assert len(span.lines) == 10 and span.days == len(days) == 9
    for day, sessions in days.items():
        assert sessions == [session_json(s) for s in history.log(day)], day
    flags = {s["note"]: s["flags"] for s in map(json.loads, span.lines)}
    assert flags["across the start of summer time"] == ["across_midnight"]
    assert flags["overlapped"] == flags["inside the other"] == ["overlap"]
    assert flags["across midnight"] == ["overlap", "across_midnight"]
    assert flags["overlaps yesterday's"] == ["overlap"]
    assert flags["eleven and a half hours: long"] == ["long"]
    assert flags["slept"] == ["sleep_gap"] and flags["today"] == []
    dst = next(s for s in map(json.loads, span.lines) if s["note"].startswith("across the start"))
    assert (dst["start"], dst["end"], dst["seconds"]) == (
        "2018-11-03T23:30:00-03:00",
        "2018-11-04T01:30:00-02:00",
        3600,
    )
    oldest = json.loads(span.lines[0])
    assert oldest["start"] == "2000-01-03T10:00:00-02:00", "summer time in São Paulo then"
    assert span.seconds == sum(s["seconds"] for s in map(json.loads, span.lines))


def test_the_lines_are_the_day_logs_lines_with_their_day(history: Tracker) -> None:
    span = history.log_span("2018-11-01", "2018-11-30")
    expected = [
        f"{s.start:%Y-%m-%d %H:%M}-{s.end:%H:%M}  {s.ticket:<10} {s.type.value:<10} "
        f"{human_duration(s.seconds):>9}  {s.note}"
        for day in (
            "2018-11-03",
            "2018-11-05",
            "2018-11-06",
            "2018-11-07",
            "2018-11-08",
            "2018-11-09",
            "2018-11-10",
        )
        for s in history.log(day)
    ]
    assert span.lines == expected
    assert (
        span.lines[0]
        == "2018-11-03 23:30-01:30  1234567    technical    1:00:00  across the start of summer time"
    )
    assert span.days == 7 and span.seconds == sum(
        s.seconds for d in range(1, 31) for s in history.log(f"2018-11-{d:02d}")
    )


def test_the_edge_of_a_span_still_sees_the_overlap_of_the_day_before(history: Tracker) -> None:
    span = history.log_span("2018-11-07", "2018-11-07", as_json=True)
    assert [(s["note"], s["flags"]) for s in map(json.loads, span.lines)] == [
        ("overlaps yesterday's", ["overlap"])
    ]


@pytest.mark.parametrize("share", [0, 10**9])
def test_reading_by_index_or_the_whole_table_gives_the_same_span(
    history: Tracker, monkeypatch: pytest.MonkeyPatch, share: int
) -> None:
    reference = history.log_span("2000-01-01", as_json=True).lines
    monkeypatch.setattr(rows, "_SCAN_SHARE", share)  # 0: always the index; huge: always a scan
    assert history.log_span("2000-01-01", as_json=True).lines == reference


def test_a_span_refuses_a_last_day_before_its_first_and_needs_a_first(history: Tracker) -> None:
    with pytest.raises(BadInput) as err:
        history.log_span("2018-11-07", "2018-11-01")
    assert err.value.field == "to"
    with pytest.raises(BadInput) as err:
        history.log_span(None, "2018-11-01")
    assert err.value.field == "from"
    with pytest.raises(BadInput) as err:
        history.log_span("7/11/2018")
    assert err.value.field == "from"


def test_an_empty_span_is_empty(history: Tracker) -> None:
    span = history.log_span("2019-01-01", "2019-12-31", as_json=True)
    assert (span.lines, span.seconds, span.days) == ([], 0, 0)


def test_a_date_alone_is_not_a_time(history: Tracker) -> None:
    with pytest.raises(BadInput) as err:
        history.add_session("1234567", "2026-11-03", "2026-11-03T10:00")
    assert err.value.field == "start" and "without a time" in err.value.message
    assert to_ts(datetime.fromisoformat("2026-11-03T00:00:00-03:00")) not in {
        to_ts(s.start) for s in history.log("2026-11-03")
    }
