"""The central store as a folder: the export, offline first, exactly once, nothing lost.

Each consultant's app keeps its own local database and, on ``tracker sync``, sends what
the export does not have yet: every session revision (deletions as tombstone
revisions) and every ticket event.  The default target is a folder: a local folder out
of the box (``<data folder>/central-export``), or a network share set with
``tracker config set export-dir PATH``.

Folder layout
-------------

::

    <export-dir>/
      FORMAT                                   "tracker-central-export 1"
      consultants/
        <login>/
          00000001-1a2b3c4d.jsonl              a batch: one JSON record a line, UTF-8
          00000001-1a2b3c4d.manifest.json      its manifest, written last
          00000002-1a2b3c4d.jsonl
          00000002-1a2b3c4d.manifest.json

A batch is named ``<sequence>-<install id>``: the app's own counter and the first 8
characters of the installation's id, so two laptops of one consultant never collide.
Each app writes only in its own consultant's folder (a lead's decisions go to
``reviews/<login>/``) and never rewrites a file; on a share, that folder is the only
place it needs write access to (the administrator lays out the rest).  A batch
is written to a temp file (``.<name>.tmp-<pid>``) in that folder, fsynced, renamed, and
the folder fsynced; then the manifest the same way.  A batch without a manifest is
incomplete and is not read.  Nothing else is ever written to the share: no database.

The manifest::

    {"format": 1, "batch": "00000001-1a2b3c4d", "consultant": "ana",
     "file": "00000001-1a2b3c4d.jsonl", "sha256": "<hex of the batch file>",
     "rows": 2, "created_at": "2026-11-03T18:00:00-03:00",
     "kinds": {"session": 1, "ticket_event": 1}}

Records
-------

Every record has ``kind``, a stable ``uuid`` and a ``revision``.  Readers de-duplicate
by (uuid, revision); the same pair with a different payload is a conflict, reported
and never silently chosen.  For a session, the highest revision wins.

``session``::

    {"kind": "session", "uuid": "...", "revision": 1, "consultant": "ana",
     "ticket": "12345678", "type": "technical", "start": "2026-11-03T09:00:00-03:00",
     "end": "2026-11-03T09:25:00-03:00", "seconds": 1500, "zone": "America/Sao_Paulo",
     "day": "2026-11-03", "note": "", "flags": ["overlap"], "deleted": false,
     "source": "timer"}

``day`` is the local date of the start, in the session's own zone; ``seconds`` the
exact duration.  A deleted session is a record with ``"deleted": true`` and a higher
revision.

``ticket_event`` (revision is always 1; events never change)::

    {"kind": "ticket_event", "uuid": "...", "revision": 1, "ticket": "12345678",
     "event": "created" | "term_accepted" | "escalated" | "defect_flagged" | "finalized",
     "payload": {...}, "consultant": "ana", "at": "2026-11-03T18:00:00-03:00"}

A ``created`` payload carries the ticket's fields (customer, type, product, scope,
term_accepted, term_ref, bill_to_unit and the accounting fields); ``escalated`` carries
``at`` and the customer's ``checklist``; ``defect_flagged`` carries ``kind``, ``ref``,
``published`` and ``note``; ``finalized`` carries ``at``, the local time with its offset.

All JSON is written with sorted keys and no spaces, so a re-sent batch is byte-identical.

Reading
-------

``FolderCentral`` answers the read model's questions from a cache database in the
reader's own data folder (:mod:`tracker.central.folder_cache`), never on the share; it
parses only batches it has not seen, and reports files it will not read.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from tracker.central.faults import crash_point, fault
from tracker.central.folder_cache import FolderCache
from tracker.central.records import (
    BATCH_RE,
    Batch,
    Decision,
    FinalizedTicket,
    FolderRefused,
    InboxBatch,
    ReadReport,
    Record,
    TamperedBatch,
    TargetUnavailable,
    TicketFacts,
    sha256_of,
)
from tracker.errors import BadInput, TrackerError
from tracker.fsutil import fsync_dir
from tracker.i18n import _
from tracker.validate import clean_login

FORMAT_LINE = "tracker-central-export 1\n"


@dataclass(frozen=True)
class Entry:
    """One file in a consultant's (or lead's) folder of the export, as a reader sees it."""

    consultant: str
    name: str
    size: int
    mtime_ns: int


class FolderExport:
    """The export's files: writing batches, and listing and reading them back."""

    def __init__(self, root: Path, *, create: bool = False) -> None:
        self.root = root
        self.create = create

    def describe(self) -> str:
        return str(self.root)

    def _ready(self) -> None:
        """The root is there (made when it is this app's own local folder), with its FORMAT.

        A sender needs write access to its own folder only: where the root is not
        writable, the share's administrator wrote FORMAT and made the folders.
        """
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
        if not (self.root / "FORMAT").exists():
            try:
                self._write_atomic(self.root, "FORMAT", FORMAT_LINE.encode())
            except PermissionError:
                pass  # a share laid out by its administrator: FORMAT is theirs to write
            except OSError as exc:
                raise TargetUnavailable(self._why(exc)) from exc

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
                fault(f"{step}write")
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

    def _own_folder(self, batch: Batch) -> Path:
        """The batch's folder (``<area>/<login>``), made when missing and allowed."""
        try:
            clean_login(batch.consultant)
        except BadInput:
            raise FolderRefused(
                _(
                    "'{login}' is not a login, so batch {batch} has no folder on the export; it stays "
                    "queued. Set your login with tracker config set consultant LOGIN"
                ).format(login=batch.consultant, batch=batch.batch)
            ) from None
        folder = self.root / batch.area / batch.consultant
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except PermissionError as exc:
                raise FolderRefused(
                    _(
                        "you may not create {folder}: on a shared export the administrator makes each "
                        "person's folder (see docs/central-export.md). Batch {batch} stays queued; the "
                        "other batches still go"
                    ).format(folder=folder, batch=batch.batch)
                ) from exc
            except OSError as exc:
                raise TargetUnavailable(self._why(exc)) from exc
        return folder

    def _refused(self, folder: Path, batch: Batch) -> FolderRefused:
        return FolderRefused(
            _(
                "the export folder {folder} is read-only for you: each person writes only in their own "
                "folder. Batch {batch} stays queued; the other batches still go"
            ).format(folder=folder, batch=batch.batch)
        )

    def publish(self, batch: Batch) -> bool:
        self._ready()
        folder = self._own_folder(batch)
        wrote = False
        try:
            # Temp files of this very batch left by a crashed earlier try: ours to clear.
            for stale in folder.glob(f".{batch.batch}.*.tmp-*"):
                stale.unlink()
            target = folder / f"{batch.batch}.jsonl"
            if target.exists():
                if sha256_of(target.read_bytes()) != batch.sha256:
                    raise TamperedBatch(
                        _(
                            "batch {path} on the export differs from what this app wrote: someone changed "
                            "it. It was left as is; move it away (keep it for the record) and sync again"
                        ).format(path=target)
                    )
            else:
                self._write_atomic(folder, target.name, batch.data, step="batch_")
                wrote = True
            crash_point("after_rename")
            side = folder / f"{batch.batch}.manifest.json"
            if side.exists():
                if side.read_bytes() != batch.manifest:
                    raise TamperedBatch(
                        _(
                            "manifest {path} on the export differs from what this app wrote; "
                            "it was left as is. Move it away and sync again"
                        ).format(path=side)
                    )
            else:
                self._write_atomic(folder, side.name, batch.manifest, step="manifest_")
                wrote = True
            crash_point("after_manifest")
        except PermissionError as exc:
            raise self._refused(folder, batch) from exc
        except OSError as exc:
            raise TargetUnavailable(self._why(exc)) from exc
        return wrote

    def verify(self, batch: Batch) -> None:
        folder = self.root / batch.area / batch.consultant
        try:
            data = (folder / f"{batch.batch}.jsonl").read_bytes()
            side = (folder / f"{batch.batch}.manifest.json").read_bytes()
        except OSError as exc:
            raise TargetUnavailable(self._why(exc)) from exc
        if sha256_of(data) != batch.sha256 or data.count(b"\n") != batch.rows or side != batch.manifest:
            raise TamperedBatch(
                _(
                    "batch {batch} read back from {folder} is not what was written; it stays queued. "
                    "Check the share, then sync again"
                ).format(batch=batch.batch, folder=folder)
            )

    def entries(self, area: str = "consultants", *, skip_unreadable: bool = False) -> Iterator[Entry]:
        """The files of every person's folder of ``area``; one that may not be read raises,
        or is passed over with ``skip_unreadable``."""
        base = self.root / area
        if not base.is_dir():
            return
        for person in sorted(os.scandir(base), key=lambda e: e.name):
            if not person.is_dir():
                continue
            try:
                items = list(os.scandir(person.path))
            except PermissionError:
                if skip_unreadable:
                    continue
                # Never a statement or a review with someone left out in silence.
                raise TrackerError(
                    _(
                        "you may not read {folder}: reading the export needs read access to every "
                        "person's folder, which the share gives leads and billing staff "
                        "(see docs/central-export.md)"
                    ).format(folder=person.path)
                ) from None
            for item in items:
                if item.is_file():
                    st = item.stat()
                    yield Entry(person.name, item.name, st.st_size, st.st_mtime_ns)

    def read(self, consultant: str, name: str, area: str = "consultants") -> bytes:
        return (self.root / area / consultant / name).read_bytes()

    def review_inbox(self, consultant: str, seen: Collection[str]) -> Iterator[InboxBatch]:
        """Only the small reviews area is read, and each batch once (``seen`` holds its keys)."""
        for entry in self.entries(area="reviews", skip_unreadable=True):
            m = BATCH_RE.match(entry.name)
            if not m or m["what"] != "manifest.json":
                continue
            key = f"{entry.consultant}/{m['batch']}"
            if key in seen:
                continue
            try:
                manifest = json.loads(self.read(entry.consultant, entry.name, area="reviews"))
                data = self.read(entry.consultant, f"{m['batch']}.jsonl", area="reviews")
                if sha256_of(data) != manifest.get("sha256"):
                    continue
                mine = tuple(_decisions(map(json.loads, data.splitlines()), consultant))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue
            yield InboxBatch(key, len(data), mine)


def _decisions(records: Iterable[Record], consultant: str) -> Iterator[Decision]:
    for rec in records:
        if rec.get("kind") == "review" and rec.get("consultant") == consultant:
            yield Decision(
                rec["uuid"],
                rec["consultant"],
                rec["day"],
                rec["decision"],
                rec["comment"],
                rec["lead"],
                rec["at"],
            )


class FolderCentral:
    """The :class:`tracker.central.Central` over a folder export and a local read cache.

    The cache (a SQLite file in the reader's data folder) is opened on the first
    question, so a consultant's sync never touches it.
    """

    def __init__(self, root: Path, cache: Path, *, create: bool = False) -> None:
        self.export = FolderExport(root, create=create)
        self.cache_path = cache
        self._cache: FolderCache | None = None

    @property
    def cache(self) -> FolderCache:
        if self._cache is None:
            self._cache = FolderCache(self.export, self.cache_path)
        return self._cache

    # ----- writing ---------------------------------------------------------------

    def describe(self) -> str:
        return self.export.describe()

    def publish(self, batch: Batch) -> bool:
        return self.export.publish(batch)

    def verify(self, batch: Batch) -> None:
        self.export.verify(batch)

    def review_inbox(self, consultant: str, seen: Collection[str]) -> Iterator[InboxBatch]:
        return self.export.review_inbox(consultant, seen)

    # ----- reading ---------------------------------------------------------------

    def refresh(self) -> ReadReport:
        return self.cache.refresh()

    def sessions_of_day(self, day: str, consultant: str | None = None) -> list[Record]:
        return self.cache.sessions_between(day, day, consultant)

    def sessions_between(self, from_day: str, to_day: str, consultant: str | None = None) -> list[Record]:
        return self.cache.sessions_between(from_day, to_day, consultant)

    def tickets(self, numbers: Iterable[str]) -> dict[str, TicketFacts]:
        return self.cache.tickets(numbers)

    def finalized_tickets(self, month: str) -> Iterator[FinalizedTicket]:
        return self.cache.finalized_tickets(month)

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], Decision]:
        return self.cache.decisions(day)

    def approved_days(self) -> set[tuple[str, str]]:
        return {key for key, d in self.decisions().items() if d.decision == "approve"}

    def conflicts(self) -> list[str]:
        return self.cache.conflicts()

    def disagreeing_tickets(self) -> set[str]:
        return self.cache.disagreeing_tickets()

    def ticket_disagreements(self) -> list[str]:
        return self.cache.ticket_disagreements()

    def consultants(self) -> list[str]:
        return self.cache.consultants()

    def last_batch_ts(self) -> dict[str, int]:
        return self.cache.last_batch_ts()

    def counts(self) -> dict[str, int]:
        """Batches, sessions and ticket events in the cache (for tests and benchmarks)."""
        return self.cache.counts()

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def __enter__(self) -> FolderCentral:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
