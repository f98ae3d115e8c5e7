"""The :class:`~tracker.central.Central` protocol on a PostgreSQL server.

Chosen by :func:`tracker.central.open_central` when the home's ``central`` setting is
a ``postgresql://`` URL.  It connects, on first use, as the home's consultant login
(or the user the URL names), with the timeouts of :mod:`.connection`; the password is
libpq's business.

Writing: a batch from the sender's outbox becomes one server transaction
(:func:`.store.publish`), exactly once by (uuid, revision); the same key with another
payload is refused as tampering (:class:`~.errors.RecordConflict`), and what the role
may not write is refused by the server itself (:class:`~.errors.ServerRefused`).

Reading: every question is one or two SQL queries (:mod:`.reads`).  A lead's review
asks about one day consultant by consultant; the first such question fetches the
whole day (and the tickets in it) for everyone at once, and the rest are answered
from that, until the next :meth:`refresh`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from datetime import date, timedelta
from types import TracebackType

from tracker.central.faults import crash_point
from tracker.central.postgres import admin, reads
from tracker.central.postgres.connection import TIMEOUT, Connection, connect
from tracker.central.postgres.errors import RoleMissing, ServerRefused
from tracker.central.postgres.store import publish_lines
from tracker.central.records import (
    Batch,
    Decision,
    FinalizedTicket,
    InboxBatch,
    ReadReport,
    Record,
    TamperedBatch,
    TicketFacts,
    dumps,
    ticket_facts,
)
from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.server_url import server_label, url_user

# Day spans a review asks about (the day, and the day before to the day after): fetched
# for every consultant at once.  Longer spans are asked as they come.
SHARED_SPAN_DAYS = 3
TICKETS_PER_QUERY = 1000
# The role (and the server's group) a batch of each area needs beyond a consultant's.
AREA_ROLES = {"rates": ("billing", "tracker_billing"), "reviews": ("lead", "tracker_lead")}


from tracker.billing import Rate  # noqa: E402
from tracker.central.billing_records import IssuedStatement, issued_from_record, rate_from_record  # noqa: E402
from tracker.central.postgres import store as pg_store  # noqa: E402


class PostgresCentral:
    """The central store on the server at ``url``, as ``login`` (unless the URL names a user)."""

    def __init__(self, url: str, login: str, *, timeout: int = TIMEOUT) -> None:
        self.url = url
        self.login = url_user(url) or login
        self.timeout = timeout
        self._conn: Connection | None = None
        self._spans: dict[tuple[str, str], dict[str, list[Record]]] = {}
        self._facts: dict[str, TicketFacts] = {}
        self._senders: dict[str, int] | None = None

    @property
    def conn(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = connect(self.url, self.login, timeout=self.timeout)
        return self._conn

    # ----- writing -----------------------------------------------------------------

    def describe(self) -> str:
        return _("{server} (PostgreSQL, as {login})").format(server=server_label(self.url), login=self.login)

    def publish(self, batch: Batch) -> bool:
        try:
            lines = batch.data.decode("utf-8").splitlines()
            manifest = json.loads(batch.manifest)
        except ValueError as exc:  # pragma: no cover - the outbox holds what this app wrote
            raise TamperedBatch(
                _("batch {batch} in the outbox cannot be read ({error})").format(batch=batch.batch, error=exc)
            ) from None
        try:
            done = publish_lines(
                self.conn,
                batch.batch,
                batch.consultant,
                lines,
                batch.sha256,
                area=batch.area,
                manifest=manifest,
            )
        except ServerRefused as exc:
            raise self._role_missing(batch, exc) or exc from None
        crash_point("after_commit")
        self._senders = None
        return done.batch_new

    def _role_missing(self, batch: Batch, refusal: ServerRefused) -> RoleMissing | None:
        """The refusal of a batch whose records need a role this login lacks, saying which."""
        needed = AREA_ROLES.get(batch.area)
        if needed is None:
            return None
        role, group = needed
        try:
            has = reads.has_role(self.conn, group)
        except TrackerError:  # the refusal itself is what counts
            return None
        if has:
            return None
        text = _(
            "{refusal}. {what} are published by the {role} role only, and the login {login} does not "
            "have it on {server} (the server's group {group}): ask its administrator "
            "(tracker central add-user {login} --role {role}), or sync from a {role} login; "
            "they stay queued here, nothing is lost"
        )
        what = _("Rate versions") if batch.area == "rates" else _("Review decisions")
        found = RoleMissing(
            text.format(
                refusal=refusal,
                what=what,
                role=role,
                login=self.login,
                server=server_label(self.url),
                group=group,
            )
        )
        found.__cause__ = refusal
        return found

    def verify(self, batch: Batch) -> None:
        found = reads.batch(self.conn, batch.consultant, batch.batch)
        if found != (batch.sha256, batch.rows, batch.area):
            raise TamperedBatch(
                _(
                    "batch {batch} read back from {server} is not what was sent; it stays queued. "
                    "Ask the server's administrator, then sync again"
                ).format(batch=batch.batch, server=server_label(self.url))
            )

    def review_inbox(self, consultant: str, seen: Collection[str]) -> Iterator[InboxBatch]:
        for key, decisions in reads.review_inbox(self.conn, consultant, seen):
            yield InboxBatch(key, len(decisions), tuple(decisions))

    # ----- reading -----------------------------------------------------------------

    def refresh(self) -> ReadReport:
        """Nothing to catch up with: the server is the read model.  Forgets what was fetched."""
        self._spans.clear()
        self._facts.clear()
        self._senders = None
        return ReadReport(0, [])

    def sessions_of_day(self, day: str, consultant: str | None = None) -> list[Record]:
        return self.sessions_between(day, day, consultant)

    def sessions_between(self, from_day: str, to_day: str, consultant: str | None = None) -> list[Record]:
        first, last = date.fromisoformat(from_day), date.fromisoformat(to_day)
        if consultant is None or (last - first).days + 1 > SHARED_SPAN_DAYS:
            return reads.sessions_between(self.conn, from_day, to_day, consultant)
        return [r for r in self._span(first, last).get(consultant, []) if from_day <= r["day"] <= to_day]

    def _span(self, first: date, last: date) -> dict[str, list[Record]]:
        """Every consultant's sessions of a few days around ``first``..``last``, fetched once."""
        for (low, high), found in self._spans.items():
            if low <= first.isoformat() and last.isoformat() <= high:
                return found
        # A day asked alone comes with its neighbours: the review asks for them next.
        low = (first - timedelta(days=1)).isoformat() if first == last else first.isoformat()
        high = (last + timedelta(days=1)).isoformat() if first == last else last.isoformat()
        by_consultant: dict[str, list[Record]] = {}
        for rec in reads.sessions_between(self.conn, low, high):
            by_consultant.setdefault(rec["consultant"], []).append(rec)
        self._spans[(low, high)] = by_consultant
        return by_consultant

    def tickets(self, numbers: Iterable[str]) -> dict[str, TicketFacts]:
        wanted = list(dict.fromkeys(numbers))
        missing = [n for n in wanted if n not in self._facts]
        if missing:
            # The tickets of the days fetched so far come along: a review asks for them next.
            likely = {r["ticket"] for span in self._spans.values() for rs in span.values() for r in rs}
            self._learn([*missing, *sorted(likely - self._facts.keys() - set(missing))])
        return {n: self._facts[n] for n in wanted}

    def _learn(self, numbers: list[str]) -> None:
        for first in range(0, len(numbers), TICKETS_PER_QUERY):
            chunk = numbers[first : first + TICKETS_PER_QUERY]
            for number, events in reads.events_of_tickets(self.conn, chunk).items():
                self._facts[number] = ticket_facts(number, events)

    def finalized_tickets(self, month: str) -> Iterator[FinalizedTicket]:
        numbers = reads.finalized_tickets(self.conn, month)
        for first in range(0, len(numbers), TICKETS_PER_QUERY):
            chunk = numbers[first : first + TICKETS_PER_QUERY]
            events = reads.events_of_tickets(self.conn, chunk)
            sessions = reads.sessions_of_tickets(self.conn, chunk)
            for number in chunk:
                yield FinalizedTicket(ticket_facts(number, events[number]), tuple(sessions[number]))

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], Decision]:
        return reads.decisions(self.conn, day)

    def approved_days(self) -> set[tuple[str, str]]:
        return reads.approved_days(self.conn)

    def conflicts(self) -> list[str]:
        """None: the server refuses a record whose (uuid, revision) it holds with other contents."""
        return []

    def disagreeing_tickets(self) -> set[str]:
        return reads.disagreeing_tickets(self.conn)

    def ticket_disagreements(self) -> list[str]:
        out = []
        tickets = sorted(self.disagreeing_tickets())
        for first in range(0, len(tickets), TICKETS_PER_QUERY):
            chunk = tickets[first : first + TICKETS_PER_QUERY]
            for ticket, versions in reads.created_versions(self.conn, chunk).items():
                keys = sorted({k for v in versions.values() for k in v})
                differ = [k for k in keys if len({json.dumps(v.get(k)) for v in versions.values()}) > 1]
                out.append(
                    _("ticket {number}: {fields} differ between {consultants}").format(
                        number=ticket, fields=", ".join(differ), consultants=", ".join(sorted(versions))
                    )
                )
        return out

    def _last_sent(self) -> dict[str, int]:
        if self._senders is None:
            self._senders = reads.senders(self.conn)
        return self._senders

    def consultants(self) -> list[str]:
        return sorted(self._last_sent())

    def last_batch_ts(self) -> dict[str, int]:
        return dict(self._last_sent())

    def rate_records(self) -> list[Record]:
        """Every rate version billing published (for the statement's central rates)."""
        return reads.rates(self.conn)

    def schema_version(self) -> int:
        return admin.schema_version(self.conn)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> PostgresCentral:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ----- billing: rates and issued statements ----------------------------------------

    def rates(self) -> list[Rate]:
        """Every rate version billing published on the server (the server checks who may)."""
        found = []
        for rec in reads.rates(self.conn):
            try:
                found.append(rate_from_record(rec))
            except ValueError:
                continue  # the server's own constraints keep these out; never priced from
        return found

    def issued(self, month: str) -> IssuedStatement | None:
        """The statement issued for ``month``: the first kept, as billing issued it."""
        for row in reads.statements(self.conn, month):
            # jsonb keeps an object's keys in its own order (shorter first); the folder's
            # record has them sorted.  Sorted again, the statement is drawn byte for byte
            # as from the folder (the accounting fields of a line, for one).
            return issued_from_record(json.loads(dumps(row["lines"])))
        return None

    def issued_months(self) -> list[str]:
        return reads.issued_months(self.conn)

    def publish_issued(self, statement: IssuedStatement) -> None:
        """Keep the issued statement whole (its record) in the server's statements table."""
        pg_store.issue_statement(
            self.conn, statement.month, statement.record(), statement.totals, statement.sha256
        )
