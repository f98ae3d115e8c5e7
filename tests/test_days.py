"""A consultant's days at a glance, the settings saved as one form, the central store tested.

- ``Tracker.days(from, to)``: per day the total, the sessions, those not yet synced and
  when the day last changed (what the window's list of days and its banner show).
- ``Settings.set_many``: every value checked before any is stored.
- ``Tracker.test_central``: a folder is tried by writing to it; a server is not in this build.
- The review does not flag today as "not synced since the day ended" before it ends, and
  says which ticket fields consultants recorded differently.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.errors import BadInput, TrackerError
from tracker.store import open_store

# ----- days ------------------------------------------------------------------------------------


def test_days_give_each_days_total_sessions_and_unsynced(app: Tracker, clock: FixedClock, tmp_path) -> None:
    app.settings.set("export-dir", str(tmp_path / "share"))
    (tmp_path / "share").mkdir()
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-10-01")
    app.add_session("1234567", "2026-11-02T09:00", "2026-11-02T10:30")
    app.add_session("1234567", "2026-11-02T14:00", "2026-11-02T14:20")
    app.sync()
    app.add_session("1234567", "2026-11-03T08:00", "2026-11-03T09:00")
    days = app.days("2026-11-01", date(2026, 11, 30))
    assert [(d.day, d.seconds, d.sessions, d.unsynced) for d in days] == [
        (date(2026, 11, 2), 5400 + 1200, 2, 0),
        (date(2026, 11, 3), 3600, 1, 1),
    ]
    assert days[1].changed_at == clock.now().replace(microsecond=0)
    assert app.days("2026-11-04", "2026-11-30") == []


def test_a_change_to_a_synced_day_moves_its_change_time_and_marks_it_unsynced(
    app: Tracker, clock: FixedClock, tmp_path
) -> None:
    app.settings.set("export-dir", str(tmp_path))
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-10-01")
    s = app.add_session("1234567", "2026-11-02T09:00", "2026-11-02T10:00")
    app.sync()
    before = app.days("2026-11-02", "2026-11-02")[0]
    clock.set(datetime.fromisoformat("2026-11-03T16:00:00-03:00"))
    app.delete_session(s.uuid, "recorded twice")
    after = app.days("2026-11-02", "2026-11-02")[0]
    assert (after.seconds, after.sessions, after.unsynced) == (0, 0, 1)  # the deletion is still to send
    assert before.changed_at is not None and after.changed_at is not None
    assert after.changed_at > before.changed_at
    assert after.changed_at.isoformat() == "2026-11-03T16:00:00-03:00"


def test_days_refuse_a_span_that_ends_before_it_starts(app: Tracker) -> None:
    with pytest.raises(BadInput) as refused:
        app.days("2026-11-10", "2026-11-01")
    assert refused.value.field == "to"


# ----- settings as one form ----------------------------------------------------------------------


def test_set_many_stores_nothing_when_one_value_is_refused(app: Tracker) -> None:
    with pytest.raises(BadInput) as refused:
        app.settings.set_many({"name": "Ana Souza", "role": "lead", "work-hours": "18:00-08:00"})
    assert refused.value.field == "work-hours"
    assert app.settings.get("name") == "" and app.settings.get("role") == "consultant"
    saved = app.settings.set_many({"name": " Ana Souza ", "role": "Lead", "idle-minutes": "15"})
    assert saved == {"name": "Ana Souza", "role": "lead", "idle-minutes": "15"}
    assert app.settings.get("role") == "lead" and app.settings.get("idle-minutes") == "15"


# ----- testing the central store -----------------------------------------------------------------


def test_test_central_writes_to_a_folder_and_refuses_what_it_cannot_use(app: Tracker, tmp_path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    assert str(share) in app.test_central(str(share))
    assert list(share.iterdir()) == [], "the test leaves nothing behind"
    with pytest.raises(TrackerError, match="is not there"):
        app.test_central(str(tmp_path / "nowhere"))
    with pytest.raises(BadInput) as bad:
        app.test_central("postgresql://ana:secret@localhost/tracker")  # a password in the URL
    assert bad.value.field == "central"
    default = app.home / "central-export"
    assert "first sync" in app.test_central(str(default))
    assert "first sync" in app.test_central("  "), "empty: the folder this home has"


def test_test_central_says_when_a_folder_cannot_be_written(app: Tracker, tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if _can_write(locked):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(TrackerError, match="read-only"):
            app.test_central(str(locked))
    finally:
        locked.chmod(0o700)


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


# ----- the review ------------------------------------------------------------------------------------


def _home(tmp_path: Path, share: Path, login: str, clock: FixedClock, role: str = "consultant") -> Tracker:
    home = tmp_path / login
    home.mkdir()
    tracker = Tracker(open_store(home), clock, home)
    tracker.settings.set_many({"consultant": login, "export-dir": str(share), "role": role})
    return tracker


def test_today_is_not_flagged_unsynced_since_its_end_before_it_ends(tmp_path, clock: FixedClock) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = _home(tmp_path, share, "ana", clock)
    lead = _home(tmp_path, share, "lead1", clock, role="lead")
    try:
        ana.add_ticket("1234567", "ACME", "technical", term_accepted="2026-10-01")
        ana.add_session("1234567", "2026-11-03T09:00", "2026-11-03T10:00")
        ana.sync()  # at 15:00 on the 3rd
        today = lead.review_day("2026-11-03").consultants[0]
        assert today.flags == ()
        clock.set(datetime.fromisoformat("2026-11-04T09:00:00-03:00"))
        assert lead.review_day("2026-11-03").consultants[0].flags == ("not_synced_since_day_end",)
    finally:
        ana.store.close()
        lead.store.close()


def test_the_review_says_which_ticket_fields_differ(tmp_path, clock: FixedClock) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = _home(tmp_path, share, "ana", clock)
    bruno = _home(tmp_path, share, "bruno", clock)
    lead = _home(tmp_path, share, "lead1", clock, role="lead")
    try:
        ana.add_ticket("1234567", "ACME", "technical", term_accepted="2026-10-01")
        bruno.add_ticket("1234567", "ACME Ltda", "technical", term_accepted="2026-10-01")
        ana.add_session("1234567", "2026-11-03T09:00", "2026-11-03T10:00")
        bruno.add_session("1234567", "2026-11-03T11:00", "2026-11-03T12:00")
        ana.sync()
        bruno.sync()
        review = lead.review_day("2026-11-03")
        for person in review.consultants:
            (session,) = person.sessions
            assert "ticket_disagrees" in session.flags
            assert session.ticket_differs == ("customer",)
            assert "ticket_differs" not in session.to_json(), "the CLI's JSON is unchanged"
    finally:
        for t in (ana, bruno, lead):
            t.store.close()
