"""A writer for the kill-loop test: start, stop, edit and split until it is killed.

It prints one JSON line after each committed operation (its acknowledgement), flushed
at once, so the test knows exactly what was acknowledged before the SIGKILL.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import open_store


def ack(**what: object) -> None:
    sys.stdout.write(json.dumps(what) + "\n")
    sys.stdout.flush()


def main(home: Path, seed: int) -> None:
    store = open_store(home, check=False)
    last = store.one("SELECT max(max(coalesce((SELECT max(end_ts) FROM sessions), 0), "
                     "coalesce((SELECT max(start_ts) FROM timers), 0)), 1793000000) AS t")
    clock = FixedClock(datetime.fromtimestamp(last["t"] + 60, UTC), "America/Sao_Paulo")
    app = Tracker(store, clock, home)
    sys.stderr.write("ready\n")  # the test kills only after this: a loaded machine starts slowly
    sys.stderr.flush()
    rng = random.Random(seed)
    tickets = ["1111111", "2222222"]
    while True:
        clock.advance(seconds=rng.randint(30, 900))
        op = rng.choice(["start", "start", "stop", "edit", "split"])
        if op == "start":
            result = app.start(rng.choice(tickets))
            ack(op="start", uuid=result.timer.uuid, stopped=result.stopped.uuid if result.stopped else None,
                stopped_seconds=result.stopped.seconds if result.stopped else None)
        elif op == "stop" and app.running() is not None:
            s = app.stop()
            ack(op="stop", uuid=s.uuid, seconds=s.seconds)
        elif op in ("edit", "split"):
            rows = store.all("SELECT uuid FROM sessions WHERE deleted = 0 ORDER BY created_ts DESC LIMIT 5")
            if not rows:
                continue
            uuid = rng.choice(rows)["uuid"]
            s = app.get_session(uuid)
            if op == "edit":
                note = f"n{rng.randint(0, 10**9)}"
                app.edit_session(uuid, reason="kill loop", note=note)
                ack(op="edit", uuid=uuid, note=note)
            elif s.seconds >= 2:
                at = s.start + timedelta(seconds=rng.randint(1, s.seconds - 1))
                first, second = app.split_session(uuid, at)
                ack(op="split", uuid=uuid, second=second.uuid, total=s.seconds,
                    parts=[first.seconds, second.seconds])


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
