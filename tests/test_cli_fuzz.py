"""Fuzzing the command line: whatever the arguments or the file, 0, 1 or 2 and a message.

Hypothesis builds commands from every area with odd values (empty, huge, control
characters, bytes that were not UTF-8, absurd numbers and dates, offsets out of range)
and JSON Lines files of odd records, and runs them through ``tracker.cli.main`` in this
process (a subprocess per example would allow a few dozen in the time budget).  The
streams are those of a real run: UTF-8 standard output, strict; standard error with
backslash escapes.  No example may end in "unexpected error", a traceback or an entry
in ``errors.log``.  A few of the odd values also run through the real subprocess.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, ZONE, Cli
from tracker.cli import main
from tracker.config import KEYS

TICKET = "1234567"

ODD = [
    "", " ", "\t", "-", "0", "-1", "1e308", "NaN", "-inf", "1" * 400, "x" * 5000, "\udcff", "caf\udce9",
    "\u202e", "\x1b[2J", "\x7f", "\x00"[:0] + "\x01", ".", "..", "nul", "~nouser-of-this-machine/x",
    "0000-01-01", "0001-01-01", "1969-12-31", "9999-12-31", "2026-02-30", "2026-13-01", "2026-11",
    "2026-11-03T09:00", "2026-11-03T09:00+25:00", "2026-11-03T09:00-23:59:59.999999",
    "2026-11-03T24:00", "2026-11-03T09:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
    "T09:00", "12345678", TICKET, "\U0001f600", "a\u0301", "\ufeff", "%s%n", "{}", "{0}", "{login}",
    "'; DROP TABLE sessions; --", "technical", "support", "standard", "product", "lead", "billing",
    "00000000-0000-0000-0000-000000000000",
]  # fmt: skip
# Text of every kind, NUL aside (no argument can hold one) and lone surrogates included.
TEXT = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=()), max_size=40)
VALUE = st.one_of(st.sampled_from(ODD), TEXT)
TIME = st.one_of(
    VALUE,
    st.builds(
        lambda day, hour, offset: f"{day}T{hour}{offset}",
        st.dates().map(str),
        st.sampled_from(["09:00", "09:00:00", "23:59:59.999999", "00:00"]),
        st.sampled_from(["", "Z", "-03:00", "+14:00", "-12:00", "+23:59", "+05:30:30.5"]),
    ),
)
DAY = st.one_of(VALUE, st.dates().map(str))


def _flag(name: str, value: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """``--name VALUE`` in either spelling, or nothing."""
    return st.one_of(
        st.just([]), value.map(lambda v: [f"--{name}={v}"]), value.map(lambda v: [f"--{name}", v])
    )


def _command(
    *parts: str | st.SearchStrategy[str] | st.SearchStrategy[list[str]],
) -> st.SearchStrategy[list[str]]:
    def joined(values: tuple[str | list[str], ...]) -> list[str]:
        out: list[str] = []
        for v in values:
            out.extend(v if isinstance(v, list) else [v])
        return out

    return st.tuples(*(st.just(p) if isinstance(p, str) else p for p in parts)).map(joined)


COMMANDS = st.one_of(
    _command("config", "set", st.sampled_from(sorted(set(KEYS) - {"export-dir"})), VALUE),
    _command("config", "get", st.one_of(st.sampled_from(sorted(KEYS)), VALUE)),
    _command(
        "ticket", "add", VALUE, _flag("customer", VALUE), _flag("type", VALUE),
        _flag("term-accepted", DAY), _flag("product", VALUE), _flag("scope", VALUE),
        _flag("bill-to-unit", VALUE), _flag("cost-center", VALUE),
    ),
    _command("ticket", "accept-term", VALUE, _flag("date", DAY), _flag("ref", VALUE)),
    _command("ticket", "escalate", VALUE, _flag("at", TIME)),
    _command("ticket", "show", VALUE, _flag("json", st.just(""))),
    _command("defect", VALUE, _flag("kind", VALUE), _flag("ref", VALUE), _flag("note", VALUE)),
    _command("finalize", st.sampled_from(["7654321", "0000000", ""]), _flag("at", TIME)),
    _command("start", VALUE, _flag("note", VALUE)),
    _command("stop", _flag("note", VALUE)),
    _command("add", st.one_of(st.just(TICKET), VALUE), _flag("start", TIME), _flag("end", TIME),
             _flag("note", VALUE)),
    _command("log", _flag("day", DAY)),
    _command("session", "edit", VALUE, _flag("start", TIME), _flag("end", TIME), _flag("note", VALUE),
             _flag("reason", VALUE)),
    _command("session", "split", VALUE, _flag("at", TIME)),
    _command("session", "delete", VALUE, _flag("reason", VALUE)),
    _command("session", "history", VALUE),
    _command("central", "log", _flag("day", DAY), _flag("consultant", VALUE)),
    _command("review", _flag("day", DAY), _flag("consultant", VALUE)),
    _command("review", st.sampled_from(["approve", "return"]), _flag("day", DAY), _flag("consultant", VALUE),
             _flag("comment", VALUE)),
    _command("rates", "set", _flag("type", VALUE), _flag("hourly", VALUE), _flag("from", DAY)),
    _command("rates", "adjust", _flag("index", VALUE), _flag("percent", VALUE), _flag("from", DAY)),
    _command("bill", _flag("month", st.one_of(VALUE, st.dates().map(lambda d: str(d)[:7]))),
             _flag("format", st.sampled_from(["json", "csv", "xlsx", "pdf"])),
             st.just(["--out", "statement"])),
)  # fmt: skip

JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT | st.sampled_from(ODD),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
RECORD = st.fixed_dictionaries(
    {"kind": st.sampled_from(["ticket", "session", "frame"])},
    optional={
        key: st.one_of(JSON_VALUE, TIME if key in ("start", "end") else VALUE)
        for key in ("number", "customer", "type", "product", "scope", "term_accepted", "bill_to_unit",
                    "ticket", "start", "end", "uuid", "note", "consultant")
    },
)  # fmt: skip
LINE = st.one_of(
    RECORD.map(lambda r: json.dumps(r).encode("utf-8", "surrogatepass")),
    RECORD.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    st.binary(max_size=60),
)


def run(argv: list[str]) -> tuple[int, str, str]:
    """``tracker argv`` in this process, with the streams of a real run."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    except SystemExit as done:  # argparse: --help, a usage error
        code = done.code if isinstance(done.code, int) else 2
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.buffer.getvalue().decode(), err.buffer.getvalue().decode()  # type: ignore[attr-defined]


def check(home: Path, argv: list[str], code: int, err: str) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    assert "unexpected error" not in err and "Traceback" not in err, (argv, err)
    assert not (home / "errors.log").exists(), (argv, (home / "errors.log").read_text())
    if code == 2:  # warnings may come first
        assert any(line.startswith(("tracker: ", "usage: ")) for line in err.splitlines()), (argv, err)


@pytest.fixture
def fuzz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("TRACKER_FAKE_NOW", NOW.isoformat())
    monkeypatch.setenv("TRACKER_TZ", ZONE)
    monkeypatch.chdir(tmp_path)  # whatever a command writes by a relative name lands here
    for argv in (
        ["config", "set", "consultant", "ana"],
        [
            "ticket",
            "add",
            TICKET,
            "--customer",
            "ACME",
            "--type",
            "technical",
            "--term-accepted",
            "2026-10-01",
        ],
        ["ticket", "add", "7654321", "--customer", "Beta", "--type", "standard"],
        ["add", TICKET, "--start", "2026-11-03T09:00", "--end", "2026-11-03T09:25"],
    ):
        assert run(argv)[0] == 0
    yield home


def fuzz(examples: int) -> settings:
    """``examples`` per run (about 30 s for the file); ``TRACKER_FUZZ_SCALE=10`` for a long hunt."""
    return settings(
        max_examples=examples * int(os.environ.get("TRACKER_FUZZ_SCALE", "1")),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


@fuzz(300)
@given(argv=COMMANDS)
def test_any_command_exits_0_1_or_2_with_a_message(fuzz_home: Path, argv: list[str]) -> None:
    code, _, err = run(argv)
    check(fuzz_home, argv, code, err)


@fuzz(150)
@given(lines=st.lists(LINE, min_size=1, max_size=4), dry_run=st.booleans())
def test_any_import_file_exits_0_or_2_naming_its_line(
    fuzz_home: Path, lines: list[bytes], dry_run: bool
) -> None:
    f = fuzz_home.parent / "fuzz.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    argv = ["import", str(f), *(["--dry-run"] if dry_run else [])]
    code, _, err = run(argv)
    check(fuzz_home, argv, code, err)
    assert code in (0, 2), (lines, err)
    if code == 2:
        assert err.startswith("tracker: line "), (lines, err)


CSV_HEAD = b"Start date,Start time,End date,End time,Project,Client,Description,Tags\n"
FOREIGN = st.one_of(
    st.binary(max_size=200),
    st.lists(st.lists(TEXT, max_size=8).map(lambda cells: ",".join(cells)), max_size=4).map(
        lambda rows: CSV_HEAD + "\n".join(rows).encode("utf-8", "surrogatepass")
    ),
    st.lists(st.lists(JSON_VALUE, max_size=6), max_size=3).map(lambda f: json.dumps(f).encode()),
)


@fuzz(100)
@given(
    source=st.sampled_from(["toggl", "clockify", "watson"]),
    content=FOREIGN,
    extra=st.lists(st.sampled_from(["--list", "--dry-run", "--day-first", "--map=project:p=1234567",
                                    "--map=tag:x=7654321", "--map=p", "--zone=UTC", "--zone=Mars/Base"]),
                   max_size=3),
)  # fmt: skip
def test_any_file_to_move_in_from_or_restore_exits_0_1_or_2(
    fuzz_home: Path, source: str, content: bytes, extra: list[str]
) -> None:
    f = fuzz_home.parent / "foreign"
    f.write_bytes(content)
    for argv in (["import-from", source, str(f), *extra], ["restore", str(f)]):
        code, _, err = run(argv)
        check(fuzz_home, argv, code, err)


@pytest.mark.parametrize(
    "value",
    ["caf\udce9", "\x1b[2J", "\u202e", "x" * 5000, "0001-01-01T00:00:00+14:00", "9999-12-31",
     "2026-11-03T09:00+25:00", "..", "~nouser-of-this-machine/x", "'; DROP TABLE sessions; --"],
)  # fmt: skip
def test_odd_values_through_the_real_command(cli: Cli, home: Path, value: str) -> None:
    assert cli("config", "set", "consultant", "ana").code == 0
    for args in (
        ("add", TICKET, "--start", value, "--end", "2026-11-03T10:00"),
        ("log", "--day", value),
        ("config", "set", "name", value),
    ):
        done = cli(*args)
        assert done.code in (0, 1, 2) and "unexpected" not in done.err and "Traceback" not in done.err
    assert not (home / "errors.log").exists()
