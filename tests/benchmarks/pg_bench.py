"""Benchmark: the central store on PostgreSQL at 1,000,000 sessions from 200 consultants.

    .venv/bin/python tests/benchmarks/pg_bench.py [--sessions N] [--consultants C] [--repeat R]

1. A PostgreSQL cluster of the installed server binaries in ``--pgdir`` (default
   ``/tmp/tracker-pg-bench``), kept between runs (``--rebuild`` starts over), stopped at
   the end.  fsync and synchronous commit stay on: commits cost what they cost.
2. Database ``big``: the schema (``tracker central init``'s code) and generate.py's
   history of N sessions of C consultants, turned into the records the apps send (a
   batch per consultant and working day, with the tickets' 'created' events, some edits
   and deletions as revision 2, finalizations, defects, and a lead's decisions on the
   last 60 days), loaded with COPY as the superuser (RLS bypassed for loading only).
   Database ``bill``: the same for N/10 sessions.  Database ``empty``: the schema only.
3. Real ``tracker`` subprocesses (median of R runs after a warm-up, real clock):
   - ``review --day D --json`` and ``central log --day D --json`` by a lead login over
     ``big``, D the day with the most consultants at work;
   - ``bill --month M --format json`` by a billing login over ``bill``;
   - ``sync`` of 1 new session of a consultant next to N sessions, against the same
     into ``empty``, interleaved;
   - the first ``sync`` of 100,000 sessions from one home into ``big`` (1 run).
   Rows sent by earlier runs' homes are removed first (batch names not ``*-0000beef``).

Targets: review < 0.3 s, central log < 0.3 s, bill < 2 s, sync1 ratio <= 1.2, the first
sync of 100,000 < 30 s.  Prints PASS/FAIL per figure and exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
import run as bench  # noqa: E402
from run import DATA, ROOT, Report, env_for  # noqa: E402

from tests.pgcluster import SUPERUSER, PgCluster, find_bindir  # noqa: E402
from tracker.central.postgres import admin  # noqa: E402
from tracker.central.records import dumps, sha256_of  # noqa: E402

REVIEW_TARGET = 0.3
LOG_TARGET = 0.3
BILL_TARGET = 2.0
SYNC1_RATIO = 1.2
FIRST_SYNC = 100_000
FIRST_SYNC_TARGET = 30.0
INSTALL = "0000beef"  # the install id of the loaded batches; anything else was sent by a run
PASSWORD = "bench-S3cret"
LEAD, BILLER = "lead.bench", "bill.bench"
CONF = """
# pg_bench: a server sized like a small production one; fsync back on
fsync = on
synchronous_commit = on
full_page_writes = on
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
effective_cache_size = 4GB
max_wal_size = 4GB
random_page_cost = 1.1
"""
ZONE = "America/Sao_Paulo"


# ----- running this worktree's tracker ------------------------------------------------------


CPU: dict[tuple[str, ...], list[float]] = defaultdict(list)  # user+sys seconds of each run, by command


def run_out(home: Path, *args: str, timeout: float = 600) -> tuple[float, str]:
    """``python -m tracker`` from the repository root (this checkout's code); wall time and stdout.

    The process's own CPU time (user + system) is kept in CPU: on a shared machine it
    says what the client costs, apart from waiting for a core.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True, text=True,
                          env=env_for(home), cwd=ROOT, timeout=timeout)  # fmt: skip
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[args].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(
            f"tracker {' '.join(args)} exited {proc.returncode} in {home}:\n{proc.stdout}\n{proc.stderr}"
        )
    return elapsed, proc.stdout


def run(home: Path, *args: str, timeout: float = 600) -> float:
    return run_out(home, *args, timeout=timeout)[0]


def median_runs(home: Path, args: tuple[str, ...], repeat: int) -> float:
    """The median of ``repeat`` runs after one unmeasured warm-up."""
    CPU.pop(args, None)
    wall = statistics.median([run(home, *args) for _ in range(repeat + 1)][1:])
    return wall


def cpu_note(report: Report, name: str, args: tuple[str, ...]) -> None:
    """The median CPU time of the client for a measured command, as a note under the table."""
    runs = CPU.get(args, [])[1:] or CPU.get(args, [])
    if runs:
        report.notes.append(
            f"  {name}: the tracker process's own CPU time, median {statistics.median(runs):.3f} s"
        )


def fresh_home(path: Path, consultant: str) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    run(path, "config", "set", "consultant", consultant)
    return path


# ----- the cluster -------------------------------------------------------------------------


LOADER_VERSION = b"2"  # bump when Builder or load() change what is loaded


def loader_digest() -> str:
    parts = [LOADER_VERSION, (HERE / "generate.py").read_bytes()]
    parts += [
        p.read_bytes() for p in sorted((HERE.parents[1] / "tracker/central/postgres/schema").glob("*.sql"))
    ]
    return hashlib.sha256(b"".join(parts)).hexdigest()[:10]


def open_cluster(root: Path, rebuild: bool) -> PgCluster:
    cluster = PgCluster(find_bindir(), root=root)
    if os.geteuid() == 0:
        cluster.owner = SUPERUSER
    state = root / "state.json"
    if rebuild or not state.exists() or json.loads(state.read_text()).get("digest") != loader_digest():
        if root.exists():
            with suppress(RuntimeError):  # a cluster left running by an interrupted run
                cluster._run("pg_ctl", "-D", str(cluster.data), "-m", "immediate", "-w", "stop")
            shutil.rmtree(root)
        root.mkdir(parents=True)
        cluster.start()
        with (cluster.data / "postgresql.conf").open("a") as conf:
            conf.write(CONF)
        cluster._run("pg_ctl", "-D", str(cluster.data), "-l", str(cluster.log), "-w", "restart")
    else:
        try:  # as the cluster's owner (pg_ctl refuses to run as root)
            cluster._run("pg_ctl", "-D", str(cluster.data), "status")
        except RuntimeError:  # not running
            cluster._run("pg_ctl", "-D", str(cluster.data), "-l", str(cluster.log), "-w", "start")
    cluster.running = True
    return cluster


def stop(cluster: PgCluster) -> None:
    cluster._run("pg_ctl", "-D", str(cluster.data), "-m", "fast", "-w", "stop")


def superuser(cluster: PgCluster, db: str = "postgres") -> psycopg.Connection[Any]:
    return psycopg.connect(cluster.url(db), autocommit=True)


def passfile(root: Path) -> Path:
    path = root / "pgpass"
    path.write_text(f"*:*:*:*:{PASSWORD}\n")
    path.chmod(0o600)
    return path


def url(cluster: PgCluster, db: str) -> str:
    """What a home configures: no user, no password (libpq's password file)."""
    return f"postgresql:///{db}?host={cluster.socket_dir}&passfile={passfile(cluster.root)}"


def create_logins(cluster: PgCluster, consultants: list[str]) -> None:
    with superuser(cluster) as su:
        for login, group in [
            *((c, "tracker_consultant") for c in consultants),
            (LEAD, "tracker_lead"),
            (BILLER, "tracker_billing"),
        ]:
            if su.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is None:
                su.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                        sql.Identifier(login), sql.Literal(PASSWORD), sql.Identifier(group)
                    )
                )


# ----- the records the apps would have sent --------------------------------------------------


def offset_of(text: str) -> str:
    return text[-6:]


class Builder:
    """generate.py's history as batches: one per consultant and day, in the folder's format."""

    def __init__(self, history: Path, plan: Path, meta: dict[str, Any]) -> None:
        self.history, self.meta = history, meta
        self.rng = random.Random(7)
        self.seq: dict[str, int] = defaultdict(int)
        self.tickets: dict[str, dict[str, Any]] = {}
        self.creator: dict[str, str] = {}
        self.touched: set[tuple[str, str]] = set()
        self.revisions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.worked: set[tuple[str, str]] = set()  # (consultant, day) with a batch
        self.finals: dict[str, list[tuple[str, str]]] = defaultdict(list)  # day -> (ticket, at)
        for line in plan.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            self.finals[item["at"][:10]].append((item["ticket"], item["at"]))
        now = datetime.fromisoformat(meta["now"])
        self.review_from = (now - timedelta(days=60)).date().isoformat()

    def uuid(self) -> str:
        return str(uuidlib.UUID(int=self.rng.getrandbits(128), version=4))

    def event(self, who: str, ticket: str, kind: str, payload: dict[str, Any], at: str) -> dict[str, Any]:
        return {
            "at": at,
            "consultant": who,
            "event": kind,
            "kind": "ticket_event",
            "payload": payload,
            "revision": 1,
            "ticket": ticket,
            "uuid": self.uuid(),
        }

    def created(self, who: str, number: str, at: str) -> list[dict[str, Any]]:
        t = self.tickets[number]
        payload = {
            "accounting_item": "",
            "authorization": "",
            "bill_to_unit": "",
            "cost_center": "",
            "customer": t["customer"],
            "number": number,
            "product": t.get("product", ""),
            "scope": "",
            "term_accepted": t.get("term_accepted"),
            "term_ref": t.get("term_ref", ""),
            "type": t["type"],
            "value_class": "",
        }
        out = [self.event(who, number, "created", payload, at)]
        if self.rng.random() < 0.02:
            defect = {"kind": "product", "note": "", "published": False, "ref": f"D-{number}"}
            out.append(self.event(who, number, "defect_flagged", defect, at))
        return out

    def session(self, s: dict[str, Any]) -> dict[str, Any]:
        start, end = datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])
        return {
            "consultant": s["consultant"],
            "day": s["start"][:10],
            "deleted": False,
            "end": s["end"],
            "flags": [],
            "kind": "session",
            "note": s.get("note", ""),
            "revision": 1,
            "seconds": int((end - start).total_seconds()),
            "source": "import",
            "start": s["start"],
            "ticket": s["ticket"],
            "type": self.tickets[s["ticket"]]["type"],
            "uuid": s["uuid"],
            "zone": ZONE,
        }

    def batch(
        self, author: str, area: str, day: str, offset: str, records: list[dict[str, Any]]
    ) -> dict[str, Any]:
        self.seq[author] += 1
        name = f"{self.seq[author]:08d}-{INSTALL}"
        data = "".join(dumps(r) + "\n" for r in records).encode()
        kinds: dict[str, int] = {}
        for r in records:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        manifest = {
            "batch": name,
            "consultant": author,
            "created_at": f"{day}T19:00:00{offset}",
            "file": f"{name}.jsonl",
            "format": 1,
            "kinds": kinds,
            "rows": len(records),
            "sha256": sha256_of(data),
        }
        return {"author": author, "area": area, "name": name, "records": records, "manifest": manifest}

    def groups(self) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
        """(day, consultant, that day's session lines), in the history's order."""
        key: tuple[str, str] | None = None
        rows: list[dict[str, Any]] = []
        with open(self.history, encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                if item["kind"] == "ticket":
                    self.tickets[item["number"]] = item
                    continue
                here = (item["start"][:10], item["consultant"])
                if here != key and rows:
                    yield key[0], key[1], rows  # type: ignore[index]
                    rows = []
                key = here
                rows.append(item)
        if rows and key:
            yield key[0], key[1], rows

    def batches(self) -> Iterator[dict[str, Any]]:
        day_done: str | None = None
        offset = "-03:00"
        for day, who, rows in self.groups():
            if day_done is not None and day != day_done:
                yield from self.day_end(day_done, offset)
            day_done, offset = day, offset_of(rows[0]["start"])
            self.worked.add((who, day))
            records: list[dict[str, Any]] = list(self.revisions.pop(who, []))
            for s in rows:
                if (s["ticket"], who) not in self.touched:
                    self.touched.add((s["ticket"], who))
                    self.creator.setdefault(s["ticket"], who)
                    records += self.created(who, s["ticket"], s["start"])
                rec = self.session(s)
                records.append(rec)
                roll = self.rng.random()
                if roll < 0.03:
                    self.revisions[who].append(dict(rec, revision=2, note="revisto"))
                elif roll < 0.035:
                    self.revisions[who].append(dict(rec, revision=2, deleted=True))
            for ticket, at in self.finals.get(day, []):
                if self.creator.get(ticket) == who:
                    records.append(self.event(who, ticket, "finalized", {"at": at}, at))
            yield self.batch(who, "consultants", day, offset, records)
        if day_done is not None:
            yield from self.day_end(day_done, offset)

    def day_end(self, day: str, offset: str) -> Iterator[dict[str, Any]]:
        """The day's finalizations by consultants who had no session that day; a lead's decisions."""
        late: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ticket, at in self.finals.get(day, []):
            who = self.creator.get(ticket)
            if who and (who, day) not in self.worked:
                late[who].append(self.event(who, ticket, "finalized", {"at": at}, at))
        for who, records in sorted(late.items()):
            yield self.batch(who, "consultants", day, offset, records)
        if day >= self.review_from:
            people = sorted({who for (_t, who) in self.touched})
            chosen = [p for p in people if self.rng.random() < 0.3]
            at = (date.fromisoformat(day) + timedelta(days=1)).isoformat() + f"T09:00:00{offset}"
            decisions = [
                {
                    "at": at,
                    "comment": "",
                    "consultant": p,
                    "day": day,
                    "decision": "approve",
                    "kind": "review",
                    "lead": LEAD,
                    "revision": 1,
                    "uuid": self.uuid(),
                }
                for p in chosen
            ]
            if decisions:
                yield self.batch(LEAD, "reviews", day, offset, decisions)


COPIES = {
    "session": (
        "sessions",
        "uuid, revision, consultant, ticket, type, start_at, end_at, start_text, end_text, "
        "zone, day, deleted, note, flags, source, batch, line, payload",
    ),
    "ticket_event": ("ticket_events", "uuid, ticket, event, consultant, at, batch, line, payload"),
    "review": ("reviews", "uuid, consultant, day, decision, comment, lead, at, batch, line, payload"),
    "batch": ("batches", "consultant, batch, sha256, rows, area, manifest, sent_at"),
}


def row_of(r: dict[str, Any], name: str, line: int) -> tuple[Any, ...]:
    text = json.dumps(r, ensure_ascii=False)
    if r["kind"] == "session":
        return (
            r["uuid"],
            r["revision"],
            r["consultant"],
            r["ticket"],
            r["type"],
            r["start"],
            r["end"],
            r["start"],
            r["end"],
            r["zone"],
            r["day"],
            r["deleted"],
            r["note"],
            r["flags"],
            r["source"],
            name,
            line,
            text,
        )
    if r["kind"] == "ticket_event":
        return (r["uuid"], r["ticket"], r["event"], r["consultant"], r["at"], name, line, text)
    return (
        r["uuid"],
        r["consultant"],
        r["day"],
        r["decision"],
        r["comment"],
        r["lead"],
        r["at"],
        name,
        line,
        text,
    )


def load(cluster: PgCluster, db: str, history: Path, plan: Path, meta: dict[str, Any]) -> dict[str, int]:
    """Create ``db`` with the schema and COPY the history's records into it."""
    with superuser(cluster) as su:
        su.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db)))
        su.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db)))
    admin.init_schema(cluster.url(db))
    builder = Builder(history, plan, meta)
    counts: dict[str, int] = defaultdict(int)
    with ExitStack() as stack:
        copies = {}
        for kind, (table, columns) in COPIES.items():
            conn = stack.enter_context(psycopg.connect(cluster.url(db)))
            cur = stack.enter_context(conn.cursor())
            copies[kind] = stack.enter_context(cur.copy(f"COPY {table} ({columns}) FROM STDIN"))
        for b in builder.batches():
            for line, r in enumerate(b["records"], start=1):
                copies[r["kind"]].write_row(row_of(r, b["name"], line))
                counts[r["kind"]] += 1
            m = b["manifest"]
            copies["batch"].write_row(
                (b["author"], b["name"], m["sha256"], m["rows"], b["area"], json.dumps(m), m["created_at"])
            )
            counts["batch"] += 1
    with superuser(cluster, db) as su:
        su.execute("VACUUM (ANALYZE)")
    return dict(counts)


# ----- the measurements -----------------------------------------------------------------------


def home_on(path: Path, consultant: str, central: str, role: str | None = None) -> Path:
    fresh_home(path, consultant)
    if role:
        run(path, "config", "set", "role", role)
    run(path, "config", "set", "central", central)
    return path


def clean_runs(cluster: PgCluster, db: str) -> None:
    """Remove what earlier runs' homes sent (the loaded batches end in -0000beef)."""
    with superuser(cluster, db) as su:
        su.execute("SET session_replication_role = replica")  # the never-change triggers stay off here
        gone = 0
        for table in ("sessions", "ticket_events", "reviews", "batch_refs", "batches"):
            gone += su.execute(f"DELETE FROM {table} WHERE batch NOT LIKE %s", (f"%-{INSTALL}",)).rowcount
        if gone:  # what the server derived from those events goes too: derived again from what stays
            su.execute("TRUNCATE ticket_anchors, ticket_digests, ticket_disagreements")
            su.execute(
                "INSERT INTO ticket_digests SELECT DISTINCT ON (ticket, consultant) ticket, consultant, "
                "created_digest FROM ticket_events WHERE event = 'created' "
                "ORDER BY ticket, consultant, at, uuid"
            )
            su.execute("INSERT INTO ticket_anchors SELECT DISTINCT ticket FROM ticket_digests")
            su.execute(
                "INSERT INTO ticket_disagreements SELECT ticket FROM ticket_digests "
                "GROUP BY ticket HAVING count(DISTINCT digest) > 1"
            )
            su.execute("VACUUM ANALYZE")


def part_baseline(args: argparse.Namespace, report: Report) -> None:
    """What any command pays on this machine now: for reading the figures on a shared machine."""
    home = fresh_home(DATA / "run" / "pg-base", "base")
    seconds = median_runs(home, ("status",), args.repeat)
    report.add("tracker status (no server: the cost of any command here, now)", seconds, "-", None)
    cpu_note(report, "status", ("status",))
    times = []
    for _ in range(args.repeat + 1):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import psycopg"], check=True)
        times.append(time.perf_counter() - t0)
    report.add(
        "python -c 'import psycopg' (the driver's own start-up)", statistics.median(times[1:]), "-", None
    )


def part_lead(cluster: PgCluster, meta: dict[str, Any], args: argparse.Namespace, report: Report) -> None:
    day = meta["lead_day"]
    lead = home_on(DATA / "run" / "pg-lead", LEAD, url(cluster, "big"), "lead")
    review = ("review", "--day", day, "--json")
    _, out = run_out(lead, *review)
    rows = json.loads(out)["consultants"]
    active = sum(1 for r in rows if r["sessions"])
    sessions = sum(len(r["sessions"]) for r in rows)
    print(f"  review {day}: {active} of {len(rows)} consultants at work, {sessions} sessions")
    seconds = median_runs(lead, review, args.repeat)
    cpu_note(report, "review --day", review)
    report.add(
        f"review --day, {active} consultants", seconds, f"< {REVIEW_TARGET} s", seconds < REVIEW_TARGET
    )
    log = ("central", "log", "--day", day, "--json")
    seconds = median_runs(lead, log, args.repeat)
    cpu_note(report, "central log --day", log)
    report.add(f"central log --day ({sessions} sessions)", seconds, f"< {LOG_TARGET} s", seconds < LOG_TARGET)
    inside = in_process(lead, lambda app: app.review_day(day), args.repeat)
    report.add("  Tracker.review_day in-process (connect, queries, review)", inside, "-", None)
    inside = in_process(lead, lambda app: central_log_work(app, day), args.repeat)
    report.add("  central log's reads in-process (connect, queries)", inside, "-", None)


def central_log_work(app: Any, day: str) -> None:
    """What ``tracker central log --day`` asks the store (tracker/cli/central.py), without printing."""
    with app.central_reader() as reader:
        reader.refresh()
        reader.sessions_of_day(day, None)
        reader.conflicts()
        reader.ticket_disagreements()


def in_process(home: Path, work: Callable[[Any], object], repeat: int) -> float:
    """The median time of ``work(tracker)`` inside this process (no interpreter start, no imports)."""
    from tracker.app import open_tracker  # this checkout's code; the driver loads on the first call

    os.environ["TRACKER_TZ"] = ZONE
    app = open_tracker(home)
    try:
        times = []
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            work(app)
            times.append(time.perf_counter() - t0)
    finally:
        app.store.close()
    return statistics.median(times[1:])


def part_bill(cluster: PgCluster, meta: dict[str, Any], args: argparse.Namespace, report: Report) -> None:
    month = meta["bill_month"]
    biller = home_on(DATA / "run" / "pg-bill", BILLER, url(cluster, "bill"), "billing")
    for kind in ("technical", "support"):
        run(biller, "rates", "set", "--type", kind, "--hourly", "240.00", "--from", meta["first_day"])
    command = ("bill", "--month", month, "--format", "json", "--out", str(biller / "statement.json"))
    seconds = median_runs(biller, command, args.repeat)
    cpu_note(report, "bill --month", command)
    doc = json.loads((biller / "statement.json").read_text(encoding="utf-8"))
    inside = in_process(biller, lambda app: app.statement(month), args.repeat)
    report.add(
        f"bill --month {month} ({len(doc['lines'])} lines), {args.sessions // 10:,} on the server",
        seconds,
        f"< {BILL_TARGET} s",
        seconds < BILL_TARGET,
    )
    report.add("  Tracker.statement in-process (connect, queries, pricing)", inside, "-", None)


def part_sync_one(cluster: PgCluster, meta: dict[str, Any], args: argparse.Namespace, report: Report) -> None:
    who, ticket = meta["bench"]["consultant"], meta["bench"]["ticket"]
    homes = {
        key: home_on(DATA / "run" / f"pg-sync1-{key}", who, url(cluster, db))
        for key, db in (("0", "empty"), ("n", "big"))
    }
    for home in homes.values():
        run(
            home,
            "ticket",
            "add",
            ticket,
            "--customer",
            "Padaria Silva Ltda",
            "--type",
            "technical",
            "--term-accepted",
            "2026-01-05",
        )
    times: dict[str, list[float]] = {"0": [], "n": []}
    first = datetime.fromisoformat(meta["now"]).date() + timedelta(days=1)
    tz = datetime.fromisoformat(meta["now"]).tzinfo
    slot = 0
    rounds = max(args.repeat, 15)  # a small difference between two small figures: more rounds
    for i in range(1 + rounds):  # round 0 is the warm-up (it also sends the ticket)
        for key in ("0", "n") if i % 2 == 0 else ("n", "0"):
            start = datetime.combine(first + timedelta(days=slot // 24), datetime.min.time())
            start = start.replace(hour=8, tzinfo=tz) + timedelta(minutes=20 * (slot % 24))
            slot += 1
            run(
                homes[key],
                "add",
                ticket,
                "--start",
                start.isoformat(),
                "--end",
                (start + timedelta(minutes=15)).isoformat(),
            )
            elapsed, out = run_out(homes[key], "sync", "--json")
            sent = json.loads(out)
            assert sent["sessions"] == 1 and sent["pending"] == 0, sent
            if i:
                times[key].append(elapsed)
    at0, atn = statistics.median(times["0"]), statistics.median(times["n"])
    report.add(
        f"sync 1 session, {args.sessions:,} on the server",
        atn,
        f"ratio <= {SYNC1_RATIO}",
        atn / at0 <= SYNC1_RATIO,
        at0,
        atn / at0,
    )


def part_first_sync(cluster: PgCluster, args: argparse.Namespace, report: Report) -> None:
    # Its own seed: the histories of one seed share their random uuids, and the server would
    # rightly refuse a session it holds with other contents.
    # 20-30 sessions a working day, so that 100,000 reach back 16 years (to 2010), not
    # 60 (a home refuses dates before 2000).
    full = DATA / f"history-{FIRST_SYNC}x1d20-30-seed2-{bench.generator_digest()}.jsonl"
    if not full.exists():
        bench.generate.generate(full, FIRST_SYNC, 1, seed=20261104, day_sessions=(20, 30))
    meta = json.loads(Path(str(full) + ".meta.json").read_text(encoding="utf-8"))
    who = meta["consultants"][0]
    create_logins(cluster, [who])
    home = home_on(DATA / "run" / "pg-first", who, url(cluster, "big"))
    t0 = time.perf_counter()
    run(home, "import", str(full), timeout=3600)
    print(f"  imported {FIRST_SYNC:,} sessions of {who} in {time.perf_counter() - t0:.1f} s (not measured)")
    CPU.pop(("sync", "--json"), None)
    seconds, out = run_out(home, "sync", "--json", timeout=3600)
    cpu_note(report, "first sync of 100,000", ("sync", "--json"))
    sent = json.loads(out)
    report.add(
        f"first sync of {sent['sessions']:,} sessions from one home, next to {args.sessions:,} (1 run)",
        seconds,
        f"< {FIRST_SYNC_TARGET} s",
        seconds < FIRST_SYNC_TARGET,
    )


PARTS = ("lead", "bill", "sync1", "first")


def prepare(cluster: PgCluster, args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, Any]]:
    """The loaded databases (cached in the cluster) and the histories' metadata."""
    state_path = cluster.root / "state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {}
    loaded = state.get("loaded", {})
    metas = {}
    with superuser(cluster) as su:  # first: init makes the group roles the logins join
        if su.execute("SELECT 1 FROM pg_database WHERE datname = 'empty'").fetchone() is None:
            su.execute("CREATE DATABASE empty")
    admin.init_schema(cluster.url("empty"))
    for db, n in (("big", args.sessions), ("bill", args.sessions // 10)):
        full, _tickets, meta = bench.history(n, consultants=args.consultants, finalize=True)
        metas[db] = meta
        key = f"{n}x{args.consultants}"
        if loaded.get(db, {}).get("key") != key:
            create_logins(cluster, meta["consultants"])
            t0 = time.perf_counter()
            counts = load(cluster, db, full, Path(str(full) + ".finalize.jsonl"), meta)
            took = time.perf_counter() - t0
            print(f"  loaded {db}: {counts} in {took:.0f} s")
            loaded[db] = {"key": key, "counts": counts, "seconds": round(took)}
            state.update(digest=loader_digest(), loaded=loaded)
            state_path.write_text(json.dumps(state, indent=2))
    for db in ("big", "bill", "empty"):
        clean_runs(cluster, db)
    return metas["big"], metas["bill"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark the central store on PostgreSQL.")
    p.add_argument("--sessions", type=int, default=1_000_000)
    p.add_argument("--consultants", type=int, default=200)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--only", action="append", choices=PARTS, metavar="NAME", help=", ".join(PARTS))
    p.add_argument("--pgdir", type=Path, default=Path(tempfile.gettempdir()) / "tracker-pg-bench")
    p.add_argument("--rebuild", action="store_true", help="a new cluster, the databases loaded again")
    args = p.parse_args(argv)
    parts = set(args.only or PARTS)
    t_start = time.perf_counter()
    report = Report()
    cluster = open_cluster(args.pgdir, args.rebuild)
    try:
        big_meta, bill_meta = prepare(cluster, args)
        (DATA / "run").mkdir(parents=True, exist_ok=True)
        print("\n[baseline] this machine, now")
        part_baseline(args, report)
        if "lead" in parts:
            print(f"\n[lead] a lead over {args.sessions:,} sessions of {args.consultants} consultants")
            part_lead(cluster, big_meta, args, report)
        if "bill" in parts:
            print(f"\n[bill] billing over {args.sessions // 10:,} sessions")
            part_bill(cluster, bill_meta, args, report)
        if "sync1" in parts:
            print("\n[sync1] 1 new session next to the history vs into an empty server")
            part_sync_one(cluster, big_meta, args, report)
        if "first" in parts:
            print(f"\n[first] the first sync of {FIRST_SYNC:,} sessions from one home")
            part_first_sync(cluster, args, report)
    finally:
        stop(cluster)
    report.print(args.repeat)
    print(f"({time.perf_counter() - t_start:.0f} s in all)")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
