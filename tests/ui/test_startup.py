"""Starting the app: one window per data folder, the damaged-database check, backups."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import ui.app
from tracker import backup
from tracker.clock import FixedClock
from tracker.app import Tracker
from tracker.store import open_store
from ui.consultant.dialogs import DamagedDatabaseDialog
from ui.common.instance import Acquired, SingleInstance
from ui.consultant.main_window import BackupFileDialog, MainWindow

ROOT = Path(__file__).resolve().parents[2]
JUNK = b"this is not a database, it was overwritten by something\x00\xff" * 300


def _prepared_home(home: Path, clock: FixedClock) -> None:
    with open_store(home) as s:
        t = Tracker(s, clock, home)
        t.settings.set("consultant", "ana")
        t.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")


# ----- the damaged database --------------------------------------------------------------


@pytest.fixture
def damaged_home(home: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with a good backup, then junk written over tracker.db."""
    _prepared_home(home, clock)
    with open_store(home) as s:
        Tracker(s, clock, home).backup(home / "backups" / "tracker-2026-11-02-090000.db")
    (home / "tracker.db").write_bytes(JUNK)
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("TRACKER_EXIT_WHEN_SHOWN", "1")
    return home


def _damaged_answer(monkeypatch: pytest.MonkeyPatch, restore: bool) -> list[tuple[str, Path]]:
    asked: list[tuple[str, Path]] = []

    def ask(cls: type, parent: Any, text: str, path: Path) -> bool:
        asked.append((text, path))
        return restore

    monkeypatch.setattr(DamagedDatabaseDialog, "ask", classmethod(ask))
    return asked


def test_a_damaged_database_is_left_byte_identical_when_the_backup_is_not_restored(
    qapp: Any, damaged_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _damaged_answer(monkeypatch, restore=False)
    assert ui.app.run_app([]) == 1
    assert (damaged_home / "tracker.db").read_bytes() == JUNK
    good = damaged_home / "backups" / "tracker-2026-11-02-090000.db"
    assert len(asked) == 1 and asked[0][1] == good
    assert "is damaged" in asked[0][0] and f"The latest good backup is {good}" in asked[0][0]
    assert sorted(p.name for p in damaged_home.iterdir() if p.name.startswith("tracker.db")) == ["tracker.db"]


def test_restoring_the_offered_backup_opens_it_and_keeps_the_damaged_file_aside(
    qapp: Any, damaged_home: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock
) -> None:
    _damaged_answer(monkeypatch, restore=True)
    assert ui.app.run_app([]) == 0
    aside = [p for p in damaged_home.iterdir() if p.name.startswith("tracker.db.before-restore-")]
    assert len(aside) == 1 and aside[0].read_bytes() == JUNK
    with open_store(damaged_home, check=True) as s:
        assert [t.number for t in Tracker(s, clock, damaged_home).list_tickets()] == ["12345678"]


def test_a_damaged_database_without_a_backup_is_a_message_and_exit_one(
    qapp: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "tracker.db").write_bytes(JUNK)
    monkeypatch.setenv("TRACKER_HOME", str(home))
    messages: list[str] = []
    monkeypatch.setattr(
        ui.app.QMessageBox, "critical", staticmethod(lambda parent, title, text: messages.append(text))
    )
    asked = _damaged_answer(monkeypatch, restore=True)
    assert ui.app.run_app([]) == 1
    assert asked == []
    assert "is damaged" in messages[0] and "No good backup was found" in messages[0]
    assert (home / "tracker.db").read_bytes() == JUNK


# ----- one window per data folder ----------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TRACKER_HOME=str(home), QT_QPA_PLATFORM="offscreen", TRACKER_DEBUG_IPC="1")
    env.pop("TRACKER_EXIT_WHEN_SHOWN", None)
    return env


def _wait_for_line(proc: subprocess.Popen[bytes], wanted: str, timeout: float = 20) -> list[str]:
    """Read the process's stderr until a line equals ``wanted``; bounded by ``timeout``.

    It reads the raw pipe (a buffered reader could hold a line that select() no longer
    sees) and keeps what follows the line for the next call.
    """
    assert proc.stderr is not None
    fd = proc.stderr.fileno()
    pending: bytes = _PENDING.pop(proc.pid, b"")
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            seen.append(line.decode(errors="replace"))
            if seen[-1] == wanted:
                _PENDING[proc.pid] = pending
                return seen
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:  # the process ended
            break
        pending += chunk
    raise AssertionError(f"no {wanted!r} from the process within {timeout} s; it said {seen}")


_PENDING: dict[int, bytes] = {}


def test_a_lock_left_by_a_killed_process_is_cleared_but_a_live_one_is_not(home: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from PySide6.QtCore import QLockFile; "
            f"lock = QLockFile({str(home / 'tracker.lock')!r}); assert lock.tryLock(0); "
            "print('locked', file=sys.stderr, flush=True); time.sleep(120)",
        ],
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_line(holder, "locked")
        # Older than Qt's default stale time (30 s): a live holder still keeps it.
        old = time.time() - 3600
        os.utime(home / "tracker.lock", (old, old))
        second = SingleInstance(home)
        assert second.acquire() is Acquired.HELD
        assert second.holder_pid() == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    assert holder.returncode == -signal.SIGKILL
    assert (home / "tracker.lock").exists()  # SIGKILL left it behind
    third = SingleInstance(home)
    try:
        assert third.acquire() is Acquired.YES
    finally:
        third.release()


def test_a_second_window_brings_the_first_to_the_front_and_exits_zero(home: Path, clock: FixedClock) -> None:
    _prepared_home(home, clock)
    first = subprocess.Popen(
        [sys.executable, "-c", "import sys; from ui.app import run_app; sys.exit(run_app([]))"],
        cwd=ROOT,
        env=_env(home),
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_line(first, "ready")
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "tracker"],
            cwd=ROOT,
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode == 0, second.stderr
        assert "Tracker is already open; it was brought to the front" in second.stderr
        assert time.monotonic() - started < 15
        _wait_for_line(first, "raised", timeout=10)
        assert first.poll() is None, "the first window keeps running"
    finally:
        first.kill()
        first.wait(timeout=10)


def test_when_the_first_window_does_not_answer_its_process_is_named(
    qapp: Any, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        ui.app.QMessageBox, "information", staticmethod(lambda parent, title, text: shown.append(text))
    )
    other = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from PySide6.QtCore import QLockFile; "
            f"lock = QLockFile({str(home / 'tracker.lock')!r}); assert lock.tryLock(0); "
            "print('locked', file=sys.stderr, flush=True); time.sleep(120)",
        ],
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_line(other, "locked")
        instance = SingleInstance(home)
        assert instance.acquire() is Acquired.HELD
        assert ui.app.already_open(home, instance.holder_pid()) == 1
    finally:
        other.kill()
        other.wait(timeout=10)
    assert shown == [f"Tracker is already open (process {other.pid})"]


# ----- backups in a worker -------------------------------------------------------------


def test_the_automatic_backup_is_written_by_a_worker_and_reported_in_the_status_bar(
    window: MainWindow, app: Tracker, home: Path, qtbot: Any
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    with qtbot.waitSignal(window.backup_finished, timeout=10_000) as done:
        window.start_auto_backup()
        assert window.statusBar().currentMessage() == "Backing up…"
    written = home / "backups" / "tracker-auto-2026-11-03.db"
    assert done.args == [str(written)]
    assert backup.check_file(written) is None
    assert window.statusBar().currentMessage() == f"Backup written to {written}"
    with qtbot.waitSignal(window.backup_finished, timeout=10_000) as again:
        window.start_auto_backup()
    assert again.args == [""]
    assert window.statusBar().currentMessage().startswith("Today's backup is already in")


def test_back_up_now_writes_where_asked_and_a_failure_goes_to_the_status_bar(
    window: MainWindow, home: Path, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copies" / "mine.db"
    monkeypatch.setattr(BackupFileDialog, "ask", classmethod(lambda cls, parent, suggested: target))
    with qtbot.waitSignal(window.backup_finished, timeout=10_000):
        window.backup_action.trigger()
    assert backup.check_file(target) is None
    assert window.statusBar().currentMessage() == f"Backup written to {target}"

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(BackupFileDialog, "ask", classmethod(lambda cls, parent, suggested: blocker / "x.db"))
    with qtbot.waitSignal(window.backup_failed, timeout=10_000):
        window.backup_action.trigger()
    message = window.statusBar().currentMessage()
    assert message.startswith("The backup failed: ") and "Traceback" not in message
    assert window.backup_action.isEnabled()
