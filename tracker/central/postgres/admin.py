"""Setting up the central server: the schema's migrations and the logins.

Both run as the database's owner (a role with CREATEROLE), never as a consultant.

The schema is a numbered list of SQL files in ``schema/`` (``0001_tables.sql``, ...).
:func:`init_schema` applies the ones the server lacks, each in the same transaction as
its row in ``tracker_schema``, under an advisory lock so that two administrators
running it at once apply each file once.  Running it again changes nothing.

A login is a PostgreSQL role with LOGIN, member of one of the group roles
(``tracker_consultant``, ``tracker_lead``, ``tracker_billing``) that the policies name.
Its password, when given, is read from a file and turned into a SCRAM verifier on this
machine: the clear text never travels, is never logged by the server and is never
stored by tracker.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import closing
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from psycopg import sql

from tracker.central.postgres.connection import Connection, connect, guarded
from tracker.central.postgres.errors import ServerRefused
from tracker.config import LOGIN_RE
from tracker.errors import BadInput
from tracker.i18n import _

GROUPS = {"consultant": "tracker_consultant", "lead": "tracker_lead", "billing": "tracker_billing"}
# PostgreSQL truncates longer role names (NAMEDATALEN - 1): the login would no longer match.
MAX_ROLE_NAME = 63
# Serializes init and add-user between administrators (an arbitrary, fixed key).
LOCK_KEY = 0x7472_6163  # "trac"
SET_SETUP_TIMEOUT = "SET statement_timeout = '60s'"  # init waits for another administrator's lock

_MIGRATION_FILE = re.compile(r"^([0-9]{4})_([a-z0-9_]+)\.sql$")

TRACKER_SCHEMA = """
CREATE TABLE IF NOT EXISTS tracker_schema (
    version integer PRIMARY KEY,
    name text NOT NULL,
    sha256 text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def migrations() -> list[Migration]:
    """The schema's migrations shipped with tracker, in order."""
    found = []
    for entry in files("tracker.central.postgres").joinpath("schema").iterdir():
        match = _MIGRATION_FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):  # pragma: no cover - packaging
        raise AssertionError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return found


def schema_version(conn: Connection) -> int:
    """The newest migration applied on the server; 0 before the first init."""
    with guarded(conn, _("reading the schema version")):
        exists = conn.execute("SELECT to_regclass('tracker_schema') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return 0
        row = conn.execute("SELECT coalesce(max(version), 0) FROM tracker_schema").fetchone()
    return int(row[0]) if row else 0


def init_schema(url: str) -> list[int]:
    """Create or migrate the central store at ``url``; the versions applied now (none when current)."""
    applied = []
    with closing(connect(url)) as conn, guarded(conn, _("the schema's creation")):
        conn.execute(SET_SETUP_TIMEOUT)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            conn.execute(TRACKER_SCHEMA)
            done = {row[0] for row in conn.execute("SELECT version FROM tracker_schema")}
            for migration in migrations():
                if migration.version in done:
                    continue
                # No parameters: the file is sent as it is, several statements at once.
                conn.execute(migration.sql.encode())
                conn.execute(
                    "INSERT INTO tracker_schema (version, name, sha256) VALUES (%s, %s, %s)",
                    (migration.version, migration.name, migration.sha256),
                )
                applied.append(migration.version)
    return applied


def clean_login(value: str) -> str:
    """A login that can be a PostgreSQL role name and is the consultant's name in the records."""
    if not LOGIN_RE.match(value) or value in (".", ".."):
        raise BadInput(
            "login", _("'{value}' is not a login; use 1-64 letters, digits or . _ @ -").format(value=value)
        )
    if len(value) > MAX_ROLE_NAME:
        text = _("is longer than the {limit} characters of a PostgreSQL role")
        raise BadInput("login", text.format(limit=MAX_ROLE_NAME))
    if value.lower().startswith("pg_") or value in GROUPS.values():
        raise BadInput("login", _("'{value}' is a name PostgreSQL or tracker reserves").format(value=value))
    return value


def read_password(path: str | Path) -> str:
    """The first line of ``path``; its text never appears in a message."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        # The error's kind only: a decoding error would quote the file's bytes.
        text = _("cannot be read ({error})").format(error=exc.__class__.__name__)
        raise BadInput("password-file", text) from None
    if not lines or not lines[0]:
        raise BadInput("password-file", _("is empty: its first line is the password"))
    return lines[0]


def add_user(url: str, login: str, role: str, password_file: str | Path | None = None) -> None:
    """Create (or complete) ``login`` as a LOGIN role in the group of ``role``; idempotent.

    An existing login keeps its other groups and, without a password file, its password.
    """
    login = clean_login(login)
    group = GROUPS.get(role)
    if group is None:
        raise BadInput("role", _("use consultant, lead or billing"))
    password = read_password(password_file) if password_file is not None else None
    with closing(connect(url)) as conn, guarded(conn, _("adding login {login}").format(login=login)):
        conn.execute(SET_SETUP_TIMEOUT)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            _ensure_login(conn, login, group)
            if password is not None:
                verifier = conn.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256")
                conn.execute(
                    sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                        sql.Identifier(login), sql.Literal(verifier.decode())
                    )
                )


def _ensure_login(conn: Connection, login: str, group: str) -> None:
    if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone() is None:
        raise ServerRefused(
            _("the central server has no role {group}: run tracker central init first").format(group=group)
        )
    row = conn.execute(
        "SELECT rolcanlogin, rolsuper OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = %s",
        (login,),
    ).fetchone()
    ident = sql.Identifier(login)
    if row is None:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident))
    elif row[1]:
        text = _("'{value}' is an administrator's role on the server; a tracker login must be a plain one")
        raise BadInput("login", text.format(value=login))
    elif not row[0]:
        conn.execute(sql.SQL("ALTER ROLE {} LOGIN").format(ident))
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), ident))
