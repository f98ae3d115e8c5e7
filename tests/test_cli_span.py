"""The command line over spans of days (`log`, `central log`, `report`) and the rough edges a
new user met (issue 13), through the real `tracker` process."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.central.folder import FORMAT_LINE


@pytest.fixture
def ana(cli: Cli, tmp_path: Path) -> Cli:
    share = tmp_path / "share"
    share.mkdir()
    for args in (
        ("config", "set", "consultant", "ana"),
        ("config", "set", "export-dir", str(share)),
        (
            "ticket",
            "add",
            "1234567",
            "--customer",
            "ACME",
            "--type",
            "technical",
            "--term-accepted",
            "2026-10-01",
        ),
        ("ticket", "add", "7654321", "--customer", "Beta", "--type", "standard"),
        ("add", "1234567", "--start", "2026-10-30T09:00", "--end", "2026-10-30T09:04", "--note", "friday"),
        ("add", "1234567", "--start", "2026-11-02T09:00", "--end", "2026-11-02T09:30", "--note", "monday"),
        ("add", "7654321", "--start", "2026-11-03T10:00", "--end", "2026-11-03T11:00", "--note", "today"),
    ):
        r = cli(*args)
        assert r.code == 0, (args, r.err)
    return cli


def test_log_over_a_span_lists_each_day_with_its_total(ana: Cli) -> None:
    r = ana("log", "--from", "2026-10-30", "--to", "2026-11-03")
    assert r.code == 0, r.err
    assert r.out.splitlines() == [
        "2026-10-30 09:00-09:04  1234567    technical    0:04:00  friday",
        "2026-11-02 09:00-09:30  1234567    technical    0:30:00  monday",
        "2026-11-03 10:00-11:00  7654321    standard     1:00:00  today",
        "total 1:34:00 in 3 sessions on 3 days (2026-10-30 to 2026-11-03)",
    ]
    sessions = ana("log", "--from", "2026-11-02", "--json").json()  # --to: today
    assert [(s["note"], s["seconds"], s["type"]) for s in sessions] == [
        ("monday", 1800, "technical"),
        ("today", 3600, "standard"),
    ]
    assert set(sessions[0]) >= {"uuid", "ticket", "consultant", "type", "start", "end", "seconds", "revision",
                                "synced", "flags"}  # fmt: skip
    assert sessions == [
        s for day in ("2026-11-02", "2026-11-03") for s in ana("log", "--day", day, "--json").json()
    ]
    assert ana("log", "--from", "2026-11-01", "--to", "2026-11-01", "--json").out == "[]\n"


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--day", "2026-11-03", "--from", "2026-11-01"], "day"),
        (["--to", "2026-11-01"], "from"),
        (["--from", "2026-11-03", "--to", "2026-11-01"], "to"),
        (["--from", "01/11/2026"], "from"),
    ],
)
def test_a_bad_span_is_bad_input_naming_the_field(cli: Cli, args: list[str], field: str) -> None:
    r = cli("log", *args)
    assert r.code == 2 and r.err.startswith(f"tracker: {field}:"), r.err


def test_report_this_week_by_day_and_by_ticket(ana: Cli) -> None:
    r = ana("report")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "ana, 2026-11-02 to 2026-11-08, by day"
    assert lines[1].split() == [
        "day",
        "sessions",
        "recorded",
        "billable",
        "standard",
        "billable",
        "min",
        "amount",
        "(R$)",
    ]
    assert lines[2].split() == ["2026-11-02", "1", "0:30:00", "0:30:00", "0:00:00", "30", "-"]
    assert lines[3].split() == ["2026-11-03", "1", "1:00:00", "0:00:00", "1:00:00", "0", "0.00"]
    assert lines[4].split()[:6] == ["total", "2", "1:30:00", "0:30:00", "1:00:00", "30"]
    assert "no technical rate in force on 2026-10-01" in r.err  # no rate yet: no amount
    doc = ana("report", "--from", "2026-10-01", "--by", "ticket", "--json").json()
    assert (doc["from"], doc["to"], doc["by"]) == ("2026-10-01", "2026-11-03", "ticket")
    assert [r["ticket"] for r in doc["rows"]] == ["7654321", "1234567"]  # the most time first
    row = doc["rows"][1]
    assert (row["ticket"], row["customer"], row["recorded_seconds"], row["billable_minutes"]) == (
        "1234567", "ACME", 2040, 34)  # fmt: skip
    assert row["amount"] is None and row["unpriced_minutes"] == 34
    assert doc["total"]["standard_seconds"] == 3600
    assert doc["missing_rates"] == [{"type": "technical", "date": "2026-10-01"}]
    r = ana("report", "--by", "month")
    assert r.code == 2 and "--by" in r.err


def test_central_log_over_a_span(ana: Cli) -> None:
    assert ana("sync").code == 0
    doc = ana("central", "log", "--from", "2026-10-30", "--to", "2026-11-02", "--json").json()
    assert (doc["from"], doc["to"], "day" not in doc) == ("2026-10-30", "2026-11-02", True)
    assert [s["note"] for s in doc["sessions"]] == ["friday", "monday"]
    out = ana("central", "log", "--from", "2026-10-30").out.splitlines()
    assert out[0].split()[:3] == ["ana", "2026-10-30", "09:00-09:04"]
    assert out[-1] == "total ana: 1:34:00"
    assert "no sessions from 2026-11-04 to 2026-11-05" in ana("central", "log", "--from", "2026-11-04",
                                                               "--to", "2026-11-05").out  # fmt: skip
    assert ana("central", "log", "--day", "2026-11-03", "--from", "2026-11-01").code == 2


def sessions_in(home: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(home / "tracker.db") as db:
        return db.execute("SELECT start_ts, end_ts FROM sessions ORDER BY start_ts").fetchall()


def test_starting_the_running_ticket_again_changes_nothing(ana: Cli) -> None:
    assert ana("start", "1234567").code == 0
    before = sessions_in(ana.home)
    ana.now = "2026-11-03T15:00:01-03:00"
    r = ana("start", "1234567")
    assert r.code == 0 and "1234567 is already running, since 2026-11-03T15:00:00-03:00" in r.out
    assert sessions_in(ana.home) == before  # no session of one second
    assert ana("status", "--json").json()["started_at"] == "2026-11-03T15:00:00-03:00"


def test_a_date_without_a_time_is_refused(ana: Cli) -> None:
    before = sessions_in(ana.home)
    r = ana("add", "1234567", "--start", "2026-11-03", "--end", "2026-11-03T10:00")
    assert r.code == 2 and r.err.startswith("tracker: start: '2026-11-03' is a date without a time of day")
    assert sessions_in(ana.home) == before


def test_import_from_a_file_that_is_not_the_export_is_refused(ana: Cli, tmp_path: Path) -> None:
    for name, text in (("notes.txt", "just some notes\n"), ("empty.csv", ""), ("frames.json", "[]\n")):
        path = tmp_path / name
        path.write_text(text)
        r = ana("import-from", "toggl", str(path), "--list")
        assert r.code == 2, (name, r.out)
        assert "FILE: is not a Toggl Track CSV export" in r.err and "Start date" in r.err
    r = ana("import-from", "clockify", str(tmp_path / "notes.txt"))
    assert r.code == 2 and "is not a Clockify CSV export" in r.err


def test_review_of_a_day_nobody_synced_says_so(cli: Cli, tmp_path: Path) -> None:
    cli("config", "set", "export-dir", str(tmp_path))
    (tmp_path / "FORMAT").write_text(FORMAT_LINE)  # an export nobody has sent to yet
    r = cli("review", "--day", "2026-11-03")
    assert r.code == 0 and r.out.startswith("no sessions on 2026-11-03 in the central export"), r.out


def test_counts_take_their_singular(ana: Cli, tmp_path: Path) -> None:
    r = ana("sync")
    assert r.code == 0 and "sent 3 session revisions and 2 ticket events in 1 batch to" in r.out
    ana("add", "1234567", "--start", "2026-11-03T12:00", "--end", "2026-11-03T12:05")
    assert "sent 1 session revision and 0 ticket events in 1 batch" in ana("sync").out
    assert "total 0:30:00 in 1 session\n" in ana("log", "--day", "2026-11-02").out


def test_config_set_help_lists_the_keys(cli: Cli) -> None:
    out = cli("config", "set", "--help").out
    for key in ("consultant", "role", "export-dir", "work-hours", "idle-minutes", "language"):
        assert f"\n  {key} " in out


def test_rates_list_with_no_rates_shows_how_to_set_them(cli: Cli) -> None:
    r = cli("rates", "list")
    assert r.code == 0
    assert r.out.splitlines() == [
        "no rates yet. A billing user sets one for each billed type, for example:",
        "  tracker rates set --type technical --hourly 240.00 --from 2026-11-01",
        "  tracker rates set --type support --hourly 180.00 --from 2026-11-01",
    ]
    assert json.loads(cli("rates", "list", "--json").out) == []
