"""The injected clock, the data folder and the settings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tracker import clock as clockmod
from tracker.app import Tracker
from tracker.clock import FixedClock, SystemClock, default_clock
from tracker.config import os_login
from tracker.errors import BadInput, TrackerError
from tracker.paths import data_home
from tracker.store import open_store
from tracker.store.schema import AUDIT, statements
from tracker.timeutil import human_duration, parse_time, session_zone, zone


def test_fixed_clock_is_utc_and_moves_only_when_told() -> None:
    c = FixedClock(datetime.fromisoformat("2026-11-03T09:00:00-03:00"))
    assert c.now() == datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
    c.advance(minutes=90)
    assert c.now().isoformat() == "2026-11-03T13:30:00+00:00"
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 11, 3))


def test_fake_now_fixes_a_whole_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_FAKE_NOW", "2026-11-03T09:00:00-03:00")
    monkeypatch.setenv("TRACKER_TZ", "Europe/Berlin")
    c = default_clock()
    assert c.now().isoformat() == "2026-11-03T12:00:00+00:00"
    assert c.zone() == "Europe/Berlin"
    monkeypatch.setenv("TRACKER_FAKE_NOW", "2026-11-03T09:00:00")
    with pytest.raises(ValueError, match="offset"):
        default_clock()


def test_system_clock_is_aware_and_names_a_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_FAKE_NOW", raising=False)
    monkeypatch.delenv("TRACKER_TZ", raising=False)
    c = default_clock()
    assert isinstance(c, SystemClock)
    assert c.now().tzinfo is not None
    assert zone(c.zone()) is not None
    assert clockmod.local_zone_name()


def test_data_home_follows_tracker_home_or_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRACKER_HOME", str(tmp_path))
    assert data_home() == tmp_path
    monkeypatch.delenv("TRACKER_HOME")
    assert "consultancy-tracker" in str(data_home())


def test_settings_validate_and_persist(app: Tracker, home: Path) -> None:
    s = app.settings
    assert s.set("role", " Lead ") == "lead"
    assert s.set("unit", "FR-01") == "FR-01"
    assert s.set("name", "Ana Souza") == "Ana Souza"
    assert s.set("export-dir", str(home / "x" / ".." / "share")).endswith("share")
    assert s.get("role") == "lead"
    for key, value in [("role", "boss"), ("unit", "bad unit"), ("consultant", ""), ("name", "n" * 201),
                       ("export-dir", " "), ("colour", "red")]:
        with pytest.raises(BadInput):
            s.set(key, value)
    with pytest.raises(BadInput):
        s.get("colour")
    assert s.is_set("role") and not s.is_set("products")


def test_the_default_login_is_the_os_user(store, clock, home: Path) -> None:
    app = Tracker(store, clock, home)
    assert app.consultant == os_login()
    assert app.settings.is_set("consultant") is False


def test_times_parse_with_field_names() -> None:
    assert parse_time("2026-11-03T09:00", "start", "America/Sao_Paulo").isoformat() == "2026-11-03T09:00:00-03:00"
    with pytest.raises(BadInput, match="start"):
        parse_time("  ", "start", "UTC")
    with pytest.raises(BadInput, match="zone"):
        zone("Mars/Olympus")
    when = datetime.fromisoformat("2026-11-03T09:00:00+01:00")
    assert session_zone(when, "Europe/Berlin") == "Europe/Berlin"
    assert session_zone(when, "America/Sao_Paulo") is None
    assert session_zone(when, "Not/AZone") is None
    assert human_duration(3725) == "1:02:05"
    assert human_duration(-5) == "-0:00:05"


def test_a_newer_schema_is_refused_and_not_touched(home: Path) -> None:
    store = open_store(home)
    store.conn.execute("PRAGMA user_version = 99")
    store.close()
    with pytest.raises(TrackerError, match="newer version"):
        open_store(home)


def test_schema_scripts_split_where_sqlite_says_a_statement_ends() -> None:
    script = (
        "CREATE TABLE t (x TEXT);\n"
        "CREATE TRIGGER t_kept BEFORE DELETE ON t\nBEGIN\n    SELECT RAISE(ABORT, 'kept; always');\nEND;\n"
        "INSERT INTO t VALUES ('a;\nb');\n"
    )
    found = list(statements(script))
    assert [s.split()[0:2] for s in found] == [["CREATE", "TABLE"], ["CREATE", "TRIGGER"], ["INSERT", "INTO"]]
    assert found[1].endswith("END;")
    assert len(list(statements(AUDIT))) == 6  # a table, an index, two triggers, two columns
    with pytest.raises(ValueError, match="unfinished"):
        list(statements("CREATE TABLE u (x TEXT)"))
