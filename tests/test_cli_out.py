"""``tracker bill --out``: a file is replaced whole, a device is written directly, and
``-`` is standard output for every format (the XLSX workbook as bytes)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, Cli

NOW = "2026-11-30T23:50:00-03:00"


def ok(cli: Cli, *args: str) -> str:
    r = cli(*args)
    assert r.code == 0, r.err
    return r.out


@pytest.fixture(scope="module")
def billing(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """A consultant's finalized hour in a shared export, and a billing home with a rate."""
    tmp = tmp_path_factory.mktemp("bill_out")
    share = tmp / "share"
    share.mkdir()
    ana = Cli(tmp / "ana", now=NOW)
    ok(ana, "config", "set", "consultant", "ana")
    ok(ana, "config", "set", "export-dir", str(share))
    ok(
        ana,
        "ticket",
        "add",
        "1000001",
        "--customer",
        "ACME",
        "--type",
        "technical",
        "--term-accepted",
        "2026-10-01",
    )
    ok(ana, "add", "1000001", "--start", "2026-11-20T09:00", "--end", "2026-11-20T10:00")
    ok(ana, "finalize", "1000001", "--at", "2026-11-25T10:00")
    ok(ana, "sync")
    bea = Cli(tmp / "bea", now=NOW)
    ok(bea, "config", "set", "consultant", "bea")
    ok(bea, "config", "set", "role", "billing")
    ok(bea, "config", "set", "export-dir", str(share))
    ok(bea, "rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01")
    return bea


def bill_bytes(cli: Cli, *args: str) -> tuple[int, bytes, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "bill", "--month", "2026-11", *args],
        capture_output=True,
        env=cli.env(),
        cwd=ROOT,
        timeout=60,
    )
    return proc.returncode, proc.stdout, proc.stderr.decode()


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_out_dash_is_standard_output_and_a_file_gets_the_same_bytes(
    billing: Cli, tmp_path: Path, fmt: str
) -> None:
    code, stdout, err = bill_bytes(billing, "--format", fmt, "--out", "-")
    assert code == 0, err
    assert not (ROOT / "-").exists()
    assert "written to" not in err
    out = tmp_path / f"extrato.{fmt}"
    code, written, err = bill_bytes(billing, "--format", fmt, "--out", str(out))
    assert code == 0, err
    assert written == b"" and f"1 line (0 held) written to {out}" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp file left behind
    if fmt == "xlsx":  # a zip's timestamps may differ: compare what the workbooks hold
        sheets = [load_workbook(io.BytesIO(data)) for data in (stdout, out.read_bytes())]
        assert [wb.sheetnames for wb in sheets][0] == sheets[1].sheetnames
        assert sheets[0]["ACME"]["A2"].value == sheets[1]["ACME"]["A2"].value == "1000001"
    else:
        assert stdout == out.read_bytes()
    if fmt == "json":
        assert json.loads(stdout)["totals"]["amount"] == "240.00"
    if fmt == "csv":
        assert stdout.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_a_device_target_is_written_directly(billing: Cli, fmt: str) -> None:
    code, _, err = bill_bytes(billing, "--format", fmt, "--out", "/dev/null")
    assert code == 0, err
    assert Path("/dev/null").is_char_device()


def test_an_existing_statement_is_replaced_whole(billing: Cli, tmp_path: Path) -> None:
    out = tmp_path / "extrato.json"
    out.write_text("an older statement, longer than the new one " * 200)
    code, _, err = bill_bytes(billing, "--format", "json", "--out", str(out))
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["month"] == "2026-11"


@pytest.mark.parametrize(
    ("command", "target", "via"),
    [
        (("bill", "--month", "2026-11", "--out"), "tracker.db", "itself"),
        (("bill", "--month", "2026-11", "--format", "xlsx", "--out"), "tracker.db-wal", "a hard link"),
        (("backup", "--out"), "tracker.db", "a symlink"),
        (("backup", "--out"), "central-cache.db", "itself"),
        (("import",), "tracker.db", "a hard link"),
        (("import-from", "toggl"), "tracker.db-shm", "a symlink"),
    ],
)
def test_the_database_and_its_files_are_never_written_over_nor_read_as_a_file(
    tmp_path: Path, command: tuple[str, ...], target: str, via: str
) -> None:
    home = tmp_path / "home"
    cli = Cli(home, now=NOW)
    ok(cli, "config", "set", "role", "billing")
    ok(cli, "ticket", "add", "1000001", "--customer", "ACME", "--type", "technical")
    ok(cli, "add", "1000001", "--start", "2026-11-20T09:00", "--end", "2026-11-20T10:00")
    ok(cli, "bill", "--month", "2026-11", "--out", str(tmp_path / "first.csv"))  # the cache exists
    real = home / target
    real.touch()
    name = real
    if via == "a symlink":
        name = tmp_path / "innocent.csv"
        name.symlink_to(real)
    elif via == "a hard link":
        name = tmp_path / "innocent.csv"
        name.hardlink_to(real)
    before = (home / "tracker.db").read_bytes()
    r = cli(*command, str(name))
    assert r.code == 2, (r.out, r.err)
    assert "is the tracker database (or one of its files)" in r.err
    assert "Give another file name" in r.err
    assert (home / "tracker.db").read_bytes() == before
    assert "1000001" in ok(cli, "log", "--day", "2026-11-20")
