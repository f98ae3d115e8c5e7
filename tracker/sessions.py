"""Stored sessions: typed in by hand, a day's log, and changes that never erase history.

Every change (edit, split, delete) writes an entry to the append-only ``audit``
table with who, when, why, and the values before and after.  A session that has
reached the central export is never changed in place as far as the export is
concerned: the change becomes a new revision (a delete, a tombstone revision), which
the next sync sends.  Until then, changes keep the revision.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, NamedTuple

from tracker.context import Context
from tracker.errors import BadInput, NotFound
from tracker.flags import session_flags
from tracker.i18n import _
from tracker.ids import new_uuid
from tracker.model import Session, zone_of
from tracker.store import audit
from tracker.store import sessions as rows
from tracker.tickets import TicketService
from tracker.timeutil import iso, offset_seconds, session_zone, to_ts
from tracker.validate import check_interval, clean_day, clean_reason, clean_text


def snapshot(s: Session) -> dict[str, Any]:
    return {
        "ticket": s.ticket,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "note": s.note,
        "zone": s.zone,
        "flags": list(s.flags),
        "deleted": s.deleted,
        "revision": s.revision,
    }


class DayTotal(NamedTuple):
    """One day of a consultant's sessions, as a list of days shows it."""

    day: date
    seconds: int  # recorded, the sessions of that local day
    sessions: int
    unsynced: int  # sessions (and deletions) not yet in the central store
    changed_at: datetime | None  # the last time a session of that day was recorded or changed


def _next(session: Session, **changes: Any) -> Session:
    """The changed session: a new revision once the export has the current one."""
    # Once a revision is in a batch (sent, even if not yet verified), the export may
    # hold it: a change must then be a new revision, never the same one with new content.
    revision = session.revision + 1 if session.sent_revision >= session.revision else session.revision
    return session._replace(revision=revision, synced=False, **changes)


class SessionService:
    def __init__(self, ctx: Context, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    # ----- recording and reading ---------------------------------------------------

    def add(self, number: str, start: str | datetime, end: str | datetime, note: str = "") -> Session:
        """A session typed in by hand."""
        ticket = self.tickets.get(number)
        begin = self.ctx.when(start, "start")
        finish = self.ctx.when(end, "end")
        note = clean_text(note, "note")
        check_interval(begin, finish, self.ctx.now())
        if ticket.finalized:
            raise BadInput(
                "number",
                _("ticket {number} is finalized; its time can no longer change").format(number=ticket.number),
            )
        zname = session_zone(begin, self.ctx.clock.zone())
        tz = zone_of(zname, offset_seconds(begin))
        session = Session(
            uuid=new_uuid(),
            ticket=ticket.number,
            consultant=self.ctx.consultant,
            type=ticket.type_at(begin),
            start=begin.astimezone(tz),
            end=finish.astimezone(tz),
            zone=zname,
            note=note,
            source="manual",
        )
        with self.ctx.store.atomic() as db:
            rows.insert_session(db, session, created_ts=to_ts(self.ctx.now()))
        return session

    def log(self, day: str | date | None = None, consultant: str | None = None) -> list[Session]:
        """One day's sessions, the day taken in each session's own zone."""
        the_day = clean_day(day, self.ctx.today())
        store = self.ctx.store
        sessions = rows.sessions_of_day(store, consultant or self.ctx.consultant, the_day.isoformat())
        if not sessions:
            return sessions
        first = min(to_ts(s.start) for s in sessions)
        last = max(to_ts(s.end) for s in sessions)
        neighbours = rows.sessions_between(store, sessions[0].consultant, first, last)
        flags = session_flags(sessions, neighbours, self.ctx.settings.long_session_seconds)
        return [s._replace(flags=flags[s.uuid]) for s in sessions]

    def days(self, from_day: str | date, to_day: str | date) -> list[DayTotal]:
        """This consultant's days from ``from_day`` to ``to_day`` that hold sessions, oldest first."""
        today = self.ctx.today()
        first = clean_day(from_day, today, "from")
        last = clean_day(to_day, today, "to")
        if last < first:
            raise BadInput(
                "to", _("{to} is before {first}").format(to=last.isoformat(), first=first.isoformat())
            )
        zone = self.ctx.now().tzinfo
        found = rows.day_totals(self.ctx.store, self.ctx.consultant, first.isoformat(), last.isoformat())
        return [
            DayTotal(
                day=date.fromisoformat(r["local_day"]),
                seconds=int(r["seconds"] or 0),
                sessions=int(r["sessions"] or 0),
                unsynced=int(r["unsynced"] or 0),
                changed_at=datetime.fromtimestamp(r["changed_ts"], UTC).astimezone(zone)
                if r["changed_ts"]
                else None,
            )
            for r in found
        ]

    def of_ticket(self, number: str) -> list[Session]:
        return rows.sessions_of_ticket(self.ctx.store, self.tickets.get(number).number)

    def get(self, uuid: str) -> Session:
        """A session by uuid, or by a unique prefix of at least 8 characters."""
        key = (uuid or "").strip().lower()
        if not key:
            raise BadInput("UUID", _("is empty; give a session uuid from tracker log --json"))
        session = rows.get_session(self.ctx.store, key)
        if session is None and len(key) >= 8:
            found = rows.find_session_uuids(self.ctx.store, key)
            if len(found) > 1:
                raise BadInput(
                    "UUID", _("'{key}' matches several sessions; give more of the uuid").format(key=key)
                )
            if found:
                session = rows.get_session(self.ctx.store, found[0])
        if session is None:
            raise NotFound(
                "UUID", _("no session {key}; see tracker log --json for the uuids").format(key=key)
            )
        return session

    # ----- changes, each with its audit entry --------------------------------------

    def _audit(self, db: Any, action: str, why: str, before: Session | None, after: Session) -> None:
        import json  # only a change of a session writes one, not a command that reads

        now = self.ctx.now()
        audit.insert_audit(
            db,
            uuid=new_uuid(),
            session=after.uuid,
            revision=after.revision,
            action=action,
            who=self.ctx.consultant,
            at_ts=to_ts(now),
            utc_offset=offset_seconds(now),
            why=why,
            before=None if before is None else json.dumps(snapshot(before), ensure_ascii=False),
            after=json.dumps(snapshot(after), ensure_ascii=False),
        )

    def _changeable(self, session: Session) -> None:
        if session.deleted:
            raise BadInput(
                "UUID", _("session {uuid} was deleted; see tracker session history").format(uuid=session.uuid)
            )
        if session.consultant != self.ctx.consultant:
            raise BadInput(
                "UUID",
                _("session {uuid} belongs to {consultant}; only they can change it").format(
                    uuid=session.uuid, consultant=session.consultant
                ),
            )
        ticket = self.tickets.get(session.ticket)
        if ticket.finalized:
            raise BadInput(
                "UUID",
                _("ticket {number} is finalized; its sessions can no longer change").format(
                    number=ticket.number
                ),
            )

    def edit(
        self,
        uuid: str,
        *,
        reason: str,
        start: str | datetime | None = None,
        end: str | datetime | None = None,
        ticket: str | None = None,
        note: str | None = None,
    ) -> Session:
        # Read, decided and written in one transaction: a sync between the read and the
        # write would otherwise send the revision this change keeps (see _next).
        with self.ctx.store.atomic() as db:
            session = self.get(uuid)
            why = clean_reason(reason)
            self._changeable(session)
            if start is None and end is None and ticket is None and note is None:
                raise BadInput("start", _("nothing to change; give --start, --end, --ticket or --note"))
            begin = session.start if start is None else self.ctx.when(start, "start")
            finish = session.end if end is None else self.ctx.when(end, "end")
            if start is not None or end is not None:
                check_interval(begin, finish, self.ctx.now())
            target = session.ticket if ticket is None else self.tickets.get(ticket).number
            if target != session.ticket and self.tickets.get(target).finalized:
                raise BadInput("ticket", _("ticket {number} is finalized").format(number=target))
            zone_name = session.zone
            tz = zone_of(session.zone, offset_seconds(session.start))
            if start is not None and begin.utcoffset() != session.start.utcoffset():
                zone_name = session_zone(begin, self.ctx.clock.zone())
                tz = zone_of(zone_name, offset_seconds(begin))
            changed = _next(
                session,
                ticket=target,
                type=self.tickets.get(target).type_at(begin),
                start=begin.astimezone(tz),
                end=finish.astimezone(tz),
                zone=zone_name,
                note=session.note if note is None else clean_text(note, "note"),
            )
            rows.update_session(db, changed)
            self._audit(db, "edit", why, session, changed)
        return changed

    def split(self, uuid: str, at: str | datetime, reason: str = "") -> tuple[Session, Session]:
        """Two sessions that meet at ``at``; the total time is kept to the second."""
        with self.ctx.store.atomic() as db:  # read to write in one transaction, as edit
            session = self.get(uuid)
            self._changeable(session)
            when = self.ctx.when(at, "at")
            if not to_ts(session.start) < to_ts(when) < to_ts(session.end):
                raise BadInput(
                    "at",
                    _("{time} is not inside the session ({start} - {end})").format(
                        time=iso(when), start=iso(session.start), end=iso(session.end)
                    ),
                )
            tz = session.start.tzinfo
            assert tz is not None
            why = (reason or "").strip() or f"split at {iso(when)}"
            first = _next(session, end=when.astimezone(tz))
            second = session._replace(
                uuid=new_uuid(),
                start=when.astimezone(tz),
                revision=1,
                synced=False,
                sent_revision=0,
                source="split",
                type=self.tickets.get(session.ticket).type_at(when),
            )
            rows.update_session(db, first)
            rows.insert_session(db, second, created_ts=to_ts(self.ctx.now()))
            self._audit(db, "split", why, session, first)
            self._audit(db, "split_from", f"{why}; the second part of {session.uuid}", None, second)
        return first, second

    def delete(self, uuid: str, reason: str) -> Session:
        """A tombstone: the row stays, marked deleted, and the audit keeps what it was."""
        with self.ctx.store.atomic() as db:  # read to write in one transaction, as edit
            session = self.get(uuid)
            why = clean_reason(reason)
            self._changeable(session)
            gone = _next(session, deleted=True)
            rows.update_session(db, gone)
            self._audit(db, "delete", why, session, gone)
        return gone

    def history(self, uuid: str) -> list[dict[str, Any]]:
        """Every revision of a session, oldest first: who, when, why, before and after."""
        import json  # the audit's snapshots; no everyday command reads them

        session = self.get(uuid)
        entries = audit.audit_of_session(self.ctx.store, session.uuid)
        found: list[dict[str, Any]] = []
        if not entries or entries[0]["action"] != "split_from":
            first = json.loads(entries[0]["before"]) if entries else snapshot(session)
            created = datetime.fromtimestamp(rows.created_ts_of(self.ctx.store, session.uuid), UTC)
            found.append(
                {
                    "revision": first["revision"],
                    "action": "created",
                    "who": session.consultant,
                    "at": iso(created.astimezone(session.start.tzinfo)),
                    "why": f"recorded ({session.source})",
                    "before": None,
                    "after": first,
                }
            )
        for r in entries:
            tz = timezone(timedelta(seconds=r["utc_offset"]))
            found.append(
                {
                    "revision": r["revision"],
                    "action": r["action"],
                    "who": r["who"],
                    "at": iso(datetime.fromtimestamp(r["at_ts"], tz)),
                    "why": r["why"],
                    "before": json.loads(r["before"]) if r["before"] else None,
                    "after": json.loads(r["after"]),
                }
            )
        return found
