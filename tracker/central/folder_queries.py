"""What leads and billing ask the folder export's read cache (:mod:`tracker.central.folder_cache`).

Sessions come back at their latest revision, deleted ones left out, flagged
``conflict`` when what they are is disputed: the same (uuid, revision) read with two
contents, or a uuid that arrived from another consultant's folder too.  Billing holds
the money of a disputed session (:mod:`tracker.statement`), never choosing a side.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from tracker.central.cache_tables import session_record
from tracker.central.records import Decision, FinalizedTicket, Record, TicketFacts, ticket_facts
from tracker.central.roles import Roles
from tracker.i18n import _


class CacheQueries:
    """The read model's answers, from the cache's tables."""

    conn: sqlite3.Connection

    def counted_leads(self) -> Roles | None:  # pragma: no cover - FolderCache's
        raise NotImplementedError

    def sessions_between(self, from_day: str, to_day: str, consultant: str | None = None) -> list[Record]:
        """The latest revision of each session of those days, deleted ones left out."""
        first, last = date.fromisoformat(from_day), date.fromisoformat(to_day)
        # Each day by itself: the (day, consultant, start) index serves every one of them.
        params: list[Any] = [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
        if not params:
            return []
        marks = ", ".join("?" * len(params))
        sql = f"SELECT * FROM sessions WHERE day IN ({marks}) AND deleted = 0"  # noqa: S608
        if consultant:
            sql += " AND consultant = ?"
            params.append(consultant)
        rows = self.conn.execute(sql + " ORDER BY day, consultant, start_ts, uuid", params).fetchall()
        return self._flagged(rows)

    def _flagged(self, rows: list[sqlite3.Row]) -> list[Record]:
        disputed = self._disputed()
        out = []
        for r in rows:
            rec = session_record(r)
            if r["uuid"] in disputed or (r["uuid"], r["revision"]) in disputed:
                rec["flags"] = [*rec.get("flags", []), "conflict"]
            out.append(rec)
        return out

    def _disputed(self) -> set[Any]:
        """uuids that arrived from two owners, and (uuid, revision) pairs read with two contents."""
        out: set[Any] = set()
        for r in self.conn.execute("SELECT uuid, revision, kind FROM conflicts"):
            out.add(r["uuid"] if r["kind"] == "owner" else (r["uuid"], r["revision"]))
        return out

    def conflicts(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT uuid, revision, first_batch, other_batch, kind FROM conflicts ORDER BY uuid, revision"
        ).fetchall()
        content = _(
            "record {uuid} revision {revision} differs between {first} and {other}; "
            "it is flagged 'conflict' and billing holds its money"
        )
        owner = _(
            "record {uuid} came from {other} but belongs to the consultant of {first}; "
            "it is ignored there, flagged 'conflict', and billing holds its money"
        )
        return [
            (owner if r["kind"] == "owner" else content).format(
                uuid=r["uuid"], revision=r["revision"], first=r["first_batch"], other=r["other_batch"]
            )
            for r in rows
        ]

    def disagreeing_tickets(self) -> set[str]:
        """Tickets whose 'created' metadata differs between consultants (an indexed count)."""
        rows = self.conn.execute(
            "SELECT ticket FROM ticket_meta GROUP BY ticket HAVING count(DISTINCT sha) > 1"
        ).fetchall()
        return {r[0] for r in rows}

    def ticket_disagreements(self) -> list[str]:
        """What differs, for each ticket whose 'created' metadata differs between consultants."""
        out = []
        for ticket in sorted(self.disagreeing_tickets()):
            rows = self.conn.execute(
                "SELECT consultant, payload FROM events WHERE event = 'created' AND ticket = ? "
                "ORDER BY consultant",
                (ticket,),
            ).fetchall()
            versions = {r["consultant"]: json.loads(r["payload"])["payload"] for r in rows}
            keys = sorted({k for v in versions.values() for k in v} - {"number"})
            differ = [k for k in keys if len({json.dumps(v.get(k)) for v in versions.values()}) > 1]
            out.append(
                _("ticket {number}: {fields} differ between {consultants}").format(
                    number=ticket, fields=", ".join(differ), consultants=", ".join(sorted(versions))
                )
            )
        return out

    def _events_of_ticket(self, ticket: str) -> tuple[list[Record], bool]:
        rows = self.conn.execute(
            "SELECT e.payload, EXISTS (SELECT 1 FROM conflicts c WHERE c.uuid = e.uuid) AS disputed "
            "FROM events e WHERE e.ticket = ? ORDER BY e.at, e.uuid",
            (ticket,),
        ).fetchall()
        return [json.loads(r["payload"]) for r in rows], any(r["disputed"] for r in rows)

    def _facts(self, number: str) -> TicketFacts:
        events, disputed = self._events_of_ticket(number)
        return ticket_facts(number, events, conflicted=disputed)

    def tickets(self, numbers: Iterable[str]) -> dict[str, TicketFacts]:
        return {n: self._facts(n) for n in numbers}

    def finalized_tickets(self, month: str) -> Iterator[FinalizedTicket]:
        """Tickets with a finalization in ``month`` (YYYY-MM, by its local date), by number."""
        rows = self.conn.execute(
            "SELECT DISTINCT ticket FROM finalized WHERE at >= ? AND at < ?", (month, month + "~")
        ).fetchall()
        for number in sorted(r["ticket"] for r in rows):
            yield FinalizedTicket(self._facts(number), tuple(self._sessions_of_ticket(number)))

    def _sessions_of_ticket(self, ticket: str) -> list[Record]:
        """The latest revision of each of the ticket's sessions, from every consultant."""
        rows = self.conn.execute(
            "SELECT * FROM sessions WHERE ticket = ? AND deleted = 0 ORDER BY start_ts, uuid",
            (ticket,),
        ).fetchall()
        return self._flagged(rows)

    def consultants(self) -> list[str]:
        """Everyone with a batch in the export."""
        rows = self.conn.execute("SELECT DISTINCT consultant FROM batches WHERE area = 'consultants'")
        return sorted(r[0] for r in rows)

    def last_batch_ts(self) -> dict[str, int]:
        """When each consultant's latest batch was written (from its manifest)."""
        rows = self.conn.execute(
            "SELECT consultant, max(created_ts) FROM batches WHERE area = 'consultants' GROUP BY consultant"
        )
        return {r[0]: int(r[1]) for r in rows}

    def decisions(self, day: str | None = None) -> dict[tuple[str, str], Decision]:
        """The latest lead decision per (consultant, day), from leads that count, none disputed."""
        sql = (
            "SELECT uuid, consultant, day, decision, comment, lead, at FROM reviews r "
            "WHERE NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.uuid = r.uuid)"
        )
        params: tuple[Any, ...] = ()
        if day:
            sql += " AND day = ?"
            params = (day,)
        roles = self.counted_leads()
        out: dict[tuple[str, str], Decision] = {}
        for r in self.conn.execute(sql + " ORDER BY at_ts, uuid", params):
            if roles is not None and not roles.has(r["lead"], "lead"):
                continue
            out[(r["consultant"], r["day"])] = Decision(
                r["uuid"], r["consultant"], r["day"], r["decision"], r["comment"], r["lead"], r["at"]
            )
        return out

    def counts(self) -> dict[str, int]:
        one = self.conn.execute
        return {
            "batches": one("SELECT count(*) FROM batches").fetchone()[0],
            "sessions": one("SELECT count(*) FROM sessions WHERE deleted = 0").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
        }
