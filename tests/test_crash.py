"""Crash safety: SIGKILL real ``python -m tracker`` processes in the middle of writes.

Each iteration launches ``start`` or ``stop`` (``start`` of another ticket stops the
running timer first, in the same transaction), kills it with SIGKILL after a seeded
random delay spread across the command's lifetime, and then reads the database with
plain ``sqlite3`` to check that

* ``PRAGMA integrity_check`` is ``ok``;
* there is at most one timer per consultant, and every session has end_ts > start_ts;
* the state is exactly the one before the command or exactly the one after it (never
  half of each); a command that exited 0 left exactly the state after it;
* every timer ever seen committed is still there with the same start_ts, or became a
  session with the same uuid and start_ts (a running timer never loses a second);
* every session ever seen committed (in particular those acknowledged by an exit 0)
  is still present, unchanged, so the count never decreases.

Each command gets its own fixed clock (``TRACKER_FAKE_NOW``), advanced per iteration,
so every session is non-empty and the expected rows are known to the second.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
ZONE = "America/Sao_Paulo"
BASE = datetime.fromisoformat("2026-11-03T08:00:00-03:00")
STEP_SECONDS = 97
ITERATIONS = 60
SEED = 20261103
TICKETS = ("12345678", "2345678", "87654321")
CONSULTANT = "ana"


@dataclass(frozen=True)
class Timer:
    uuid: str | None  # None: a timer the killed command would create (uuid not known yet)
    ticket: str
    start_ts: int


@dataclass(frozen=True)
class State:
    timer: Timer | None
    sessions: frozenset[tuple[str, str, int, int]]  # uuid, ticket, start_ts, end_ts

    def matches(self, other: State) -> bool:
        """Equal, treating an unknown timer uuid as a wildcard."""
        if self.sessions != other.sessions:
            return False
        a, b = self.timer, other.timer
        if a is None or b is None:
            return a is b
        same_uuid = a.uuid is None or b.uuid is None or a.uuid == b.uuid
        return same_uuid and a.ticket == b.ticket and a.start_ts == b.start_ts


def _env(home: Path, now: datetime) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TRACKER_HOME=str(home), TRACKER_TZ=ZONE, TRACKER_FAKE_NOW=now.isoformat())
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def _run(home: Path, now: datetime, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _cmd(*args), capture_output=True, text=True, env=_env(home, now), cwd=ROOT, timeout=60
    )


def _read(db_path: Path) -> State:
    """Check the file's invariants with sqlite3 directly and return its state."""
    conn = sqlite3.connect(db_path, timeout=10)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        doubled = conn.execute(
            "SELECT consultant, count(*) FROM timers GROUP BY consultant HAVING count(*) > 1"
        ).fetchall()
        assert doubled == []
        timers = conn.execute("SELECT uuid, ticket, start_ts, consultant FROM timers").fetchall()
        assert len(timers) <= 1, timers
        assert all(t[3] == CONSULTANT for t in timers)
        empty = conn.execute("SELECT count(*) FROM sessions WHERE end_ts <= start_ts").fetchone()[0]
        assert empty == 0
        rows = conn.execute(
            "SELECT uuid, ticket, start_ts, end_ts FROM sessions WHERE consultant = ?", (CONSULTANT,)
        ).fetchall()
        total = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        assert total == len(rows)
    finally:
        conn.close()
    timer = Timer(timers[0][0], timers[0][1], timers[0][2]) if timers else None
    return State(timer, frozenset((r[0], r[1], r[2], r[3]) for r in rows))


def _after(before: State, op: str, ticket: str | None, now_ts: int) -> State:
    """The state a command leaves when it completes."""
    sessions = set(before.sessions)
    old = before.timer
    if op == "start" and old is not None and old.ticket == ticket:
        return before  # that ticket already runs: nothing changes
    if old is not None:
        assert old.uuid is not None
        sessions.add((old.uuid, old.ticket, old.start_ts, max(now_ts, old.start_ts + 1)))
    if op == "stop":
        return State(None, frozenset(sessions)) if old is not None else before
    assert ticket is not None
    return State(Timer(None, ticket, now_ts), frozenset(sessions))


def test_sigkill_during_start_and_stop_never_corrupts_or_loses_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db_path = home / "tracker.db"
    rng = Random(SEED)

    # Seed through the CLI, and measure how long a writing command lives.
    assert _run(home, BASE, "config", "set", "consultant", CONSULTANT).returncode == 0
    for number, kind in zip(TICKETS, ("technical", "support", "standard"), strict=True):
        extra = ["--term-accepted", "2026-10-01"] if kind != "standard" else []
        r = _run(home, BASE, "ticket", "add", number, "--customer", "Padaria Silva", "--type", kind, *extra)
        assert r.returncode == 0, r.stderr
    lifetimes = []
    for k in range(3):
        for args in (("start", TICKETS[k]), ("stop",)):
            t0 = time.perf_counter()
            minutes = 30 - 5 * k - (3 if args[0] == "stop" else 0)
            r = _run(home, BASE - timedelta(minutes=minutes), *args)
            lifetimes.append(time.perf_counter() - t0)
            assert r.returncode == 0, r.stderr
    lifetime = statistics.median(lifetimes)

    state = _read(db_path)
    assert state.timer is None and len(state.sessions) == 3
    seen_sessions = set(state.sessions)
    acked_sessions = set(state.sessions)
    seen_timers: dict[str, int] = {}  # uuid -> start_ts of every timer ever committed
    acked_timer: Timer | None = None

    mid_command = committed_kills = rolled_back_kills = completed = 0
    now = BASE
    for i in range(ITERATIONS):
        now = BASE + timedelta(seconds=STEP_SECONDS * (i + 1))
        before = state
        running = before.timer
        if running is None:
            op = "stop" if rng.random() < 0.15 else "start"
            ticket = rng.choice(TICKETS) if op == "start" else None
        else:
            roll = rng.random()
            if roll < 0.4:
                op, ticket = "stop", None
            elif roll < 0.85:  # another ticket: stops the running one first
                op, ticket = "start", rng.choice([t for t in TICKETS if t != running.ticket])
            else:
                op, ticket = "start", running.ticket
        # Half the delays anywhere in the command's life, half around its end, where it writes.
        # Every fifth command runs to its end instead: it re-measures the life (the load
        # of the machine varies) and acknowledges a state.
        calibrate = i % 5 == 4
        lifetime = statistics.median(lifetimes[-5:])
        # (Short of the median life: on a loaded machine, with the suite on every core,
        # a life varies by a third, and a kill after the end tests nothing.)
        if rng.random() < 0.5:
            delay = rng.uniform(0.0, lifetime * 1.0)
        else:
            delay = rng.uniform(lifetime * 0.5, lifetime * 0.95)

        args = ("stop",) if op == "stop" else ("start", str(ticket))
        launched = time.perf_counter()
        proc = subprocess.Popen(
            _cmd(*args),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(home, now),
            cwd=ROOT,
        )
        if calibrate:
            proc.wait(timeout=60)
            lifetimes.append(time.perf_counter() - launched)
        else:
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=60)
        rc = proc.returncode

        state = _read(db_path)
        after = _after(before, op, ticket, int(now.timestamp()))
        if rc == -signal.SIGKILL:
            mid_command += 1
            assert state.matches(before) or state.matches(after), (i, op, before, state)
            if state.matches(after) and not after.matches(before):
                committed_kills += 1
            else:
                rolled_back_kills += 1
        elif op == "stop" and running is None:
            assert rc == 1, (i, rc, err)
            assert b"no timer is running" in err
            assert state.matches(before)
        else:
            assert rc == 0, (i, op, rc, err)
            assert state.matches(after), (i, op, before, state)
        if rc == 0:
            completed += 1
            acked_sessions = set(state.sessions)
            acked_timer = state.timer

        # Nothing committed is ever lost or changed.
        assert seen_sessions <= state.sessions
        assert acked_sessions <= state.sessions
        assert len(state.sessions) >= len(before.sessions)
        by_uuid = {s[0]: s for s in state.sessions}
        for uuid, start_ts in seen_timers.items():
            if state.timer is not None and state.timer.uuid == uuid:
                assert state.timer.start_ts == start_ts
            else:
                assert uuid in by_uuid and by_uuid[uuid][2] == start_ts, (i, uuid)
        if acked_timer is not None:  # the timer an exit 0 reported running keeps its start
            if state.timer is not None and state.timer.uuid == acked_timer.uuid:
                assert state.timer.start_ts == acked_timer.start_ts
            else:
                assert acked_timer.uuid in by_uuid and by_uuid[acked_timer.uuid][2] == acked_timer.start_ts
        if state.timer is not None:
            assert state.timer.uuid is not None
            seen_timers.setdefault(state.timer.uuid, state.timer.start_ts)
        seen_sessions = set(state.sessions)

    # Most kills landed while the command ran.
    assert mid_command >= ITERATIONS // 3, (mid_command, lifetimes)
    assert committed_kills + rolled_back_kills == mid_command

    # The CLI still works on the file, and agrees with what sqlite3 sees.
    final_now = now + timedelta(seconds=30)
    r = _run(home, final_now, "status", "--json")
    assert r.returncode == 0, r.stderr
    status = json.loads(r.stdout)
    if state.timer is None:
        assert status["running"] is False and status["elapsed_seconds"] == 0
    else:
        assert status["running"] is True
        assert status["ticket"] == state.timer.ticket
        assert status["elapsed_seconds"] == int(final_now.timestamp()) - state.timer.start_ts
    r = _run(home, final_now, "log", "--day", "2026-11-03", "--json")
    assert r.returncode == 0, r.stderr
    log = json.loads(r.stdout)
    assert len(log) == len(state.sessions)
    assert {s["uuid"] for s in log} == {s[0] for s in state.sessions}
    assert all(s["seconds"] > 0 and s["consultant"] == CONSULTANT for s in log)
    assert sum(s["seconds"] for s in log) == sum(e - b for _, _, b, e in state.sessions)

    print(
        f"\ncrash test: {ITERATIONS} iterations, {mid_command} killed mid-command "
        f"({committed_kills} had committed, {rolled_back_kills} rolled back), "
        f"{completed} completed with exit 0, command lifetime ~{lifetime * 1000:.0f} ms, "
        f"{len(state.sessions)} sessions at the end"
    )
