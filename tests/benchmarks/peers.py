"""Tracker beside its peers, Watson and Timewarrior, over one and the same history.

    .venv/bin/python tests/benchmarks/peers.py [--sessions 100000] [--repeat 11]

One consultant's generated history (generate.py, ``--sessions`` sessions) goes to each
tool in its own format, written directly (the fastest way in): tracker imports it;
Watson gets its ``frames`` JSON file (a list of ``[start, stop, project, id, tags,
updated_at]``, project = the ticket number) in ``WATSON_DIR``; Timewarrior gets its
``data/YYYY-MM.data`` files (``inc 20261103T110000Z - 20261103T113000Z # T9846951``,
tag = ``T`` + the ticket number) and ``tags.data`` in ``TIMEWARRIORDB``.  All three run
with ``TZ=America/Sao_Paulo``.  Then, interleaved, ``--repeat`` rounds of each tool's
own commands (one unmeasured warm-up round first):

| row               | tracker                    | Watson                    | Timewarrior      |
|-------------------|----------------------------|---------------------------|------------------|
| start (no target) | start NUMBER               | start NUMBER              | start TNUMBER    |
| status            | status (timer running)     | status                    | (no command)     |
| stop after start  | stop                       | stop                      | stop             |
| one day's log     | log --day D                | log --from D --to D       | summary D - D+1  |
| a month           | report --from M1 --to M31  | report --from M1 --to M31 | summary M1 - M+1 |
| all history       | log --from FIRST --to LAST | log --all                 | summary :all     |

Targets: tracker at least 2x faster than Watson on every row; faster than Timewarrior
on one day's log, a month and all history.  A peer that is not installed is skipped,
saying how to install it: Watson in its own virtualenv,
``python3 -m venv /tmp/watson-venv && /tmp/watson-venv/bin/pip install td-watson``
(or ``watson`` on PATH); Timewarrior with ``apt-get install -y timewarrior``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor as fl  # noqa: E402
import speed  # noqa: E402

WATSON_VENV = Path("/tmp/watson-venv/bin/watson")
INSTALL = {
    "watson": "python3 -m venv /tmp/watson-venv && /tmp/watson-venv/bin/pip install td-watson",
    "timew": "apt-get install -y timewarrior",
}


def find_watson() -> str | None:
    if WATSON_VENV.exists():
        return str(WATSON_VENV)
    return shutil.which("watson")


def sessions_of(history: Path) -> Iterator[dict[str, Any]]:
    with open(history, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith('{"kind": "session"'):
                yield json.loads(line)


def ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


def write_watson(history: Path, folder: Path) -> int:
    """Watson's ``frames`` file (and an empty state) in ``folder``; returns the frame count."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    frames = [
        [ts(s["start"]), ts(s["end"]), s["ticket"], s["uuid"].replace("-", ""), [], ts(s["end"])]
        for s in sessions_of(history)
    ]
    (folder / "frames").write_text(json.dumps(frames, indent=1), encoding="utf-8")
    (folder / "state").write_text("{}", encoding="utf-8")
    return len(frames)


def utc_stamp(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def write_timewarrior(history: Path, folder: Path) -> int:
    """Timewarrior's monthly data files, tags.data and an empty config; returns the interval count."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    (folder / "timewarrior.cfg").write_text("", encoding="utf-8")
    months: dict[str, list[tuple[str, str]]] = {}
    tags: dict[str, int] = {}
    for s in sessions_of(history):
        start = utc_stamp(s["start"])
        tag = "T" + s["ticket"]
        months.setdefault(f"{start[:4]}-{start[4:6]}", []).append(
            (start, f"inc {start} - {utc_stamp(s['end'])} # {tag}\n")
        )
        tags[tag] = tags.get(tag, 0) + 1
    count = 0
    for month, lines in months.items():
        lines.sort()
        (folder / "data" / f"{month}.data").write_text("".join(line for _, line in lines), encoding="utf-8")
        count += len(lines)
    body = ",\n".join(f'  "{tag}":{{"count":{n}}}' for tag, n in tags.items())
    (folder / "data" / "tags.data").write_text("{\n" + body + "\n}", encoding="utf-8")
    return count


def next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


ROWS = ("start", "status", "stop after start", "one day's log", "a month", "all history")


def tool_commands(
    tool: str, meta: dict[str, Any], ticket: str, have: dict[str, bool]
) -> list[tuple[str, list[str] | None]]:
    """Each row's argv for one tool, in the order they run (None: the tool cannot do it yet)."""
    day = meta["bench"]["day"]
    first, last = speed.month_span(meta["bill_month"])
    if tool == "tracker":
        t = fl.tracker_argv
        month = t("report", "--from", first, "--to", last) if have["report"] else None
        every = t("log", "--from", meta["first_day"], "--to", meta["last_day"]) if have["log range"] else None
        return [
            ("start", t("start", ticket)),
            ("status", t("status")),
            ("stop after start", t("stop")),
            ("one day's log", t("log", "--day", day)),
            ("a month", month),
            ("all history", every),
        ]
    if tool == "watson":
        w = find_watson()
        assert w is not None
        return [
            ("start", [w, "start", ticket]),
            ("status", [w, "status"]),
            ("stop after start", [w, "stop"]),
            ("one day's log", [w, "log", "--from", day, "--to", day]),
            ("a month", [w, "report", "--from", first, "--to", last]),
            ("all history", [w, "log", "--all"]),
        ]
    tw = "timew"
    return [
        ("start", [tw, "start", "T" + ticket]),
        ("status", [tw]),
        ("stop after start", [tw, "stop"]),
        ("one day's log", [tw, "summary", day, "-", next_day(day)]),
        ("a month", [tw, "summary", first, "-", next_day(last)]),
        ("all history", [tw, "summary", ":all"]),
    ]


def measure(
    tools: dict[str, tuple[list[tuple[str, list[str] | None]], dict[str, str]]], repeat: int
) -> dict[tuple[str, str], fl.Samples]:
    """Rounds of every tool's sequence (start .. all history); the tools' order alternates."""
    samples = {(tool, row): fl.Samples() for tool in tools for row in ROWS}
    names = list(tools)
    for i in range(1 + repeat):  # round 0 is the warm-up
        for tool in names if i % 2 == 0 else list(reversed(names)):
            cmds, env = tools[tool]
            started = 0.0
            for row, argv in cmds:
                if argv is None:
                    continue
                if row == "stop after start":  # Timewarrior refuses an interval shorter than a second
                    time.sleep(max(0.0, started + 1.1 - time.monotonic()))
                t = fl.timed(argv, env, timeout=900)
                started = time.monotonic() if row == "start" else started
                if i:
                    samples[(tool, row)].add(t.wall, t.cpu)
    return samples


def verdicts(row: str, mine: float, watson: float | None, timew: float | None) -> tuple[str, str]:
    """The row's target and result: 2x faster than Watson; faster than Timewarrior on reads."""
    checks = []
    targets = []
    if watson is not None:
        targets.append("Watson >= 2x")
        checks.append(watson / mine >= 2)
    if timew is not None and row in ("one day's log", "a month", "all history"):
        targets.append("timew > 1x")
        checks.append(timew / mine > 1)
    if row == "start" or not checks:
        return ", ".join(targets) or "-", "INFO"
    return ", ".join(targets), "PASS" if all(checks) else "FAIL"


def compare(sessions: int, repeat: int, report: speed.Report) -> None:
    home, meta = speed.cached_home(sessions, solo=True)
    full, _, _ = speed.solo_history(sessions)
    ticket = meta["bench"]["ticket"]
    print(f"\n[peers] one consultant's {sessions:,} sessions in tracker, Watson and Timewarrior")
    base_env = fl.env_for(None, TZ=fl.ZONE)
    have = {"report": speed.has_command("report"), "log range": speed.has_command("log", flag="--from")}
    tools = {
        "tracker": (
            tool_commands("tracker", meta, ticket, have),
            fl.env_for(speed.work_copy(home, "peers-tracker"), TZ=fl.ZONE),
        )
    }
    work = speed.DATA / "run"
    if find_watson():
        n = write_watson(full, work / "peers-watson")
        tools["watson"] = (
            tool_commands("watson", meta, ticket, have),
            dict(base_env, WATSON_DIR=str(work / "peers-watson")),
        )
        print(f"  Watson: {n:,} frames written")
    else:
        print(f"  Watson: SKIPPED, not installed; {INSTALL['watson']}")
    if shutil.which("timew"):
        n = write_timewarrior(full, work / "peers-timew")
        tools["timew"] = (
            tool_commands("timew", meta, ticket, have),
            dict(base_env, TIMEWARRIORDB=str(work / "peers-timew")),
        )
        print(f"  Timewarrior: {n:,} intervals written")
    else:
        print(f"  Timewarrior: SKIPPED, not installed; {INSTALL['timew']}")
    # The floor in the same rounds: no Python program can beat it, whatever it does.
    tools["floor"] = ([("status", fl.FLOOR_ARGV)], base_env)
    samples = measure(tools, repeat)
    floor = samples[("floor", "status")]
    report.add(
        speed.Row(
            "peers: the floor (python -c 'import sqlite3')", "-", speed.fmt(floor.median), "-", "-", "INFO"
        )
    )
    for row in ROWS:
        mine = samples[("tracker", row)]
        others = {t: samples[(t, row)].median for t in ("watson", "timew") if t in tools}
        if not mine.wall:
            note = "; ".join(f"{t} {v:.3f} s" for t, v in others.items())
            report.add(speed.Row(f"peers: {row}", "-", "-", "-", "-", "n/a", f"command missing; {note}"))
            continue
        target, result = verdicts(row, mine.median, others.get("watson"), others.get("timew"))
        note = "; ".join(f"{t} {v:.3f} s (x{v / mine.median:.1f})" for t, v in others.items())
        report.add(speed.Row(f"peers: {row}", "-", speed.fmt(mine.median), "-", target, result, note))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Tracker beside Watson and Timewarrior, over one history.")
    p.add_argument("--sessions", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    report = speed.Report()
    compare(args.sessions, args.repeat, report)
    report.print()
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
