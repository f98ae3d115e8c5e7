"""Moving between the folder and the server: ``central export`` and ``central import-folder``.

**Export** rebuilds the folder's readable format from the server: every batch file from
its records in line order (the server keeps each record's batch and line, and the lines
whose record an earlier batch brought), and its manifest as the app wrote it, then
writes both with the folder's own writer (:class:`~tracker.central.folder.FolderExport`),
atomically, never over a different file.  A batch whose rebuilt bytes do not give its
sha256 is reported and left out.  ``month`` keeps the batches that carry a session of
that month's days, a ticket event or a rate recorded in it, or a decision about one of
its days, each whole, so that every file still matches its manifest.

**Import** reads an existing folder export, checks every batch against its manifest as
the folder reader does, and publishes it under the exactly-once rule.  It runs as the
database owner, who may write no record himself (the policies bind him too): for each
author's batches it takes on that author's login (``SET ROLE``) inside the batch's
transaction, so the server checks every row as if the author had synced it.  An owner
who is not yet allowed to (not a superuser; on PostgreSQL 16 and later, not the
creator of that login) is granted the membership in the same transaction and it is
revoked before the commit: nothing of it stays.  An author without a login on the
server is reported and skipped; add them and import again: what is there is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from psycopg import sql

from tracker.central import schema
from tracker.central.folder import FolderExport
from tracker.central.postgres.connection import Connection, guarded
from tracker.central.postgres.moved import Moved
from tracker.central.postgres.reads import month_range
from tracker.central.postgres.store import publish_lines
from tracker.central.records import BATCH_RE, Batch, TamperedBatch, dumps, manifest, sha256_of
from tracker.errors import TrackerError
from tracker.i18n import _

LONG_TIMEOUT = "SET LOCAL statement_timeout = '30min'"

_LINES = """
SELECT consultant, batch, line, payload FROM sessions
UNION ALL SELECT consultant, batch, line, payload FROM ticket_events
UNION ALL SELECT lead, batch, line, payload FROM reviews
UNION ALL SELECT made_by, batch, line, payload FROM rates
UNION ALL SELECT f.consultant, f.batch, f.line, coalesce(s.payload, e.payload, v.payload, t.payload)
    FROM batch_refs f
    LEFT JOIN sessions s ON f.kind = 'session' AND s.uuid = f.uuid AND s.revision = f.revision
    LEFT JOIN ticket_events e ON f.kind = 'ticket_event' AND e.uuid = f.uuid
    LEFT JOIN reviews v ON f.kind = 'review' AND v.uuid = f.uuid
    LEFT JOIN rates t ON f.kind = 'rate' AND t.uuid = f.uuid AND t.revision = f.revision
"""
_MONTH = """
SELECT consultant, batch FROM sessions WHERE day BETWEEN %(first)s::date AND %(last)s::date
UNION SELECT consultant, batch FROM ticket_events WHERE left(payload ->> 'at', 7) = %(month)s
UNION SELECT lead, batch FROM reviews WHERE day BETWEEN %(first)s::date AND %(last)s::date
UNION SELECT made_by, batch FROM rates WHERE left(payload ->> 'at', 7) = %(month)s
"""
_BATCHES = (
    "SELECT consultant, batch, area, sha256, rows, manifest, coalesce(sent_at, created_at) FROM batches"
)
_ORDER = ' ORDER BY consultant COLLATE "C", batch'


# ----- export ----------------------------------------------------------------------------


def export(conn: Connection, to: Path, month: str | None = None) -> Moved:
    """Write the folder format of what this role may read on the server into ``to``."""
    moved = Moved()
    target = FolderExport(to, create=True)
    params: dict[str, Any] = {}
    where = ""
    if month is not None:
        first, last = month_range(month)
        params = {"month": month, "first": first, "last": last}
        where = f" WHERE (consultant, batch) IN ({_MONTH})"
    with guarded(conn, _("the export")), conn.transaction():
        conn.execute(LONG_TIMEOUT)
        batches = conn.execute(_BATCHES + where + _ORDER, params).fetchall()
        wanted = {(row[0], row[1]): row for row in batches}
        with conn.cursor(name="tracker_export") as cur:
            cur.itersize = 5000
            cur.execute(f"SELECT * FROM ({_LINES}) AS l(consultant, batch, line, payload){where}"
                        ' ORDER BY consultant COLLATE "C", batch, line', params)  # fmt: skip
            for key, lines in _grouped(cur):
                if key in wanted:
                    _write(target, wanted[key], lines, moved)
    return moved


def _grouped(rows: Iterator[Any]) -> Iterator[tuple[tuple[str, str], list[Any]]]:
    """The streamed lines, one batch (author, name) at a time."""
    key: tuple[str, str] | None = None
    lines: list[Any] = []
    for author, name, _line, payload in rows:
        if (author, name) != key:
            if key is not None:
                yield key, lines
            key, lines = (author, name), []
        lines.append(payload)
    if key is not None:
        yield key, lines


def _write(target: FolderExport, row: tuple[Any, ...], lines: list[Any], moved: Moved) -> None:
    author, name, area, sha, rows, kept, sent_at = row
    data = "".join(dumps(payload) + "\n" for payload in lines).encode("utf-8")
    if sha256_of(data) != sha or len(lines) != rows:
        moved.problems.append(
            _("batch {batch} of {author} cannot be rebuilt whole from the server; left out").format(
                batch=name, author=author
            )
        )
        return
    side = (dumps(kept) + "\n").encode("utf-8") if kept else _manifest(name, author, sha, lines, sent_at)
    try:
        wrote = target.publish(Batch(name, author, data, side, sha, rows, area))
    except TamperedBatch as exc:
        moved.problems.append(str(exc))
        return
    moved.records += rows
    if wrote:
        moved.written += 1
    else:
        moved.known += 1


def _manifest(name: str, author: str, sha: str, lines: list[Any], sent_at: datetime) -> bytes:
    """A manifest for a batch the server holds none for (sent before the server kept them)."""
    kinds: dict[str, int] = {}
    for payload in lines:
        kinds[payload.get("kind", "")] = kinds.get(payload.get("kind", ""), 0) + 1
    return manifest(name, author, sha, len(lines), sent_at, kinds)


# ----- import ----------------------------------------------------------------------------


def import_folder(conn: Connection, folder: Path) -> Moved:
    """Publish every batch of the folder export at ``folder``, each as its author."""
    if not (folder / "FORMAT").is_file():
        raise TrackerError(
            _("{folder} is not a tracker export folder (it has no FORMAT file)").format(folder=folder)
        )
    source = FolderExport(folder)
    moved = Moved()
    areas = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    for area in areas:
        by_author: dict[str, list[str]] = {}
        listing = source.files.listing(area)
        moved.problems.extend(listing.problems)
        for who, file_name in sorted(listing.files):
            match = BATCH_RE.match(file_name)
            if match and match["what"] == "manifest.json":
                by_author.setdefault(who, []).append(match["batch"])
        for author, names in sorted(by_author.items()):
            if not _has_login(conn, author):
                moved.problems.append(
                    _(
                        "{area}/{author}: there is no login {author} on the server; run tracker central "
                        "add-user {author} first, then import again ({count} batches skipped)"
                    ).format(area=area, author=author, count=len(names))
                )
                continue
            for name in sorted(names):
                _import_batch(conn, source, area, author, name, moved)
    return moved


def _read(source: FolderExport, area: str, author: str, name: str) -> tuple[dict[str, Any], bytes, list[str]]:
    """A batch's manifest, bytes and records, checked as the folder reader checks them."""
    side = json.loads(source.files.read(area, author, f"{name}.manifest.json", schema.MAX_MANIFEST))
    data = source.files.read(area, author, f"{name}.jsonl", schema.MAX_BATCH)
    if not isinstance(side, dict) or side.get("batch") != name:
        raise ValueError(_("its manifest does not name it"))
    if sha256_of(data) != side.get("sha256"):
        raise ValueError(
            _("its sha256 does not match its manifest (changed or damaged after it was written)")
        )
    if len(data.splitlines()) != side.get("rows") or not data.endswith(b"\n"):
        raise ValueError(_("its row count does not match its manifest"))
    return side, data, data.decode("utf-8").splitlines()


def _import_batch(
    conn: Connection, source: FolderExport, area: str, author: str, name: str, moved: Moved
) -> None:
    where = f"{area}/{author}/{name}.jsonl"
    try:
        side, _data, lines = _read(source, area, author, name)
    except (OSError, ValueError) as exc:
        moved.problems.append(_("{where}: {problem}; skipped").format(where=where, problem=exc))
        return
    try:
        with guarded(conn, _("batch {batch}").format(batch=name)), conn.transaction():
            granted = _become(conn, author)
            done = publish_lines(conn, name, author, lines, side["sha256"], area=area, manifest=side)
            conn.execute("RESET ROLE")
            if granted:
                conn.execute(sql.SQL("REVOKE {} FROM CURRENT_USER").format(sql.Identifier(author)))
    except TrackerError as exc:
        moved.problems.append(_("{where}: {problem}; skipped").format(where=where, problem=exc))
        return
    moved.records += done.new
    if done.batch_new:
        moved.written += 1
    else:
        moved.known += 1


def _has_login(conn: Connection, author: str) -> bool:
    with guarded(conn, _("a read")):
        return conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (author,)).fetchone() is not None


def _become(conn: Connection, author: str) -> bool:
    """Take on ``author``'s role for this transaction; True when a membership had to be granted."""
    option = "SET" if conn.info.server_version >= 160000 else "MEMBER"
    row = conn.execute(f"SELECT pg_has_role(current_user, %s, '{option}')", (author,)).fetchone()
    granted = not (row and row[0])
    if granted:
        grant = sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(author))
        if option == "SET":
            grant = sql.SQL("{} WITH INHERIT FALSE, SET TRUE").format(grant)
        conn.execute(grant)
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(author)))
    return granted
