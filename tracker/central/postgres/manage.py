"""The server's tools as the app's central-store administration uses them, in one object.

:func:`tracker.central.server_tools` loads this module (and with it psycopg) only when a
command needs the server; :class:`ServerTools` opens a connection per call and closes it.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from tracker.central.postgres import admin, archive
from tracker.central.postgres.central import PostgresCentral
from tracker.central.postgres.connection import TIMEOUT, Connection, connect, guarded
from tracker.central.postgres.moved import Moved
from tracker.i18n import _
from tracker.server_url import server_label, url_user


@dataclass(frozen=True)
class Probe:
    """What a login finds on the server: its version, the schema's, and the groups it holds."""

    server: str  # host:port/database
    login: str
    server_version: str  # e.g. "15.6"
    schema_version: int
    expected_version: int  # the newest migration this tracker ships
    groups: tuple[str, ...]  # of consultant, lead, billing


def _groups(conn: Connection) -> tuple[str, ...]:
    with guarded(conn, _("a read")):
        rows = conn.execute(
            "SELECT rolname FROM pg_roles "
            "WHERE rolname = ANY(%s) AND pg_has_role(current_user, oid, 'MEMBER')",
            (list(admin.GROUPS.values()),),
        ).fetchall()
    held = {row[0] for row in rows}
    return tuple(role for role, group in admin.GROUPS.items() if group in held)


class ServerTools:
    """Set up, check, export and fill a central server."""

    def __init__(self, timeout: int = TIMEOUT) -> None:
        self.timeout = timeout

    def central(self, url: str, login: str) -> PostgresCentral:
        return PostgresCentral(url, login, timeout=self.timeout)

    def init(self, url: str) -> list[int]:
        return admin.init_schema(url)

    def add_user(self, url: str, login: str, role: str, password_file: str | None) -> None:
        admin.add_user(url, login, role, password_file)

    def probe(self, url: str, login: str) -> Probe:
        who = url_user(url) or login
        with closing(connect(url, who, timeout=self.timeout)) as conn:
            version = admin.schema_version(conn)
            groups = _groups(conn)
            number = conn.info.server_version
        release = f"{number // 10000}.{number % 10000}"
        return Probe(server_label(url), who, release, version, len(admin.migrations()), groups)

    def export(self, url: str, login: str, to: Path, month: str | None) -> Moved:
        with closing(connect(url, url_user(url) or login, timeout=self.timeout)) as conn:
            return archive.export(conn, to, month)

    def import_folder(self, url: str, login: str, folder: Path) -> Moved:
        with closing(connect(url, url_user(url) or login, timeout=self.timeout)) as conn:
            return archive.import_folder(conn, folder)
