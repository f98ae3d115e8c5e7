"""The everyday commands start light: what ``python -X importtime`` says they import.

``tracker status`` runs at every shell prompt of some users, and start, stop, log and
config get run many times a day: they must not pay for the central store, billing,
the exports, the importer, the report, nor for sqlite-utils (once the database is
up to date), Babel (so no message catalogue either: one is compiled by Babel),
openpyxl, psycopg or msgspec.  Each command runs as a real
subprocess over a home that already holds a consultant, a ticket and a session.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import pytest

from tests.conftest import ROOT, Cli
from tracker.ids import new_uuid

FORBIDDEN = (
    "sqlite_utils",
    "babel",
    "openpyxl",
    "psycopg",
    "msgspec",
    "tracker.central",
    "tracker.billing",
    "tracker.statement",
    "tracker.issuing",
    "tracker.review",
    "tracker.export",
    "tracker.importer",
    "tracker.moving_in",
    "tracker.report",
    "shutil",  # argparse's formatter asks it for the terminal's width, unless told (bz2, lzma, zlib)
    "dataclasses",  # and inspect, ast, dis with it: the everyday records are named tuples
    "threading",  # only the window's stoppable start-up check
    "getpass",  # only a home whose consultant was never set
)

COMMANDS = [
    ("status",),
    ("status", "--json"),
    ("start", "1234567", "--note", "x"),
    ("stop",),
    ("log", "--day", "2026-11-03"),
    ("log", "--day", "2026-11-03", "--json"),
    ("config", "get", "consultant"),
    ("config", "get"),
]

IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|(?P<indent> *)(?P<name>\S+)\s*$")


def imported_modules(stderr: str) -> list[str]:
    """The modules ``-X importtime`` reports, in the order they finished loading."""
    return [m["name"] for line in stderr.splitlines() if (m := IMPORTED.match(line))]


def forbidden(modules: list[str]) -> list[str]:
    return sorted({m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)})


@pytest.fixture(scope="module")
def ready(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """A home with its database created, a consultant, a ticket and one stored session."""
    cli = Cli(tmp_path_factory.mktemp("home"))
    assert cli("config", "set", "consultant", "ana").code == 0
    r = cli("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical")
    assert r.code == 0, r.err
    assert cli("add", "1234567", "--start", "2026-11-03T09:00", "--end", "2026-11-03T10:00").code == 0
    return cli


def importtime(cli: Cli, *args: str) -> tuple[int, str, list[str]]:
    # Without coverage in the child: under the test command's --cov it would start first
    # and import dataclasses, threading and more, hiding what the command itself loads.
    env = {k: v for k, v in cli.env().items() if not k.startswith("COVERAGE_PROCESS_")}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )
    return proc.returncode, proc.stdout, imported_modules(proc.stderr)


def test_the_parser_reads_importtime_lines() -> None:
    sample = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:       297 |        297 |   tracker.cli.output\n"
    )
    assert imported_modules(sample) == ["tracker.cli.output"]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_everyday_commands_import_nothing_heavy(ready: Cli, args: tuple[str, ...]) -> None:
    if args[0] == "start":
        ready("stop")  # a real start, not "already running"
    if args[0] == "stop":
        assert ready("start", "1234567").code == 0
    code, out, modules = importtime(ready, *args)
    assert code == 0, out
    assert "tracker.cli" in modules  # the report was read
    assert forbidden(modules) == []


def test_a_new_id_is_a_random_uuid_written_as_the_uuid_module_writes_it() -> None:
    ids = {new_uuid() for _ in range(1000)}
    assert len(ids) == 1000
    for text in ids:
        u = uuid.UUID(text)
        assert str(u) == text and u.version == 4 and u.variant == uuid.RFC_4122
