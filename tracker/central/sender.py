"""Sending what the export lacks: prepare a batch, publish, verify, then mark.

The steps, and what a crash at each leaves:

1. **prepare** (one local transaction): the pending records are serialised into a
   batch, stored whole in the local ``outbox`` table, and each session's
   ``sent_revision`` is set, so that any later change becomes a new revision.
2. **publish**: the batch file, then its manifest, each written atomically.
3. **verify**: both are read back and compared byte for byte.
4. **mark** (one local transaction): the records count as synced, the outbox row done.

A crash before 4 leaves the outbox row undone; the next sync re-sends exactly the
same bytes under the same name, or finds them there and skips the write.  Nothing is
ever sent twice under two names, so the export never holds a duplicate.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Collection
from dataclasses import dataclass

from tracker.central import Central
from tracker.central import records as rec
from tracker.central.billing_records import rate_record
from tracker.central.faults import crash_point
from tracker.central.records import Batch, BatchRefused, sha256_of
from tracker.context import Context
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.store import Store, outbox
from tracker.store import rates as rate_store
from tracker.store import reviews as review_store
from tracker.timeutil import iso, to_ts

BATCH_ROWS = 20_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncResult:
    batches_written: int
    batches_skipped: int
    sessions: int
    events: int
    pending: int
    target: str
    reviews: int = 0  # a lead's decisions sent
    rates: int = 0  # billing's rate versions sent


@dataclass(frozen=True)
class Pending:
    """What waits for the central store."""

    sessions: int = 0
    events: int = 0
    reviews: int = 0  # a lead's decisions
    rates: int = 0  # billing's rate versions

    @property
    def total(self) -> int:
        return self.sessions + self.events + self.reviews + self.rates


@dataclass(frozen=True)
class SyncStatus:
    """The sync indicator's facts: what waits, the last sync that went through, the last error."""

    pending: Pending
    last_sync: str | None  # local time with its offset
    last_error: str | None
    target: str  # the export-dir folder, or the server (host:port/database)


def pending(store: Store, billing: bool = False) -> Pending:
    """What waits; rate versions only for a billing home (the only one that sends them)."""
    return Pending(*outbox.pending_counts(store), rates=rate_store.pending_count(store) if billing else 0)


class Sender:
    """One home's outbox, sent to one central store."""

    def __init__(self, ctx: Context, central: Central) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.central = central

    def install_id(self) -> str:
        found = outbox.sync_state(self.store).get("install-id")
        if found:
            return found
        new = uuidlib.uuid4().hex
        outbox.set_sync_state(self.store, {"install-id": new})
        return new

    def _undone(self, held: Collection[tuple[str, str]] = ()) -> Batch | None:
        row = outbox.undone_batch(self.store, held)
        if row is None:
            return None
        return Batch(
            row["batch"],
            row["consultant"],
            bytes(row["data"]),
            bytes(row["manifest"]),
            row["sha256"],
            row["rows"],
            row["area"],
        )

    def _store_batch(
        self,
        db: object,
        who: str,
        area: str,
        lines: list[str],
        kinds: dict[str, int],
        items: list[tuple[str, str, int]],
    ) -> Batch:
        """Put a serialised batch in the outbox, with the records it carries."""
        now = self.ctx.now()
        data = ("\n".join(lines) + "\n").encode("utf-8")
        rec.check_batch(area, who, data)  # never a batch the readers would refuse
        seq = outbox.next_seq(self.store)
        batch = f"{seq:08d}-{self.install_id()[:8]}"
        digest = sha256_of(data)
        manifest = rec.manifest(batch, who, digest, len(lines), now, kinds)
        row = {
            "batch": batch,
            "seq": seq,
            "area": area,
            "consultant": who,
            "data": data,
            "manifest": manifest,
            "sha256": digest,
            "rows": len(lines),
            "created_ts": to_ts(now),
        }
        outbox.insert_batch(self.store, db, row, items)
        return Batch(batch, who, data, manifest, digest, len(lines), area)

    def prepare_reviews(self, limit: int, held: Collection[str] = ()) -> Batch | None:
        """A lead's pending decisions go to ``reviews/<lead>/``, apart from sessions."""
        with self.store.atomic() as db:
            lead = review_store.first_pending_lead(self.store, held)
            if lead is None:
                return None
            rows = review_store.pending_reviews(self.store, lead, limit)
            lines = [rec.dumps(rec.review_record(r)) for r in rows]
            items = [("review", str(r["uuid"]), 1) for r in rows]
            return self._store_batch(db, lead, "reviews", lines, {"review": len(rows)}, items)

    def prepare_rates(self, limit: int) -> Batch | None:
        """Billing's new rate versions go to ``rates/<login>/``; a non-billing home sends none."""
        if self.ctx.settings.get("role") != "billing":
            return None
        with self.store.atomic() as db:
            author = rate_store.first_pending_author(self.store)
            if author is None:
                return None
            rates = rate_store.pending_rates(self.store, author, limit)
            lines = [rec.dumps(rate_record(r)) for r in rates]
            items = [("rate", r.uuid, 1) for r in rates]
            return self._store_batch(db, author, "rates", lines, {"rate": len(rates)}, items)

    def prepare(self, limit: int, held: Collection[str] = ()) -> Batch | None:
        """The next batch: one consultant's pending records, stored in the outbox first."""
        store = self.store
        with store.atomic() as db:
            who = outbox.first_pending_consultant(store, held)
            if who is None:
                return None
            events = outbox.pending_events(store, who, limit)
            sessions = outbox.pending_sessions(store, who, max(limit - len(events), 0))
            lines = [rec.dumps(rec.event_record(e)) for e in events]
            lines += [rec.dumps(r) for r in rec.queued_session_records(sessions)]
            # The sessions' part of the batch is kept in the sync queue (marked by mark_sent).
            items: list[tuple[str, str, int]] = [("event", str(e["uuid"]), 1) for e in events]
            kinds = {"session": len(sessions), "ticket_event": len(events)}
            batch = self._store_batch(db, who, "consultants", lines, kinds, items)
            outbox.mark_sent(store, batch.batch, sessions)
        return batch

    def _next(self, held: dict[tuple[str, str], BatchRefused], limit: int) -> Batch | None:
        """The next batch to send: an undone one first, then new ones; none for a refused folder."""
        return (
            self._undone(held)
            or (None if ("rates", self.ctx.consultant) in held else self.prepare_rates(limit))
            or self.prepare_reviews(limit, [who for area, who in held if area == "reviews"])
            or self.prepare(limit, [who for area, who in held if area == "consultants"])
        )

    def _send(self, batch: Batch) -> tuple[bool, tuple[int, int, int, int]]:
        """Publish, verify and mark one batch: whether its files were written, and what it marked."""
        wrote = self.central.publish(batch)
        self.central.verify(batch)
        crash_point("before_mark")
        marked = outbox.mark_synced(self.store, batch.batch, to_ts(self.ctx.now()))
        crash_point("after_mark")
        return wrote, marked

    def sync(self, progress: Progress | None = None, limit: int = BATCH_ROWS) -> SyncResult:
        """Send everything pending; on failure, everything not verified stays queued.

        A batch the central store refuses (its folder is not this user's, or what is
        there differs) stays queued and is reported; the other batches still go, and
        the first refusal is raised at the end.
        """
        sent = [0, 0, 0, 0, 0, 0]  # batches written, batches skipped, sessions, events, reviews, rates
        billing = self.ctx.settings.get("role") == "billing"
        total = pending(self.store, billing).total
        done = 0
        held: dict[tuple[str, str], BatchRefused] = {}
        try:
            while (batch := self._next(held, limit)) is not None:
                try:
                    wrote, marked = self._send(batch)
                except BatchRefused as exc:
                    held[(batch.area, batch.consultant)] = self._explain(exc, batch)
                    continue
                sent[0 if wrote else 1] += 1
                for i, n in enumerate(marked, start=2):
                    sent[i] += n
                done += batch.rows
                if progress is not None:
                    progress(min(done, total), total)
            self.pull_reviews()
            if held:
                self._report(list(held.values()))
        except TrackerError as exc:
            outbox.set_sync_state(self.store, {"last-error": str(exc), "last-error-at": iso(self.ctx.now())})
            raise
        outbox.set_sync_state(self.store, {"last-sync": iso(self.ctx.now()), "last-error": ""})
        written, skipped, sessions, events, reviews, rates = sent
        left = pending(self.store, billing).total
        return SyncResult(written, skipped, sessions, events, left, self.central.describe(), reviews, rates)

    def _explain(self, exc: BatchRefused, batch: Batch) -> BatchRefused:
        """The refusal, with a word on why when the batch holds someone else's work."""
        me = self.ctx.consultant
        if batch.consultant == me:
            return exc
        hint = _(
            "It holds work recorded here as {login}, while this app is {me}'s: only {login} may "
            "write that folder"
        ).format(login=batch.consultant, me=me)
        explained = type(exc)(f"{exc}. {hint}")
        explained.__cause__ = exc
        return explained

    def _report(self, refusals: list[BatchRefused]) -> None:
        """Every refused batch but the first is a warning; the first is raised."""
        for other in refusals[1:]:
            self.ctx.warn(str(other))
        raise refusals[0]

    def pull_reviews(self) -> int:
        """Fetch the leads' decisions about this consultant's days (approved, or returned with a comment).

        Each central batch is read once; what it holds about this consultant is stored
        together with the mark that it was seen.
        """
        found = 0
        seen = review_store.seen_batches(self.store)
        for got in self.central.review_inbox(self.ctx.consultant, seen):
            decisions = [
                {
                    "uuid": d.uuid,
                    "day": d.day,
                    "decision": d.decision,
                    "comment": d.comment,
                    "lead": d.lead,
                    "at": d.at,
                    "at_ts": rec.ts(d.at),
                }
                for d in got.decisions
            ]
            review_store.receive(self.store, got.key, got.size, decisions)
            found += len(decisions)
        return found
