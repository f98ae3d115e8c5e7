"""The CLI contract of ../shared/CLI.md, through real subprocesses."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli


def sessions_in(home: Path) -> int:
    with sqlite3.connect(home / "tracker.db") as conn:
        return conn.execute("SELECT count(*) FROM sessions").fetchone()[0]


def test_a_consultants_day_through_the_cli(cli: Cli, home: Path) -> None:
    assert cli("config", "set", "consultant", "ana").code == 0
    r = cli(
        "ticket",
        "add",
        "12345678",
        "--customer",
        "Padaria Pão Quente",
        "--type",
        "technical",
        "--product",
        "Protheus",
        "--term-accepted",
        "2026-11-01",
        "--term-ref",
        "TERM-1",
    )
    assert r.code == 0, r.err
    assert "12345678" in r.out
    assert cli("ticket", "add", "7654321", "--customer", "Beta", "--type", "standard").code == 0

    cli.now = "2026-11-03T09:00:00-03:00"
    assert cli("start", "12345678", "--note", "remote").code == 0
    cli.now = "2026-11-03T09:04:10-03:00"
    status = cli("status", "--json").json()
    assert status == {
        "running": True,
        "ticket": "12345678",
        "type": "technical",
        "started_at": "2026-11-03T09:00:00-03:00",
        "elapsed_seconds": 250,
        "note": "remote",
        "flags": [],
    }
    r = cli("start", "7654321")
    assert "stopped 12345678: 0:04:10" in r.out
    cli.now = "2026-11-03T10:00:00-03:00"
    r = cli("stop")
    assert r.code == 0 and "0:55:50" in r.out
    assert cli("status", "--json").json()["running"] is False
    assert cli("status").out.strip() == "no timer running"

    cli.now = "2026-11-03T15:00:00-03:00"
    r = cli(
        "add", "12345678", "--start", "2026-11-03T13:00", "--end", "2026-11-03T13:07:30", "--note", "call"
    )
    assert r.code == 0, r.err
    log = cli("log", "--day", "2026-11-03", "--json").json()
    assert [(s["ticket"], s["seconds"], s["type"]) for s in log] == [
        ("12345678", 250, "technical"),
        ("7654321", 3350, "standard"),
        ("12345678", 450, "technical"),
    ]
    for s in log:
        assert set(s) >= {
            "uuid",
            "ticket",
            "consultant",
            "type",
            "start",
            "end",
            "seconds",
            "revision",
            "synced",
            "flags",
        }
        assert s["consultant"] == "ana" and s["revision"] == 1 and s["synced"] is False
    assert log[2]["start"] == "2026-11-03T13:00:00-03:00"
    text = cli("log", "--day", "2026-11-03").out
    assert "total 1:07:30 in 3 sessions" in text

    assert cli("defect", "12345678", "--kind", "product", "--ref", "BUG-9", "--note", "crash").code == 0
    cli.now = "2026-11-03T18:00:00-03:00"
    assert cli("finalize", "12345678").code == 0
    shown = cli("ticket", "show", "12345678", "--json").json()
    assert shown["finalized_at"] == "2026-11-03T18:00:00-03:00"
    assert shown["defects"][0]["ref"] == "BUG-9"
    assert shown["recorded_seconds"] == {"technical": 700}
    assert shown["bill_to_kind"] == "customer"
    assert "finalized at" in cli("ticket", "show", "12345678").out
    listed = cli("ticket", "list", "--open", "--json").json()
    assert [t["number"] for t in listed] == ["7654321"]
    assert "7654321" in cli("ticket", "list").out


def test_escalate_and_accept_term(cli: Cli) -> None:
    cli("ticket", "add", "7654321", "--customer", "Beta", "--type", "standard")
    r = cli(
        "ticket",
        "escalate",
        "7654321",
        "--at",
        "2026-11-03T10:00:00-03:00",
        "--confirm",
        "procedures",
        "--confirm",
        "documentation",
    )
    assert r.code == 0, r.err
    r = cli("ticket", "accept-term", "7654321", "--date", "2026-11-03", "--ref", "T-22")
    assert r.code == 0, r.err
    shown = cli("ticket", "show", "7654321", "--json").json()
    assert (shown["type"], shown["original_type"]) == ("support", "standard")
    assert shown["escalation_checklist"] == ["procedures", "documentation"]
    assert shown["term_accepted"] == "2026-11-03"
    assert "escalated" in cli("ticket", "show", "7654321").out


def test_the_login_defaults_to_the_os_user(cli: Cli) -> None:
    import getpass

    value = cli("config", "get", "consultant").out.strip()
    assert value == getpass.getuser()
    cfg = cli("config", "get", "--json").json()
    assert set(cfg) >= {"consultant", "name", "role", "unit", "export-dir"}
    assert cfg["role"] == "consultant"
    assert cfg["export-dir"].endswith("central-export")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["ticket", "add", "", "--customer", "X", "--type", "technical"], "number"),
        (["ticket", "add", "1234567", "--customer", "X", "--type", "gold"], "type"),
        (["ticket", "add", "1234567", "--customer", "X"], "--type"),
        (["start", "9999999"], "tracker ticket add"),
        (["add", "9999999", "--start", "2026-11-03T09:00", "--end", "2026-11-03T10:00"], "add it first"),
        (["add", "1111111", "--start", "2026-11-03T10:00", "--end", "2026-11-03T09:00"], "end"),
        (["add", "1111111", "--start", "2026-11-01T10:00", "--end", "2026-11-02T11:00"], "24 h"),
        (["add", "1111111", "--start", "nine", "--end", "2026-11-02T11:00"], "start"),
        (["add", "1111111", "--start", "2026-11-04T09:00", "--end", "2026-11-04T10:00"], "future"),
        (["config", "set", "role", "boss"], "role"),
        (["config", "set", "colour", "red"], "key"),
        (["defect", "1111111", "--kind", "feature", "--ref", "X"], "kind"),
        (["log", "--day", "03/11/2026"], "day"),
        (["bogus"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_names_the_field_and_writes_nothing(
    cli: Cli, home: Path, args: list[str], field: str
) -> None:
    cli("ticket", "add", "1111111", "--customer", "X", "--type", "technical")
    before = sessions_in(home)
    r = cli(*args)
    assert r.code == 2, (r.out, r.err)
    assert field in r.err
    assert "Traceback" not in r.err
    assert sessions_in(home) == before


def test_stop_with_nothing_running_exits_1_and_says_what_to_do(cli: Cli) -> None:
    r = cli("stop")
    assert r.code == 1
    assert "no timer is running" in r.err and "tracker start" in r.err


def test_import_is_all_or_nothing_and_idempotent(cli: Cli, home: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(
        json.dumps({"kind": "ticket", "number": "12345678", "customer": "ACME", "type": "support"})
        + "\n"
        + json.dumps(
            {
                "kind": "session",
                "ticket": "12345678",
                "start": "2026-11-02T09:00:00-03:00",
                "end": "2026-11-02T09:07:30-03:00",
            }
        )
        + "\n"
    )
    r = cli("import", str(good), "--dry-run")
    assert r.code == 0 and "would import 1 ticket and 1 session" in r.out
    assert sessions_in(home) == 0
    r = cli("import", str(good))
    assert r.code == 0 and "imported 1 ticket and 1 session" in r.out
    r = cli("import", str(good))
    assert "imported 0 tickets and 0 sessions (1 ticket and 1 session already stored)" in r.out
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "kind": "session",
                "ticket": "12345678",
                "start": "2026-11-02T10:00:00-03:00",
                "end": "2026-11-02T10:30:00-03:00",
            }
        )
        + "\n"
        + json.dumps(
            {
                "kind": "session",
                "ticket": "12345678",
                "start": "2026-11-02T11:00:00-03:00",
                "end": "2026-11-02T10:30:00-03:00",
            }
        )
        + "\n"
    )
    r = cli("import", str(bad))
    assert r.code == 2
    assert "line 2: end" in r.err
    assert sessions_in(home) == 1


def test_the_database_and_its_wal_files_are_private(cli: Cli, home: Path) -> None:
    cli("ticket", "add", "1111111", "--customer", "X", "--type", "technical")
    cli("start", "1111111")
    for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm"):
        path = home / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
    assert (home / "tracker.db").exists()
    with sqlite3.connect(home / "tracker.db") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unreadable_data_folder_exits_1_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cli = Cli(blocker / "home")
    r = cli("status")
    assert r.code == 1
    assert "cannot open the data folder" in r.err and "TRACKER_HOME" in r.err
    assert "Traceback" not in r.err


def test_a_database_that_is_not_sqlite_exits_1_and_is_not_overwritten(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    junk = b"this is not a database" * 100
    (home / "tracker.db").write_bytes(junk)
    r = Cli(home)("status")
    assert r.code == 1
    assert "is damaged" in r.err and "nothing will be written" in r.err
    assert (home / "tracker.db").read_bytes() == junk


def test_version_and_help(cli: Cli) -> None:
    r = cli("--version")
    assert r.code == 0 and r.out.startswith("tracker ")
    r = cli("ticket", "--help")
    assert r.code == 0 and "accept-term" in r.out


def test_cli_commands_do_not_import_qt(home: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['tracker', 'status', '--json']\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "assert not any(m.startswith(('PySide6', 'ui')) for m in sys.modules), "
        "[m for m in sys.modules if m.startswith(('PySide6', 'ui'))]\n"
    )
    env = dict(os.environ, TRACKER_HOME=str(home))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_an_unexpected_error_is_logged_not_shown_as_a_traceback(cli: Cli, home: Path) -> None:
    # A fake clock in an impossible form makes the process fail before any command runs.
    cli.now = "not-a-time"
    r = cli("status")
    assert r.code == 1
    assert "Traceback" not in r.err
    assert "unexpected error" in r.err
    assert "Traceback" in (home / "errors.log").read_text()


def test_session_edit_split_delete_and_history_through_the_cli(cli: Cli) -> None:
    cli("config", "set", "consultant", "ana")
    cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    uuid = cli("add", "1234567", "--start", "2026-11-03T09:00", "--end", "2026-11-03T10:00").out.split()[-1]
    r = cli("session", "edit", uuid[:8], "--end", "2026-11-03T09:50", "--reason", "left early")
    assert r.code == 0, r.err
    assert "09:50:00-03:00" in r.out
    r = cli("session", "edit", uuid, "--end", "2026-11-03T08:00", "--reason", "oops")
    assert r.code == 2 and "end" in r.err
    r = cli("session", "edit", uuid, "--note", "x")
    assert r.code == 2 and "--reason" in r.err
    r = cli("session", "split", uuid, "--at", "2026-11-03T09:20")
    assert r.code == 0 and "0:20:00" in r.out and "0:30:00" in r.out
    second = r.out.split()[5]
    r = cli("session", "delete", second, "--reason", "not billable")
    assert r.code == 0 and "deleted" in r.out
    log = cli("log", "--day", "2026-11-03", "--json").json()
    assert [(s["uuid"], s["seconds"]) for s in log] == [(uuid, 1200)]
    history = cli("session", "history", uuid, "--json").json()
    assert [h["action"] for h in history] == ["created", "edit", "split"]
    assert history[1]["why"] == "left early" and history[1]["who"] == "ana"
    assert history[1]["before"]["end"] == "2026-11-03T10:00:00-03:00"
    assert history[1]["after"]["end"] == "2026-11-03T09:50:00-03:00"
    text = cli("session", "history", second).out
    assert "split_from" in text and "delete" in text and "(deleted)" in text
    r = cli("session", "history", "00000000")
    assert r.code == 2 and "no session" in r.err


def test_status_warns_about_a_sleep_gap_and_flags(cli: Cli, home: Path) -> None:
    cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    cli.now = "2026-11-02T20:00:00-03:00"
    cli("start", "1234567")
    with sqlite3.connect(home / "tracker.db") as conn:  # the window's last heartbeat, at 20:05
        conn.execute("UPDATE timers SET heartbeat_ts = start_ts + 300")
    cli.now = "2026-11-03T08:00:00-03:00"
    r = cli("status")
    assert r.code == 0
    assert "no heartbeat from the window since 2026-11-02T20:05:00-03:00" in r.err
    assert "flagged for review: long" in r.err and "across_midnight" in r.err
    assert "across_midnight — it runs into the next day; was the timer left on overnight?" in r.err
    st = cli("status", "--json").json()
    assert st["sleep_gap"]["seconds"] == 11 * 3600 + 55 * 60


def test_status_loads_no_heavy_dependency(cli: Cli, home: Path) -> None:
    # `tracker status` runs at every shell prompt of some users: it must not pay for the
    # statement's spreadsheet and number formatting, sqlite-utils or PostgreSQL.  The
    # first command in a new folder creates the database (sqlite-utils' migrations).
    assert cli("status").code == 0
    code = (
        "import sys, runpy\n"
        "sys.argv = ['tracker', 'status']\n"
        "try:\n    runpy.run_module('tracker', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "heavy = ('sqlite_utils', 'babel', 'openpyxl', 'psycopg')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), file=sys.stderr)\n"
    )
    env = dict(os.environ, TRACKER_HOME=str(home))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "no timer running\n"
    assert proc.stderr.strip() == "[]"
