"""Recent tickets for the tray menu and the quick switch, and how long sessions wait to sync."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.errors import BadInput
from tracker.store import tickets as ticket_rows


def numbers(app: Tracker, limit: int = 5) -> list[str]:
    return [t.number for t in app.recent_tickets(limit)]


def work_on(app: Tracker, clock: FixedClock, number: str, minutes: int = 10) -> None:
    app.start(number)
    clock.advance(minutes=minutes)
    app.stop()


@pytest.fixture
def tickets(app: Tracker, clock: FixedClock) -> list[str]:
    made = [f"100000{i}" for i in range(7)]
    for n in made:
        app.add_ticket(n, f"Cliente {n}", "standard")
        clock.advance(seconds=1)
    return made


def test_tickets_are_ordered_by_the_latest_session_newest_first(
    app: Tracker, clock: FixedClock, tickets: list[str]
) -> None:
    for n in ("1000003", "1000001", "1000005", "1000001", "1000002", "1000004", "1000000"):
        work_on(app, clock, n)
    assert numbers(app) == ["1000000", "1000004", "1000002", "1000001", "1000005"]
    assert numbers(app, 2) == ["1000000", "1000004"]


def test_the_running_ticket_comes_first(app: Tracker, clock: FixedClock, tickets: list[str]) -> None:
    work_on(app, clock, "1000001")
    work_on(app, clock, "1000002")
    app.start("1000006")
    assert numbers(app, 3) == ["1000006", "1000002", "1000001"]


def test_newest_open_tickets_fill_in_when_little_was_worked(
    app: Tracker, clock: FixedClock, tickets: list[str]
) -> None:
    work_on(app, clock, "1000000")
    assert numbers(app, 4) == ["1000000", "1000006", "1000005", "1000004"]


def test_finalized_and_deleted_work_is_left_out(app: Tracker, clock: FixedClock, tickets: list[str]) -> None:
    work_on(app, clock, "1000000")
    work_on(app, clock, "1000001")
    app.finalize("1000001")
    work_on(app, clock, "1000002")
    session = app.log()[-1]
    app.delete_session(session.uuid, "wrong ticket")
    app.finalize("1000006")
    app.finalize("1000005")
    app.finalize("1000004")
    app.finalize("1000003")
    assert numbers(app) == ["1000000", "1000002"]


def test_only_my_sessions_count(app: Tracker, clock: FixedClock, tickets: list[str]) -> None:
    work_on(app, clock, "1000000")
    app.settings.set("consultant", "bia")
    work_on(app, clock, "1000001")
    app.settings.set("consultant", "ana")
    assert ticket_rows.recently_worked_open_tickets(app.store, "ana", 5) == ["1000000"]


def test_the_recent_walk_uses_the_day_index(app: Tracker) -> None:
    plan = " ".join(
        r[3]
        for r in app.store.all(
            "EXPLAIN QUERY PLAN SELECT s.ticket FROM sessions AS s JOIN tickets AS t ON t.number = s.ticket "
            "WHERE s.consultant = ? AND s.deleted = 0 AND t.finalized_ts IS NULL "
            "ORDER BY s.local_day DESC, s.start_ts DESC LIMIT ?",
            ("ana", 10),
        )
    )
    assert "sessions_day" in plan and "TEMP B-TREE" not in plan


def test_a_limit_below_one_is_refused(app: Tracker) -> None:
    with pytest.raises(BadInput) as err:
        app.recent_tickets(0)
    assert err.value.field == "limit"


def test_no_tickets_means_no_recent_tickets(app: Tracker) -> None:
    assert app.recent_tickets() == []


def test_oldest_unsynced_is_when_the_oldest_pending_session_was_recorded(
    app: Tracker, clock: FixedClock, tickets: list[str]
) -> None:
    assert app.oldest_unsynced() is None
    recorded = clock.now() + timedelta(minutes=10)
    work_on(app, clock, "1000000")
    work_on(app, clock, "1000001")
    oldest = app.oldest_unsynced()
    assert oldest == recorded and oldest is not None and oldest.utcoffset() == timedelta(hours=-3)


def test_oldest_unsynced_is_never_before_the_last_sync(
    app: Tracker, clock: FixedClock, tickets: list[str]
) -> None:
    work_on(app, clock, "1000000")
    synced_at = datetime.fromisoformat("2026-11-03T18:00:00-03:00")
    with app.store.atomic() as db:
        db.execute("INSERT INTO sync_state(key, value) VALUES ('last-sync', ?)", [synced_at.isoformat()])
    assert app.oldest_unsynced() == synced_at
