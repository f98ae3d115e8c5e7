"""Setting up and checking the central store: ``tracker central init/add-user/status/export/import-folder``.

The server's side (:mod:`tracker.central.postgres`) is loaded, with psycopg, only by
the commands that need it (:func:`tracker.central.server_tools`).  Every message names
the server; a password given in a URL never appears in one.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.central import server_tools
from tracker.central.folder import FORMAT_LINE
from tracker.central.postgres.moved import Moved
from tracker.central.sender import Pending, pending
from tracker.context import Context
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _
from tracker.paths import default_export_dir
from tracker.server_url import clean_central, is_server_url, server_label, url_user
from tracker.store import outbox

if TYPE_CHECKING:  # pragma: no cover
    from tracker.central.postgres.manage import Probe

MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class CentralStatus:
    """Where the central store is, whether it answers, its schema, and what waits here."""

    kind: str  # folder | server
    where: str  # the folder, or host:port/database
    login: str | None  # the server's role this home connects as
    answers: bool
    reason: str | None  # why it does not answer
    schema_version: int | None  # the folder's FORMAT, or the server's migrations
    expected_version: int | None
    roles: tuple[str, ...]  # the tracker roles the server grants the login
    pending: Pending
    last_sync: str | None
    last_error: str | None
    server_version: str | None = None
    notes: tuple[str, ...] = ()  # e.g. the default folder, made on the first sync

    def to_json(self) -> dict[str, Any]:
        """As ``tracker central status --json`` prints it."""
        return {
            "kind": self.kind,
            "where": self.where,
            "login": self.login,
            "answers": self.answers,
            "reason": self.reason,
            "server_version": self.server_version,
            "schema_version": self.schema_version,
            "expected_version": self.expected_version,
            "roles": list(self.roles),
            "pending": {
                "sessions": self.pending.sessions,
                "events": self.pending.events,
                "reviews": self.pending.reviews,
                "rates": self.pending.rates,
            },
            "last_sync": self.last_sync,
            "last_error": self.last_error,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class FolderCheck:
    folder: Path
    answers: bool
    reason: str | None
    version: int | None
    notes: list[str] = field(default_factory=list)


def server_url(value: str, name: str = "url") -> str:
    """A server URL given on the command line: a postgresql:// URL, else bad input naming ``name``."""
    text = (value or "").strip()
    if not is_server_url(text):
        raise BadInput(name, _("is not a PostgreSQL URL; use postgresql://HOST[:PORT]/DATABASE"))
    return text


def _writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (a read-only mount passes os.access); none is left."""
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tracker-test-"):
            return True
    except OSError:
        return False


def check_folder(folder: Path, default: bool) -> FolderCheck:
    """Whether a folder export can be written at ``folder`` (nothing is created)."""
    if not folder.is_dir():
        if default:
            return FolderCheck(folder, True, None, None, [_("made on the first sync")])
        reason = _("the export folder {folder} is not there (is the share mounted?)").format(folder=folder)
        return FolderCheck(folder, False, reason, None)
    if not os.access(folder, os.W_OK | os.X_OK) or not _writable(folder):
        reason = _("the export folder {folder} is read-only for you").format(folder=folder)
        return FolderCheck(folder, False, reason, None)
    marker = folder / "FORMAT"
    if not marker.exists():
        return FolderCheck(folder, True, None, None, [_("no export there yet")])
    text = marker.read_text(encoding="utf-8", errors="replace")
    if text != FORMAT_LINE:
        reason = _("{folder} holds another format ({text}); this tracker writes {format}").format(
            folder=folder, text=text.strip()[:40], format=FORMAT_LINE.strip()
        )
        return FolderCheck(folder, False, reason, None)
    return FolderCheck(folder, True, None, int(FORMAT_LINE.split()[-1]))


class CentralSetup:
    """The central store's administration, for the facade."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _server(self) -> str:
        """This home's server URL; bad input when the home uses the folder."""
        where = self.ctx.settings.get("central")
        if not is_server_url(where):
            raise BadInput(
                "central",
                _(
                    "this home's central store is the folder {folder}, not a server; point it at one with "
                    "tracker config set central postgresql://HOST/DB"
                ).format(folder=self.ctx.settings.get("export-dir")),
            )
        return where

    def init(self, url: str) -> list[int]:
        """Create or migrate the schema at ``url`` (as its owner); the migrations applied now."""
        return server_tools().init(server_url(url))

    def add_user(self, url: str, login: str, role: str, password_file: str | None = None) -> None:
        server_tools().add_user(server_url(url), login, role, password_file)

    def status(self) -> CentralStatus:
        state = outbox.sync_state(self.ctx.store)
        waiting = pending(self.ctx.store, self.ctx.settings.get("role") == "billing")
        last = (state.get("last-sync") or None, state.get("last-error") or None)
        where = self.ctx.settings.get("central")
        if not is_server_url(where):
            folder = Path(self.ctx.settings.get("export-dir"))
            found = check_folder(folder, folder == default_export_dir(self.ctx.home))
            return CentralStatus(
                "folder", str(folder), None, found.answers, found.reason, found.version,
                int(FORMAT_LINE.split()[-1]), (), waiting, *last, notes=tuple(found.notes),
            )  # fmt: skip
        login = url_user(where) or self.ctx.consultant
        try:
            probe = server_tools().probe(where, login)
        except TrackerError as exc:
            return CentralStatus(
                "server", server_label(where), login, False, str(exc), None, None, (), waiting, *last
            )
        return CentralStatus(
            "server", probe.server, probe.login, True, None, probe.schema_version, probe.expected_version,
            probe.groups, waiting, *last, server_version=probe.server_version,
        )  # fmt: skip

    def export(self, to: str | Path, month: str | None = None) -> Moved:
        """Write the readable folder format of the server into ``to``, of one ``month`` or all."""
        url = self._server()
        if month is not None and not MONTH_RE.match(month.strip()):
            raise BadInput("month", _("'{month}' is not a month; write it as YYYY-MM").format(month=month))
        target = Path(to).expanduser().absolute()
        if target.exists() and not target.is_dir():
            raise BadInput("to", _("{path} is a file, not a folder").format(path=target))
        if target.is_dir() and any(target.iterdir()) and not (target / "FORMAT").exists():
            raise BadInput(
                "to",
                _("{path} holds other files; give an empty folder or an earlier export").format(path=target),
            )
        return server_tools().export(url, self.ctx.consultant, target, month.strip() if month else None)

    def import_folder(self, folder: str | Path, url: str | None = None) -> Moved:
        """Publish an existing folder export to the server (this home's, or ``url``), idempotently."""
        target = server_url(url) if url else self._server()
        source = Path(folder).expanduser().absolute()
        if not source.is_dir():
            raise BadInput("folder", _("{path} is not a folder").format(path=source))
        return server_tools().import_folder(target, self.ctx.consultant, source)

    def test(self, url_or_folder: str) -> str:
        """ "ok: ..." when a sync to ``url_or_folder`` would go through; else TrackerError saying why."""
        value = (url_or_folder or "").strip()
        if is_server_url(value):
            return self._test_server(clean_central(value))
        folder = Path(self.ctx.settings.get("export-dir") if value in ("", "folder") else value).expanduser()
        found = check_folder(folder.absolute(), folder.absolute() == default_export_dir(self.ctx.home))
        if not found.answers:
            raise TrackerError(found.reason or "")
        notes = "".join(f"; {note}" for note in found.notes)
        return _("ok: the folder {folder} can be written{notes}").format(folder=found.folder, notes=notes)

    def _test_server(self, url: str) -> str:
        probe = server_tools().probe(url, self.ctx.consultant)
        _refuse_schema(probe)
        role = self.ctx.settings.get("role")
        if role not in probe.groups:
            held = ", ".join(probe.groups) or _("none")
            raise TrackerError(
                _(
                    "the central server {server} does not give {login} the {role} role this home has "
                    "(it holds: {held}); ask its administrator to run tracker central add-user {login} "
                    "--role {role}"
                ).format(server=probe.server, login=probe.login, role=role, held=held)
            )
        return _(
            "ok: PostgreSQL {release} at {server}, schema version {version}, as {login} ({roles})"
        ).format(
            release=probe.server_version,
            server=probe.server,
            version=probe.schema_version,
            login=probe.login,
            roles=", ".join(probe.groups),
        )


def _refuse_schema(probe: Probe) -> None:
    if probe.schema_version == 0:
        text = _(
            "the central server {server} has no tracker schema; "
            "ask its administrator to run tracker central init"
        )
        raise TrackerError(text.format(server=probe.server))
    if probe.schema_version < probe.expected_version:
        text = _(
            "the central server {server} has schema version {version}, this tracker needs {expected}; "
            "ask its administrator to run tracker central init"
        )
        raise TrackerError(
            text.format(server=probe.server, version=probe.schema_version, expected=probe.expected_version)
        )
    if probe.schema_version > probe.expected_version:
        text = _(
            "the central server {server} has schema version {version}, newer than this tracker knows "
            "({expected}); update tracker"
        )
        raise TrackerError(
            text.format(server=probe.server, version=probe.schema_version, expected=probe.expected_version)
        )
