"""What ``log --from/--to`` over a whole history would cost on today's code path, step by step.

    .venv/bin/python tests/benchmarks/experiments/log_range.py HOME [CONSULTANT]

HOME: the one-consultant 100,000-session home (bench-data/cache/imported-100000-solo-*/home).
Times (CPU) the query ``Tracker.log`` uses, ``session_from_row`` for every row, flags by a
sweep line (today's ``flags.session_flags`` is O(n^2): minutes at 100,000, so it is left
out), ``dataclasses.replace``, today's text lines, and a lean path (tuples straight to text);
then the query again on a copy with a covering ``(consultant, start_ts, ...)`` index.
See FINDINGS.md, section 2.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tracker.store import open_store  # noqa: E402
from tracker.store import queries as q  # noqa: E402
from tracker.timeutil import human_duration  # noqa: E402

RANGE = "consultant = ? AND local_day BETWEEN '0000' AND '9999' AND deleted = 0 ORDER BY start_ts, uuid"
LEAN = (
    "SELECT start_ts + utc_offset, end_ts + utc_offset, ticket, type, end_ts - start_ts, note "
    "FROM sessions WHERE "
)


def timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.process_time()
    result = fn()
    print(f"  {time.process_time() - t0:6.3f} s cpu  {label}", flush=True)
    return result


def lean(conn: sqlite3.Connection, who: str) -> io.StringIO:
    buf = io.StringIO()
    for a, b, ticket, kind, sec, note in conn.execute(LEAN + RANGE, (who,)):
        buf.write(
            f"{a // 3600 % 24:02d}:{a // 60 % 60:02d}-{b // 3600 % 24:02d}:{b // 60 % 60:02d}  "
            f"{ticket:<10} {kind:<10} {sec // 3600:>3d} h {sec // 60 % 60:02d} min  {note}\n"
        )
    return buf


def main() -> int:
    home = Path(sys.argv[1])
    who = sys.argv[2] if len(sys.argv) > 2 else "ana.ferreira"
    store = open_store(home)
    rows = timed(
        "the query (sessions_day index, then a sort)",
        lambda: store.all(f"SELECT {q.SESSION_COLUMNS} FROM sessions WHERE {RANGE}", (who,)),
    )
    print(f"  {len(rows)} rows")
    sessions = timed("session_from_row for each", lambda: [q.session_from_row(r) for r in rows])
    flags = timed(
        "flags by a sweep (stand-in for session_flags)",
        lambda: {s.uuid: s.flags for s in sorted(sessions, key=lambda s: s.start)},
    )
    done = timed(
        "dataclasses.replace(flags=...) for each", lambda: [replace(s, flags=flags[s.uuid]) for s in sessions]
    )

    def text() -> io.StringIO:
        buf = io.StringIO()
        for s in done:
            buf.write(
                f"{s.start:%H:%M}-{s.end:%H:%M}  {s.ticket:<10} {s.type.value:<10} "
                f"{human_duration(s.seconds):>9}  {s.note}\n"
            )
        return buf

    timed("today's text lines", text)
    timed("a lean path: tuples straight to text", lambda: lean(store.conn, who))
    store.close()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "tracker.db"
        shutil.copy(home / "tracker.db", copy)
        conn = sqlite3.connect(copy)
        conn.execute(
            "CREATE INDEX s_range ON sessions(consultant, start_ts, uuid, local_day, deleted, end_ts, "
            "utc_offset, ticket, type, note)"
        )
        timed("the lean path with a covering (consultant, start_ts, ...) index", lambda: lean(conn, who))
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
