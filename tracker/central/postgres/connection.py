"""Connecting to the central server: never hanging, and failing with a message that says what to do.

Every connection has a connect timeout, a statement timeout, a lock timeout and TCP
keepalives, so a server that is down, far away or stuck makes the app wait a few
seconds, never forever.  libpq's own failures are turned into
:class:`~tracker.central.postgres.errors.ServerUnavailable` (try again later, the work
stays queued) or :class:`~tracker.central.postgres.errors.ServerRefused` (someone must
fix a password, a role or the database), each naming the server.  A password never
appears in a message: tracker does not store one and scrubs one given in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import TupleRow

from tracker.central.postgres.errors import ServerRefused, ServerUnavailable
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _

Connection = psycopg.Connection[TupleRow]

TIMEOUT = 5  # seconds: connecting, and each statement once connected
URL_PREFIXES = ("postgresql://", "postgres://")

_UNKNOWN_HOST = re.compile(
    r"could not translate host name|name or service not known|failed to resolve host"
    r"|nodename nor servname|temporary failure in name resolution|no address associated"
)
_TIMEOUT = re.compile(r"timeout expired|timed out")
_PASSWORD = re.compile(r"password authentication failed|no password supplied|fe_sendauth")
_DATABASE = re.compile(r'database "[^"]*" does not exist')
_ROLE = re.compile(
    r'role "[^"]*" does not exist|is not permitted to log in|pg_hba\.conf|permission denied for database'
    r"|authentication failed"
)


def parse_url(url: str) -> dict[str, Any]:
    """The URL's connection parameters; bad input (never echoing the URL, it may hold a password)."""
    message = _("is not a PostgreSQL URL; use postgresql://HOST[:PORT]/DATABASE")
    if not url.startswith(URL_PREFIXES):
        raise BadInput("url", message)
    try:
        return conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise BadInput("url", message) from None


def server_name(host: str | None, port: str | int | None, dbname: str | None) -> str:
    """How messages name the server: ``host:port/database``, a socket by its folder."""
    where = host or _("the default host")
    return f"{where}:{port or 5432}/{dbname or '?'}"


def where(conn: Connection) -> str:
    info = conn.info
    return server_name(info.host, info.port, info.dbname)


def connect(url: str, login: str | None = None, *, timeout: int = TIMEOUT) -> Connection:
    """A connection to the central store at ``url`` as ``login`` (unless the URL names a user).

    It is in autocommit mode: readers never sit in an open transaction, and writers open
    one with ``conn.transaction()``.
    """
    params = parse_url(url)
    user = params.get("user") or login
    seconds = max(2, int(timeout))  # libpq rounds anything below 2 s up to 2 s
    ms = seconds * 1000
    options = " ".join(
        filter(
            None,
            (
                params.get("options"),
                f"-c statement_timeout={ms} -c lock_timeout={ms}",
                "-c idle_in_transaction_session_timeout=60000 -c search_path=public",
            ),
        )
    )
    extra: dict[str, Any] = {
        "connect_timeout": seconds,
        "options": options,
        "application_name": params.get("application_name") or "tracker",
        "keepalives": 1,
        "keepalives_idle": seconds,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": ms * 3,
    }
    if user:
        extra["user"] = user
    try:
        return psycopg.connect(url, autocommit=True, **extra)
    except psycopg.Error as exc:
        name = server_name(params.get("host"), params.get("port"), params.get("dbname"))
        raise connect_error(exc, name, user, params.get("password"), seconds) from None


def _reason(exc: BaseException, password: str | None) -> str:
    """libpq's own words, without the connection preamble or a password."""
    text = str(exc).strip()
    if " failed: " in text:
        text = text.rsplit(" failed: ", 1)[1]
    text = re.sub(r"^(FATAL|ERROR):\s+", "", text).replace("\n\t", "; ").strip()
    if password:
        text = text.replace(password, "***")
    return text


def connect_error(
    exc: BaseException, name: str, role: str | None, password: str | None, seconds: int
) -> TrackerError:
    """The message for a failed connection: what happened and what to do."""
    reason = _reason(exc, password)
    low = reason.lower()
    who = role or _("(your login)")
    if _UNKNOWN_HOST.search(low):
        text = _(
            "the central server {server} cannot be found: its host name is unknown ({reason}); "
            "check the URL and the network. Your work stays queued here"
        )
        return ServerUnavailable(text.format(server=name, reason=reason))
    if _TIMEOUT.search(low):
        text = _(
            "the central server {server} did not answer within {seconds} s; check the network "
            "and that the server is running. Your work stays queued here"
        )
        return ServerUnavailable(text.format(server=name, seconds=seconds))
    if _PASSWORD.search(low):
        text = _(
            "the central server {server} refused the password of role {role}; give the right one "
            "through libpq (~/.pgpass, PGPASSWORD or a service file: tracker never stores it), "
            "or ask its administrator to run tracker central add-user {role}"
        )
        return ServerRefused(text.format(server=name, role=who))
    if _DATABASE.search(low):
        text = _(
            "the central server {server} has no such database ({reason}); check the URL, or ask "
            "its administrator to create it and run tracker central init"
        )
        return ServerRefused(text.format(server=name, reason=reason))
    if _ROLE.search(low):
        text = _(
            "the central server {server} refuses role {role} ({reason}); ask its administrator "
            "to run tracker central add-user {role}"
        )
        return ServerRefused(text.format(server=name, role=who, reason=reason))
    text = _(
        "the central server {server} does not answer ({reason}); check that it is running "
        "and the network is up. Your work stays queued here"
    )
    return ServerUnavailable(text.format(server=name, reason=reason))


@contextmanager
def guarded(conn: Connection, what: str) -> Iterator[None]:
    """Turns a server error while doing ``what`` into a message naming the server."""
    try:
        yield
    except psycopg.Error as exc:
        raise query_error(exc, conn, what) from None


def query_error(exc: psycopg.Error, conn: Connection, what: str) -> TrackerError:
    try:
        name = where(conn)
    except psycopg.Error:  # pragma: no cover - a connection too broken to describe
        name = _("the central server")
    diag = exc.diag.message_primary or _reason(exc, None)
    if isinstance(exc, pgerrors.QueryCanceled | pgerrors.LockNotAvailable):
        text = _("the central server {server} did not finish {what} in time ({reason}); try again later")
        return ServerUnavailable(text.format(server=name, what=what, reason=diag))
    if isinstance(exc, pgerrors.UndefinedTable | pgerrors.UndefinedFunction):
        text = _(
            "the central server {server} has no tracker schema ({reason}); ask its administrator "
            "to run tracker central init"
        )
        return ServerRefused(text.format(server=name, reason=diag))
    if isinstance(exc, pgerrors.UndefinedColumn):
        text = _(
            "the central server {server} has an older tracker schema ({reason}); ask its administrator "
            "to run tracker central init"
        )
        return ServerRefused(text.format(server=name, reason=diag))
    if isinstance(exc, pgerrors.InsufficientPrivilege | pgerrors.IntegrityError | pgerrors.DataError):
        text = _("the central server {server} refused {what}: {reason}")
        return ServerRefused(text.format(server=name, what=what, reason=diag))
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        text = _("the central server {server} stopped answering during {what} ({reason}); try again later")
        return ServerUnavailable(text.format(server=name, what=what, reason=diag))
    text = _("the central server {server} failed {what}: {reason}")
    return TrackerError(text.format(server=name, what=what, reason=diag))
