"""The floor every speed target is a ratio to, and the helpers that time whole processes.

    .venv/bin/python tests/benchmarks/floor.py [--repeat R]     prints the floors of this machine

- The command floor: this virtual environment's ``python -c "import sqlite3"``, the least a
  command that opens a database can cost (interpreter start, site, the sqlite3 module).
- The window floor: a bare PySide6 ``QMainWindow`` from process start to its first painted
  frame, and its resident memory then (window_probe.py ``bare``).

Every figure is the median wall time of whole processes; each run's CPU time (user + system,
from the children's rusage) is kept beside it, since it is less disturbed by other work on
a shared machine.  A ratio is only meaningful against a floor measured in the same run,
interleaved with the thing measured: :func:`interleave` alternates the order of the cases in
every round.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PY = sys.executable
ZONE = "America/Sao_Paulo"
PROBE = HERE / "window_probe.py"
# Variables a timed process must not inherit from whoever runs the benchmark.
SCRUB = (
    "TRACKER_FAKE_NOW",
    "TRACKER_EXIT_WHEN_SHOWN",
    "QT_QPA_PLATFORM",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPATH",
    "PYTHONPROFILEIMPORTTIME",
    "COVERAGE_PROCESS_START",
)


@dataclass
class Timed:
    """One finished process: wall and CPU seconds, exit status and output."""

    wall: float
    cpu: float
    returncode: int
    stdout: str
    stderr: str


def env_for(home: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a timed process: bytecode caching on (as installed), real clock."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUB}
    env["TRACKER_TZ"] = ZONE
    if home is not None:
        env["TRACKER_HOME"] = str(home)
    env.update(extra)
    return env


def tracker_argv(*args: str) -> list[str]:
    """``python -m tracker ARGS`` from the repository root: this checkout's code, not the installed one."""
    return [PY, "-m", "tracker", *args]


FLOOR_ARGV = [PY, "-c", "import sqlite3"]


def timed(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
    check: bool = True,
) -> Timed:
    """Run one process from the repository root; its wall time and the CPU time it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        list(argv), capture_output=True, text=True, env=dict(env or env_for()), cwd=ROOT, timeout=timeout
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[1:])} exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )
    return Timed(wall, cpu, proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Samples:
    """Wall and CPU seconds of the runs of one case."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    extra: list[dict[str, float]] = field(default_factory=list)

    def add(self, wall: float, cpu: float, **extra: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        if extra:
            self.extra.append(extra)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def extra_median(self, key: str) -> float:
        return statistics.median(e[key] for e in self.extra)


# A case: a name, and a function running it once that returns (wall, cpu, extras).
Case = tuple[str, Callable[[], tuple[float, float, dict[str, float]]]]


def command_case(name: str, argv: Sequence[str], env: Mapping[str, str], timeout: float = 600) -> Case:
    def once() -> tuple[float, float, dict[str, float]]:
        t = timed(argv, env, timeout=timeout)
        return t.wall, t.cpu, {}

    return name, once


def interleave(cases: Iterable[Case], repeat: int, warm_up: int = 1) -> dict[str, Samples]:
    """Every case ``warm_up`` times unmeasured, then ``repeat`` rounds of all of them.

    The order alternates between rounds (forwards, then backwards), so that a case is not
    always the one after the same other case.  Cases that change state (start, stop) must
    come in the order they need: give them as one case that runs both.
    """
    cases = list(cases)
    samples = {name: Samples() for name, _ in cases}
    for _ in range(warm_up):
        for _, once in cases:
            once()
    for i in range(repeat):
        for name, once in cases if i % 2 == 0 else list(reversed(cases)):
            wall, cpu, extra = once()
            samples[name].add(wall, cpu, **extra)
    return samples


def floor_case() -> Case:
    return command_case("floor", FLOOR_ARGV, env_for())


# ----- the window ----------------------------------------------------------------------


@dataclass
class Frame:
    """One start of a window: seconds from process start to its first painted frame, memory then."""

    seconds: float
    rss_mb: float
    hwm_mb: float
    width: int
    height: int
    cpu: float


def window_frame(mode: str, env: Mapping[str, str], size: tuple[int, int] | None = None) -> Frame:
    """Start window_probe.py (``bare`` or ``app``) once; it quits after its first frame."""
    argv = [PY, str(PROBE), mode]
    if size is not None:
        argv += [str(size[0]), str(size[1])]
    full = dict(env)
    full["QT_QPA_PLATFORM"] = "offscreen"
    if mode == "app":
        full["TRACKER_EXIT_WHEN_SHOWN"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True, env=full, cwd=ROOT, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = [line for line in proc.stdout.splitlines() if line.startswith('{"painted"')]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"window_probe {mode} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    record = json.loads(lines[0])
    return Frame(
        seconds=record["painted"] - start,
        rss_mb=record["rss_kb"] / 1024,
        hwm_mb=record["hwm_kb"] / 1024,
        width=record["width"],
        height=record["height"],
        cpu=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
    )


def window_case(name: str, mode: str, env: Mapping[str, str], size: tuple[int, int] | None = None) -> Case:
    def once() -> tuple[float, float, dict[str, float]]:
        f = window_frame(mode, env, size)
        return f.seconds, f.cpu, {"rss_mb": f.rss_mb, "hwm_mb": f.hwm_mb}

    return name, once


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="The floors of this machine: python + sqlite3, a bare window.")
    p.add_argument("--repeat", type=int, default=11)
    args = p.parse_args(argv)
    size = (900, 640)
    samples = interleave([floor_case(), window_case("bare window", "bare", env_for(), size)], args.repeat)
    floor, bare = samples["floor"], samples["bare window"]
    print(f"median of {args.repeat}, wall (cpu)")
    print(f"  python -c 'import sqlite3':          {floor.median:.3f} s ({floor.cpu_median:.3f} s)")
    print(
        f"  bare PySide6 window, first frame:   {bare.median:.3f} s ({bare.cpu_median:.3f} s), "
        f"RSS {bare.extra_median('rss_mb'):.1f} MB at {size[0]}x{size[1]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
