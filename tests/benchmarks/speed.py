"""Speed at the floor (issue 14): every figure a ratio to a floor measured in the same run.

    .venv/bin/python tests/benchmarks/speed.py                      # all parts at 1,000,000 sessions
    .venv/bin/python tests/benchmarks/speed.py --sessions 100000    # all parts, quicker
    .venv/bin/python tests/benchmarks/speed.py --only commands --only window --repeat 5

Parts (``--only NAME``, repeatable; all by default): ``commands``, ``imports``, ``reads``,
``window``, ``click``, ``export``, ``peers``.  See README.md for what each measures and
its target.  Prints every row with PASS/FAIL (n/a when the command does not exist yet,
ERROR when it failed), then a table; exits 1 if a target was missed or a row failed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor as fl  # noqa: E402
import run as bench  # noqa: E402

DATA = bench.DATA
MILLION = 1_000_000
HEAVY = ("sqlite_utils", "babel", "openpyxl", "psycopg", "PySide6", "shiboken6")
CLICKS = 100
SOLO_DAY = (20, 30)


# ----- the report -------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    floor: str
    time: str
    ratio: str
    target: str
    result: str
    note: str = ""


class Report:
    """The rows of the table; ``failed`` once a target is missed or a row could not be measured."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.failed = False

    def add(self, row: Row) -> None:
        if row.result in ("FAIL", "ERROR"):
            self.failed = True
        self.rows.append(row)
        extra = f"  [{row.note}]" if row.note else ""
        print(f"  {row.name}: {row.time} ratio {row.ratio} ({row.target})  {row.result}{extra}", flush=True)

    def ratio(
        self, name: str, value: float, floor: float, limit: float, unit: str = "s", note: str = ""
    ) -> None:
        r = value / floor
        self.add(
            Row(
                name,
                fmt(floor, unit),
                fmt(value, unit),
                f"{r:.2f}",
                f"<= {limit:g}x",
                verdict(r <= limit),
                note,
            )
        )

    def absolute(self, name: str, seconds: float, limit: float | None, note: str = "") -> None:
        target = "-" if limit is None else f"< {limit:g} s"
        result = "INFO" if limit is None else verdict(seconds < limit)
        self.add(Row(name, "-", fmt(seconds), "-", target, result, note))

    def missing(self, name: str, target: str, why: str) -> None:
        self.add(Row(name, "-", "-", "-", target, "n/a", why))

    def error(self, name: str, target: str, why: str) -> None:
        first = next((line for line in why.strip().splitlines() if line.strip()), why)
        self.add(Row(name, "-", "-", "-", target, "ERROR", first[:160]))

    def print(self) -> None:
        header = Row("measurement", "floor", "time", "ratio", "target", "result", "note")
        table = [header, *self.rows]
        cells = [[r.name, r.floor, r.time, r.ratio, r.target, r.result, r.note] for r in table]
        widths = [max(len(c[i]) for c in cells) for i in range(7)]
        print()
        print("| " + " | ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True)) + " |")
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for c in cells[1:]:
            print("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |")
        print()
        print("FAIL: a target was missed or a row could not be measured" if self.failed else "PASS")


def fmt(value: float, unit: str = "s") -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value * 1000:.2f} ms"
    return f"{value:.1f} {unit}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def scaled(target_at_1m: float, n: int) -> float:
    """A target set for 1,000,000 sessions, scaled linearly to ``n`` (for work that grows with n)."""
    return target_at_1m * n / MILLION


# ----- the data -----------------------------------------------------------------------------


_REBUILT: set[str] = set()  # what --rebuild has rebuilt in this run already


def solo_history(n: int) -> tuple[Path, Path, dict[str, Any]]:
    """One consultant's ``n`` sessions, 20-30 a working day (100,000 reach back 16 years, to 2010)."""
    return bench.history(n, 1, day_sessions=SOLO_DAY)


def cached_home(
    n: int, solo: bool = False, tickets_only: bool = False, rebuild: bool = False
) -> tuple[Path, dict[str, Any]]:
    """A home with a generated history (or its tickets only) imported; built once, then cached.

    The team's history: 50 consultants, 3-8 sessions a day each, in the home of the first
    of them.  ``solo``: one consultant's history (solo_history), in that consultant's home.
    """
    full, tickets, meta = solo_history(n) if solo else bench.history(n)
    kind = "tickets" if tickets_only else "imported"
    key = f"{kind}-{n}{'-solo' if solo else ''}-{bench.generator_digest()}"
    cache = DATA / "cache" / key
    state = cache / "state.json"
    if (rebuild and key not in _REBUILT) or not state.exists():
        _REBUILT.add(key)
        stem = key.rsplit("-", 1)[0]
        for old in (DATA / "cache").glob(f"{stem}-*"):
            if old.name.removeprefix(stem + "-").isalnum():  # another digest of this very home
                shutil.rmtree(old)
        build = cache.with_name(key + ".partial")
        shutil.rmtree(build, ignore_errors=True)
        home = bench.fresh_home(build / "home", meta["bench"]["consultant"])
        print(
            f"importing {'the tickets of ' if tickets_only else ''}{n:,} sessions into {key} ...", flush=True
        )
        seconds = bench.import_history(home, tickets if tickets_only else full)
        info = {"import_seconds": round(seconds, 2), "built": datetime.now().isoformat(timespec="seconds")}
        info["git"] = bench.git_head()
        (build / "state.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        build.rename(cache)
    return cache / "home", meta


def work_copy(src: Path, name: str) -> Path:
    """A fresh copy of a cached home for this run (the cache itself never changes)."""
    dst = DATA / "run" / name
    shutil.rmtree(dst, ignore_errors=True)
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src, dst)
    return dst


def has_command(*args: str, flag: str | None = None) -> bool:
    """Whether ``tracker ARGS --help`` exists (and mentions ``flag``)."""
    t = fl.timed(fl.tracker_argv(*args, "--help"), fl.env_for(), check=False)
    return t.returncode == 0 and (flag is None or flag in t.stdout)


def week_of(day: str) -> tuple[str, str]:
    d = date.fromisoformat(day)
    monday = d - timedelta(days=d.weekday())
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def month_span(month: str) -> tuple[str, str]:
    first = date.fromisoformat(month + "-01")
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first.isoformat(), last.isoformat()


# ----- commands at the floor ------------------------------------------------------------------


def command_rounds(
    homes: dict[str, Path], cmds: list[tuple[str, tuple[str, ...]]], repeat: int
) -> dict[str, fl.Samples]:
    """Rounds of: the floor, then each home's commands in order; homes alternate, floor twice."""
    samples: dict[str, fl.Samples] = {"floor": fl.Samples()}
    for key in homes:
        for name, _ in cmds:
            samples[f"{name} @{key}"] = fl.Samples()

    def sequence(key: str, record: bool) -> None:
        env = fl.env_for(homes[key])
        for name, args in cmds:
            t = fl.timed(fl.tracker_argv(*args), env, timeout=300)
            if record:
                samples[f"{name} @{key}"].add(t.wall, t.cpu)

    def floor(record: bool) -> None:
        t = fl.timed(fl.FLOOR_ARGV, fl.env_for())
        if record:
            samples["floor"].add(t.wall, t.cpu)

    keys = list(homes)
    for key in keys:  # warm-up: bytecode, OS file cache
        floor(False)
        sequence(key, False)
    for i in range(repeat):
        for key in keys if i % 2 == 0 else list(reversed(keys)):
            floor(True)
            sequence(key, True)
    return samples


def part_commands(args: argparse.Namespace, report: Report) -> None:
    n = args.sessions
    big, meta = cached_home(n, rebuild=args.rebuild)
    zero, _ = cached_home(n, tickets_only=True, rebuild=args.rebuild)
    ticket, day = meta["bench"]["ticket"], meta["bench"]["day"]
    week = week_of(day)
    print(f"\n[commands] {meta['bench']['consultant']}, ticket {ticket}, day {day}; at 0 and {n:,} sessions")
    homes = {"0": work_copy(zero, "speed-0"), f"{n:,}": work_copy(big, f"speed-{n}")}
    report_ok = has_command("report")
    cmds: list[tuple[str, tuple[str, ...]]] = [
        ("start", ("start", ticket)),
        ("status", ("status",)),
        ("log --day", ("log", "--day", day)),
    ]
    if report_ok:
        cmds.append(("report week", ("report", "--from", week[0], "--to", week[1])))
    cmds.append(("stop", ("stop",)))
    samples = command_rounds(homes, cmds, args.repeat)
    fl_s = samples["floor"]
    print(f"  floor (python -c 'import sqlite3'): {fl_s.median:.3f} s, cpu {fl_s.cpu_median:.3f} s")
    limits = {"status": 2.0, "log --day": 2.0, "report week": 2.5, "start": 3.0, "stop": 3.0}
    for name, limit in limits.items():
        for key in homes:
            label = f"{name} at {key} sessions" + (" (timer running)" if name == "status" else "")
            if name not in dict(cmds):
                report.missing(label, f"<= {limit:g}x", "n/a: command missing")
                continue
            s = samples[f"{name} @{key}"]
            cpu_ratio = s.cpu_median / fl_s.cpu_median
            report.ratio(label, s.median, fl_s.median, limit, note=f"cpu x{cpu_ratio:.2f}")


# ----- what each command imports ------------------------------------------------------------


def imported_modules(stderr: str) -> list[tuple[str, int, int]]:
    """(module, self us, cumulative us) from ``-X importtime`` output, in import order."""
    out = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:") :].split("|", 2)
        out.append((name.strip(), int(self_us), int(cum_us)))
    return out


def part_imports(args: argparse.Namespace, report: Report) -> None:
    n = args.sessions
    big, meta = cached_home(n, rebuild=args.rebuild)
    home = work_copy(big, f"speed-imports-{n}")
    ticket, day = meta["bench"]["ticket"], meta["bench"]["day"]
    week = week_of(day)
    print(f"\n[imports] python -X importtime, in the home of {n:,} sessions")
    cmds: list[tuple[str, tuple[str, ...] | None]] = [
        ("start", ("start", ticket)),
        ("status", ("status",)),
        ("log --day", ("log", "--day", day)),
        ("report week", ("report", "--from", week[0], "--to", week[1]) if has_command("report") else None),
        ("stop", ("stop",)),
    ]
    env = fl.env_for(home)
    target = "no sqlite_utils/babel/openpyxl/psycopg/Qt"
    for _, cmd in cmds:  # warm-up in order (start leaves a timer for status and stop): bytecode
        if cmd is not None:
            fl.timed(fl.tracker_argv(*cmd), env)
    for name, cmd in cmds:
        if cmd is None:
            report.missing(f"imports of {name}", target, "n/a: command missing")
            continue
        t = fl.timed([fl.PY, "-X", "importtime", "-m", "tracker", *cmd], env)
        mods = imported_modules(t.stderr)
        heavy = sorted({m.split(".")[0] for m, _, _ in mods if m.split(".")[0] in HEAVY})
        total_ms = sum(s for _, s, _ in mods) / 1000
        tops = sorted((m for m in mods if m[0].startswith("tracker")), key=lambda m: -m[2])[:3]
        top = ", ".join(f"{m} {c / 1000:.0f}" for m, _, c in tops)
        note = f"{len(mods)} modules; heavy: {', '.join(heavy) or 'none'}; ms: {top}"
        report.add(
            Row(f"imports of {name}", "-", f"{total_ms / 1000:.3f} s", "-", target, verdict(not heavy), note)
        )


# ----- reads that do not grow with history ------------------------------------------------------


def part_reads(args: argparse.Namespace, report: Report) -> None:
    m = min(100_000, args.sessions)
    print(f"\n[reads] log --from/--to over all of a {m:,}-session history; report over a month")
    name = f"log --from/--to, all {m:,} sessions of one consultant"
    if not has_command("log", flag="--from"):
        report.missing(name, "< 1 s", "n/a: command missing")
    else:
        home, meta = cached_home(m, solo=True, rebuild=args.rebuild)
        argv = fl.tracker_argv("log", "--from", meta["first_day"], "--to", meta["last_day"])
        s = fl.interleave([fl.command_case("log", argv, fl.env_for(home))], args.repeat)["log"]
        report.absolute(name, s.median, 1.0, note=f"cpu {s.cpu_median:.3f} s")
    n = args.sessions
    label = f"report month at {n:,} sessions"
    if not has_command("report"):
        report.missing(label, "<= 2.5x", "n/a: command missing")
        return
    big, meta = cached_home(n, rebuild=args.rebuild)
    first, last = month_span(meta["bill_month"])
    argv = fl.tracker_argv("report", "--from", first, "--to", last)
    s = fl.interleave([fl.floor_case(), fl.command_case("report", argv, fl.env_for(big))], args.repeat)
    report.ratio(label, s["report"].median, s["floor"].median, 2.5)


# ----- the window -------------------------------------------------------------------------------


def part_window(args: argparse.Namespace, report: Report) -> None:
    n = args.sessions
    big, _ = cached_home(n, rebuild=args.rebuild)
    zero, _ = cached_home(n, tickets_only=True, rebuild=args.rebuild)
    homes = {"0": work_copy(zero, "speed-window-0"), f"{n:,}": work_copy(big, f"speed-window-{n}")}
    print(f"\n[window] first painted frame and memory, at 0 and {n:,} sessions, beside a bare window")
    try:
        first = fl.window_frame("app", fl.env_for(homes["0"]))
    except RuntimeError as exc:
        report.error("window first frame", "<= 2x", str(exc))
        return
    size = (first.width, first.height)
    cases = [fl.window_case("bare", "bare", fl.env_for(), size)]
    cases += [fl.window_case(key, "app", fl.env_for(home)) for key, home in homes.items()]
    s = fl.interleave(cases, args.repeat)
    bare = s["bare"]
    print(f"  bare window {size[0]}x{size[1]}: {bare.median:.3f} s, RSS {bare.extra_median('rss_mb'):.1f} MB")
    for key in homes:
        w = s[key]
        note = f"cpu x{w.cpu_median / bare.cpu_median:.2f}"
        report.ratio(f"window first frame at {key} sessions", w.median, bare.median, 2.0, note=note)
        rss, bare_rss = w.extra_median("rss_mb"), bare.extra_median("rss_mb")
        report.ratio(f"window memory (RSS) at {key} sessions", rss, bare_rss, 1.5, unit="MB")


def part_click(args: argparse.Namespace, report: Report) -> None:
    n = args.sessions
    _, _, meta = bench.history(n)
    # The synced home: with a million sessions pending, the window's own background sync
    # would hold the write lock for minutes and the clicks would wait for it.
    src, _, _ = synced(n, args.rebuild)
    home = work_copy(src, f"speed-click-{n}")
    export = DATA / "run" / f"speed-click-{n}-export"
    shutil.rmtree(export, ignore_errors=True)
    export.mkdir(parents=True)
    bench.run(home, "config", "set", "export-dir", str(export))  # never the cached export
    out = DATA / "run" / "click.json"
    out.unlink(missing_ok=True)
    print(f"\n[click] {CLICKS} start/stop clicks in the window, in process (pytest-qt), at {n:,} sessions")
    env = fl.env_for(home, BENCH_HOME=str(home), BENCH_OUT=str(out), BENCH_TICKET=meta["bench"]["ticket"])
    env["BENCH_CLICKS"] = str(CLICKS)
    argv = [
        fl.PY,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-o",
        "timeout=3600",  # 100 clicks at a million sessions take minutes today
        str(HERE / "test_click.py"),
    ]
    t = fl.timed(argv, env, timeout=3600, check=False)
    name = f"start/stop click at {n:,} sessions (median of {CLICKS})"
    r = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    if "error" in r:
        report.error(name, "< 5 ms", r["error"])
        return
    if t.returncode != 0 or not r:
        lines = [x for x in (t.stdout + t.stderr).splitlines() if x.startswith("E ") or "Timeout" in x]
        report.error(name, "< 5 ms", (lines or [t.stdout.strip()[-160:]])[-1])
        print(t.stdout[-3000:], t.stderr[-1000:])
        return
    note = f"start {r['start_ms']:.2f} ms, stop {r['stop_ms']:.2f} ms, p90 {r['p90_ms']:.2f} ms"
    report.add(
        Row(name, "-", fmt(r["median_ms"] / 1000, "ms"), "-", "< 5 ms", verdict(r["median_ms"] < 5), note)
    )


# ----- the folder export at scale ---------------------------------------------------------------


def synced(n: int, rebuild: bool) -> tuple[Path, Path, dict[str, Any]]:
    """run.py's synced state: the N-session home with everything sent, its export, and its state.json.

    Built (timing the big sync) the first time or with --rebuild (once a run), from a copy of
    the cached imported home.
    """
    full, _, meta = bench.history(n)
    state_dir = DATA / "cache" / f"synced-{n}-{bench.generator_digest()}"
    keep = None
    key = state_dir.name
    if (rebuild and key not in _REBUILT) or not (state_dir / "state.json").exists():
        _REBUILT.add(key)
        big, _ = cached_home(n, rebuild=rebuild)
        keep = work_copy(big, f"imported-{n}")
    home, export = bench.synced_state(n, full, meta, keep, keep is not None, bench.Report())
    return home, export, json.loads((state_dir / "state.json").read_text(encoding="utf-8"))


def part_export(args: argparse.Namespace, report: Report) -> None:
    n = args.sessions
    _, _, meta = bench.history(n)
    print(f"\n[export] sync of all {n:,} sessions from one home; a new reader's first pass; later reads")
    _, export, state = synced(n, args.rebuild)
    sync_target = scaled(60.0, n)
    cpu = f"cpu {state['sync_cpu_seconds']:.1f} s, " if "sync_cpu_seconds" in state else ""
    note = f"{cpu}built {state['built'][:16]} at {state['git']}"
    report.absolute(
        f"sync all {n:,} sessions from one home (1 run)", state["sync_seconds"], sync_target, note
    )
    lead = bench.fresh_home(DATA / "run" / f"speed-lead-{n}", "lead.bench")
    bench.run(lead, "config", "set", "role", "lead")
    bench.run(lead, "config", "set", "export-dir", str(export))
    day = meta["lead_day"]
    log = fl.tracker_argv("central", "log", "--day", day, "--json")
    env = fl.env_for(lead)
    cold = 1 if n > 200_000 else min(3, args.repeat)
    firsts = fl.Samples()
    for _ in range(cold):
        bench.drop_cache(lead)
        t = fl.timed(log, env, timeout=4 * 3600)
        firsts.add(t.wall, t.cpu)
    runs = "1 run" if cold == 1 else f"median of {cold}"
    first_target = scaled(10.0, n)
    name = f"central log, first read of {n:,} ({runs})"
    report.absolute(name, firsts.median, first_target, note=f"cpu {firsts.cpu_median:.1f} s")
    later = fl.interleave([fl.command_case("later", log, env)], args.repeat)["later"]
    report.absolute(
        f"central log --day {day}, later read", later.median, 0.5, note=f"cpu {later.cpu_median:.3f} s"
    )


# ----- peers --------------------------------------------------------------------------------------


def part_peers(args: argparse.Namespace, report: Report) -> None:
    import peers

    peers.compare(min(args.sessions, args.peer_sessions), args.peer_repeat, report)


def prepare(args: argparse.Namespace) -> int:
    """Build what the parts need at ``--sessions`` (the long, unmeasured setup), and stop."""
    n = args.sessions
    cached_home(n, rebuild=args.rebuild)
    cached_home(n, tickets_only=True, rebuild=args.rebuild)
    cached_home(min(100_000, n), solo=True, rebuild=args.rebuild)
    synced(n, args.rebuild)
    print(f"ready for --sessions {n}")
    return 0


PARTS: dict[str, Callable[[argparse.Namespace, Report], None]] = {
    "commands": part_commands,
    "imports": part_imports,
    "reads": part_reads,
    "window": part_window,
    "click": part_click,
    "export": part_export,
    "peers": part_peers,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description="Speed at the floor: every figure a ratio to a floor of the same run."
    )
    p.add_argument("--sessions", type=int, default=MILLION, help="history size (default 1000000)")
    p.add_argument("--repeat", type=int, default=11, help="measured runs of each command (default 11)")
    p.add_argument(
        "--peer-sessions", type=int, default=100_000, help="history fed to the peers (default 100000)"
    )
    p.add_argument("--peer-repeat", type=int, default=5, help="rounds of the peers' commands (default 5)")
    p.add_argument("--only", action="append", choices=list(PARTS), metavar="NAME", help=", ".join(PARTS))
    p.add_argument("--rebuild", action="store_true", help="rebuild the cached homes and the synced export")
    p.add_argument(
        "--prepare",
        action="store_true",
        help="only build the cached homes and the synced export, measure nothing",
    )
    args = p.parse_args(argv)
    if args.prepare:
        return prepare(args)
    t0 = time.perf_counter()
    report = Report()
    print(f"speed at the floor: {args.sessions:,} sessions, median of {args.repeat}, at {bench.git_head()}")
    for name in args.only or list(PARTS):
        try:
            PARTS[name](args, report)
        except Exception as exc:  # one part failing must not hide the others' figures
            report.error(f"part {name}", "-", f"{type(exc).__name__}: {exc}")
            print(f"  part {name} failed: {exc}", file=sys.stderr)
    report.print()
    print(f"({time.perf_counter() - t0:.0f} s in all)")
    return 1 if report.failed else 0


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.exit(main())
