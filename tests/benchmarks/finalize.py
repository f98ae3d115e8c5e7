"""Carry out a finalization plan (generate.py --finalize) in a tracker data folder.

    .venv/bin/python tests/benchmarks/finalize.py --home DIR --plan FILE.finalize.jsonl [--now TIME]

``tracker import`` has no finalization record, so the benchmark finalizes tickets
through the service layer, as ``tracker finalize NUMBER --at TIME`` would, but in one
process: ``tracker.app.Tracker`` over ``tracker.store.open_store`` with a
``FixedClock`` at the history's ``now`` (the same fixed time the generator used), so a
finalization is never in the future.  Setup only, not measured: the local database is
put on ``synchronous = OFF`` for the run, so thousands of finalizations do not wait for
thousands of fsyncs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import open_store

ZONE = "America/Sao_Paulo"


def finalize(home: Path, plan: Path, now: str) -> int:
    """Finalize every ticket of ``plan`` at its time; returns how many."""
    store = open_store(home)
    try:
        store.conn.execute("PRAGMA synchronous = OFF")
        app = Tracker(store, FixedClock(datetime.fromisoformat(now), ZONE), home)
        done = 0
        with open(plan, encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                app.finalize(item["ticket"], item["at"])
                done += 1
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return done


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--home", type=Path, required=True, help="the tracker data folder (TRACKER_HOME)")
    p.add_argument("--plan", type=Path, required=True, help="FILE.finalize.jsonl from generate.py --finalize")
    p.add_argument("--now", default="2026-11-03T20:00:00-03:00", help="the clock's time (the history's now)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    n = finalize(args.home, args.plan, args.now)
    print(f"finalized {n} tickets in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
