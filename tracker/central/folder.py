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
      reviews/<lead>/...                       leads' decisions, batches the same way
      rates/<login>/...                        billing's rate versions, batches the same way
      statements/<login>/2026-10-5e6f7a8b.*    issued statements (tracker.central.folder_billing)
      roles.json                               optional: who is lead, who is billing (tracker.central.roles)

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
parses only batches it has not seen, and reports files it will not read.  It trusts
nothing on the share: files are read without following links
(:mod:`tracker.central.folder_files`), every record is checked against the schema in
the folder that holds it (:mod:`tracker.central.batches`), and what two folders say
differently holds money instead of being chosen (docs/central-export.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType

from tracker.billing import Rate
from tracker.central import batches, schema
from tracker.central.billing_records import IssuedStatement
from tracker.central.faults import crash_point, fault
from tracker.central.folder_billing import FolderBilling
from tracker.central.folder_cache import FolderCache
from tracker.central.folder_files import ExportFiles
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
from tracker.central.roles import DamagedRoles, load_roles
from tracker.errors import BadInput
from tracker.fsutil import fsync_dir
from tracker.i18n import _
from tracker.validate import clean_login

FORMAT_LINE = "tracker-central-export 1\n"


class FolderExport:
    """The export's files: writing batches, and listing and reading them back."""

    def __init__(self, root: Path, *, create: bool = False) -> None:
        self.root = root
        self.create = create
        self.files = ExportFiles(root, may_be_missing=create)

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

    def review_inbox(self, consultant: str, seen: Collection[str]) -> Iterator[InboxBatch]:
        """Only the small reviews area is read, and each batch once (``seen`` holds its keys).

        A batch counts only as the readers count it: whole, checked against its
        manifest and the schema, from a folder whose login is its decisions' lead (and
        a lead in roles.json, when there is one).  One that fails is tried again next time.
        """
        try:
            roles = load_roles(self.root)
        except (OSError, ValueError, DamagedRoles):
            return  # a roles file that cannot be read: no decision counts (the readers report it)
        listing = self.files.listing("reviews")
        for lead, name in sorted(listing.files):
            m = BATCH_RE.match(name)
            key = f"{lead}/{m['batch']}" if m else ""
            if not m or m["what"] != "manifest.json" or key in seen:
                continue
            if roles is not None and not roles.has(lead, "lead"):
                continue
            found = self._inbox_batch(lead, m["batch"], consultant)
            if found is not None:
                yield InboxBatch(key, found[0], found[1])

    def _inbox_batch(self, lead: str, batch: str, consultant: str) -> tuple[int, tuple[Decision, ...]] | None:
        try:
            raw = self.files.read("reviews", lead, f"{batch}.manifest.json", schema.MAX_MANIFEST)
            manifest, _when = schema.read_manifest(raw)
            data = self.files.read("reviews", lead, f"{batch}.jsonl", schema.MAX_BATCH)
            if sha256_of(data) != manifest.sha256 or manifest.consultant != lead or manifest.batch != batch:
                return None
            rows = batches.parse("reviews", lead, data)
        except (OSError, ValueError):
            return None
        mine = tuple(Decision(*r[:7]) for r in rows.reviews if r[1] == consultant)
        return len(data), mine


class FolderCentral:
    """The :class:`tracker.central.Central` over a folder export and a local read cache.

    The cache (a SQLite file in the reader's data folder) is opened on the first
    question, so a consultant's sync never touches it.
    """

    def __init__(self, root: Path, cache: Path, *, create: bool = False) -> None:
        self.export = FolderExport(root, create=create)
        self.cache_path = cache
        self._cache: FolderCache | None = None
        self.billing = FolderBilling(self.export)

    @property
    def cache(self) -> FolderCache:
        if self._cache is None:
            self._cache = FolderCache(self.export.files, self.cache_path)
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

    def publish_issued(self, statement: IssuedStatement) -> None:
        self.billing.publish_issued(statement)

    # ----- reading ---------------------------------------------------------------

    def refresh(self) -> ReadReport:
        report = self.cache.refresh()
        return ReadReport(report.new_batches, report.problems + self.billing.refresh())

    def rates(self) -> list[Rate]:
        return self.billing.rates()

    def issued(self, month: str) -> IssuedStatement | None:
        return self.billing.issued(month)

    def issued_months(self) -> list[str]:
        return self.billing.issued_months()

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
