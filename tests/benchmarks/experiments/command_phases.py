"""Where `tracker status` spends its CPU: each phase of the command, median of 11 processes.

    .venv/bin/python tests/benchmarks/experiments/command_phases.py HOME

Runs the same steps as ``python -m tracker status`` (import the CLI, build the parser,
parse, import the service layer, open the store, build the Tracker, status) in fresh
processes from the repository root, timing each with ``time.process_time``; then the
floor's own process time at its end (``import sqlite3``).  See FINDINGS.md, section 1.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = r"""
import json, sys, time
T = {}
c0 = time.process_time()
import tracker.cli as cli
c1 = time.process_time(); T["import tracker.cli (argparse, json, typing)"] = c1 - c0
p = cli.build_parser()
c2 = time.process_time(); T["build_parser (every sub-parser)"] = c2 - c1
args = p.parse_args(sys.argv[1:])
c3 = time.process_time(); T["parse_args"] = c3 - c2
from tracker.clock import default_clock
from tracker.paths import data_home
from tracker.service import Tracker
from tracker.store import open_store
c4 = time.process_time(); T["import the service layer"] = c4 - c3
store = open_store(data_home())
c5 = time.process_time(); T["open_store"] = c5 - c4
app = Tracker(store, default_clock(), data_home())
c6 = time.process_time(); T["Tracker()"] = c6 - c5
app.status()
c7 = time.process_time(); T["status()"] = c7 - c6
print(json.dumps(T))
"""


def main() -> int:
    env = dict(os.environ, TRACKER_HOME=sys.argv[1], TRACKER_TZ="America/Sao_Paulo")
    runs = []
    for _ in range(11):
        out = subprocess.run(
            [sys.executable, "-c", CODE, "status"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    floor = []
    for _ in range(11):
        out = subprocess.run(
            [sys.executable, "-c", "import time, sqlite3; print(time.process_time())"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        floor.append(float(out.stdout))
    for key in runs[0]:
        print(f"  {statistics.median(r[key] for r in runs) * 1000:6.1f} ms  {key}")
    total = sum(statistics.median(r[k] for r in runs) for k in runs[0])
    print(f"  {total * 1000:6.1f} ms  in all, after the interpreter's start")
    print(
        f"  {statistics.median(floor) * 1000:6.1f} ms  the floor's whole process (interpreter, site, sqlite3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
