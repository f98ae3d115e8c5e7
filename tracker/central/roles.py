"""The folder export's roles file: who may decide days (lead) and publish rates and statements (billing).

A shared folder trusts whoever can write to it, and an app's own ``role`` setting is a
convenience anyone can change.  The share's administrator may therefore keep
``roles.json`` at the export root (``tracker central grant LOGIN --role lead|billing``
and ``revoke``)::

    {"billing": ["fatima"], "lead": ["lead1", "lead2"]}

When the file is there, readers ignore, and report, review decisions from anyone not
listed as a lead and rates and issued statements from anyone not listed as billing.
Without it, every writer is taken at its word.  The file guards only as well as the
share's permissions: it must be writable by the administrator alone.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import BadInput, TrackerError
from tracker.fsutil import atomic_write
from tracker.i18n import _
from tracker.validate import clean_login

ROLES_FILE = "roles.json"
ROLE_NAMES = ("lead", "billing")
MAX_ROLES = 64 * 1024


class DamagedRoles(TrackerError):
    """The roles file is there but cannot be read as a roles file."""


@dataclass(frozen=True)
class Roles:
    """The logins the roles file lists, per role."""

    lead: frozenset[str] = frozenset()
    billing: frozenset[str] = frozenset()

    def has(self, login: str, role: str) -> bool:
        """Whether ``login`` is listed with ``role`` (lead or billing)."""
        return login in self._of(role)

    def _of(self, role: str) -> frozenset[str]:
        return self.lead if role == "lead" else self.billing if role == "billing" else frozenset()

    def to_json(self) -> dict[str, list[str]]:
        return {"billing": sorted(self.billing), "lead": sorted(self.lead)}


def roles_path(root: Path) -> Path:
    return root / ROLES_FILE


def load_roles(root: Path) -> Roles | None:
    """The roles file at the export root ``root``; None when there is none.

    A file that is there but damaged is an error naming it: readers must not fall back
    to trusting everyone because a file went bad.
    """
    path = roles_path(root)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        why = "it is a symbolic link, never followed" if exc.errno == errno.ELOOP else exc.strerror or exc
        raise DamagedRoles(
            _("the roles file {path} cannot be read ({error})").format(path=path, error=why)
        ) from exc
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ROLES:
            raise DamagedRoles(
                _("the roles file {path} is not a regular file of at most 64 KiB").format(path=path)
            )
        data = fh.read(MAX_ROLES + 1)
    try:
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or set(doc) - set(ROLE_NAMES):
            raise ValueError("not an object of lead and billing")
        lists = {role: doc.get(role, []) for role in ROLE_NAMES}
        for logins in lists.values():
            if not isinstance(logins, list) or not all(isinstance(x, str) for x in logins):
                raise ValueError("a role is not a list of logins")
            for login in logins:
                clean_login(login)
    except (ValueError, RecursionError, BadInput) as exc:
        raise DamagedRoles(
            _(
                "the roles file {path} is damaged ({error}); fix it or write it again with "
                "tracker central grant"
            ).format(path=path, error=exc)
        ) from exc
    return Roles(lead=frozenset(lists["lead"]), billing=frozenset(lists["billing"]))


def _role(role: str) -> str:
    text = (role or "").strip().lower()
    if text not in ROLE_NAMES:
        raise BadInput(
            "role", _("'{role}' is not a role the roles file keeps; use lead or billing").format(role=role)
        )
    return text


def _write(root: Path, roles: Roles) -> None:
    if not root.is_dir():
        raise TrackerError(
            _(
                "the export folder {folder} is not there (is the share mounted?); "
                "the roles file was not written"
            ).format(folder=root)
        )
    data = (json.dumps(roles.to_json(), sort_keys=True, indent=2) + "\n").encode("utf-8")
    with atomic_write(roles_path(root)) as fh:
        fh.write(data)


def grant(root: Path, login: str, role: str) -> Roles:
    """List ``login`` with ``role`` in the roles file at ``root`` (made when missing)."""
    who = clean_login(login, "login")
    what = _role(role)
    current = load_roles(root) or Roles()
    roles = Roles(
        lead=current.lead | {who} if what == "lead" else current.lead,
        billing=current.billing | {who} if what == "billing" else current.billing,
    )
    _write(root, roles)
    return roles


def revoke(root: Path, login: str, role: str) -> Roles:
    """Take ``role`` from ``login`` in the roles file at ``root``."""
    who = clean_login(login, "login")
    what = _role(role)
    current = load_roles(root)
    if current is None:
        raise BadInput("login", _("there is no roles file at {folder}; nobody to revoke").format(folder=root))
    if not current.has(who, what):
        raise BadInput("login", _("{login} is not listed as {role}").format(login=who, role=what))
    roles = Roles(
        lead=current.lead - {who} if what == "lead" else current.lead,
        billing=current.billing - {who} if what == "billing" else current.billing,
    )
    _write(root, roles)
    return roles
