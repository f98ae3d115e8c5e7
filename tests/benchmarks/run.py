"""Benchmark: does the tracker stay fast with 1,000,000 stored sessions?

    .venv/bin/python tests/benchmarks/run.py [--sessions N] [--repeat R]

1. Generates a realistic history of N sessions (default 1,000,000; 50 consultants,
   Mon-Fri 8 h days) with generate.py, cached in bench-data/ at the repository root.
2. Times ``tracker import`` of it into an empty data folder.
3. Builds a second folder with the very same settings and tickets but no sessions,
   then times real subprocesses of the installed ``tracker`` script (the one next to
   sys.executable) in both folders, interleaved, R times each (default 7), median:
   ``start NUMBER``, ``status`` (timer running), ``stop`` and ``log --day D`` for a
   consultant and a day that have history, and the desktop window's start until it is
   first shown (``tracker`` with TRACKER_EXIT_WHEN_SHOWN=1, QT_QPA_PLATFORM=offscreen).
4. Prints command, median at 0 and at N sessions, the ratio, the target and PASS/FAIL,
   and exits 1 if a target fails.

Targets: every command at N sessions within 1.2x of the same command at 0 sessions;
``status`` under 0.25 s; the import of 1,000,000 sessions under 60 s (scaled for
smaller N).  Each folder gets one unmeasured warm-up run of every command first, so
the figures are for a warm operating-system file cache.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT / "bench-data"
TRACKER = Path(sys.executable).with_name("tracker")
ZONE = "America/Sao_Paulo"

RATIO_TARGET = 1.2
STATUS_TARGET = 0.25
IMPORT_TARGET_1M = 60.0

sys.path.insert(0, str(HERE))
import generate  # noqa: E402


def env_for(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # PYTHONDONTWRITEBYTECODE off: an installed app runs from cached bytecode.
    for name in ("TRACKER_FAKE_NOW", "QT_QPA_PLATFORM", "TRACKER_EXIT_WHEN_SHOWN", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env.update(TRACKER_HOME=str(home), TRACKER_TZ=ZONE, **extra)
    return env


def run(home: Path, *args: str, timeout: float = 600, **extra: str) -> float:
    """Run the tracker script once; return its wall time, or stop the benchmark if it fails."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(TRACKER), *args],
        capture_output=True,
        text=True,
        env=env_for(home, **extra),
        cwd=ROOT,
        timeout=timeout,
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(
            f"tracker {' '.join(args)} exited {proc.returncode} in {home}:\n{proc.stdout}\n{proc.stderr}"
        )
    return elapsed


def history(sessions: int) -> tuple[Path, Path, dict[str, object]]:
    """The cached history file, its tickets-only twin, and the generator's metadata."""
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]
    full = DATA / f"history-{sessions}-{digest}.jsonl"
    tickets = DATA / f"tickets-{sessions}-{digest}.jsonl"
    meta_path = Path(str(full) + ".meta.json")
    if not (full.exists() and meta_path.exists() and tickets.exists()):
        DATA.mkdir(exist_ok=True)
        for old in DATA.glob(f"*-{sessions}-*.jsonl*"):
            old.unlink()
        t0 = time.perf_counter()
        partial = full.with_suffix(".partial")
        generate.generate(partial, sessions)
        Path(str(partial) + ".meta.json").replace(meta_path)
        partial.replace(full)
        with open(full, encoding="utf-8") as src, open(tickets, "w", encoding="utf-8") as dst:
            dst.writelines(line for line in src if line.startswith('{"kind": "ticket"'))
        print(f"generated {full.name} in {time.perf_counter() - t0:.1f} s (cached for the next run)")
    else:
        print(f"using cached {full.name}")
    return full, tickets, json.loads(meta_path.read_text(encoding="utf-8"))


def fresh_home(path: Path, consultant: str) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    run(path, "config", "set", "consultant", consultant)
    return path


def window_available() -> str | None:
    """None when the desktop app can be benchmarked, else why not."""
    try:
        if importlib.util.find_spec("ui.app") is None:
            return "ui/app.py is not there yet"
    except ImportError as exc:
        return f"the ui package cannot be imported ({exc})"
    return None


def fmt_s(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f} s"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the tracker at 0 and at N stored sessions.")
    p.add_argument("--sessions", type=int, default=1_000_000, help="history size (default 1000000)")
    p.add_argument("--repeat", type=int, default=7, help="runs of each command per folder (default 7)")
    args = p.parse_args(argv)
    n = args.sessions
    label = f"{n:,}"

    if not TRACKER.exists():
        print(f"no tracker script next to {sys.executable}; run with the project's .venv/bin/python")
        return 1
    full, tickets_only, meta = history(n)
    bench = meta["bench"]
    assert isinstance(bench, dict)
    consultant, ticket, day = bench["consultant"], bench["ticket"], bench["day"]
    print(f"consultant {consultant}, ticket {ticket}, log day {day}; {meta['tickets']} tickets")

    work = DATA / "run"
    home_n = fresh_home(work / f"home-{n}", consultant)
    import_s = run(home_n, "import", str(full), timeout=3600)
    size_mb = (home_n / "tracker.db").stat().st_size / 1e6
    print(f"tracker import of {label} sessions: {import_s:.1f} s (database {size_mb:.0f} MB)")
    home_0 = fresh_home(work / "home-0", consultant)
    run(home_0, "import", str(tickets_only), timeout=3600)

    commands: list[tuple[str, tuple[str, ...], dict[str, str]]] = [
        (f"start {ticket}", ("start", ticket), {}),
        ("status (running)", ("status",), {}),
        ("stop", ("stop",), {}),
        (f"log --day {day}", ("log", "--day", day), {}),
    ]
    window_note = window_available()
    if window_note is None:
        commands.append(
            ("window shown", (), {"TRACKER_EXIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"})
        )
    homes = {"0": home_0, "n": home_n}
    times: dict[str, dict[str, list[float]]] = {name: {"0": [], "n": []} for name, _, _ in commands}
    errors: dict[str, str] = {}  # the desktop app is optional: its failure is reported, not fatal

    def one_round(key: str, record: bool) -> None:
        for name, cmd, extra in commands:
            if name in errors:
                continue
            try:
                elapsed = run(homes[key], *cmd, timeout=120, **extra)
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                if cmd:
                    raise
                errors[name] = f"at {'0' if key == '0' else label} sessions: {exc}"
                continue
            if record:
                times[name][key].append(elapsed)

    for key in homes:  # warm-up, not measured
        one_round(key, record=False)
    for i in range(args.repeat):  # interleaved, alternating which folder goes first
        for key in ("0", "n") if i % 2 == 0 else ("n", "0"):
            one_round(key, record=True)

    rows: list[tuple[str, str, str, str, str, str]] = []
    failed = False
    import_target = max(2.0, IMPORT_TARGET_1M * n / 1_000_000)
    ok = import_s < import_target
    failed |= not ok
    rows.append(
        (
            f"import {label} sessions",
            "-",
            fmt_s(import_s),
            "-",
            f"< {import_target:.0f} s",
            "PASS" if ok else "FAIL",
        )
    )
    for name, _, _ in commands:
        if name in errors:
            failed = True
            rows.append((name, "-", "-", "-", f"ratio <= {RATIO_TARGET}", "ERROR"))
            continue
        at0 = statistics.median(times[name]["0"])
        atn = statistics.median(times[name]["n"])
        ratio = atn / at0
        ok = ratio <= RATIO_TARGET
        target = f"ratio <= {RATIO_TARGET}"
        if name.startswith("status"):
            ok = ok and atn < STATUS_TARGET and at0 < STATUS_TARGET
            target += f", < {STATUS_TARGET} s"
        failed |= not ok
        rows.append((name, fmt_s(at0), fmt_s(atn), f"{ratio:.2f}", target, "PASS" if ok else "FAIL"))

    header = ("command", "at 0", f"at {label}", "ratio", "target", "result")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    print(f"median of {args.repeat} runs each, wall time of the real `tracker` subprocess")
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
    for name, message in errors.items():
        lines = [line for line in message.strip().splitlines() if line.strip()]
        print(f"{name}: ERROR {' | '.join(lines[:1] + lines[2:6])}")
    if window_note is not None:
        print(f"window shown: SKIPPED, {window_note}; re-run once the desktop app exists")
    print()
    print("FAIL: a target was missed" if failed else "PASS: every target met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
