"""The central store, behind one interface: what the sender writes and the read model answers.

Consultants' apps send batches to it (:mod:`tracker.central.sender`); leads' review
(:mod:`tracker.review`) and billing's statement (:mod:`tracker.statement`) ask it
questions.  None of them knows where it lives: they speak :class:`Central` only.

Two implementations, chosen in :func:`open_central` by the home's ``central`` setting:
the folder export (:mod:`tracker.central.folder`: a local folder or a network share,
with a read cache in the reader's data folder), the default; and a PostgreSQL server
(:mod:`tracker.central.postgres`), for teams that need the server to enforce who may
write what.  The server's modules load psycopg, so they are loaded by name on first
use (:func:`server_tools`): commands that never touch a server never pay for it.

Days are ISO dates (``YYYY-MM-DD``), months ``YYYY-MM``; sessions come back as the
export's session records (:data:`~tracker.central.records.Record`), the latest
revision of each, deleted ones left out.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from tracker.billing import Rate
from tracker.central.billing_records import IssuedStatement
from tracker.central.folder import FolderCentral
from tracker.central.records import (
    Batch,
    BatchRefused,
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
from tracker.server_url import is_server_url
from tracker.store.files import CACHE_FILENAME

if TYPE_CHECKING:  # pragma: no cover
    from tracker.central.postgres.manage import ServerTools

__all__ = [
    "Batch",
    "BatchRefused",
    "Central",
    "CentralUnreadable",
    "Decision",
    "Defect",
    "FinalizedTicket",
    "InboxBatch",
    "IssuedStatement",
    "ReadReport",
    "Record",
    "TamperedBatch",
    "TargetUnavailable",
    "TicketFacts",
    "open_central",
    "server_tools",
]

CACHE_NAME = CACHE_FILENAME


class Central(Protocol):
    """The central store as the sender, the review and the statement use it.

    Writing raises :class:`TargetUnavailable` when the store cannot be reached (nothing
    is lost: the sender keeps its outbox) and :class:`BatchRefused` when this one batch
    cannot go (its folder is not this user's to write, or :class:`TamperedBatch`: what
    is there is not what this app wrote); the sender then sends the other batches.
    Reading answers from what the last :meth:`refresh` saw.
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

    def publish_issued(self, statement: IssuedStatement) -> None:
        """Keep billing's issued statement of a month, for good (``tracker bill --issue``).

        Written at once, not through the outbox: raises TargetUnavailable when the store
        cannot be reached, and then nothing counts as issued.
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

    def rates(self) -> list[Rate]:
        """Every rate version billing published (from billing writers only), in one stable order."""
        ...

    def issued(self, month: str) -> IssuedStatement | None:
        """The statement billing issued for ``month``, or None while the month is open."""
        ...

    def issued_months(self) -> list[str]:
        """Every month with an issued statement, in order."""
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


def server_tools() -> ServerTools:
    """The server's tools (:mod:`tracker.central.postgres.manage`), loaded with psycopg on first use."""
    module = importlib.import_module("tracker.central.postgres.manage")
    tools: ServerTools = module.ServerTools()
    return tools


def open_central(ctx: Context) -> Central:
    """The central store this home is set to use.

    A ``central`` setting naming a PostgreSQL server (``postgresql://...``) gives the
    server, as the home's consultant login unless the URL names a user.  Otherwise the
    folder (``export-dir``): the embedded default folder is made on first use; a
    configured share must already be there (an unmounted share is reported, never
    created locally).
    """
    where = ctx.settings.get("central")
    if is_server_url(where):
        return server_tools().central(where, ctx.consultant)
    folder = Path(ctx.settings.get("export-dir"))
    return FolderCentral(folder, ctx.home / CACHE_NAME, create=folder == default_export_dir(ctx.home))
