"""The command line trusts no input: every odd argument or file line is bad input (exit 2)
naming its field, never "unexpected error"; one login pattern everywhere; a closed pipe
ends quietly.  Through the real ``tracker`` command in a subprocess, on real folders.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli, Result

TICKET = "1234567"
DAY = "2026-11-03"


@pytest.fixture
def ana(cli: Cli) -> Cli:
    for args in (
        ("config", "set", "consultant", "ana"),
        (
            "ticket",
            "add",
            TICKET,
            "--customer",
            "ACME",
            "--type",
            "technical",
            "--term-accepted",
            "2026-11-01",
        ),
        ("add", TICKET, "--start", f"{DAY}T09:00", "--end", f"{DAY}T09:25"),
    ):
        done = cli(*args)
        assert done.code == 0, done.err
    return cli


def count(home: Path, table: str) -> int:
    with sqlite3.connect(home / "tracker.db") as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def refused(done: Result, field: str) -> None:
    """Exit 2, the message naming ``field``, and nothing unexpected."""
    assert done.code == 2, (done.code, done.err)
    assert f"tracker: {field}: " in done.err, done.err
    assert "unexpected" not in done.err and "Traceback" not in done.err


def no_error_log(home: Path) -> None:
    assert not (home / "errors.log").exists(), (home / "errors.log").read_text()


# ----- one login pattern: config, import, the export's folder names ---------------------------


ODD_LOGINS = [".", "..", "...", "ana.", "-ana", "a/b", "..\\x", "nul", "COM1", "con.txt", "", "a" * 65]


def test_a_login_that_is_no_folder_name_is_refused_in_the_settings_and_the_import(
    ana: Cli, home: Path, tmp_path: Path
) -> None:
    line = {"kind": "session", "ticket": TICKET, "start": f"{DAY}T10:00:00", "end": f"{DAY}T10:10:00"}
    f = tmp_path / "s.jsonl"
    for login in ODD_LOGINS:
        refused(ana("config", "set", "consultant", "--", login), "consultant")
        f.write_text(json.dumps(line | {"consultant": login}) + "\n")
        refused(ana("import", str(f)), "line 1: consultant")
    assert ana("config", "get", "consultant").out.strip() == "ana"
    assert count(home, "sessions") == 1
    no_error_log(home)


@pytest.mark.parametrize("login", ["..", "nul", "-ana"])
def test_a_login_that_is_no_folder_name_is_refused_by_the_readers_and_the_lead(
    ana: Cli, home: Path, login: str
) -> None:
    refused(ana("central", "log", "--day", DAY, f"--consultant={login}"), "consultant")
    refused(ana("review", "--day", DAY, f"--consultant={login}"), "consultant")
    assert ana("config", "set", "role", "lead").code == 0
    refused(ana("review", "approve", "--day", DAY, f"--consultant={login}"), "consultant")
    assert count(home, "reviews") == 0
    no_error_log(home)


@pytest.mark.parametrize("login", ["ana", "ana.silva", "a_b", "ana@corp", "x-1", "_svc", "A" * 64])
def test_ordinary_logins_are_kept(cli: Cli, login: str) -> None:
    done = cli("config", "set", "consultant", login)
    assert done.code == 0, done.err
    assert cli("config", "get", "consultant").out.strip() == login


def test_an_imported_session_of_another_consultant_is_refused_naming_the_line(
    ana: Cli, home: Path, tmp_path: Path
) -> None:
    mine = {"kind": "session", "ticket": TICKET, "start": f"{DAY}T10:00:00", "end": f"{DAY}T10:10:00"}
    f = tmp_path / "s.jsonl"
    f.write_text(
        json.dumps(mine | {"consultant": "ana"}) + "\n" + json.dumps(mine | {"consultant": "bob"}) + "\n"
    )
    done = ana("import", str(f))
    refused(done, "line 2: consultant")
    assert "belongs to bob" in done.err and "ana" in done.err
    assert count(home, "sessions") == 1  # all or nothing: line 1 was not kept either
    f.write_text(json.dumps(mine) + "\n" + json.dumps(mine | {"consultant": "ana"}) + "\n")
    assert ana("import", str(f)).code == 0


# ----- exit 2 where it was "unexpected error" --------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("config", "set", "name", "caf\udce9"), "name"),  # bytes that are not UTF-8
        (("add", TICKET, "--start", f"{DAY}T10:00", "--end", f"{DAY}T10:30", "--note", "\udcff"), "note"),
        (("import", "/tmp/caf\udce9.jsonl"), "FILE"),
        (
            ("add", TICKET, "--start", "0001-01-01T00:00:00+05:00", "--end", "0001-01-01T01:00:00+05:00"),
            "start",
        ),
        (("add", TICKET, "--start", f"{DAY}T10:00+05:30:30.5", "--end", f"{DAY}T11:00+05:30"), "start"),
        (("import", "/dev/zero"), "line 1: json"),  # no line break, ever: not all of memory
        (("import-from", "watson", "/dev/zero", "--list"), "FILE"),
        (("review", "--day", "0001-01-01"), "day"),
        (("log", "--day", "9999-12-31"), "day"),
        (("finalize", TICKET, "--at", "0001-01-01T00:00:00"), "at"),
        (("ticket", "accept-term", TICKET, "--date", "0001-01-01"), "date"),
        (("bill", "--month", "0000-01"), "month"),
        (("bill", "--month", "2026-11", "--out", "/nonexistent/x.csv"), "out"),
        (("bill", "--month", "2026-11", "--out", "/"), "out"),
        (("backup", "--out", "/"), "out"),
        (("config", "set", "export-dir", "~nouser-of-this-machine/x"), "export-dir"),
        (("config", "set", "export-dir", "/tmp/a\x1bb"), "export-dir"),
        (("config", "set", "name", "\x1b[2J"), "name"),
        (("config", "set", "products", "Protheus,\x07"), "products"),
        (("session", "delete", "{uuid}", "--reason", "\x1b[31mred"), "reason"),
        (("session", "edit", "{uuid}", "--note", "a\x08", "--reason", "typo"), "note"),
    ],
)
def test_odd_arguments_are_bad_input_naming_their_field(
    ana: Cli, home: Path, args: tuple[str, ...], field: str
) -> None:
    uuid = ana("log", "--day", DAY, "--json").json()[0]["uuid"]
    refused(ana(*(a.replace("{uuid}", uuid) for a in args)), field)
    assert count(home, "sessions") == 1
    no_error_log(home)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (
            b'{"kind": "ticket", "number": "7654321", "customer": "Caf\xe9", "type": "support"}\n',
            "line 1: json",
        ),
        ("\ufeff".encode() + b'{"kind": "frame"}\n', "line 1: kind"),  # a BOM is fine; the line is not
        (
            b'{"kind": "ticket", "number": "7654321", "customer": "A", "type": "technical", '
            b'"term_accepted": 5}\n',
            "line 1: term-accepted",
        ),
        (b'{"kind": "ticket", "number": ["1"], "customer": "A", "type": "technical"}\n', "line 1: number"),
        (
            b'{"kind": "ticket", "number": "7654321", "customer": {"a": 1}, "type": "support"}\n',
            "line 1: customer",
        ),
        (
            b'{"kind": "ticket", "number": "7654321", "customer": "A\\u0007", "type": "support"}\n',
            "line 1: customer",
        ),
        (
            b'{"kind": "session", "ticket": "1234567", "start": "2026-11-02T09:00:00", '
            b'"end": "2026-11-02T09:10:00", "note": "a\\u0000b"}\n',
            "line 1: note",
        ),
        (
            b'{"kind": "session", "ticket": "1234567", "start": "2026-11-02T09:00:00", '
            b'"end": "2026-11-02T09:10:00", "note": "\\ud800"}\n',
            "line 1: note",
        ),
        (
            b'{"kind": "session", "ticket": "1234567", "start": "0001-01-01T00:00:00+05:00", '
            b'"end": "0001-01-01T01:00:00+05:00"}\n',
            "line 1: start",
        ),
        (
            b'{"kind": "session", "ticket": "1234567", "start": "2026-11-02T09:00:00", "end": 5}\n',
            "line 1: end",
        ),
        (
            b'{"kind": "session", "ticket": "1234567", "start": "2026-11-02T09:00:00-03:00:30", '
            b'"end": "2026-11-02T10:00:00-03:00"}\n',
            "line 1: start",
        ),
        (b"[" * 100_000 + b"\n", "line 1: json"),
        (b'{"kind": "ticket", "number": ' + b"1" * 5000 + b"}\n", "line 1: number"),
    ],
)
def test_an_import_refuses_what_the_command_line_refuses(
    ana: Cli, home: Path, tmp_path: Path, content: bytes, field: str
) -> None:
    f = tmp_path / "odd.jsonl"
    f.write_bytes(content)
    refused(ana("import", str(f)), field)
    assert count(home, "sessions") == 1 and count(home, "tickets") == 1
    no_error_log(home)


def test_an_import_refuses_a_note_of_ten_megabytes(ana: Cli, home: Path, tmp_path: Path) -> None:
    line = {"kind": "session", "ticket": TICKET, "start": "2026-11-02T09:00:00", "end": "2026-11-02T09:10:00"}
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps(line | {"note": "x" * 10_000_000}) + "\n")
    done = ana("import", str(f))
    refused(done, "line 1: note")
    assert "longer than 2000 characters" in done.err
    f.write_text(json.dumps(line | {"note": "x" * 2000}) + "\n")
    assert ana("import", str(f)).code == 0


def test_an_import_file_with_a_byte_order_mark_is_read(ana: Cli, home: Path, tmp_path: Path) -> None:
    f = tmp_path / "bom.jsonl"
    ticket = {"kind": "ticket", "number": "7654321", "customer": "Café", "type": "support", "product": None}
    f.write_bytes("\ufeff".encode() + json.dumps(ticket, ensure_ascii=False).encode() + b"\n")
    done = ana("import", str(f))
    assert done.code == 0, done.err
    shown = ana("ticket", "show", "7654321", "--json").json()
    assert (shown["customer"], shown["product"]) == ("Café", "")


# ----- devices and pipes ---------------------------------------------------------------------


def test_bill_and_backup_to_dev_null_leave_the_device_a_device(ana: Cli, home: Path) -> None:
    for args in (("bill", "--month", "2026-11", "--out", "/dev/null"), ("backup", "--out", "/dev/null")):
        done = ana(*args)
        assert done.code == 0, done.err
        assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null*"))  # no temp file beside it


@pytest.mark.parametrize(
    "args",
    [("log", "--day", DAY, "--json"), ("review", "--day", DAY, "--json"), ("config", "get"), ("--help",)],
)
def test_a_pipe_closed_by_its_reader_ends_the_command_quietly(
    ana: Cli, home: Path, args: tuple[str, ...]
) -> None:
    assert ana("sync").code == 0
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes a byte (`tracker ... | true`)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=ana.env(),
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write)
    assert done.stderr.decode() == ""
    assert done.returncode in (0, 1)
    no_error_log(home)


def test_a_long_json_output_into_head_ends_quietly(ana: Cli, home: Path) -> None:
    with sqlite3.connect(home / "tracker.db") as conn:
        row = conn.execute("SELECT * FROM sessions").fetchone()
        names = [d[0] for d in conn.execute("SELECT * FROM sessions").description]
        many = []
        for i in range(3000):  # well past a pipe's 64 KiB buffer
            values = dict(zip(names, row, strict=True))
            values["uuid"] = f"00000000-0000-4000-8000-{i:012d}"
            many.append(values)
        conn.executemany(
            f"INSERT INTO sessions ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})", many
        )
    shell = f"'{sys.executable}' -m tracker log --day {DAY} --json | head -c 100 >/dev/null"
    done = subprocess.run(
        ["sh", "-c", shell], capture_output=True, text=True, env=ana.env(), cwd=ROOT, timeout=60
    )
    assert done.returncode == 0 and done.stderr == ""
    no_error_log(home)


# ----- the outbox: a batch that cannot be delivered never blocks the others -------------------


def test_a_refused_batch_stays_queued_and_the_next_ones_still_go(
    cli: Cli, home: Path, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    for args in (
        ("config", "set", "export-dir", str(share)),
        ("config", "set", "consultant", "bob"),
        ("ticket", "add", TICKET, "--customer", "ACME", "--type", "technical"),
        ("add", TICKET, "--start", f"{DAY}T08:00", "--end", f"{DAY}T08:30"),
    ):
        assert cli(*args).code == 0
    # bob's batch is written, then the app dies before marking it: it stays in the outbox.
    env = dict(cli.env(), TRACKER_SYNC_KILL_AT="before_mark")
    subprocess.run(
        [sys.executable, "-m", "tracker", "sync"], env=env, cwd=ROOT, capture_output=True, timeout=60
    )
    (data,) = (share / "consultants" / "bob").glob("*.jsonl")
    data.write_bytes(data.read_bytes().replace(b"1800", b"9999"))  # and someone changes it
    assert cli("config", "set", "consultant", "ana").code == 0
    assert cli("add", TICKET, "--start", f"{DAY}T09:00", "--end", f"{DAY}T09:25").code == 0

    for _ in range(2):  # every sync: bob's batch is reported, ana's work still goes
        done = cli("sync")
        assert done.code == 1
        assert "someone changed it" in done.err and "while this app is ana's" in done.err
        assert "unexpected" not in done.err
        assert [s["synced"] for s in cli("log", "--day", DAY, "--json").json()] == [True]
    assert len(list((share / "consultants" / "ana").glob("*.jsonl"))) == 1
    assert b"9999" in data.read_bytes()  # left as it is, for the record
    no_error_log(home)


# ----- what others wrote reaches the terminal as text, never as control sequences --------------


def _rewrite_sessions(home: Path, **changes: str) -> None:
    """The synced batch of ana written again by hand, consistent with its manifest."""
    (data,) = (home / "central-export" / "consultants" / "ana").glob("*.jsonl")
    records = [json.loads(line) for line in data.read_text().splitlines()]
    for r in records:
        if r["kind"] == "session":
            r.update(changes)
    text = "".join(
        json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records
    )
    data.write_bytes(text.encode())
    side = data.with_name(data.name.replace(".jsonl", ".manifest.json"))
    manifest = json.loads(side.read_text())
    manifest["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    side.write_text(json.dumps(manifest))


def test_control_sequences_in_the_export_are_shown_never_sent_to_the_terminal(ana: Cli, home: Path) -> None:
    assert ana("sync").code == 0
    _rewrite_sessions(home, note="\x1b]0;pwned\x07\x1b[2J\u202e")
    for args in (("central", "log", "--day", DAY), ("review", "--day", DAY)):
        done = ana(*args)
        assert done.code == 0, done.err
        assert "\x1b" not in done.out + done.err and "\x07" not in done.out + done.err
        assert "note: contains control characters" in done.err, "the record is refused, and named"
    # A ticket number with an escape is no ticket number: the record is refused, and said so safely.
    _rewrite_sessions(home, ticket="1234\x1b[31m567")
    for args in (("central", "log", "--day", DAY), ("review", "--day", DAY)):
        done = ana(*args)
        assert done.code == 0, done.err
        assert "\x1b" not in done.out + done.err
        assert "is not a ticket number" in done.err
    refused = ana("config", "set", "consultant", "\x1b[2J")
    assert refused.code == 2 and "\x1b" not in refused.err and "'\\x1b[2J' is not a login" in refused.err


def test_a_binary_statement_is_never_written_to_a_terminal(ana: Cli, home: Path) -> None:
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "bill", "--month", "2026-11", "--format", "xlsx", "--out", "-"],
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=subprocess.PIPE,
            env=ana.env(),
            cwd=ROOT,
            timeout=60,
        )
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2 and b"tracker: out: " in done.stderr
    assert shown == b""
