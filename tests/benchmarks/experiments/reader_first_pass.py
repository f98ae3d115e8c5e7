"""What a new reader's first pass over a folder export could cost: the pieces, measured apart.

    python tests/benchmarks/experiments/reader_first_pass.py EXPORT_DIR [--only parse|store]

Not the tracker's code: a stand-alone model of CentralReader._read_batch (tracker/sync/
reader.py) over every batch of EXPORT_DIR/consultants/*/, to price each step of the
first pass and the alternatives FINDINGS.md recommends.  Run it with an interpreter that
has msgspec and orjson for the parse rows (``python3 -m venv /tmp/exp-venv &&
/tmp/exp-venv/bin/pip install msgspec orjson``); rows whose module is missing are skipped.

parse rows (per step, over all batches, nothing stored):
  read + sha256 of each batch      what the manifest check needs anyway
  stdlib json, one call per batch  today's parse (lines joined into one JSON array)
  msgspec, one call per batch      msgspec.json.decode of the same array
  msgspec into a Struct            decoding straight into typed fields (no dicts)
  per-record sha256                today's _sha(line) for every record
  start_ts via fromisoformat       today's _ts(rec["start"]) for every session
store rows (the whole first pass into a fresh SQLite file, parse included, CPU seconds):
  today's shape                    stdlib json; records (uuid, revision, sha) + an upsert into
                                   sessions keyed by uuid, per batch; WAL, synchronous=OFF;
                                   secondary indexes built at the end
  bulk                             msgspec into a Struct; rows appended to a rowid table with
                                   no index; start/end by SQLite's unixepoch(); journal_mode
                                   OFF for the pass; then the uuid index (and the duplicate
                                   check on it), the day and ticket indexes; back to WAL
  bulk, payload outside            the same, the batch bytes appended to a local file and the
                                   rows holding offset and length instead of the payload text
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any


def batches(export: Path) -> Iterator[bytes]:
    for folder in sorted((export / "consultants").iterdir()):
        for path in sorted(folder.glob("*.jsonl")):
            yield path.read_bytes()


def timed(label: str, fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    seconds = time.process_time() - t0
    print(f"  {seconds:7.2f} s cpu  {label}", flush=True)
    return seconds


def parse_rows(datas: list[bytes]) -> None:
    def sha_batches() -> None:
        for d in datas:
            hashlib.sha256(d).hexdigest()

    def stdlib() -> None:
        for d in datas:
            json.loads("[" + ",".join(line.decode() for line in d.splitlines()) + "]")

    timed("read was done before; sha256 of each batch", sha_batches)
    timed("stdlib json, one call per batch (today)", stdlib)
    try:
        import msgspec
    except ImportError:
        print("  (msgspec not installed: skipped)")
    else:
        decoder = msgspec.json.Decoder()

        def msgspec_dicts() -> None:
            for d in datas:
                decoder.decode(b"[" + d.rstrip(b"\n").replace(b"\n", b",") + b"]")

        class Rec(msgspec.Struct):
            kind: str
            uuid: str
            revision: int
            consultant: str = ""
            ticket: str = ""
            type: str = ""
            start: str = ""
            seconds: int = 0
            day: str = ""
            deleted: bool = False

        typed = msgspec.json.Decoder(list[Rec])

        def msgspec_struct() -> None:
            for d in datas:
                typed.decode(b"[" + d.rstrip(b"\n").replace(b"\n", b",") + b"]")

        timed("msgspec, one call per batch", msgspec_dicts)
        timed("msgspec into a Struct (only the indexed fields)", msgspec_struct)

    def per_record_sha() -> None:
        for d in datas:
            for line in d.splitlines():
                hashlib.sha256(line).hexdigest()

    starts = [
        rec["start"]
        for d in datas[:20]
        for rec in json.loads("[" + ",".join(x.decode() for x in d.splitlines()) + "]")
        if rec["kind"] == "session"
    ]
    scale = sum(d.count(b'"kind":"session"') for d in datas) / max(1, len(starts))

    def ts() -> None:
        for s in starts:
            int(datetime.fromisoformat(s).timestamp())

    timed("per-record sha256 (today)", per_record_sha)
    t = timed(f"start_ts via fromisoformat, {len(starts):,} sessions (x{scale:.1f} for all)", ts)
    print(f"  {t * scale:7.2f} s  ... scaled to every session")


TODAY = """
CREATE TABLE records (uuid TEXT NOT NULL, revision INTEGER NOT NULL, sha TEXT NOT NULL, batch TEXT NOT NULL,
    PRIMARY KEY (uuid, revision)) WITHOUT ROWID;
CREATE TABLE sessions (uuid TEXT PRIMARY KEY, revision INTEGER NOT NULL, consultant TEXT NOT NULL,
    ticket TEXT NOT NULL, type TEXT NOT NULL, day TEXT NOT NULL, start_ts INTEGER NOT NULL,
    end_ts INTEGER NOT NULL, deleted INTEGER NOT NULL, payload TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX sessions_day ON sessions(day, consultant, start_ts);
CREATE INDEX sessions_ticket ON sessions(ticket);
"""
UPSERT = (
    "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET "
    "revision = excluded.revision, payload = excluded.payload WHERE excluded.revision > sessions.revision"
)


def session_rows(data: bytes, with_sha: bool) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    lines = data.splitlines()
    texts = [line.decode() for line in lines]
    parsed = json.loads("[" + ",".join(texts) + "]")
    records, sessions = [], []
    for line, text, rec in zip(lines, texts, parsed, strict=True):
        if with_sha:
            records.append((rec["uuid"], rec["revision"], hashlib.sha256(line).hexdigest(), "b"))
        if rec["kind"] == "session":
            start = int(datetime.fromisoformat(rec["start"]).timestamp())
            sessions.append(
                (rec["uuid"], rec["revision"], rec["consultant"], rec["ticket"], rec["type"], rec["day"],
                 start, start + rec["seconds"], int(rec["deleted"]), text)
            )  # fmt: skip
    return records, sessions


def open_cache(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -65536")
    return conn


def store_today(export: Path, folder: Path) -> None:
    conn = open_cache(folder / "today.db")
    conn.executescript(TODAY)
    conn.execute("CREATE TEMP TABLE stage (uuid TEXT, revision INTEGER, sha TEXT, batch TEXT)")
    for i, data in enumerate(batches(export)):
        records, sessions = session_rows(data, with_sha=True)
        conn.execute("DELETE FROM temp.stage")
        conn.executemany("INSERT INTO temp.stage VALUES (?, ?, ?, ?)", records)
        conn.execute("INSERT OR IGNORE INTO records SELECT uuid, revision, sha, batch FROM temp.stage")
        conn.executemany(UPSERT, sessions)
        if i % 10 == 9:
            conn.commit()
    conn.commit()
    conn.executescript(INDEXES)
    conn.close()


def store_bulk(export: Path, folder: Path, payload_outside: bool) -> None:
    import msgspec

    class Rec(msgspec.Struct):
        kind: str
        uuid: str
        revision: int
        consultant: str = ""
        ticket: str = ""
        type: str = ""
        start: str = ""
        seconds: int = 0
        day: str = ""
        deleted: bool = False

    typed = msgspec.json.Decoder(list[Rec])
    conn = sqlite3.connect(folder / "bulk.db")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(
        "CREATE TABLE sessions (uuid TEXT NOT NULL, revision INTEGER NOT NULL, consultant TEXT NOT NULL, "
        "ticket TEXT NOT NULL, type TEXT NOT NULL, day TEXT NOT NULL, start_ts INTEGER NOT NULL, "
        "end_ts INTEGER NOT NULL, deleted INTEGER NOT NULL, payload NOT NULL)"
    )
    insert = "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, unixepoch(?7), unixepoch(?7) + ?8, ?9, ?10)"
    with open(folder / "payload.log", "wb") as log:
        conn.execute("BEGIN")
        for data in batches(export):
            hashlib.sha256(data).hexdigest()  # the manifest check stays
            lines = data.splitlines()
            recs = typed.decode(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]")
            rows = []
            offset = log.tell()
            if payload_outside:
                log.write(data)
            for rec, line in zip(recs, lines, strict=True):
                if rec.kind == "session":
                    payload: object = (offset << 20) | len(line) if payload_outside else line.decode()
                    rows.append(
                        (rec.uuid, rec.revision, rec.consultant, rec.ticket, rec.type, rec.day,
                         rec.start, rec.seconds, rec.deleted, payload)
                    )  # fmt: skip
                offset += len(line) + 1
            conn.executemany(insert, rows)
    conn.execute("CREATE INDEX sessions_uuid ON sessions(uuid, revision)")
    duplicates = conn.execute(
        "SELECT count(*) FROM (SELECT uuid FROM sessions GROUP BY uuid HAVING count(*) > 1)"
    ).fetchone()[0]
    conn.executescript(INDEXES)
    conn.commit()
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    size = (folder / "bulk.db").stat().st_size + (folder / "payload.log").stat().st_size
    print(f"           ({duplicates} duplicate uuids; {size / 1e6:.0f} MB on disk)")
    for path in folder.iterdir():
        path.unlink()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("export", type=Path)
    p.add_argument("--only", choices=("parse", "store"), default=None)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    datas = list(batches(args.export))
    size = sum(len(d) for d in datas)
    print(f"read {len(datas)} batches, {size / 1e6:.0f} MB, in {time.perf_counter() - t0:.2f} s")
    if args.only in (None, "parse"):
        parse_rows(datas)
    del datas
    if args.only in (None, "store"):
        with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parents[3] / "bench-data") as tmp:
            timed("store: today's shape", lambda: store_today(args.export, Path(tmp)))
            try:
                import msgspec  # noqa: F401
            except ImportError:
                print("  (msgspec not installed: the bulk rows are skipped)")
                return 0
            timed("store: bulk", lambda: store_bulk(args.export, Path(tmp), False))
            timed("store: bulk, payload outside", lambda: store_bulk(args.export, Path(tmp), True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
