"""Backups with SQLite's backup API, restore, a damaged file, and a full disk."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import backup
from tracker.app import Tracker
from tracker.cli import explain_database_error
from tracker.errors import BadInput, TrackerError
from tracker.store import open_store


def seed(cli: Cli, n: int = 3) -> None:
    assert cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical").code == 0
    for i in range(n):
        r = cli("add", "1234567", "--start", f"2026-11-02T0{i}:00", "--end", f"2026-11-02T0{i}:30")
        assert r.code == 0, r.err


def count_sessions(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM sessions").fetchone()[0]


def test_a_backup_is_a_consistent_private_copy(app: Tracker, tmp_path: Path) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00")
    out = app.backup(tmp_path / "b" / "copy.db")
    assert backup.check_file(out) is None
    assert count_sessions(out) == 1
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert not list(out.parent.glob(".*.tmp"))
    default = app.backup()
    assert default.parent == app.home / "backups" and default.name.startswith("tracker-2026-11-03")


def test_daily_automatic_backups_keep_the_last_14(app: Tracker) -> None:
    first = app.auto_backup()
    assert first is not None and first.name == "tracker-auto-2026-11-03.db"
    assert app.auto_backup() is None  # one a day
    for i in range(20):
        backup.auto_backup(app.store, app.home, date(2026, 10, 1) + timedelta(days=i))
    autos = sorted(p.name for p in (app.home / "backups").glob("tracker-auto-*.db"))
    assert len(autos) == 14
    assert autos[-1] == "tracker-auto-2026-11-03.db"
    assert "tracker-auto-2026-10-01.db" not in autos


def test_cli_backup_and_restore_round_trip(cli: Cli, home: Path, tmp_path: Path) -> None:
    seed(cli, 2)
    out = tmp_path / "saved.db"
    r = cli("backup", "--out", str(out))
    assert r.code == 0 and str(out) in r.out
    seed_more = cli("add", "1234567", "--start", "2026-11-02T05:00", "--end", "2026-11-02T05:10")
    assert seed_more.code == 0
    assert count_sessions(home / "tracker.db") == 3
    r = cli("restore", str(out))
    assert r.code == 0, r.err
    assert "kept as" in r.out
    assert len(cli("log", "--day", "2026-11-02", "--json").json()) == 2
    aside = list(home.glob("tracker.db.before-restore-*"))
    assert aside and count_sessions(next(p for p in aside if not p.name.endswith(("-wal", "-shm")))) == 3


def test_restore_refuses_a_file_that_is_not_a_good_backup(cli: Cli, home: Path, tmp_path: Path) -> None:
    seed(cli, 1)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 1000)
    r = cli("restore", str(junk))
    assert r.code == 2 and "cannot be restored" in r.err
    r = cli("restore", str(tmp_path / "missing.db"))
    assert r.code == 2 and "does not exist" in r.err
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    r = cli("restore", str(other))
    assert r.code == 2 and "not a tracker database" in r.err
    assert count_sessions(home / "tracker.db") == 1


def test_restore_refuses_while_the_window_holds_the_lock(cli: Cli, home: Path, tmp_path: Path) -> None:
    seed(cli, 1)
    out = tmp_path / "saved.db"
    cli("backup", "--out", str(out))
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (home / "tracker.lock").write_text(f"{holder.pid}\ntracker\nhost\n")
        r = cli("restore", str(out))
        assert r.code == 1 and "window is open" in r.err
    finally:
        holder.kill()
        holder.wait()
    r = cli("restore", str(out))  # the holder is gone: the lock is stale
    assert r.code == 0, r.err


def damage_truncate(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2)


def damage_flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    # Scribble over the end of every page after the first, where a b-tree page keeps its cells.
    for end in range(2 * 4096, len(data) + 1, 4096):
        data[end - 64 : end] = bytes(b ^ 0xFF for b in data[end - 64 : end])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [damage_truncate, damage_flip], ids=["truncated", "byte-flipped"])
def test_a_damaged_database_is_refused_named_and_restorable(cli: Cli, home: Path, damage) -> None:
    seed(cli, 3)
    r = cli("backup")
    assert r.code == 0
    # Make the file big enough to damage meaningfully, and fold the WAL in.
    with sqlite3.connect(home / "tracker.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(home / "tracker.db")
    before = (home / "tracker.db").read_bytes()
    r = cli("status")
    assert r.code == 1, r.err
    assert "is damaged" in r.err and "tracker restore" in r.err and "backups" in r.err
    assert "Traceback" not in r.err
    r = cli("add", "1234567", "--start", "2026-11-02T07:00", "--end", "2026-11-02T07:10")
    assert r.code == 1
    assert (home / "tracker.db").read_bytes() == before  # never written to
    good = backup.latest_good_backup(home)
    assert good is not None
    r = cli("restore", str(good))
    assert r.code == 0, r.err
    assert len(cli("log", "--day", "2026-11-02", "--json").json()) == 3


def test_open_store_refuses_damage_when_asked_to_check(home: Path) -> None:
    s = open_store(home)
    s.close()
    (home / "tracker.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(TrackerError, match="damaged"):
        open_store(home, check=True)


def test_a_full_disk_loses_nothing_acknowledged(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.add_session("1234567", "2026-11-03T08:00:00-03:00", "2026-11-03T08:30:00-03:00", "kept")
    pages = app.store.one("PRAGMA page_count")[0]
    app.store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    with pytest.raises(sqlite3.OperationalError) as err:
        for i in range(200):
            app.add_session(
                "1234567",
                f"2026-11-02T{i % 24:02d}:00:00-03:00",
                f"2026-11-02T{i % 24:02d}:00:0{1 + i % 8}-03:00",
                "x" * 1500,
            )
    message = explain_database_error(err.value)
    assert "disk is full" in message and "intact" in message
    assert [s.note for s in app.log("2026-11-03")] == ["kept"]
    assert app.store.one("PRAGMA integrity_check")[0] == "ok"


def test_database_errors_are_explained_in_plain_words(monkeypatch, home: Path) -> None:
    monkeypatch.setenv("TRACKER_HOME", str(home))
    assert "busy" in explain_database_error(sqlite3.OperationalError("database is locked"))
    assert "refused the write" in explain_database_error(sqlite3.OperationalError("disk I/O error"))
    assert "damaged" in explain_database_error(sqlite3.DatabaseError("database disk image is malformed"))
    assert "failed" in explain_database_error(sqlite3.OperationalError("something else"))


def test_check_file_names_the_problem(tmp_path: Path, app: Tracker) -> None:
    newer = app.backup(tmp_path / "newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    assert "newer tracker" in backup.check_file(newer)
    with pytest.raises(BadInput, match="newer"):
        backup.restore(app.home, newer)


def test_a_failed_backup_says_so(app: Tracker, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(TrackerError, match="backup"):
        app.backup(blocker / "sub" / "b.db")
    assert sorted(os.listdir(tmp_path)) == ["file", "home"] and blocker.read_text() == "x"


def test_a_backup_to_a_device_is_written_into_it_and_leaves_it_a_device(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    assert app.backup(Path("/dev/null")) == Path("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null.*")) and not list(app.home.glob(".*.tmp"))


def test_a_restore_leaves_no_temp_file_beside_the_database(app: Tracker, tmp_path: Path) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    saved = app.backup(tmp_path / "saved.db")
    with pytest.raises(TrackerError, match="still open here; close it, then restore"):
        backup.restore(app.home, saved)
    assert backup.check_file(app.home / "tracker.db") is None  # nothing was moved aside
    assert not list(app.home.glob("tracker.db.before-restore-*"))
    app.store.close()  # as the window and the CLI do before a restore
    aside = backup.restore(app.home, saved)
    assert aside.name.startswith("tracker.db.before-restore-")
    assert backup.check_file(app.home / "tracker.db") is None
    assert not list(app.home.glob(".*tmp"))
