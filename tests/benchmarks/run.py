"""Benchmark: does the tracker stay fast with 1,000,000 stored sessions?

    .venv/bin/python tests/benchmarks/run.py [--sessions N] [--repeat R]

1. Generates a realistic history of N sessions (default 1,000,000; 50 consultants,
   Mon-Fri 8 h days) with generate.py, cached in bench-data/ at the repository root.
2. Times ``tracker import`` of it into an empty data folder.
3. Builds a second folder with the very same settings and tickets but no sessions,
   then times real subprocesses of ``python -m tracker`` (this interpreter, from the
   repository root, so this checkout's code) in both folders, interleaved, R times each (default 7), median:
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
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DATA = ROOT / "bench-data"
# `python -m tracker` from the repository root runs this checkout's code (the installed
# `tracker` script may be an editable install of another checkout).
TRACKER = [sys.executable, "-m", "tracker"]
ZONE = "America/Sao_Paulo"

RATIO_TARGET = 1.2
STATUS_TARGET = 0.25
IMPORT_TARGET_1M = 60.0
SYNC_SESSIONS = 10_000  # pending sessions of one consultant in the sync benchmark
SYNC_TARGET = 5.0
SYNC1_RATIO = 1.5
CENTRAL_TARGET = 0.5
REVIEW_TARGET = 1.0
BILL_TARGET = 3.0

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
    """Run ``python -m tracker`` once; return its wall time, or stop the benchmark if it fails."""
    return run_out(home, *args, timeout=timeout, **extra)[0]


def run_out(home: Path, *args: str, timeout: float = 600, **extra: str) -> tuple[float, str]:
    """Run ``python -m tracker`` once; return its wall time and its stdout."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*TRACKER, *args],
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
    return elapsed, proc.stdout


def history(
    sessions: int, consultants: int = 50, finalize: bool = False, day_sessions: tuple[int, int] = (3, 8)
) -> tuple[Path, Path, dict[str, Any]]:
    """The cached history file, its tickets-only twin, and the generator's metadata."""
    digest = generator_digest()
    per_day = "" if day_sessions == (3, 8) else f"d{day_sessions[0]}-{day_sessions[1]}"
    key = f"{sessions}x{consultants}{per_day}{'f' if finalize else ''}"
    full = DATA / f"history-{key}-{digest}.jsonl"
    tickets = DATA / f"tickets-{key}-{digest}.jsonl"
    meta_path = Path(str(full) + ".meta.json")
    plan = Path(str(full) + ".finalize.jsonl")
    if not (full.exists() and meta_path.exists() and tickets.exists() and (plan.exists() or not finalize)):
        DATA.mkdir(exist_ok=True)
        for old in [*DATA.glob(f"history-{key}-*.jsonl*"), *DATA.glob(f"tickets-{key}-*.jsonl")]:
            old.unlink()
        t0 = time.perf_counter()
        partial = full.with_suffix(".partial")
        generate.generate(partial, sessions, consultants, finalize=finalize, day_sessions=day_sessions)
        if finalize:
            Path(str(partial) + ".finalize.jsonl").replace(plan)
        Path(str(partial) + ".meta.json").replace(meta_path)
        partial.replace(full)
        with open(full, encoding="utf-8") as src, open(tickets, "w", encoding="utf-8") as dst:
            dst.writelines(line for line in src if line.startswith('{"kind": "ticket"'))
        print(f"generated {full.name} in {time.perf_counter() - t0:.1f} s (cached for the next run)")
    else:
        print(f"using cached {full.name}")
    return full, tickets, json.loads(meta_path.read_text(encoding="utf-8"))


def generator_digest() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:10]


def fresh_home(path: Path, consultant: str) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    run(path, "config", "set", "consultant", consultant)
    return path


def import_history(home: Path, full: Path, timeout: float = 3600) -> float:
    """``tracker import`` of a generated history into ``home``: the summed wall time of the imports.

    A home imports only its own consultant's sessions, so a team's history goes in one
    import per consultant, each under that consultant's login (the home's own first, so
    that it creates the tickets), as a workstation the team takes turns at would record
    it; the home's consultant is set back at the end.  One consultant's history is one
    import.
    """
    me = json.loads(run_out(home, "config", "get", "consultant", "--json")[1])["consultant"]
    parts: dict[str, list[bytes]] = {me: []}
    with open(full, "rb") as lines:
        for line in lines:
            record = json.loads(line)
            who = record.get("consultant", me) if record.get("kind") == "session" else me
            parts.setdefault(who, []).append(line)
    if len(parts) == 1:
        return run(home, "import", str(full), timeout=timeout)
    total = 0.0
    work = home.parent / f"{home.name}-import-parts"
    work.mkdir(exist_ok=True)
    try:
        for who, chunk in parts.items():
            part = work / f"{who}.jsonl"
            part.write_bytes(b"".join(chunk))
            run(home, "config", "set", "consultant", who)
            total += run(home, "import", str(part), timeout=timeout)
    finally:
        run(home, "config", "set", "consultant", me)
        shutil.rmtree(work, ignore_errors=True)
    return total


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


class Report:
    """The rows of the figures table; ``failed`` once any target is missed."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.failed = False
        self.notes: list[str] = []

    def add(
        self,
        name: str,
        seconds: float | None,
        target: str,
        ok: bool | None,
        baseline: float | None = None,
        ratio: float | None = None,
    ) -> None:
        """One measurement; ``ok`` None is a figure without a target (INFO)."""
        if ok is False:
            self.failed = True
        result = "INFO" if ok is None else ("PASS" if ok else "FAIL")
        row = (
            name,
            fmt_s(baseline),
            fmt_s(seconds),
            "-" if ratio is None else f"{ratio:.2f}",
            target,
            result,
        )
        self.rows.append(row)
        print(f"  {name}: {fmt_s(seconds)}" + ("" if ratio is None else f" (x{ratio:.2f})") + f"  {result}")

    def error(self, name: str, target: str) -> None:
        self.failed = True
        self.rows.append((name, "-", "-", "-", target, "ERROR"))

    def print(self, repeat: int) -> None:
        header = ("measurement", "at 0", "time", "ratio", "target", "result")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(len(header))]
        print()
        print(
            f"median of {repeat} runs each unless said otherwise; wall time of the real `tracker` subprocess"
        )
        for r in [header, tuple("-" * w for w in widths), *self.rows]:
            print("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
        for note in self.notes:
            print(note)
        print()
        print("FAIL: a target was missed" if self.failed else "PASS: every target met")


def median_runs(
    home: Path, args: tuple[str, ...], repeat: int, warm_up: int = 1, timeout: float = 600
) -> float:
    """The median of ``repeat`` runs after ``warm_up`` unmeasured ones."""
    times = []
    for i in range(warm_up + repeat):
        elapsed = run(home, *args, timeout=timeout)
        if i >= warm_up:
            times.append(elapsed)
    return statistics.median(times)


def git_head() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return proc.stdout.strip() or "?"


def drop_cache(home: Path) -> None:
    """Forget what the central reader has indexed, so the next read starts from nothing."""
    for path in home.glob("central-cache.db*"):
        path.unlink()


def link_tree(src: Path, dst: Path) -> None:
    """A copy of an export whose files are hard links: batches are never rewritten in place."""
    shutil.copytree(src, dst, copy_function=os.link)


# ----- 1. the existing measurements: import, then commands at 0 vs N sessions -----------


def part_commands(
    args: argparse.Namespace,
    full: Path,
    tickets_only: Path,
    meta: dict[str, Any],
    report: Report,
    keep: Path | None,
) -> None:
    n = args.sessions
    label = f"{n:,}"
    bench = meta["bench"]
    consultant, ticket, day = bench["consultant"], bench["ticket"], bench["day"]
    print(f"\n[commands] consultant {consultant}, ticket {ticket}, log day {day}; {meta['tickets']} tickets")

    work = DATA / "run"
    home_n = fresh_home(work / f"home-{n}", consultant)
    import_s = import_history(home_n, full)
    size_mb = (home_n / "tracker.db").stat().st_size / 1e6
    print(f"tracker import of {label} sessions: {import_s:.1f} s (database {size_mb:.0f} MB)")
    if keep is not None:  # the synced state is built from this very import, before anything changes it
        shutil.rmtree(keep, ignore_errors=True)
        shutil.copytree(home_n, keep)
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

    import_target = max(2.0, IMPORT_TARGET_1M * n / 1_000_000)
    report.add(
        f"import {label} sessions (1 run)", import_s, f"< {import_target:.0f} s", import_s < import_target
    )
    for name, _, _ in commands:
        if name in errors:
            report.error(name, f"ratio <= {RATIO_TARGET}")
            continue
        at0 = statistics.median(times[name]["0"])
        atn = statistics.median(times[name]["n"])
        ratio = atn / at0
        ok = ratio <= RATIO_TARGET
        target = f"ratio <= {RATIO_TARGET}"
        if name.startswith("status"):
            ok = ok and atn < STATUS_TARGET and at0 < STATUS_TARGET
            target += f", < {STATUS_TARGET} s"
        report.add(name, atn, target, ok, baseline=at0, ratio=ratio)
    for name, message in errors.items():
        lines = [line for line in message.strip().splitlines() if line.strip()]
        report.notes.append(f"{name}: ERROR {' | '.join(lines[:1] + lines[2:6])}")
    if window_note is not None:
        report.notes.append(f"window shown: SKIPPED, {window_note}; re-run once the desktop app exists")


# ----- the synced state: N sessions of 50 consultants, all sent to an export ------------


def synced_state(
    n: int, full: Path, meta: dict[str, Any], imported: Path | None, rebuild: bool, report: Report
) -> tuple[Path, Path]:
    """A home holding the whole history, all synced, and its export; built once, then cached."""
    key = f"synced-{n}-{generator_digest()}"
    cache = DATA / "cache" / key
    info = cache / "state.json"
    label = f"{n:,}"
    if rebuild or not info.exists():
        for old in (DATA / "cache").glob(f"synced-{n}-*"):
            shutil.rmtree(old)
        build = cache.with_name(key + ".partial")
        build.mkdir(parents=True)
        home = build / "home"
        if imported is not None and imported.exists():
            imported.rename(home)
        else:
            fresh_home(home, meta["bench"]["consultant"])
            print(f"importing {label} sessions for the synced state ...")
            import_history(home, full)
        (build / "export").mkdir()
        run(home, "config", "set", "export-dir", str(build / "export"))
        print(f"tracker sync of {label} sessions of {len(meta['consultants'])} consultants ...", flush=True)
        # The copy and the removals just before leave hundreds of MB to write back; the
        # sync's own fsyncs would wait for them (66 s measured this way, 44 s after a sync).
        os.sync()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, out = run_out(home, "sync", "--json", timeout=4 * 3600)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        state = {
            "sessions": n,
            "sync_seconds": round(seconds, 2),
            "sync_cpu_seconds": round(cpu, 2),
            "sync": json.loads(out),
            "built": datetime.now().isoformat(timespec="seconds"),
            "git": git_head(),
        }
        (build / "state.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        build.rename(cache)
        run(cache / "home", "config", "set", "export-dir", str(cache / "export"))
        how = "1 run"
    else:
        state = json.loads(info.read_text(encoding="utf-8"))
        how = f"1 run, cached from {state['built'][:10]} at {state['git']}"
        print(f"using the cached synced state {key} (built {state['built']}; --rebuild to redo it)")
    sent = state["sync"]
    print(
        f"the big sync sent {sent['sessions']:,} sessions and {sent['events']:,} ticket events "
        f"in {sent['batches_written']} batches"
    )
    report.add(f"sync of all {label} sessions, 50 consultants ({how})", state["sync_seconds"], "-", None)
    return cache / "home", cache / "export"


# ----- 2. sync of 10,000 pending sessions ------------------------------------------------


def part_sync(args: argparse.Namespace, report: Report) -> None:
    m = min(SYNC_SESSIONS, args.sessions)
    full, _, meta = history(m, consultants=1)
    who = meta["consultants"][0]
    print(f"\n[sync] {m:,} pending sessions of {who} into an empty export")
    work = DATA / "run"
    base = fresh_home(work / f"sync-{m}-base", who)
    import_history(base, full)
    export = work / f"sync-{m}-export"
    run(base, "config", "set", "export-dir", str(export))
    home = work / f"sync-{m}-home"
    times = []
    out = ""
    for i in range(1 + args.repeat):  # the first one is a warm-up
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(base, home)
        shutil.rmtree(export, ignore_errors=True)
        export.mkdir()
        elapsed, out = run_out(home, "sync", "--json", timeout=3600)
        if i:
            times.append(elapsed)
    sent = json.loads(out)
    assert sent["sessions"] == m and sent["pending"] == 0, sent
    print(
        f"  sent {sent['sessions']:,} sessions and {sent['events']:,} ticket events "
        f"in {sent['batches_written']} batches"
    )
    report.add(
        f"sync {m:,} pending sessions",
        statistics.median(times),
        f"< {SYNC_TARGET:.0f} s",
        statistics.median(times) < SYNC_TARGET,
    )


# ----- 3. sync of one session with N synced vs with no history --------------------------


def part_sync_one(
    args: argparse.Namespace, home_src: Path, export_src: Path, meta: dict[str, Any], report: Report
) -> None:
    n = args.sessions
    consultant, ticket = meta["bench"]["consultant"], meta["bench"]["ticket"]
    print(f"\n[sync1] 1 new session of {consultant} with {n:,} synced vs with no history")
    work = DATA / "run"
    big, empty = work / "sync1-n", work / "sync1-0"
    for folder in (big, empty):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(home_src, big / "home")  # the cached state stays clean
    link_tree(export_src, big / "export")
    run(big / "home", "config", "set", "export-dir", str(big / "export"))
    fresh_home(empty / "home", consultant)
    (empty / "export").mkdir()
    run(empty / "home", "config", "set", "export-dir", str(empty / "export"))
    run(empty / "home", "ticket", "add", ticket, "--customer", "Padaria Silva Ltda", "--type", "technical",
        "--term-accepted", "2026-01-05")  # fmt: skip
    homes = {"0": empty / "home", "n": big / "home"}
    times: dict[str, list[float]] = {"0": [], "n": []}
    first = datetime.fromisoformat(meta["now"]).date() + timedelta(days=1)
    slot = 0
    for i in range(1 + args.repeat):  # round 0 is the warm-up (it also sends the 0 home's ticket)
        for key in ("0", "n") if i % 2 == 0 else ("n", "0"):
            start = datetime.combine(first + timedelta(days=slot // 24), datetime.min.time())
            start = start.replace(hour=8, tzinfo=datetime.fromisoformat(meta["now"]).tzinfo)
            start += timedelta(minutes=20 * (slot % 24))
            slot += 1
            end = start + timedelta(minutes=15)
            if end.timestamp() > time.time():
                raise RuntimeError(f"the session {start.isoformat()} would be in the future")
            run(homes[key], "add", ticket, "--start", start.isoformat(), "--end", end.isoformat())
            elapsed, out = run_out(homes[key], "sync", "--json")
            sent = json.loads(out)
            assert sent["sessions"] == 1 and sent["pending"] == 0, sent
            if i:
                times[key].append(elapsed)
    at0, atn = statistics.median(times["0"]), statistics.median(times["n"])
    ratio = atn / at0
    report.add(
        f"sync 1 session, {n:,} synced", atn, f"ratio <= {SYNC1_RATIO}", ratio <= SYNC1_RATIO, at0, ratio
    )


# ----- 4 and 5. a lead reading the export of N sessions -------------------------------------


def part_lead(
    args: argparse.Namespace, parts: set[str], export_src: Path, meta: dict[str, Any], report: Report
) -> None:
    n = args.sessions
    day = meta["lead_day"]
    print(f"\n[central/review] a lead over the export of {n:,} sessions; day {day}")
    lead = fresh_home(DATA / "run" / f"lead-{n}", "lead.bench")
    run(lead, "config", "set", "role", "lead")
    run(lead, "config", "set", "export-dir", str(export_src))
    log = ("central", "log", "--day", day, "--json")
    cold = 1 if n > 200_000 else min(3, args.repeat)
    firsts = []
    out = ""
    for _ in range(cold):
        drop_cache(lead)
        elapsed, out = run_out(lead, *log, timeout=4 * 3600)
        firsts.append(elapsed)
    found = json.loads(out)["sessions"]
    people = len({s["consultant"] for s in found})
    print(f"  {day}: {len(found)} sessions of {people} consultants")
    if "central" in parts:
        runs = "1 run" if cold == 1 else f"median of {cold}"
        report.add(f"central log, first read of {n:,} ({runs})", statistics.median(firsts), "-", None)
        later = median_runs(lead, log, args.repeat)
        report.add("central log --day, later read", later, f"< {CENTRAL_TARGET} s", later < CENTRAL_TARGET)
    if "review" in parts:
        review = ("review", "--day", day, "--json")
        _, out = run_out(lead, *review)
        rows = json.loads(out)["consultants"]
        print(f"  review {day}: {sum(1 for r in rows if r['sessions'])} of {len(rows)} consultants active")
        seconds = median_runs(lead, review, args.repeat)
        report.add(
            f"review --day, {people} consultants", seconds, f"< {REVIEW_TARGET} s", seconds < REVIEW_TARGET
        )


# ----- 6. the month's statement over an export of N/10 sessions -------------------------------


def billing_state(m: int, full: Path, plan: Path, meta: dict[str, Any], rebuild: bool) -> Path:
    """The export of ``m`` sessions with their tickets finalized; built once, then cached."""
    key = f"billing-{m}-{generator_digest()}"
    cache = DATA / "cache" / key
    if rebuild or not (cache / "state.json").exists():
        for old in (DATA / "cache").glob(f"billing-{m}-*"):
            shutil.rmtree(old)
        build = cache.with_name(key + ".partial")
        home = fresh_home(build / "home", meta["bench"]["consultant"])
        import_s = import_history(home, full)
        t0 = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(HERE / "finalize.py"),
                "--home",
                str(home),
                "--plan",
                str(plan),
                "--now",
                meta["now"],
            ],
            check=True,
            cwd=ROOT,
            env=env_for(home),
        )
        finalize_s = time.perf_counter() - t0
        (build / "export").mkdir()
        run(home, "config", "set", "export-dir", str(build / "export"))
        sync_s, out = run_out(home, "sync", "--json", timeout=3600)
        state = {
            "sessions": m,
            "import_seconds": round(import_s, 2),
            "finalize_seconds": round(finalize_s, 2),
            "sync_seconds": round(sync_s, 2),
            "sync": json.loads(out),
            "built": datetime.now().isoformat(timespec="seconds"),
            "git": git_head(),
        }
        (build / "state.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        build.rename(cache)
        run(cache / "home", "config", "set", "export-dir", str(cache / "export"))
        print(f"  built {key}: import {import_s:.1f} s, finalize {finalize_s:.1f} s, sync {sync_s:.1f} s")
    else:
        print(f"  using the cached {key}")
    return cache / "export"


def part_bill(args: argparse.Namespace, report: Report) -> None:
    m = max(1000, args.sessions // 10)
    full, _, meta = history(m, finalize=True)
    plan = Path(str(full) + ".finalize.jsonl")
    month = meta["bill_month"]
    print(
        f"\n[bill] statement of {month} over an export of {m:,} sessions; {meta['finalized']} tickets "
        f"finalized, {meta['finalized_in_bill_month']} of them in {month}"
    )
    export = billing_state(m, full, plan, meta, args.rebuild)
    home = fresh_home(DATA / "run" / f"billing-{m}", "faturamento")
    run(home, "config", "set", "role", "billing")
    run(home, "config", "set", "export-dir", str(export))
    for kind, hourly in (("technical", "240.00"), ("support", "180.00")):
        run(home, "rates", "set", "--type", kind, "--hourly", hourly, "--from", meta["first_day"])
    bill = ("bill", "--month", month, "--format", "json")
    cold = 1 if m > 200_000 else min(3, args.repeat)
    firsts = []
    out = ""
    for _ in range(cold):
        drop_cache(home)
        elapsed, out = run_out(home, *bill, timeout=3600)
        firsts.append(elapsed)
    st = json.loads(out)
    print(f"  {len(st['lines'])} lines, total R$ {st['totals']['amount']}")
    assert st["lines"], "the statement is empty"
    runs = "1 run" if cold == 1 else f"median of {cold}"
    first = statistics.median(firsts)
    # The target holds even for a billing home reading the export for the first time.
    name = f"bill {month}, first read of {m:,} ({runs})"
    report.add(name, first, f"< {BILL_TARGET} s", first < BILL_TARGET)
    later = median_runs(home, bill, args.repeat)
    report.add(
        f"bill {month}, later run ({len(st['lines'])} lines)",
        later,
        f"< {BILL_TARGET} s",
        later < BILL_TARGET,
    )


PARTS = ("commands", "sync", "sync1", "central", "review", "bill")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the tracker at 0 and at N stored sessions.")
    p.add_argument("--sessions", type=int, default=1_000_000, help="history size (default 1000000)")
    p.add_argument("--repeat", type=int, default=7, help="runs of each command per folder (default 7)")
    p.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        metavar="NAME",
        help=f"run only this part (repeatable): {', '.join(PARTS)}",
    )
    p.add_argument("--rebuild", action="store_true", help="rebuild the cached synced and billing states")
    args = p.parse_args(argv)
    parts = set(args.only or PARTS)
    n = args.sessions

    t_start = time.perf_counter()
    report = Report()
    needs_history = parts & {"commands", "sync1", "central", "review"}
    if needs_history:
        full, tickets_only, meta = history(n)
        synced_ready = (DATA / "cache" / f"synced-{n}-{generator_digest()}" / "state.json").exists()
        keep = None
        if (
            parts & {"sync1", "central", "review"}
            and (args.rebuild or not synced_ready)
            and "commands" in parts
        ):
            keep = DATA / "run" / f"imported-{n}"
        if "commands" in parts:
            part_commands(args, full, tickets_only, meta, report, keep)
        if parts & {"sync1", "central", "review"}:
            print()
            home_s, export_s = synced_state(n, full, meta, keep, args.rebuild, report)
            if "sync1" in parts:
                part_sync_one(args, home_s, export_s, meta, report)
            if parts & {"central", "review"}:
                part_lead(args, parts, export_s, meta, report)
    if "sync" in parts:
        part_sync(args, report)
    if "bill" in parts:
        part_bill(args, report)
    report.print(args.repeat)
    print(f"({time.perf_counter() - t_start:.0f} s in all)")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
