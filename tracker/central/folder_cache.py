"""The folder export's read cache: every consultant's batches, checked, de-duplicated, kept apart by owner.

It keeps an index of the batches it has read in its own cache database (in the
reader's data folder, never on the share, readable by its owner only) and parses only
batches it has not seen.  Nothing on the share is trusted (docs/central-export.md,
"What the reader skips and reports"):

- files are listed and read by :mod:`tracker.central.folder_files` (no links followed,
  regular files only, sizes bounded);
- a batch is read only with its manifest, whose format, sha256 and row count match;
- every record is checked against the schema, in the folder that holds it
  (:mod:`tracker.central.batches`); the first bad record rejects the batch, and the
  rejection is remembered by the files' size and time, so it is reported on every
  read but the file is not read again until it changes;
- a session uuid first read from one consultant's folder is never revised from
  another's; the same (uuid, revision) with other content is a conflict.  Both are
  kept in ``conflicts``: the session is flagged, and billing holds its money.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.central import batches, schema
from tracker.central.cache_tables import BULK_INDEXES, CACHE_SCHEMA, TABLES, ref_of, settle_first_read, store
from tracker.central.checks import RecordError
from tracker.central.folder_files import ExportFiles, Refused, shown
from tracker.central.folder_queries import CacheQueries
from tracker.central.records import AREAS, BATCH_RE, ReadReport, sha256_of
from tracker.central.roles import DamagedRoles, Roles, load_roles
from tracker.i18n import _

CACHE_VERSION = 7
COMMIT_EVERY = 10


@dataclass(frozen=True)
class _Job:
    """A batch to read: where it is, its file's size and time, and its number among the refs."""

    area: str
    who: str
    batch: str
    stat: tuple[int, int]
    stamp: str  # the batch's and its manifest's size and time: what a rejection is remembered by
    ref: int


@dataclass(frozen=True)
class _Ready:
    """A batch read and checked, for the cache."""

    rows: batches.Rows
    rows_count: int
    created_ts: int


def _private(path: Path) -> None:
    """The cache holds everyone's data: readable and writable by its owner only."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{path}{suffix}")
        if part.exists() and (part.stat().st_mode & 0o777) != 0o600:
            part.chmod(0o600)


class FolderCache(CacheQueries):
    """The read model of a folder export, in a SQLite cache that can always be rebuilt."""

    def __init__(self, files: ExportFiles, cache: Path) -> None:
        self.files = files
        self.cache_path = cache
        self.roles: Roles | None = None
        self.bulk = False  # a first read: rows appended, indexes built at the end
        try:
            self.conn = self._connect(cache)
        except sqlite3.DatabaseError:
            # A cache damaged by a crash is thrown away and rebuilt from the export.
            for suffix in ("", "-wal", "-shm"):
                Path(str(cache) + suffix).unlink(missing_ok=True)
            self.conn = self._connect(cache)
        where = str(files.root)
        known = self.conn.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
        version = self.conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if (known and known[0] != where) or (version and version[0] != str(CACHE_VERSION)):
            self._reset()
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('source', ?)", (where,))
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(CACHE_VERSION),))

    @staticmethod
    def _connect(cache: Path) -> sqlite3.Connection:
        _private(cache)
        conn = sqlite3.connect(cache, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")
        # A cache: it can always be rebuilt from the export, so it skips fsyncs.
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -65536")
        # No quick_check: it reads the whole (large) cache on every open. A damaged file
        # fails here, on its schema, and is rebuilt by the caller.
        conn.executescript(CACHE_SCHEMA)
        if conn.execute("SELECT 1 FROM meta WHERE key = 'building'").fetchone():
            conn.close()
            raise sqlite3.DatabaseError("a first read was interrupted")
        _private(cache)
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
        """Index every batch not seen yet; report what was not read, and why.

        Raises CentralUnreadable when the export is not there or cannot be read at all:
        nothing read before is then shown as if it were current.
        """
        if not self.files.check():
            return ReadReport(0, [])
        problems: list[str] = []
        self.roles = self._load_roles(problems)
        new = 0
        first = self.conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 0
        if first:
            self._first_read(begin=True)
        for area in AREAS:
            new += self._refresh_area(area, problems)
        if first:
            self._first_read(begin=False)
        problems += self._ignored_leads()
        return ReadReport(new, problems)

    def _first_read(self, *, begin: bool) -> None:
        """A first read fills empty tables as a bulk load: no journal, no index until the end.

        Without a journal a crash can leave the file half written: the mark 'building'
        makes the next open throw it away and read the export again.
        """
        c = self.conn
        self.bulk = begin
        if begin:
            with c:
                c.execute("INSERT OR REPLACE INTO meta VALUES ('building', '1')")
            c.execute("PRAGMA journal_mode = OFF")
            for name in BULK_INDEXES:
                c.execute(f"DROP INDEX IF EXISTS {name}")
            return
        try:
            c.execute("CREATE UNIQUE INDEX sessions_uuid ON sessions(uuid)")
        except sqlite3.IntegrityError:  # sessions read more than once (revisions, copies)
            settle_first_read(c)
            c.execute("CREATE UNIQUE INDEX sessions_uuid ON sessions(uuid)")
        c.executescript(CACHE_SCHEMA)  # IF NOT EXISTS: only the other indexes are made, sorted, once
        with c:
            c.execute("DELETE FROM meta WHERE key = 'building'")
        c.execute("PRAGMA journal_mode = WAL")

    def _load_roles(self, problems: list[str]) -> Roles | None:
        try:
            return load_roles(self.files.root)
        except (OSError, ValueError, DamagedRoles) as exc:
            problems.append(
                _(
                    "roles.json at the export's root cannot be used ({error}); "
                    "no decision counts until it is fixed"
                ).format(error=shown(str(exc)))
            )
            return Roles()

    def _refresh_area(self, area: str, problems: list[str]) -> int:
        seen = {
            (r["consultant"], r["name"]): (r["size"], r["mtime_ns"])
            for r in self.conn.execute(
                "SELECT consultant, name, size, mtime_ns FROM batches WHERE area = ?", (area,)
            )
        }
        rejected = {
            (r["consultant"], r["name"]): (r["stamp"], r["problem"])
            for r in self.conn.execute(
                "SELECT consultant, name, stamp, problem FROM rejected WHERE area = ?", (area,)
            )
        }
        listing = self.files.listing(area)
        problems += listing.problems
        files = listing.files
        jobs: list[_Job] = []
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
            stamp = f"{data_stat}{files[(who, name)]}"
            known = rejected.get((who, data_name))
            if known and known[0] == stamp:
                problems.append(known[1])  # rejected before, unchanged since: not read again
                continue
            jobs.append(_Job(area, who, batch, data_stat, stamp, ref_of(self.conn, f"{area}/{who}/{batch}")))
        new = self._read_all(jobs, problems)
        problems += _vanished(area, seen, files)
        return new

    def _read_all(self, jobs: list[_Job], problems: list[str]) -> int:
        """Each batch read, checked and kept, in order.

        (A helper thread reading ahead was measured slower: SQLite lets go of the
        interpreter for every row it writes, and waits to get it back.)
        """
        new = 0
        for job in jobs:
            if self._keep(job, self._prepare(job), problems):
                new += 1
                if new % COMMIT_EVERY == 0:
                    self.conn.commit()  # a few large transactions: far fewer WAL checkpoints
        self.conn.commit()
        return new

    def _prepare(self, job: _Job) -> _Ready | str:
        """The batch read and checked against its manifest and the schema, or why it is not read."""
        area, who, batch = job.area, job.who, job.batch
        try:
            raw = self.files.read(area, who, f"{batch}.manifest.json", schema.MAX_MANIFEST)
            manifest, created_ts = schema.read_manifest(raw)
            data = self.files.read(area, who, f"{batch}.jsonl", schema.MAX_BATCH)
        except Refused as exc:
            return shown(exc.strerror or str(exc))
        except OSError as exc:
            return _("it cannot be read ({error})").format(error=shown(exc.strerror or str(exc)))
        except RecordError as exc:
            return _("its manifest is not valid ({error})").format(error=shown(str(exc)))
        problem = _check(batch, who, manifest, data)
        if problem:
            return problem
        try:
            rows = batches.parse(area, who, data, job.ref)
        except batches.BadBatch as exc:
            return _("a record is not valid ({error})").format(error=shown(str(exc)))
        if rows.kinds != {k: v for k, v in manifest.kinds.items() if v}:
            return _("its records are not the kinds its manifest says")
        return _Ready(rows, manifest.rows, created_ts)

    def _keep(self, job: _Job, ready: _Ready | str, problems: list[str]) -> bool:
        """A checked batch into the cache; or its rejection remembered (by size and time) and reported."""
        data_name = f"{job.batch}.jsonl"
        key = (job.area, job.who, data_name)
        if isinstance(ready, str):
            message = _("{where}: {problem}; not read").format(where="/".join(key), problem=ready)
            problems.append(message)
            self.conn.execute(
                "INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?, ?)", (*key, job.stamp, message)
            )
            return False
        store(self.conn, ready.rows, bulk=self.bulk)
        self.conn.execute(
            "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*key, job.stat[0], job.stat[1], ready.rows_count, ready.created_ts),
        )
        self.conn.execute("DELETE FROM rejected WHERE area = ? AND consultant = ? AND name = ?", key)
        return True

    def _ignored_leads(self) -> list[str]:
        """Decisions by logins the roles file does not list as leads: kept, never counted."""
        if self.roles is None:
            return []
        roles = self.roles
        leads = [r[0] for r in self.conn.execute("SELECT DISTINCT lead FROM reviews ORDER BY lead")]
        return [
            _("decisions by {login} are ignored: roles.json does not list {login} as a lead").format(
                login=login
            )
            for login in leads
            if not roles.has(login, "lead")
        ]

    def counted_leads(self) -> Roles | None:
        """The roles a decision must pass (None: every reviews folder counts)."""
        if self.roles is None:
            try:
                self.roles = load_roles(self.files.root)
            except (OSError, ValueError, DamagedRoles):
                self.roles = Roles()
        return self.roles


def _check(batch: str, who: str, manifest: schema.Manifest, data: bytes) -> str | None:
    """Why a batch does not match its manifest, or None."""
    if manifest.batch != batch:
        return _("its manifest does not name it")
    if manifest.consultant != who:
        return _("its manifest names {login}, not the folder's {owner}").format(
            login=manifest.consultant, owner=who
        )
    if sha256_of(data) != manifest.sha256:
        return _("its sha256 does not match its manifest (changed or damaged after it was written)")
    if data.count(b"\n") != manifest.rows or not data.endswith(b"\n"):
        return _("its row count does not match its manifest")
    return None


def _vanished(
    area: str, seen: dict[tuple[str, str], tuple[int, int]], files: dict[tuple[str, str], tuple[int, int]]
) -> list[str]:
    """Batches read before that are gone from the export: what they held is still counted here."""
    return [
        _("{where}: read before, now gone from the export; what it held is still counted").format(
            where=f"{area}/{who}/{name}"
        )
        for who, name in sorted(seen)
        if (who, name) not in files
    ]


def _to_read(
    area: str, who: str, name: str, files: dict[tuple[str, str], tuple[int, int]]
) -> tuple[str, str]:
    """(the batch ``name`` is the manifest of, or "", and why it is skipped, or "")."""
    where = f"{area}/{who}/{shown(name)}"
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
