"""The ``central`` setting: ``folder`` (the export folder) or a PostgreSQL server's URL.

Pure text handling, without the driver: the setting is checked and shown by commands
that never connect (``tracker config``, the sync indicator), which must not pay for
loading psycopg.  The URL is libpq's (``postgresql://[user@][host][:port][/dbname][?k=v]``);
tracker never stores a password, so a URL carrying one is refused.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from tracker.errors import BadInput
from tracker.i18n import _

FOLDER = "folder"
SCHEMES = ("postgresql", "postgres")


def is_server_url(value: str) -> bool:
    """Whether the ``central`` setting names a PostgreSQL server."""
    return value.strip().lower().startswith(tuple(f"{s}://" for s in SCHEMES))


def _parts(url: str) -> dict[str, str]:
    """The URL's user, password, host, port, dbname and query parameters (the last of each)."""
    split = urlsplit(url)
    found: dict[str, str] = {}
    if split.username:
        found["user"] = unquote(split.username)
    if split.password is not None:
        found["password"] = unquote(split.password)
    netloc = split.netloc.rpartition("@")[2]
    host, port = netloc, ""
    if "," not in netloc and not netloc.endswith("]"):  # one host, not a bare IPv6 address
        head, sep, tail = netloc.rpartition(":")
        if sep:
            host, port = head, tail
    if host:
        found["host"] = unquote(host)
    if port:
        found["port"] = port
    if split.path.strip("/"):
        found["dbname"] = unquote(split.path.lstrip("/"))
    for key, values in parse_qs(split.query, keep_blank_values=True).items():
        found[key] = values[-1]
    return found


def clean_central(value: str) -> str:
    """The ``central`` setting checked: ``folder``, or a server URL without a password."""
    text = value.strip()
    if text.lower() == FOLDER:
        return FOLDER
    if not is_server_url(text):
        raise BadInput(
            "central",
            _("'{value}' is neither folder nor a postgresql:// URL").format(value=text[:80]),
        )
    try:
        parts = _parts(text)
    except ValueError:
        raise BadInput(
            "central", _("is not a PostgreSQL URL; use postgresql://HOST[:PORT]/DATABASE")
        ) from None
    if "password" in parts:
        raise BadInput(
            "central",
            _(
                "holds a password, and tracker never stores one: give it to libpq instead "
                "(~/.pgpass, PGPASSWORD, a service file or a client certificate)"
            ),
        )
    if parts.get("port") and not parts["port"].replace(",", "").isdigit():
        raise BadInput("central", _("'{port}' is not a port number").format(port=parts["port"]))
    return text


def server_label(url: str) -> str:
    """How messages name the server of ``url``: ``host:port/database`` (a socket by its folder)."""
    try:
        parts = _parts(url)
    except ValueError:
        return _("the central server")
    if "service" in parts and "host" not in parts:
        return _("service {name}").format(name=parts["service"])
    host = parts.get("host") or _("the default host")
    return f"{host}:{parts.get('port') or 5432}/{parts.get('dbname') or '?'}"


def url_user(url: str) -> str | None:
    """The user the URL names, if any: it is the role, instead of the consultant login."""
    try:
        return _parts(url).get("user") or None
    except ValueError:
        return None
