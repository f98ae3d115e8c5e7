"""The central reader: every consultant's batches, checked and de-duplicated.

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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker.i18n import _
from tracker.sync.target import AREAS, BATCH_RE, SyncTarget

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


@dataclass
class ReadReport:
    new_batches: int = 0
    problems: list[str] = field(default_factory=list)


def _sha(line: bytes) -> str:
    return hashlib.sha256(line).hexdigest()


class CentralReader:
    def __init__(self, target: SyncTarget, cache: Path) -> None:
        self.target = target
        self.cache_path = cache
        try:
            self.conn = self._connect(cache)
        except sqlite3.DatabaseError:
            # A cache damaged by a crash is thrown away and rebuilt from the export.
            for suffix in ("", "-wal", "-shm"):
                Path(str(cache) + suffix).unlink(missing_ok=True)
            self.conn = self._connect(cache)
        where = target.describe()
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
            for table in (
                "batches",
                "records",
                "sessions",
                "events",
                "conflicts",
                "reviews",
                "ticket_meta",
                "finalized",
                "meta",
            ):
                self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            self.conn.executescript(CACHE_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CentralReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- reading the export ----------------------------------------------------

    def refresh(self) -> ReadReport:
        """Index every batch not seen yet; report what was skipped and why."""
        report = ReadReport()
        first = self.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 0
        if first:
            # The first read fills empty tables: build the secondary indexes once, at the
            # end, sorted, instead of updating them row by row.
            for name in SECONDARY_INDEXES:
                self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            for area in AREAS:
                self._refresh_area(area, report)
        finally:
            if first:
                self.conn.executescript(CACHE_SCHEMA)  # IF NOT EXISTS: only the indexes are made
        return report

    def _refresh_area(self, area: str, report: ReadReport) -> None:
        seen = {
            (r["consultant"], r["name"]): (r["size"], r["mtime_ns"])
            for r in self.conn.execute(
                "SELECT consultant, name, size, mtime_ns FROM batches WHERE area = ?", (area,)
            )
        }
        files: dict[tuple[str, str], tuple[int, int]] = {}
        for entry in self.target.entries(area=area):
            files[(entry.consultant, entry.name)] = (entry.size, entry.mtime_ns)
        for who, name in sorted(files):
            where = f"{area}/{who}/{name}"
            if name.startswith("."):
                report.problems.append(
                    _("{where}: a temp file (a sync still running, or one that crashed); skipped").format(
                        where=where
                    )
                )
                continue
            match = BATCH_RE.match(name)
            if not match:
                report.problems.append(
                    _("{where}: not a batch name (a copy made by a file-sync tool?); skipped").format(
                        where=where
                    )
                )
                continue
            batch = match["batch"]
            if match["what"] == "jsonl":
                if (who, f"{batch}.manifest.json") not in files:
                    report.problems.append(
                        _("{where}: no manifest yet (incomplete, or being written); skipped").format(
                            where=where
                        )
                    )
                continue
            data_name = f"{batch}.jsonl"
            if (who, data_name) not in files:
                report.problems.append(
                    _("{where}: its batch file {name} is missing; skipped").format(
                        where=where, name=data_name
                    )
                )
                continue
            data_stat = files[(who, data_name)]
            if seen.get((who, data_name)) == data_stat:
                continue
            problem = self._read_batch(area, who, batch, data_stat)
            if problem:
                report.problems.append(
                    _("{where}: {problem}; skipped").format(
                        where=f"{area}/{who}/{data_name}", problem=problem
                    )
                )
            else:
                report.new_batches += 1
                if report.new_batches % COMMIT_EVERY == 0:
                    self.conn.commit()  # a few large transactions: far fewer WAL checkpoints
        self.conn.commit()

    def _read_batch(self, area: str, who: str, batch: str, data_stat: tuple[int, int]) -> str | None:
        try:
            manifest = json.loads(self.target.read(who, f"{batch}.manifest.json", area=area))
            data = self.target.read(who, f"{batch}.jsonl", area=area)
        except (OSError, ValueError) as exc:
            return _("cannot be read ({error})").format(error=exc)
        if not isinstance(manifest, dict) or manifest.get("batch") != batch:
            return _("its manifest does not name it")
        if hashlib.sha256(data).hexdigest() != manifest.get("sha256"):
            return _("its sha256 does not match its manifest (changed or damaged after it was written)")
        lines = data.splitlines()
        if len(lines) != manifest.get("rows") or not data.endswith(b"\n"):
            return _("its row count does not match its manifest")
        stage_records: list[tuple[Any, ...]] = []
        stage_sessions: list[tuple[Any, ...]] = []
        stage_events: list[tuple[Any, ...]] = []
        stage_reviews: list[tuple[Any, ...]] = []
        stage_meta: list[tuple[str, str, str]] = []
        stage_final: list[tuple[str, str, str]] = []
        ref = f"{who}/{batch}"
        try:
            texts = [line.decode() for line in lines]
            # One parse for the whole batch: far cheaper than one json.loads per line.
            parsed = json.loads("[" + ",".join(texts) + "]")
            for line, text, rec in zip(lines, texts, parsed, strict=True):
                kind = rec["kind"]
                stage_records.append((rec["uuid"], int(rec["revision"]), _sha(line), ref))
                if kind == "session":
                    start_ts = _ts(rec["start"])
                    stage_sessions.append(
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
                    stage_reviews.append(
                        (
                            rec["uuid"],
                            rec["consultant"],
                            rec["day"],
                            rec["decision"],
                            rec["comment"],
                            rec["lead"],
                            rec["at"],
                            _ts(rec["at"]),
                        )
                    )
                elif kind == "ticket_event":
                    if rec["event"] == "finalized":
                        # The finalization's own local time (payload), not when it was recorded.
                        stage_final.append((rec["uuid"], rec["ticket"], str(rec["payload"]["at"])))
                    if rec["event"] == "created":
                        meta = {k: v for k, v in rec["payload"].items() if k != "number"}
                        digest = hashlib.sha256(json.dumps(meta, sort_keys=True).encode()).hexdigest()
                        stage_meta.append((rec["ticket"], rec["consultant"], digest))
                    stage_events.append(
                        (
                            rec["uuid"],
                            rec["ticket"],
                            rec["event"],
                            rec["consultant"],
                            rec["at"],
                            text,
                        )
                    )
        except (ValueError, KeyError, TypeError) as exc:
            return _("a record cannot be read ({error})").format(error=exc)
        # In the caller's transaction, committed every few batches.
        c = self.conn
        c.execute("CREATE TEMP TABLE IF NOT EXISTS stage (uuid TEXT, revision INTEGER, sha TEXT, batch TEXT)")
        c.execute("DELETE FROM temp.stage")
        c.executemany("INSERT INTO temp.stage VALUES (?, ?, ?, ?)", stage_records)
        c.execute(
            "INSERT OR IGNORE INTO conflicts SELECT s.uuid, s.revision, r.batch, s.batch "
            "FROM temp.stage s JOIN records r ON r.uuid = s.uuid AND r.revision = s.revision "
            "WHERE r.sha != s.sha"
        )
        c.execute("INSERT OR IGNORE INTO records SELECT uuid, revision, sha, batch FROM temp.stage")
        c.executemany(UPSERT_SESSION, stage_sessions)
        c.executemany("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?)", stage_events)
        c.executemany("INSERT OR IGNORE INTO reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stage_reviews)
        c.executemany("INSERT OR IGNORE INTO ticket_meta VALUES (?, ?, ?)", stage_meta)
        c.executemany("INSERT OR IGNORE INTO finalized VALUES (?, ?, ?)", stage_final)
        created = manifest.get("created_at")
        c.execute(
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                who,
                f"{batch}.jsonl",
                data_stat[0],
                data_stat[1],
                manifest["sha256"],
                len(lines),
                _ts(created) if isinstance(created, str) else 0,
                area,
            ),
        )
        return None

    # ----- what leads and billing read ---------------------------------------------

    def sessions_of_day(self, day: str, consultant: str | None = None) -> list[dict[str, Any]]:
        """The latest revision of each session of the day, deleted ones left out."""
        sql = "SELECT payload, uuid, revision FROM sessions WHERE day = ? AND deleted = 0"
        params: list[Any] = [day]
        if consultant:
            sql += " AND consultant = ?"
            params.append(consultant)
        rows = self.conn.execute(sql + " ORDER BY consultant, start_ts, uuid", params).fetchall()
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

    def events_of_ticket(self, ticket: str) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT payload FROM events WHERE ticket = ? ORDER BY at, uuid", (ticket,))
        return [json.loads(r["payload"]) for r in rows]

    def finalized_tickets(self, month: str | None = None) -> list[str]:
        """Tickets with a finalization (in ``month``, YYYY-MM, by its local date, when given)."""
        if month is None:
            rows = self.conn.execute(
                "SELECT DISTINCT ticket FROM events WHERE event = 'finalized'"
            ).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT DISTINCT ticket FROM finalized WHERE at >= ? AND at < ?", (month, month + "~")
            ).fetchall()
        return [r["ticket"] for r in rows]

    def sessions_of_ticket(self, ticket: str) -> list[dict[str, Any]]:
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

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
        """The latest lead decision per (consultant, day)."""
        sql = "SELECT consultant, day, decision, comment, lead, at, at_ts, uuid FROM reviews"
        params: tuple[Any, ...] = ()
        if day:
            sql += " WHERE day = ?"
            params = (day,)
        out: dict[tuple[str, str], dict[str, Any]] = {}
        for r in self.conn.execute(sql + " ORDER BY at_ts, uuid", params):
            out[(r["consultant"], r["day"])] = {
                "decision": r["decision"],
                "comment": r["comment"],
                "lead": r["lead"],
                "at": r["at"],
            }
        return out

    def approved_days(self) -> set[tuple[str, str]]:
        return {key for key, d in self.decisions().items() if d["decision"] == "approve"}

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "batches": one("SELECT count(*) FROM batches").fetchone()[0],
            "sessions": one("SELECT count(*) FROM sessions WHERE deleted = 0").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
        }


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())
