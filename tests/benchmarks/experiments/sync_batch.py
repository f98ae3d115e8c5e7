"""What one sync batch of 20,000 sessions costs in SQLite at 1,000,000 sessions, statement by statement.

    .venv/bin/python tests/benchmarks/experiments/sync_batch.py COPY_OF_TRACKER_DB

Works on a COPY of an imported (not synced) home's tracker.db: it changes it.  The
statements of tracker/sync/sender.py's ``_prepare`` and ``_mark`` for one consultant's
batch, each with its commit (WAL, synchronous=FULL), then the pending query with a partial
index in send order, and the update with its uuids sorted.  CPU and wall.  See FINDINGS.md,
section 4.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import Any

PENDING = (
    "SELECT uuid, revision FROM sessions WHERE synced = 0 AND consultant = ? "
    "ORDER BY start_ts, uuid LIMIT 20000"
)


def timed(label: str, fn: Callable[[], Any]) -> Any:
    c0, w0 = time.process_time(), time.perf_counter()
    result = fn()
    print(
        f"  {time.process_time() - c0:6.2f} s cpu {time.perf_counter() - w0:6.2f} s wall  {label}", flush=True
    )
    return result


def main() -> int:
    db = sys.argv[1]
    c = sqlite3.connect(db, isolation_level=None)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA synchronous = FULL")
    first, second = [r[0] for r in c.execute("SELECT DISTINCT consultant FROM sessions LIMIT 2")]
    rows = timed("pending SELECT, today's index", lambda: c.execute(PENDING, (first,)).fetchall())
    timed(
        "'deleted before sent' UPDATE, today's index",
        lambda: c.execute(
            "UPDATE sessions SET synced = 1 WHERE synced = 0 AND deleted = 1 AND sent_revision = 0"
        ),
    )
    c.execute("BEGIN IMMEDIATE")
    timed(
        "UPDATE sent_revision by uuid x 20,000 (select order)",
        lambda: c.executemany(
            "UPDATE sessions SET sent_revision = revision WHERE uuid = ?", [(u,) for u, _ in rows]
        ),
    )
    timed("COMMIT", lambda: c.execute("COMMIT"))
    print(f"  WAL {os.path.getsize(db + '-wal') / 1e6:.0f} MB")
    c.execute("BEGIN IMMEDIATE")
    timed(
        "UPDATE synced by uuid and revision x 20,000",
        lambda: c.executemany("UPDATE sessions SET synced = 1 WHERE uuid = ? AND revision = ?", rows),
    )
    timed("COMMIT", lambda: c.execute("COMMIT"))
    timed(
        "CREATE INDEX (consultant, start_ts, uuid) WHERE synced = 0",
        lambda: c.execute(
            "CREATE INDEX pending_in_order ON sessions(consultant, start_ts, uuid) WHERE synced = 0"
        ),
    )
    rows2 = timed("pending SELECT with it", lambda: c.execute(PENDING, (second,)).fetchall())
    c.execute("BEGIN IMMEDIATE")
    timed(
        "UPDATE sent_revision x 20,000, uuids sorted",
        lambda: c.executemany(
            "UPDATE sessions SET sent_revision = revision WHERE uuid = ?", sorted((u,) for u, _ in rows2)
        ),
    )
    timed("COMMIT", lambda: c.execute("COMMIT"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
