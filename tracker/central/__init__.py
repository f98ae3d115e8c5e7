"""The central store, behind one interface: what the sender writes and the read model answers.

Consultants' apps send batches to it (:mod:`tracker.central.sender`); leads' review
(:mod:`tracker.review`) and billing's statement (:mod:`tracker.statement`) ask it
questions.  None of them knows where it lives: they speak :class:`Central` only.

Today's one implementation is the folder export (:mod:`tracker.central.folder`: a
local folder or a network share, with a read cache in the reader's data folder).  A
PostgreSQL server becomes a second implementation of the same protocol, chosen in
:func:`open_central`, not a fork of the callers.

Days are ISO dates (``YYYY-MM-DD``), months ``YYYY-MM``; sessions come back as the
export's session records (:data:`~tracker.central.records.Record`), the latest
revision of each, deleted ones left out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol

from tracker.central.folder import FolderCentral
from tracker.central.records import (
    Batch,
    CentralUnreadable,
    Decision,
    Defect,
    FinalizedTicket,
    InboxBatch,
    ReadReport,
    Record,
    TamperedBatch,
    TargetUnavailable,
    TicketFacts,
)
from tracker.context import Context
from tracker.paths import default_export_dir

__all__ = [
    "Batch",
    "Central",
    "CentralUnreadable",
    "Decision",
    "Defect",
    "FinalizedTicket",
    "InboxBatch",
    "ReadReport",
    "Record",
    "TamperedBatch",
    "TargetUnavailable",
    "TicketFacts",
    "open_central",
]

CACHE_NAME = "central-cache.db"


class Central(Protocol):
    """The central store as the sender, the review and the statement use it.

    Writing raises :class:`TargetUnavailable` when the store cannot be reached (nothing
    is lost: the sender keeps its outbox) and :class:`TamperedBatch` when what is there
    is not what this app wrote.  Reading answers from what the last :meth:`refresh` saw.
    """

    # ----- the write side: the sender ----------------------------------------------

    def describe(self) -> str:
        """Where the store is, for messages and ``tracker sync``'s report."""
        ...

    def publish(self, batch: Batch) -> bool:
        """Put a batch in the store, atomically; False when it was already there, the same.

        Idempotent: the same batch again is a clean skip.  Raises TamperedBatch if a
        batch of that name is there with other bytes.
        """
        ...

    def verify(self, batch: Batch) -> None:
        """Read the batch back; raise TamperedBatch unless it is exactly what was sent."""
        ...

    def review_inbox(self, consultant: str, seen: Collection[str]) -> Iterator[InboxBatch]:
        """Leads' decisions about ``consultant``'s days, in batches not ``seen`` yet (by key).

        A batch that cannot be read or does not match what it says is skipped here, to
        be tried again next time (the read model reports it).
        """
        ...

    # ----- the read side: leads and billing ----------------------------------------

    def refresh(self) -> ReadReport:
        """Catch up with the store; report what was skipped and why.

        Raises :class:`CentralUnreadable` when the store cannot be read at all (an
        unmounted share, a server that does not answer): nothing read before may then be
        shown as current.
        """
        ...

    def sessions_of_day(self, day: str, consultant: str | None = None) -> list[Record]:
        """The day's sessions, by consultant and start; conflicted ones flagged ``conflict``."""
        ...

    def sessions_between(self, from_day: str, to_day: str, consultant: str | None = None) -> list[Record]:
        """Sessions of the days ``from_day`` to ``to_day`` (both included), by day, consultant, start."""
        ...

    def tickets(self, numbers: Iterable[str]) -> dict[str, TicketFacts]:
        """What the ticket events say about each of ``numbers`` (every one of them is a key).

        Through :func:`~tracker.central.records.ticket_facts`, which also says which
        fields consultants' ``created`` events disagree on, and (``conflicted``) whether
        one of its events arrived with two contents: billing holds those lines.
        """
        ...

    def finalized_tickets(self, month: str) -> Iterator[FinalizedTicket]:
        """Tickets with a finalization in ``month`` (by its local date), by number, with their sessions."""
        ...

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], Decision]:
        """The latest lead decision per (consultant, day), of ``day`` or of every day."""
        ...

    def approved_days(self) -> set[tuple[str, str]]:
        """The (consultant, day) pairs whose latest decision approves them."""
        ...

    def conflicts(self) -> list[str]:
        """Records whose same (uuid, revision) arrived with different contents, or from two
        owners, as messages; those sessions come back flagged ``conflict``."""
        ...

    def disagreeing_tickets(self) -> set[str]:
        """Tickets whose 'created' metadata differs between consultants."""
        ...

    def ticket_disagreements(self) -> list[str]:
        """What differs, per disagreeing ticket, as messages."""
        ...

    def consultants(self) -> list[str]:
        """Everyone with sessions or ticket events in the store."""
        ...

    def last_batch_ts(self) -> dict[str, int]:
        """When each consultant last sent a batch (UTC seconds)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Central: ...

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def open_central(ctx: Context) -> Central:
    """The central store this home is set to use.

    Today always the folder (``export-dir``).  The embedded default folder is made on
    first use; a configured share must already be there (an unmounted share is
    reported, never created locally).  A ``central`` setting naming a PostgreSQL
    server will choose the second implementation here.
    """
    folder = Path(ctx.settings.get("export-dir"))
    return FolderCentral(folder, ctx.home / CACHE_NAME, create=folder == default_export_dir(ctx.home))
