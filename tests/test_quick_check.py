"""backup.quick_check: the start-up check the desktop app runs in a worker thread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker import backup
from tracker.app import Tracker
from tracker.errors import TrackerError
from tracker.store import Store


def _filled(app: Tracker, store: Store) -> Path:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    for hour in range(8, 14):
        app.add_session(
            "12345678", f"2026-11-03T{hour:02d}:00:00", f"2026-11-03T{hour:02d}:30:00", note="x" * 900
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path


def test_a_sound_database_passes_the_quick_check(app: Tracker, store: Store) -> None:
    assert backup.quick_check(_filled(app, store)) is None


def test_a_byte_flipped_database_is_named_damaged(app: Tracker, store: Store) -> None:
    path = _filled(app, store)
    store.close()
    data = bytearray(path.read_bytes())
    for end in range(2 * 4096, len(data) + 1, 4096):  # the cells at the end of every page
        data[end - 64 : end] = bytes(b ^ 0xFF for b in data[end - 64 : end])
    path.write_bytes(bytes(data))
    problem = backup.quick_check(path)
    assert problem  # a plain description, no exception
    assert backup.damaged_message(path.parent, problem).startswith(f"the database {path} is damaged")


def test_a_file_that_is_no_database_is_reported_not_raised(tmp_path: Path) -> None:
    junk = tmp_path / "tracker.db"
    junk.write_bytes(b"not a database at all" * 400)
    assert "not a readable database" in (backup.quick_check(junk) or "")


def test_a_stopped_check_raises_and_leaves_the_file_alone(app: Tracker, store: Store) -> None:
    path = _filled(app, store)
    before = path.read_bytes()
    with pytest.raises(TrackerError, match="stopped before it began"):
        backup.quick_check(path, stop=lambda: True)
    with sqlite3.connect(path) as conn:  # a table big enough to be interrupted in its middle
        conn.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO filler (text) VALUES (?)", (("y" * 200,) for _ in range(200_000)))
    before = path.read_bytes()
    asked: list[int] = []

    def stop_once_running() -> bool:
        asked.append(1)
        return len(asked) > 1  # the first answer is before the check begins

    with pytest.raises(TrackerError, match="stopped before it finished"):
        backup.quick_check(path, stop=stop_once_running)
    assert path.read_bytes() == before
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone()[0] == "ok"
