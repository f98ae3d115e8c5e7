"""Tickets: adding, showing, the term, escalation, defects, finalization.

Every change to a ticket writes a ticket event in the same transaction, which the
next sync sends to the central export.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from tracker.context import Context
from tracker.errors import BadInput, NotFound
from tracker.i18n import _, type_name
from tracker.ids import new_uuid
from tracker.model import ESCALATION_CHECKLIST, ConsultancyType, Defect, DefectKind, EventKind, Ticket
from tracker.store import sessions as session_rows
from tracker.store import tickets as rows
from tracker.store import timers as timer_rows
from tracker.timeutil import iso, offset_seconds, parse_date, to_ts
from tracker.validate import (
    clean_text,
    clean_ticket,
    clean_ticket_number,
    event_fields,
    ticket_warnings,
)


class TicketService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _event(self, db: Any, ticket: str, kind: EventKind, payload: dict[str, Any], at: datetime) -> None:
        import json  # only where a ticket's JSON texts are written or read

        rows.insert_event(
            db,
            uuid=new_uuid(),
            ticket=ticket,
            kind=kind.value,
            payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
            consultant=self.ctx.consultant,
            at_ts=to_ts(at),
            utc_offset=offset_seconds(at),
        )

    def get(self, number: str) -> Ticket:
        number = clean_ticket_number(number)
        ticket = rows.get_ticket(self.ctx.store, number)
        if ticket is None:
            raise NotFound(
                "number",
                _("ticket {number} does not exist; add it first with tracker ticket add").format(
                    number=number
                ),
            )
        return ticket

    def add(self, number: str, customer: str, type: str, **more: str | date | None) -> Ticket:
        """A new ticket; ``more`` holds the optional fields of :func:`tracker.validate.clean_ticket`."""
        raw = {"number": number, "customer": customer, "type": type, **more}
        fields = clean_ticket(raw, self.ctx.today(), self.ctx.warn)
        if rows.get_ticket(self.ctx.store, fields["number"]) is not None:
            raise BadInput(
                "number",
                _("ticket {number} already exists; see tracker ticket show {number}").format(
                    number=fields["number"]
                ),
            )
        now = self.ctx.now()
        for warning in ticket_warnings(fields, self.ctx.settings.products):
            self.ctx.warn(warning)
        with self.ctx.store.atomic() as db:
            rows.insert_ticket(db, fields, created_ts=to_ts(now), created_by=self.ctx.consultant)
            self._event(db, fields["number"], EventKind.CREATED, event_fields(fields), now)
        return self.get(fields["number"])

    def recorded_seconds(self, number: str) -> dict[str, int]:
        """The seconds recorded on a ticket here, by consultancy type."""
        return session_rows.ticket_totals(self.ctx.store, self.get(number).number)

    def list_tickets(self, open_only: bool = False) -> list[Ticket]:
        return rows.list_tickets(self.ctx.store, open_only)

    def recent(self, limit: int = 5) -> list[Ticket]:
        """Open tickets to start again: the running one, then by your latest session.

        When you have worked on fewer than ``limit``, the newest open tickets fill in.
        """
        if limit < 1:
            raise BadInput(
                "limit", _("{limit} is not a number of tickets; use 1 or more").format(limit=limit)
            )
        store, me = self.ctx.store, self.ctx.consultant
        timer = timer_rows.get_timer(store, me)
        numbers: dict[str, None] = dict.fromkeys([timer.ticket] if timer else [])
        numbers.update(dict.fromkeys(rows.recently_worked_open_tickets(store, me, limit)))
        if len(numbers) < limit:
            numbers.update(dict.fromkeys(rows.newest_open_tickets(store, limit + len(numbers))))
        return rows.tickets_by_number(store, list(numbers)[:limit])

    def accept_term(self, number: str, when: str | date, ref: str = "") -> Ticket:
        ticket = self.get(number)
        accepted = when if isinstance(when, date) else parse_date(when, "date")
        ref = clean_text(ref, "ref")
        if not ticket.type.billed and not ticket.original_type.billed:
            raise BadInput(
                "number",
                _("ticket {number} is standard support, never billed; it needs no term").format(
                    number=ticket.number
                ),
            )
        if accepted > self.ctx.today():
            raise BadInput("date", _("{date} is in the future").format(date=accepted.isoformat()))
        now = self.ctx.now()
        payload = {"term_accepted": accepted.isoformat(), "term_ref": ref}
        with self.ctx.store.atomic() as db:
            rows.update_ticket(db, ticket.number, term_accepted=accepted.isoformat(), term_ref=ref)
            self._event(db, ticket.number, EventKind.TERM_ACCEPTED, payload, now)
        return self.get(ticket.number)

    def escalate(
        self, number: str, at: str | datetime | None = None, confirmations: Iterable[str] = ()
    ) -> Ticket:
        """Standard support becomes support from ``at`` on (now by default)."""
        import json  # the checklist, stored as a JSON list

        ticket = self.get(number)
        when = self.ctx.when(at, "at")
        self.ctx.not_future(when, "at")
        if ticket.type is not ConsultancyType.STANDARD:
            raise BadInput(
                "number",
                _("ticket {number} is {type}; only a standard ticket is escalated").format(
                    number=ticket.number, type=type_name(ticket.type)
                ),
            )
        if ticket.finalized:
            raise BadInput("number", _("ticket {number} is finalized").format(number=ticket.number))
        checklist = _checklist(confirmations)
        now = self.ctx.now()
        support = ConsultancyType.SUPPORT.value
        payload = {"at": iso(when), "from": "standard", "to": "support", "checklist": checklist}
        with self.ctx.store.atomic() as db:
            rows.update_ticket(
                db,
                ticket.number,
                type=support,
                escalated_ts=to_ts(when),
                escalation_checklist=json.dumps(checklist),
            )
            # Sessions not yet synced that started after the escalation carry the new type.
            session_rows.restamp_sessions(db, ticket.number, to_ts(when), support)
            self._event(db, ticket.number, EventKind.ESCALATED, payload, now)
        return self.get(ticket.number)

    def flag_defect(
        self, number: str, kind: str, ref: str, *, published: bool = False, note: str = ""
    ) -> Defect:
        ticket = self.get(number)
        try:
            defect_kind = DefectKind((kind or "").strip().lower())
        except ValueError:
            raise BadInput(
                "kind", _("'{kind}' is not a defect kind; use product or documentation").format(kind=kind)
            ) from None
        ref = clean_text(ref, "ref", required=True)
        note = clean_text(note, "note")
        if ticket.type is ConsultancyType.TECHNICAL:
            self.ctx.warn(_("a defect on a technical ticket is recorded and reported; it waives nothing"))
        now = self.ctx.now()
        defect = Defect(
            new_uuid(), ticket.number, defect_kind, ref, published, note, now, self.ctx.consultant
        )
        payload = {
            "uuid": defect.uuid,
            "kind": defect_kind.value,
            "ref": ref,
            "published": published,
            "note": note,
        }
        with self.ctx.store.atomic() as db:
            rows.insert_defect(db, defect)
            self._event(db, ticket.number, EventKind.DEFECT_FLAGGED, payload, now)
        return defect

    def finalize(self, number: str, at: str | datetime | None = None) -> Ticket:
        ticket = self.get(number)
        when = self.ctx.when(at, "at")
        self.ctx.not_future(when, "at")
        if ticket.finalized:
            assert ticket.finalized_at is not None
            raise BadInput(
                "number",
                _("ticket {number} was finalized already, at {time}").format(
                    number=ticket.number, time=iso(ticket.finalized_at)
                ),
            )
        running = timer_rows.timer_on_ticket(self.ctx.store, ticket.number)
        if running:
            raise BadInput(
                "number",
                _("a timer runs on ticket {number} ({who}); stop it first with tracker stop").format(
                    number=ticket.number, who=running
                ),
            )
        now = self.ctx.now()
        with self.ctx.store.atomic() as db:
            rows.update_ticket(
                db, ticket.number, finalized_ts=to_ts(when), finalized_offset=offset_seconds(when)
            )
            self._event(db, ticket.number, EventKind.FINALIZED, {"at": iso(when)}, now)
        return self.get(ticket.number)


def _checklist(confirmations: Iterable[str]) -> list[str]:
    """The escalation checklist's items confirmed, each once, in the order given."""
    checklist: list[str] = []
    for item in confirmations:
        key = item.strip().lower()
        if key not in ESCALATION_CHECKLIST:
            raise BadInput(
                "confirm",
                _("'{item}' is not a confirmation; use {options}").format(
                    item=item, options=", ".join(ESCALATION_CHECKLIST)
                ),
            )
        if key not in checklist:
            checklist.append(key)
    return checklist
