"""Who is a lead and who is billing, as the share's administrator says: ``roles.json`` at the export root.

::

    {"lead": ["lead1", "lead2"], "billing": ["fatima"]}

A local role (``tracker config set role``) is a convenience; this file is what the
readers trust.  When it is there, decisions (and rates) from anyone it does not list
are ignored and reported; when it is not, every ``reviews/<login>`` folder counts.
It is read like every file of the share: never through a link, at most 64 KiB.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from tracker.central.checks import LOGIN

ROLES_FILE = "roles.json"
ROLES = ("lead", "billing")
MAX_ROLES = 64 * 1024


class _File(msgspec.Struct, forbid_unknown_fields=True):
    lead: list[str] = msgspec.field(default_factory=list)
    billing: list[str] = msgspec.field(default_factory=list)


@dataclass(frozen=True)
class Roles:
    """The logins of each role."""

    members: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, login: str, role: str) -> bool:
        return login in self.members.get(role, frozenset())


def load_roles(root: Path) -> Roles | None:
    """The roles file of the export at ``root``; None when there is none.

    Raises ValueError for a file that is not the roles file (bad JSON, an unknown role,
    a name that is not a login) and OSError when it cannot be read (a link is refused).
    """
    path = root / ROLES_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "roles.json is a symbolic link; never followed") from None
        raise
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ROLES or os.path.islink(path):
            raise ValueError("roles.json is not a regular file of at most 64 KiB")
        data = fh.read(MAX_ROLES + 1)
    try:
        found = msgspec.json.decode(data, type=_File)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as exc:
        raise ValueError(f"roles.json: {exc}") from None
    members = {"lead": found.lead, "billing": found.billing}
    for role, logins in members.items():
        for login in logins:
            if not LOGIN.match(login):
                raise ValueError(f"roles.json: {login!r} under {role} is not a login")
    return Roles({role: frozenset(logins) for role, logins in members.items()})
