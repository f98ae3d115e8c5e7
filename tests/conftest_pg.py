"""Fixtures for the central store on PostgreSQL: a real server, started once per test run.

``pg_cluster`` starts a throwaway cluster (tests/pgcluster.py) from the installed server
binaries and removes it at the end.  Without them the PostgreSQL tests are skipped,
naming Debian's ``postgresql`` package; with TRACKER_REQUIRE_POSTGRES=1 (CI) they fail.

``pg_url`` is the owner's URL of a fresh empty database.  ``central`` is a fresh
database with the schema and five logins (consultants ana and bruno, leads lead1 and
lead2, billing bill); each connects with its password from a libpq password file, as a
real installation would, and ``central.url`` names no user and holds no password.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import pwd
import tempfile
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.pgcluster import SUPERUSER, PgCluster, ServerMissing, find_bindir
from tracker.central.postgres import admin, store
from tracker.central.postgres.connection import Connection

LOGINS = {"ana": "consultant", "bruno": "consultant", "lead1": "lead", "lead2": "lead", "bill": "billing"}
TEMPLATE = "tracker_template"
_databases = itertools.count(1)


def password_of(login: str) -> str:
    return f"pw-{login}-S3cret"


def _unavailable(reason: str) -> None:
    if os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"TRACKER_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    missing = ""
    try:
        bindir = find_bindir()
    except ServerMissing as exc:
        missing = str(exc)
    if missing:
        _unavailable(missing)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            _unavailable(f"running as root, and there is no `{SUPERUSER}` OS user to run the server as")
    cluster = PgCluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def socket_folder() -> Iterator[Path]:
    """A folder short enough for a Unix socket's path, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="trk-sock-") as folder:
        yield Path(folder)


def _create_database(cluster: PgCluster, name: str, template: str | None = None) -> None:
    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        conn.execute(query)


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> str:
    """The owner's (the superuser's) URL of a fresh, empty database."""
    name = f"empty{next(_databases)}"
    _create_database(pg_cluster, name)
    return pg_cluster.url(name)


@dataclass
class Central:
    cluster: PgCluster
    dbname: str
    passfile: Path

    @property
    def admin_url(self) -> str:
        return self.cluster.url(self.dbname)

    @property
    def url(self) -> str:
        """What a consultant configures: no user (the login is), no password (libpq's file is)."""
        return f"postgresql:///{self.dbname}?host={self.cluster.socket_dir}&passfile={self.passfile}"

    def connect(self, login: str, timeout: int = 5) -> Connection:
        return store.connect(self.url, login=login, timeout=timeout)

    def admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.admin_url, autocommit=True)


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the schema and the five logins, copied for each test; the password file."""
    folder = tmp_path_factory.mktemp("pgpass")
    passfile = folder / "pgpass"
    passfile.write_text("".join(f"*:*:*:{login}:{password_of(login)}\n" for login in LOGINS))
    passfile.chmod(0o600)
    _create_database(pg_cluster, TEMPLATE)
    url = pg_cluster.url(TEMPLATE)
    admin.init_schema(url)
    for login, role in LOGINS.items():
        secret = folder / f"{login}.password"
        secret.write_text(password_of(login) + "\n")
        admin.add_user(url, login, role, password_file=secret)
    return passfile


@pytest.fixture
def central(pg_cluster: PgCluster, pg_template: Path) -> Central:
    name = f"central{next(_databases)}"
    _create_database(pg_cluster, name, template=TEMPLATE)
    return Central(pg_cluster, name, pg_template)


# ----- records as the apps send them (docs/central-export.md) -----------------------------


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def session(
    consultant: str = "ana",
    *,
    uuid: str | None = None,
    revision: int = 1,
    ticket: str = "12345678",
    type: str = "technical",
    start: str = "2026-11-03T09:00:00-03:00",
    end: str = "2026-11-03T09:25:00-03:00",
    seconds: int = 1500,
    note: str = "",
    deleted: bool = False,
    flags: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "kind": "session",
        "uuid": uuid or new_uuid(),
        "revision": revision,
        "consultant": consultant,
        "ticket": ticket,
        "type": type,
        "start": start,
        "end": end,
        "seconds": seconds,
        "zone": "America/Sao_Paulo",
        "day": start[:10],
        "note": note,
        "flags": list(flags),
        "deleted": deleted,
        "source": "timer",
    }


def event(
    consultant: str = "ana",
    *,
    ticket: str = "12345678",
    kind: str = "created",
    payload: dict[str, Any] | None = None,
    at: str = "2026-11-03T18:00:00-03:00",
    uuid: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": "ticket_event",
        "uuid": uuid or new_uuid(),
        "revision": 1,
        "ticket": ticket,
        "event": kind,
        "payload": payload if payload is not None else {"customer": "ACME", "type": "technical"},
        "consultant": consultant,
        "at": at,
    }


def review(
    lead: str = "lead1",
    *,
    consultant: str = "ana",
    day: str = "2026-11-03",
    decision: str = "approve",
    comment: str = "",
    at: str = "2026-11-04T09:00:00-03:00",
) -> dict[str, Any]:
    return {
        "kind": "review",
        "uuid": new_uuid(),
        "revision": 1,
        "consultant": consultant,
        "day": day,
        "decision": decision,
        "comment": comment,
        "lead": lead,
        "at": at,
    }


def rate(
    made_by: str = "bill",
    *,
    type: str = "technical",
    version: int = 1,
    hourly: str = "240.00",
    effective_from: str = "2026-01-01",
    index_name: str = "",
    percent: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": "rate",
        "uuid": new_uuid(),
        "revision": 1,
        "type": type,
        "version": version,
        "hourly": hourly,
        "effective_from": effective_from,
        "index_name": index_name,
        "percent": percent,
        "made_by": made_by,
        "at": "2026-01-02T10:00:00-03:00",
    }


def sha_of(records: list[dict[str, Any]]) -> str:
    """The sha256 of the batch file these records make (sorted keys, no spaces, a line each)."""
    text = "".join(
        json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n" for r in records
    )
    return hashlib.sha256(text.encode()).hexdigest()


_batches = itertools.count(1)


def send(
    conn: Connection, author: str, records: list[dict[str, Any]], batch: str | None = None
) -> store.Published:
    """Publish ``records`` as one batch of ``author``, in the area of its kind of records."""
    name = batch or f"{next(_batches):08d}-1a2b3c4d"
    kinds = {r.get("kind") for r in records}
    area = "reviews" if kinds == {"review"} else "rates" if kinds == {"rate"} else "consultants"
    return store.publish(conn, name, author, records, sha_of(records), area=area)
