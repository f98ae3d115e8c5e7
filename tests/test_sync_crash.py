"""Sync through real SIGKILLs at every step, several consultants at once, and offline periods."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli

STEPS = [
    "batch_after_temp",  # the batch's temp file is written and fsynced, not renamed
    "after_rename",  # the batch file is in place, no manifest
    "manifest_after_temp",  # the manifest's temp file is written, not renamed
    "after_manifest",  # batch and manifest in place, not verified
    "before_mark",  # verified on the share, not marked locally
    "after_mark",  # marked locally, the process dies before it reports
]


def make_home(tmp_path: Path, name: str, share: Path, sessions: int) -> Cli:
    cli = Cli(tmp_path / name)
    assert cli("config", "set", "consultant", name).code == 0
    assert cli("config", "set", "export-dir", str(share)).code == 0
    cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    for i in range(sessions):
        r = cli("add", "1234567", "--start", f"2026-11-03T{8 + i // 6:02d}:{(i % 6) * 10:02d}",
                "--end", f"2026-11-03T{8 + i // 6:02d}:{(i % 6) * 10 + 5:02d}", "--note", f"{name} {i}")
        assert r.code == 0, r.err
    return cli


def central_uuids(cli: Cli, consultant: str | None = None) -> list[str]:
    args = ["central", "log", "--day", "2026-11-03", "--json"]
    if consultant:
        args += ["--consultant", consultant]
    r = cli(*args)
    assert r.code == 0, r.err
    doc = r.json()
    assert not [p for p in doc["problems"] if "conflict" in p or "differs" in p], doc["problems"]
    return [s["uuid"] for s in doc["sessions"]]


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_of_a_sync_never_loses_or_duplicates_a_session(tmp_path: Path, step: str) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = make_home(tmp_path, "ana", share, 4)
    env = ana.env() | {"TRACKER_SYNC_KILL_AT": step}
    proc = subprocess.run([sys.executable, "-m", "tracker", "sync"], env=env, cwd=ROOT, capture_output=True,
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # More work after the crash, then a normal sync.
    ana("add", "1234567", "--start", "2026-11-03T13:00", "--end", "2026-11-03T13:30", "--note", "after")
    r = ana("sync")
    assert r.code == 0, r.err
    assert ana("sync", "--json").json()["pending"] == 0
    uuids = central_uuids(ana)
    assert len(uuids) == len(set(uuids)) == 5
    mine = ana("log", "--day", "2026-11-03", "--json").json()
    assert sorted(s["uuid"] for s in mine) == sorted(uuids)
    assert all(s["synced"] for s in mine)
    problems = ana("central", "log", "--day", "2026-11-03", "--json").json()["problems"]
    assert problems == []  # no temp file or half batch left behind
    batches = sorted(p.name for p in (share / "consultants" / "ana").iterdir())
    assert len(batches) == 4  # two batches, each with its manifest: the crashed one was re-sent, not doubled


def test_three_consultants_syncing_into_one_folder_at_once(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    homes = {name: make_home(tmp_path, name, share, 6) for name in ("ana", "bruno", "carla")}
    procs = [
        subprocess.Popen([sys.executable, "-m", "tracker", "sync"], env=c.env(), cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for c in homes.values()
    ]
    for p in procs:
        assert p.wait(timeout=60) == 0, p.stderr.read() if p.stderr else ""
        if p.stdout:
            p.stdout.close()
        if p.stderr:
            p.stderr.close()
    lead = Cli(tmp_path / "lead")
    lead("config", "set", "export-dir", str(share))
    uuids = central_uuids(lead)
    assert len(uuids) == len(set(uuids)) == 18
    for name in homes:
        assert len(central_uuids(lead, name)) == 6


def test_offline_for_days_then_catch_up(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = make_home(tmp_path, "ana", share, 2)
    offline = tmp_path / "unplugged"
    os.rename(share, offline)
    for i in range(3):
        ana("add", "1234567", "--start", f"2026-11-03T14:{i * 10:02d}", "--end", f"2026-11-03T14:{i * 10 + 5:02d}")
        r = ana("sync")
        assert r.code == 1 and "is not there" in r.err
    assert not share.exists()
    os.rename(offline, share)
    assert ana("sync").code == 0
    assert len(set(central_uuids(ana))) == 5


def test_a_share_removed_in_the_middle_of_a_sync_keeps_the_rest_queued(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = make_home(tmp_path, "ana", share, 3)
    env = ana.env() | {"TRACKER_SYNC_KILL_AT": "after_rename"}
    subprocess.run([sys.executable, "-m", "tracker", "sync"], env=env, cwd=ROOT, capture_output=True, timeout=60)
    shutil.move(str(share), str(tmp_path / "away"))
    r = ana("sync")
    assert r.code == 1 and "stay queued" in r.err
    shutil.move(str(tmp_path / "away"), str(share))
    assert ana("sync").code == 0
    assert len(set(central_uuids(ana))) == 3
