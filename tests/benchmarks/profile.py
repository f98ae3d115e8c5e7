"""Where the time goes: the profiles behind FINDINGS.md, written to bench-data/profiles/.

    .venv/bin/python tests/benchmarks/profile.py imports [--home DIR] [--runs 9] -- status
    .venv/bin/python tests/benchmarks/profile.py cprofile --home DIR -- central log --day D --json
    .venv/bin/python tests/benchmarks/profile.py pyinstrument --home DIR -- sync --json
    .venv/bin/python tests/benchmarks/profile.py window --home DIR     # the app's start to its first frame

- ``imports``: ``python -X importtime -m tracker ARGS`` ``--runs`` times and the floor
  (``python -c "import sqlite3"``) as often; per module the median self and cumulative
  time, the top 20 by cumulative time, and what the command imports beyond the floor
  (sum of medians of self times), biggest first.
- ``cprofile``: ``python -m cProfile`` of one run; the top functions by own time, with
  their share of the whole.
- ``pyinstrument`` (``pip install pyinstrument``): a sampling profile of one run, as a
  call tree (low overhead, so fair for SQLite-heavy work); text and HTML.
- ``window``: pyinstrument of window_probe.py ``app`` (start to first painted frame).

Each writes its report to bench-data/profiles/NAME.txt and prints it.
"""

from __future__ import annotations

import argparse
import pstats
import statistics
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor as fl  # noqa: E402

OUT = fl.ROOT / "bench-data" / "profiles"


def importtime(argv: list[str], env: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Module -> (median self ms, median cumulative ms) over ``runs`` runs of ``argv``."""
    selfs: dict[str, list[float]] = defaultdict(list)
    cums: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        t = fl.timed([fl.PY, "-X", "importtime", *argv], env, check=False)
        for line in t.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cum_us, name = line[len("import time:") :].split("|", 2)
            selfs[name.strip()].append(int(self_us) / 1000)
            cums[name.strip()].append(int(cum_us) / 1000)
    return {m: (statistics.median(selfs[m]), statistics.median(cums[m])) for m in selfs}


def report_imports(args: argparse.Namespace) -> str:
    env = fl.env_for(args.home)
    cmd = importtime(["-m", "tracker", *args.command], env, args.runs)
    floor = importtime(["-c", "import sqlite3"], env, args.runs)
    lines = [f"python -X importtime -m tracker {' '.join(args.command)}: median of {args.runs} runs"]
    lines.append(f"{len(cmd)} modules, {sum(s for s, _ in cmd.values()):.1f} ms (sum of self times)")
    lines.append(f"the floor: {len(floor)} modules, {sum(s for s, _ in floor.values()):.1f} ms")
    lines.append("")
    lines.append("top 20 by cumulative time (ms):")
    for name, (own, cum) in sorted(cmd.items(), key=lambda kv: -kv[1][1])[:20]:
        lines.append(f"  {cum:8.1f} {own:8.1f}  {name}")
    extra = {m: v for m, v in cmd.items() if m not in floor}
    total = sum(s for s, _ in extra.values())
    lines.append("")
    lines.append(
        f"beyond the floor: {len(extra)} modules, {total:.1f} ms of self time; the top 30 (self ms):"
    )
    for name, (own, _) in sorted(extra.items(), key=lambda kv: -kv[1][0])[:30]:
        lines.append(f"  {own:8.1f}  {name}")
    groups: dict[str, float] = defaultdict(float)
    for name, (own, _) in extra.items():
        top = name.split(".")[0]
        groups["tracker." + name.split(".")[1] if top == "tracker" and "." in name else top] += own
    lines.append("")
    lines.append("beyond the floor, by package (self ms):")
    for name, own in sorted(groups.items(), key=lambda kv: -kv[1])[:25]:
        lines.append(f"  {own:8.1f}  {name}")
    return "\n".join(lines)


def report_cprofile(args: argparse.Namespace, name: str) -> str:
    OUT.mkdir(parents=True, exist_ok=True)
    prof = OUT / f"{name}.prof"
    t = fl.timed(
        [fl.PY, "-m", "cProfile", "-o", str(prof), "-m", "tracker", *args.command],
        fl.env_for(args.home),
        4 * 3600,
    )
    stats = pstats.Stats(str(prof))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    lines = [f"cProfile of tracker {' '.join(args.command)}: {t.wall:.2f} s wall, {total:.2f} s profiled"]
    lines.append("  own s   share   cum s   calls  function")
    for (path, line, func), (_, calls, own, cum, _) in rows[:30]:
        where = f"{Path(path).name}:{line}({func})" if path != "~" else func
        lines.append(f"  {own:6.2f}  {own / total:6.1%}  {cum:6.2f}  {calls:6d}  {where}")
    return "\n".join(lines)


def report_pyinstrument(argv: list[str], env: dict[str, str], name: str) -> str:
    """One sampled run, kept as a session; rendered as a text tree and as HTML."""
    OUT.mkdir(parents=True, exist_ok=True)
    session = OUT / f"{name}.pyisession"
    base = [fl.PY, "-m", "pyinstrument"]
    t = fl.timed([*base, "-i", "0.001", "-r", "pyisession", "-o", str(session), *argv], env, 4 * 3600)
    load = [*base, "--load", str(session)]
    fl.timed([*load, "-r", "html", "-o", str(OUT / f"{name}.html")], env)
    text = fl.timed(
        [*load, "-r", "text", "--no-color", "--no-unicode", "-p", "short_mode=False"], env, check=False
    )
    tree = text.stdout if text.returncode == 0 else fl.timed([*load, "-r", "text", "--no-color"], env).stdout
    return f"pyinstrument of {' '.join(argv)}: {t.wall:.2f} s wall (HTML: {name}.html)\n{tree}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Profiles of tracker commands and the window's start.")
    p.add_argument("kind", choices=("imports", "cprofile", "pyinstrument", "window"))
    p.add_argument("--home", type=Path, default=None, help="TRACKER_HOME")
    p.add_argument("--runs", type=int, default=9)
    p.add_argument("--name", default=None, help="the report's file name (default from the command)")
    argv = list(sys.argv[1:] if argv is None else argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    args = p.parse_args(argv[:cut])
    args.command = argv[cut + 1 :]
    name = args.name or "-".join([args.kind, *(a.lstrip("-") for a in args.command[:2])])
    if args.kind == "imports":
        text = report_imports(args)
    elif args.kind == "cprofile":
        text = report_cprofile(args, name)
    elif args.kind == "pyinstrument":
        env = fl.env_for(args.home)
        text = report_pyinstrument(["-m", "tracker", *args.command], env, name)
    else:
        env = fl.env_for(args.home, QT_QPA_PLATFORM="offscreen", TRACKER_EXIT_WHEN_SHOWN="1")
        text = report_pyinstrument([str(fl.PROBE), "app"], env, name)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
