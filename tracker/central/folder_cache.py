"""The folder export's read cache: every consultant's batches, checked and de-duplicated.

It keeps an index of the batches it has read in its own cache database (in the
reader's data folder, never on the share) and parses only batches it has not seen.
Files it will not read are reported, never silently used: temp files, batches without
a manifest, files whose sha256 or row count does not match their manifest, and copies
made by file-sync tools ("name (1).jsonl", "name.sync-conflict-…").
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.central.records import (
    AREAS,
    BATCH_RE,
    Decision,
    FinalizedTicket,
    ReadReport,
    Record,
    TicketFacts,
    ticket_facts,
    ts,
)
from tracker.i18n import _

if TYPE_CHECKING:  # pragma: no cover
    from tracker.central.folder import FolderExport

CACHE_VERSION = 5
COMMIT_EVERY = 10
SECONDARY_INDEXES = (
    "reviews_day",
    "sessions_day",
    "sessions_ticket",
    "events_ticket",
    "events_kind",
    "finalized_at",
)

CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (
    consultant TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, rows INTEGER NOT NULL, created_ts INTEGER NOT NULL, area TEXT NOT NULL,
    PRIMARY KEY (area, consultant, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviews (
    uuid TEXT PRIMARY KEY, consultant TEXT NOT NULL, day TEXT NOT NULL, decision TEXT NOT NULL,
    comment TEXT NOT NULL, lead TEXT NOT NULL, at TEXT NOT NULL, at_ts INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reviews_day ON reviews(day, consultant, at_ts);
CREATE TABLE IF NOT EXISTS records (
    uuid TEXT NOT NULL, revision INTEGER NOT NULL, sha TEXT NOT NULL, batch TEXT NOT NULL,
    PRIMARY KEY (uuid, revision)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    uuid TEXT PRIMARY KEY, revision INTEGER NOT NULL, consultant TEXT NOT NULL, ticket TEXT NOT NULL,
    type TEXT NOT NULL, day TEXT NOT NULL, start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL,
    deleted INTEGER NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_day ON sessions(day, consultant, start_ts);
CREATE INDEX IF NOT EXISTS sessions_ticket ON sessions(ticket);
CREATE TABLE IF NOT EXISTS events (
    uuid TEXT PRIMARY KEY, ticket TEXT NOT NULL, event TEXT NOT NULL, consultant TEXT NOT NULL,
    at TEXT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_ticket ON events(ticket);
CREATE INDEX IF NOT EXISTS events_kind ON events(event, at);
CREATE TABLE IF NOT EXISTS finalized (
    uuid TEXT PRIMARY KEY, ticket TEXT NOT NULL, at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS finalized_at ON finalized(at);
CREATE TABLE IF NOT EXISTS ticket_meta (
    ticket TEXT NOT NULL, consultant TEXT NOT NULL, sha TEXT NOT NULL, PRIMARY KEY (ticket, consultant)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ticket_meta_sha ON ticket_meta(ticket, sha);
CREATE TABLE IF NOT EXISTS conflicts (
    uuid TEXT NOT NULL, revision INTEGER NOT NULL, first_batch TEXT NOT NULL, other_batch TEXT NOT NULL,
    PRIMARY KEY (uuid, revision, other_batch)
) WITHOUT ROWID;
"""


_COLUMNS = ("revision", "consultant", "ticket", "type", "day", "start_ts", "end_ts", "deleted", "payload")
# The highest revision of a session wins; the same revision again changes nothing.
UPSERT_SESSION = (
    f"INSERT INTO sessions (uuid, {', '.join(_COLUMNS)}) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))}) "
    "ON CONFLICT(uuid) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS)
    + " WHERE excluded.revision > sessions.revision"
)
TABLES = (
    "batches",
    "records",
    "sessions",
    "events",
    "conflicts",
    "reviews",
    "ticket_meta",
    "finalized",
    "meta",
)


def _sha(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


@dataclass
class _Stage:
    """One batch's rows for each cache table, parsed before any is written."""

    records: list[tuple[Any, ...]] = field(default_factory=list)
    sessions: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    reviews: list[tuple[Any, ...]] = field(default_factory=list)
    meta: list[tuple[str, str, str]] = field(default_factory=list)
    final: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, line: bytes, text: str, rec: Record, ref: str) -> None:
        kind = rec["kind"]
        self.records.append((rec["uuid"], int(rec["revision"]), _sha(line), ref))
        if kind == "session":
            start_ts = ts(rec["start"])
            self.sessions.append(
                (
                    rec["uuid"],
                    int(rec["revision"]),
                    rec["consultant"],
                    rec["ticket"],
                    rec["type"],
                    rec["day"],
                    start_ts,
                    start_ts + int(rec["seconds"]),  # the exact duration the record carries
                    int(bool(rec["deleted"])),
                    text,
                )
            )
        elif kind == "review":
            self.reviews.append(
                (
                    rec["uuid"],
                    rec["consultant"],
                    rec["day"],
                    rec["decision"],
                    rec["comment"],
                    rec["lead"],
                    rec["at"],
                    ts(rec["at"]),
                )
            )
        elif kind == "ticket_event":
            self.add_event(text, rec)

    def add_event(self, text: str, rec: Record) -> None:
        if rec["event"] == "finalized":
            # The finalization's own local time (payload), not when it was recorded.
            self.final.append((rec["uuid"], rec["ticket"], str(rec["payload"]["at"])))
        if rec["event"] == "created":
            meta = {k: v for k, v in rec["payload"].items() if k != "number"}
            digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()
            self.meta.append((rec["ticket"], rec["consultant"], digest))
        self.events.append((rec["uuid"], rec["ticket"], rec["event"], rec["consultant"], rec["at"], text))


def _stage(lines: list[bytes], ref: str) -> _Stage:
    stage = _Stage()
    texts = [line.decode() for line in lines]
    # One parse for the whole batch: far cheaper than one json.loads per line.
    parsed = json.loads("[" + ",".join(texts) + "]")
    for line, text, rec in zip(lines, texts, parsed, strict=True):
        stage.add(line, text, rec, ref)
    return stage


def _check(batch: str, manifest: Any, data: bytes) -> str | None:
    """Why a batch does not match its manifest, or None."""
    if not isinstance(manifest, dict) or manifest.get("batch") != batch:
        return _("its manifest does not name it")
    if hashlib.sha256(data).hexdigest() != manifest.get("sha256"):
        return _("its sha256 does not match its manifest (changed or damaged after it was written)")
    if len(data.splitlines()) != manifest.get("rows") or not data.endswith(b"\n"):
        return _("its row count does not match its manifest")
    return None


def _to_read(
    area: str, who: str, name: str, files: dict[tuple[str, str], tuple[int, int]]
) -> tuple[str, str]:
    """(the batch ``name`` is the manifest of, or "", and why it is skipped, or "")."""
    where = f"{area}/{who}/{name}"
    if name.startswith("."):
        return "", _("{where}: a temp file (a sync still running, or one that crashed); skipped").format(
            where=where
        )
    match = BATCH_RE.match(name)
    if not match:
        return "", _("{where}: not a batch name (a copy made by a file-sync tool?); skipped").format(
            where=where
        )
    batch = match["batch"]
    if match["what"] == "jsonl":
        if (who, f"{batch}.manifest.json") not in files:
            return "", _("{where}: no manifest yet (incomplete, or being written); skipped").format(
                where=where
            )
        return "", ""
    data_name = f"{batch}.jsonl"
    if (who, data_name) not in files:
        return "", _("{where}: its batch file {name} is missing; skipped").format(where=where, name=data_name)
    return batch, ""


class FolderCache:
    """The read model of a folder export, in a SQLite cache that can always be rebuilt."""

    def __init__(self, export: FolderExport, cache: Path) -> None:
        self.export = export
        self.cache_path = cache
        try:
            self.conn = self._connect(cache)
        except sqlite3.DatabaseError:
            # A cache damaged by a crash is thrown away and rebuilt from the export.
            for suffix in ("", "-wal", "-shm"):
                Path(str(cache) + suffix).unlink(missing_ok=True)
            self.conn = self._connect(cache)
        where = export.describe()
        known = self.conn.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
        version = self.conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if (known and known[0] != where) or (version and int(version[0]) != CACHE_VERSION):
            self._reset()
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (where,))
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(CACHE_VERSION),))

    @staticmethod
    def _connect(cache: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(cache, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        # A cache: it can always be rebuilt from the export, so it skips fsyncs.
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -65536")
        # No quick_check: it reads the whole (large) cache on every open. A damaged file
        # fails here, on its schema, and is rebuilt by the caller.
        conn.executescript(CACHE_SCHEMA)
        conn.execute("SELECT count(*) FROM meta").fetchone()
        return conn

    def _reset(self) -> None:
        with self.conn:
            for table in TABLES:
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            self.conn.executescript(CACHE_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    # ----- reading the export ----------------------------------------------------

    def refresh(self) -> ReadReport:
        """Index every batch not seen yet; report what was skipped and why."""
        problems: list[str] = []
        new = 0
        first = self.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 0
        if first:
            # The first read fills empty tables: build the secondary indexes once, at the
            # end, sorted, instead of updating them row by row.
            for name in SECONDARY_INDEXES:
                self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            for area in AREAS:
                new += self._refresh_area(area, problems)
        finally:
            if first:
                self.conn.executescript(CACHE_SCHEMA)  # IF NOT EXISTS: only the indexes are made
        return ReadReport(new, problems)

    def _refresh_area(self, area: str, problems: list[str]) -> int:
        seen = {
            (r["consultant"], r["name"]): (r["size"], r["mtime_ns"])
            for r in self.conn.execute(
                "SELECT consultant, name, size, mtime_ns FROM batches WHERE area = ?", (area,)
            )
        }
        files = {(e.consultant, e.name): (e.size, e.mtime_ns) for e in self.export.entries(area=area)}
        new = 0
        for who, name in sorted(files):
            batch, problem = _to_read(area, who, name, files)
            if problem:
                problems.append(problem)
            if not batch:
                continue
            data_name = f"{batch}.jsonl"
            data_stat = files[(who, data_name)]
            if seen.get((who, data_name)) == data_stat:
                continue
            failed = self._read_batch(area, who, batch, data_stat)
            if failed:
                problems.append(
                    _("{where}: {problem}; skipped").format(where=f"{area}/{who}/{data_name}", problem=failed)
                )
            else:
                new += 1
                if new % COMMIT_EVERY == 0:
                    self.conn.commit()  # a few large transactions: far fewer WAL checkpoints
        self.conn.commit()
        return new

    def _read_batch(self, area: str, who: str, batch: str, data_stat: tuple[int, int]) -> str | None:
        try:
            manifest = json.loads(self.export.read(who, f"{batch}.manifest.json", area=area))
            data = self.export.read(who, f"{batch}.jsonl", area=area)
        except (OSError, ValueError) as exc:
            return _("cannot be read ({error})").format(error=exc)
        problem = _check(batch, manifest, data)
        if problem:
            return problem
        lines = data.splitlines()
        try:
            stage = _stage(lines, f"{who}/{batch}")
        except (ValueError, KeyError, TypeError) as exc:
            return _("a record cannot be read ({error})").format(error=exc)
        self._store(stage)
        created = manifest.get("created_at")
        self.conn.execute(
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                who,
                f"{batch}.jsonl",
                data_stat[0],
                data_stat[1],
                manifest["sha256"],
                len(lines),
                ts(created) if isinstance(created, str) else 0,
                area,
            ),
        )
        return None

    def _store(self, stage: _Stage) -> None:
        """In the caller's transaction, committed every few batches."""
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS stage (uuid TEXT, revision INTEGER, sha TEXT, batch TEXT)")
        c.execute("DELETE FROM temp.stage")
        c.executemany("INSERT INTO temp.stage VALUES (?, ?, ?, ?)", stage.records)
        c.execute(
            "INSERT OR IGNORE INTO conflicts SELECT s.uuid, s.revision, r.batch, s.batch "
            "FROM temp.stage s JOIN records r ON r.uuid = s.uuid AND r.revision = s.revision "
            "WHERE r.sha != s.sha"
        )
        c.execute("INSERT OR IGNORE INTO records SELECT uuid, revision, sha, batch FROM temp.stage")
        c.executemany(UPSERT_SESSION, stage.sessions)
        c.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?)", stage.events)
        c.executemany("INSERT OR IGNORE INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stage.reviews)
        c.executemany("INSERT OR IGNORE INTO ticket_meta VALUES (?, ?, ?)", stage.meta)
        c.executemany("INSERT OR IGNORE INTO finalized VALUES (?, ?, ?)", stage.final)

    # ----- what leads and billing read ---------------------------------------------

    def sessions_between(self, from_day: str, to_day: str, consultant: str | None = None) -> list[Record]:
        """The latest revision of each session of those days, deleted ones left out."""
        first, last = date.fromisoformat(from_day), date.fromisoformat(to_day)
        # Each day by itself: the (day, consultant, start) index serves every one of them.
        params: list[Any] = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
        if not params:
            return []
        marks = ", ".join("?" * len(params))
        sql = f"SELECT payload, uuid, revision FROM sessions WHERE day IN ({marks}) AND deleted = 0"
        if consultant:
            sql += " AND consultant = ?"
            params.append(consultant)
        rows = self.conn.execute(sql + " ORDER BY day, consultant, start_ts, uuid", params).fetchall()
        conflicted = self._conflicted({r["uuid"] for r in rows})
        out = []
        for r in rows:
            rec = json.loads(r["payload"])
            if (r["uuid"], r["revision"]) in conflicted:
                rec["flags"] = [*rec.get("flags", []), "conflict"]
            out.append(rec)
        return out

    def _conflicted(self, uuids: set[str]) -> set[tuple[str, int]]:
        if not uuids:
            return set()
        rows = self.conn.execute("SELECT uuid, revision FROM conflicts").fetchall()
        return {(r["uuid"], r["revision"]) for r in rows if r["uuid"] in uuids}

    def conflicts(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT uuid, revision, first_batch, other_batch FROM conflicts ORDER BY uuid, revision"
        ).fetchall()
        text = _(
            "record {uuid} revision {revision} differs between {first} and {other}; "
            "the first one read is shown, flagged 'conflict'"
        )
        return [
            text.format(
                uuid=r["uuid"], revision=r["revision"], first=r["first_batch"], other=r["other_batch"]
            )
            for r in rows
        ]

    def disagreeing_tickets(self) -> set[str]:
        """Tickets whose 'created' metadata differs between consultants (an indexed count)."""
        rows = self.conn.execute(
            "SELECT ticket FROM ticket_meta GROUP BY ticket HAVING count(DISTINCT sha) > 1"
        ).fetchall()
        return {r[0] for r in rows}

    def ticket_disagreements(self) -> list[str]:
        """What differs, for each ticket whose 'created' metadata differs between consultants."""
        out = []
        for ticket in sorted(self.disagreeing_tickets()):
            rows = self.conn.execute(
                "SELECT consultant, payload FROM events WHERE event = 'created' AND ticket = ? "
                "ORDER BY consultant",
                (ticket,),
            ).fetchall()
            versions = {r["consultant"]: json.loads(r["payload"])["payload"] for r in rows}
            keys = sorted({k for v in versions.values() for k in v})
            differ = [k for k in keys if len({json.dumps(v.get(k)) for v in versions.values()}) > 1]
            out.append(
                _("ticket {number}: {fields} differ between {consultants}").format(
                    number=ticket, fields=", ".join(differ), consultants=", ".join(sorted(versions))
                )
            )
        return out

    def _events_of_ticket(self, ticket: str) -> list[Record]:
        rows = self.conn.execute("SELECT payload FROM events WHERE ticket = ? ORDER BY at, uuid", (ticket,))
        return [json.loads(r["payload"]) for r in rows]

    def tickets(self, numbers: Iterable[str]) -> dict[str, TicketFacts]:
        return {n: ticket_facts(n, self._events_of_ticket(n)) for n in numbers}

    def finalized_tickets(self, month: str) -> Iterator[FinalizedTicket]:
        """Tickets with a finalization in ``month`` (YYYY-MM, by its local date), by number."""
        rows = self.conn.execute(
            "SELECT DISTINCT ticket FROM finalized WHERE at >= ? AND at < ?", (month, month + "~")
        ).fetchall()
        for number in sorted(r["ticket"] for r in rows):
            facts = ticket_facts(number, self._events_of_ticket(number))
            yield FinalizedTicket(facts, tuple(self._sessions_of_ticket(number)))

    def _sessions_of_ticket(self, ticket: str) -> list[Record]:
        """The latest revision of each of the ticket's sessions, from every consultant."""
        rows = self.conn.execute(
            "SELECT payload FROM sessions WHERE ticket = ? AND deleted = 0 ORDER BY start_ts, uuid", (ticket,)
        ).fetchall()
        return [json.loads(r["payload"]) for r in rows]

    def consultants(self) -> list[str]:
        """Everyone with a batch in the export."""
        rows = self.conn.execute("SELECT DISTINCT consultant FROM batches WHERE area = 'consultants'")
        return sorted(r[0] for r in rows)

    def last_batch_ts(self) -> dict[str, int]:
        """When each consultant's latest batch was written (from its manifest)."""
        rows = self.conn.execute(
            "SELECT consultant, max(created_ts) FROM batches WHERE area = 'consultants' GROUP BY consultant"
        )
        return {r[0]: int(r[1]) for r in rows}

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], Decision]:
        """The latest lead decision per (consultant, day)."""
        sql = "SELECT uuid, consultant, day, decision, comment, lead, at FROM reviews"
        params: tuple[Any, ...] = ()
        if day:
            sql += " WHERE day = ?"
            params = (day,)
        out: dict[tuple[str, str], Decision] = {}
        for r in self.conn.execute(sql + " ORDER BY at_ts, uuid", params):
            out[(r["consultant"], r["day"])] = Decision(
                r["uuid"], r["consultant"], r["day"], r["decision"], r["comment"], r["lead"], r["at"]
            )
        return out

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "batches": one("SELECT count(*) FROM batches").fetchone()[0],
            "sessions": one("SELECT count(*) FROM sessions WHERE deleted = 0").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
        }
