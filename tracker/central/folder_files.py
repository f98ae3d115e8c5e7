"""Reading the export's files without trusting them: no link followed, regular files only, sizes bounded.

Anyone who can write to the share can put anything there: a link to ``/etc/passwd``, a
FIFO that blocks whoever opens it, a 2 GB "batch", folder names with terminal escape
sequences.  Listing reports each of them and never opens them; reading opens a file
without following a link (``O_NOFOLLOW`` under folders opened the same way, where the
system has them), checks it is a regular file, and reads at most a limit.

The export itself missing or unreadable (an unmounted share) is an error, never an
empty export: :class:`~tracker.central.records.CentralUnreadable`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.central import schema
from tracker.central.checks import LOGIN
from tracker.central.records import CentralUnreadable
from tracker.i18n import _

FORMAT_WORD = "tracker-central-export"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO opens without waiting for a writer
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_AT = _NOFOLLOW != 0 and os.open in os.supports_dir_fd and os.scandir in os.supports_fd


def shown(name: str) -> str:
    """A name from the share as a message may show it: control characters escaped."""
    if name.isprintable():
        return name
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)


class Refused(OSError):
    """A file the reader will not read: a link, not a regular file, or too large."""


@dataclass
class Listing:
    """The files of one area: (login, name) -> (size, mtime_ns), and what was not listed."""

    files: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class ExportFiles:
    """The files of an export folder, for reading."""

    def __init__(self, root: Path, *, may_be_missing: bool = False) -> None:
        self.root = root
        self.may_be_missing = may_be_missing

    def check(self) -> bool:
        """Whether there is an export to read; CentralUnreadable when there should be and is not.

        A configured share must be there and carry its FORMAT file (an unmounted
        share's empty mount point is not an empty export).  The app's own default
        folder may be missing: nothing was sent yet.
        """
        try:
            marker = self._read_path(self.root / "FORMAT", 4096)
        except FileNotFoundError:
            if self.may_be_missing:
                return False
            raise CentralUnreadable(
                _(
                    "the export folder {folder} is not there, or is not an export (no FORMAT file): "
                    "is the share mounted? Nothing was read"
                ).format(folder=self.root)
            ) from None
        except OSError as exc:
            raise CentralUnreadable(
                _("the export folder {folder} cannot be read ({error}); nothing was read").format(
                    folder=self.root, error=exc.strerror or exc
                )
            ) from None
        words = marker.decode("utf-8", "replace").split()
        if len(words) != 2 or words[0] != FORMAT_WORD or words[1] != str(schema.FORMAT):
            raise CentralUnreadable(
                _(
                    "the export folder {folder} is in a format this app does not read ({format}); "
                    "nothing was read. Update the app"
                ).format(folder=self.root, format=shown(" ".join(words)[:60]))
            )
        return True

    def listing(self, area: str) -> Listing:
        """Every regular file of ``area/<login>/``; links, other files and odd folders reported."""
        out = Listing()
        base = self.root / area
        try:
            info = os.lstat(base)
        except FileNotFoundError:
            return out
        except OSError as exc:
            raise self._gone(exc) from None
        if not stat.S_ISDIR(info.st_mode):
            out.problems.append(_("{where}: not a folder (a link?); not read").format(where=area))
            return out
        try:
            people = sorted(os.scandir(base), key=lambda e: e.name)
        except OSError as exc:
            raise self._gone(exc) from None
        for person in people:
            where = f"{area}/{shown(person.name)}"
            if person.is_symlink() or not person.is_dir(follow_symlinks=False):
                out.problems.append(_("{where}: not a folder (a link?); not read").format(where=where))
            elif not LOGIN.match(person.name):
                out.problems.append(_("{where}: not a login's folder; not read").format(where=where))
            else:
                self._list_person(area, person.name, out)
        return out

    def _list_person(self, area: str, who: str, out: Listing) -> None:
        where = f"{area}/{who}"
        fd = -1
        try:
            if _AT:
                fd = self._open_dir(area, who)
                self._list_items(os.scandir(fd), where, who, out)
            else:
                self._list_items(os.scandir(self.root / area / who), where, who, out)
        except PermissionError:
            if area != "consultants":
                out.problems.append(_("{where}: you may not read it; not read").format(where=where))
                return
            # Never a statement or a review with someone left out in silence.
            raise CentralUnreadable(
                _(
                    "you may not read {folder}: reading the export needs read access to every "
                    "person's folder, which the share gives leads and billing staff "
                    "(see docs/central-export.md)"
                ).format(folder=self.root / area / who)
            ) from None
        except OSError as exc:
            out.problems.append(
                _("{where}: cannot be read ({error}); not read").format(
                    where=where, error=exc.strerror or exc
                )
            )
        finally:
            if fd >= 0:
                os.close(fd)

    @staticmethod
    def _list_items(items: Iterator[os.DirEntry[str]], where: str, who: str, out: Listing) -> None:
        for item in items:
            name = f"{where}/{shown(item.name)}"
            if item.is_symlink():
                out.problems.append(_("{where}: a symbolic link; never followed").format(where=name))
            elif not item.is_file(follow_symlinks=False):
                out.problems.append(_("{where}: not a regular file; not read").format(where=name))
            else:
                st = item.stat(follow_symlinks=False)
                out.files[(who, item.name)] = (st.st_size, st.st_mtime_ns)

    def read(self, area: str, who: str, name: str, limit: int) -> bytes:
        """The file's bytes; Refused for a link, a file that is not regular, or one over ``limit``."""
        if not _AT:
            return self._read_path(self.root / area / who / name, limit)
        folder = self._open_dir(area, who)
        try:
            fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
        except OSError as exc:
            raise _refused(exc) from None
        finally:
            os.close(folder)
        return _read_fd(fd, limit)

    def _open_dir(self, area: str, who: str) -> int:
        """``area/who`` opened without following a link at either step."""
        flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
        top = os.open(self.root / area, flags)
        try:
            return os.open(who, flags, dir_fd=top)
        except OSError as exc:
            raise _refused(exc) from None
        finally:
            os.close(top)

    @staticmethod
    def _read_path(path: Path, limit: int) -> bytes:
        """Where folders cannot be opened by descriptor: the file itself is still never a link."""
        if os.path.islink(path):
            raise Refused(errno.ELOOP, _("a symbolic link; never followed"))
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC | _BINARY)
        return _read_fd(fd, limit)

    def _gone(self, exc: OSError) -> CentralUnreadable:
        return CentralUnreadable(
            _("the export folder {folder} cannot be read ({error}); nothing was read").format(
                folder=self.root, error=exc.strerror or exc
            )
        )


def _refused(exc: OSError) -> OSError:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        return Refused(exc.errno, _("a symbolic link; never followed"))
    return exc


def _read_fd(fd: int, limit: int) -> bytes:
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(errno.EINVAL, _("not a regular file; not read"))
        if info.st_size > limit:
            raise Refused(
                errno.EFBIG,
                _("{size} bytes, over the {limit} this app reads").format(size=info.st_size, limit=limit),
            )
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 8 * 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Refused(errno.EFBIG, _("grew over the {limit} bytes this app reads").format(limit=limit))
    return data
