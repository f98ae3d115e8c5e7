"""Where batches go.  ``SyncTarget`` is the narrow interface; ``FolderTarget`` the first one.

A PostgreSQL target can implement the same four methods (publish, verify, and the
reader's ``consultants``/``entries``/``read``) without touching the sender or readers.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tracker.errors import TrackerError
from tracker.fsutil import fsync_dir
from tracker.i18n import _

AREAS = ("consultants", "reviews")  # sessions and ticket events; leads' review decisions
BATCH_RE = re.compile(r"^(?P<batch>[0-9]{8}-[0-9a-f]{8})\.(?P<what>jsonl|manifest\.json)$")
FORMAT_LINE = "tracker-central-export 1\n"


class TargetUnavailable(TrackerError):
    """The export cannot be written now; everything stays queued for a later sync."""


class TamperedBatch(TrackerError):
    """A batch on the export differs from what this app wrote."""


def crash_point(step: str) -> None:
    """A real SIGKILL at a named step, for the crash tests (``TRACKER_SYNC_KILL_AT``)."""
    if os.environ.get("TRACKER_SYNC_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _fault(step: str) -> None:
    """An injected OS error at a named step, for tests (``TRACKER_SYNC_FAULT``=step:errno)."""
    spec = os.environ.get("TRACKER_SYNC_FAULT", "")
    if spec.startswith(step + ":"):
        code = getattr(errno, spec.split(":", 1)[1])
        raise OSError(code, os.strerror(code))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One file in a consultant's folder of the export, as a reader sees it."""

    consultant: str
    name: str
    size: int
    mtime_ns: int


class SyncTarget(Protocol):
    def describe(self) -> str: ...

    def publish(self, consultant: str, batch: str, data: bytes, manifest: bytes, area: str = ...) -> bool:
        """Put a batch and then its manifest on the target, atomically.

        Idempotent: a batch already there with the same bytes is a clean skip
        (returns False).  Raises TamperedBatch if it is there with other bytes.
        """
        ...

    def verify(
        self, consultant: str, batch: str, sha256: str, rows: int, manifest: bytes, area: str = ...
    ) -> None:
        """Read the batch back; raise TamperedBatch unless it is exactly what was sent."""
        ...

    def entries(self, area: str = ...) -> Iterator[Entry]: ...

    def read(self, consultant: str, name: str, area: str = ...) -> bytes: ...


class FolderTarget:
    """The export as a folder: a local one, or a network share."""

    def __init__(self, root: Path, *, create: bool = False) -> None:
        self.root = root
        self.create = create

    def describe(self) -> str:
        return str(self.root)

    def _ready(self) -> None:
        if not self.root.is_dir():
            if self.create:
                try:
                    self.root.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise TargetUnavailable(self._why(exc)) from exc
            else:
                raise TargetUnavailable(
                    _(
                        "the export folder {folder} is not there (is the share mounted?); "
                        "everything stays queued and the next sync will send it"
                    ).format(folder=self.root)
                )
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise TargetUnavailable(
                _(
                    "the export folder {folder} is read-only for you; ask for write access to it. "
                    "Everything stays queued and the next sync will send it"
                ).format(folder=self.root)
            )
        marker = self.root / "FORMAT"
        if not marker.exists():
            self._write_atomic(self.root, "FORMAT", FORMAT_LINE.encode())

    def _why(self, exc: OSError) -> str:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            what = _("the export folder's disk is full")
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            what = _("the export folder is read-only for you")
        elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
            what = _("the export folder went away (was the share unmounted?)")
        else:
            what = _("writing to the export folder failed ({error})").format(error=exc.strerror or exc)
        return _("{what}: {folder}. Everything stays queued and the next sync will send it").format(
            what=what, folder=self.root
        )

    def _write_atomic(self, folder: Path, name: str, data: bytes, step: str = "") -> None:
        tmp = folder / f".{name}.tmp-{os.getpid()}"
        try:
            with open(tmp, "wb") as fh:
                _fault(f"{step}write")
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if step:
                crash_point(f"{step}after_temp")
            os.replace(tmp, folder / name)
            fsync_dir(folder)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def publish(
        self, consultant: str, batch: str, data: bytes, manifest: bytes, area: str = "consultants"
    ) -> bool:
        self._ready()
        folder = self.root / area / consultant
        wrote = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Temp files of this very batch left by a crashed earlier try: ours to clear.
            for stale in folder.glob(f".{batch}.*.tmp-*"):
                stale.unlink()
            target = folder / f"{batch}.jsonl"
            if target.exists():
                if sha256_of(target.read_bytes()) != sha256_of(data):
                    raise TamperedBatch(
                        _(
                            "batch {path} on the export differs from what this app wrote: someone changed "
                            "it. It was left as is; move it away (keep it for the record) and sync again"
                        ).format(path=target)
                    )
            else:
                self._write_atomic(folder, target.name, data, step="batch_")
                wrote = True
            crash_point("after_rename")
            side = folder / f"{batch}.manifest.json"
            if side.exists():
                if side.read_bytes() != manifest:
                    raise TamperedBatch(
                        _(
                            "manifest {path} on the export differs from what this app wrote; "
                            "it was left as is. Move it away and sync again"
                        ).format(path=side)
                    )
            else:
                self._write_atomic(folder, side.name, manifest, step="manifest_")
                wrote = True
            crash_point("after_manifest")
        except OSError as exc:
            raise TargetUnavailable(self._why(exc)) from exc
        return wrote

    def verify(
        self, consultant: str, batch: str, sha256: str, rows: int, manifest: bytes, area: str = "consultants"
    ) -> None:
        folder = self.root / area / consultant
        try:
            data = (folder / f"{batch}.jsonl").read_bytes()
            side = (folder / f"{batch}.manifest.json").read_bytes()
        except OSError as exc:
            raise TargetUnavailable(self._why(exc)) from exc
        if sha256_of(data) != sha256 or data.count(b"\n") != rows or side != manifest:
            raise TamperedBatch(
                _(
                    "batch {batch} read back from {folder} is not what was written; it stays queued. "
                    "Check the share, then sync again"
                ).format(batch=batch, folder=folder)
            )

    def entries(self, area: str = "consultants") -> Iterator[Entry]:
        base = self.root / area
        if not base.is_dir():
            return
        for person in sorted(os.scandir(base), key=lambda e: e.name):
            if not person.is_dir():
                continue
            for item in os.scandir(person.path):
                if item.is_file():
                    st = item.stat()
                    yield Entry(person.name, item.name, st.st_size, st.st_mtime_ns)

    def read(self, consultant: str, name: str, area: str = "consultants") -> bytes:
        return (self.root / area / consultant / name).read_bytes()
