"""At least 200 SIGKILLs of a writer doing start, stop, edit and split.

After each kill: integrity_check is ok, every acknowledged operation is present, and
the audit trail holds every acknowledged change.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT, Cli

KILLS_PER_HOME = 100
HOMES = 2  # two loops side by side: one per core


def check(db: Path, acked: list[dict]) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sessions WHERE end_ts <= start_ts").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM timers").fetchone()[0] <= 1
        sessions = {r[0]: r for r in conn.execute("SELECT uuid, end_ts - start_ts, note FROM sessions")}
        audit = {}
        for session, action, after in conn.execute("SELECT session, action, after FROM audit ORDER BY seq"):
            audit.setdefault(session, []).append((action, json.loads(after)))
    for a in acked:
        if a["op"] == "stop" or (a["op"] == "start" and a["stopped"]):
            assert (a["uuid"] if a["op"] == "stop" else a["stopped"]) in sessions, a
        elif a["op"] == "edit":
            assert any(act == "edit" and after["note"] == a["note"] for act, after in audit.get(a["uuid"], [])), a
        elif a["op"] == "split":
            assert a["second"] in sessions, a
            assert "split" in [x for x, _ in audit[a["uuid"]]], a
            assert [x for x, _ in audit[a["second"]]][0] == "split_from", a
            assert sum(a["parts"]) == a["total"], a


def kill_loop(home: Path, seed: int, results: dict) -> None:
    rng = random.Random(seed)
    acked: list[dict] = []
    mid = 0
    for i in range(KILLS_PER_HOME):
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "kill_writer.py"), str(home), str(seed * 1000 + i)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert proc.stderr is not None
        proc.stderr.readline()  # "ready": the store is open, the writes begin
        time.sleep(rng.uniform(0.05, 0.45))  # a random moment of its writing life, not waiting for a timer
        if proc.poll() is None:
            mid += 1
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL, err.decode()
        lines = out.decode().split("\n")
        acked += [json.loads(line) for line in lines[:-1] if line]  # a cut last line was never acknowledged
        check(home / "tracker.db", acked)
    results[seed] = (mid, len(acked))


def test_two_hundred_sigkills_of_a_writer_lose_nothing_acknowledged(tmp_path: Path) -> None:
    homes = []
    for n in range(HOMES):
        cli = Cli(tmp_path / f"home{n}", now="2026-11-28T10:00:00-03:00")
        assert cli("config", "set", "consultant", "ana").code == 0
        for ticket in ("1111111", "2222222"):
            assert cli("ticket", "add", ticket, "--customer", "ACME", "--type", "technical").code == 0
        homes.append(cli.home)
    results: dict = {}
    threads = [threading.Thread(target=kill_loop, args=(h, n + 1, results)) for n, h in enumerate(homes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == HOMES, "a kill loop failed; see the assertion above"
    kills = KILLS_PER_HOME * HOMES
    mid = sum(m for m, _ in results.values())
    acknowledged = sum(a for _, a in results.values())
    print(f"{kills} SIGKILLs, {mid} while the writer ran, {acknowledged} acknowledged operations checked")
    assert kills >= 200
    assert mid >= kills * 0.9
    assert acknowledged > kills
