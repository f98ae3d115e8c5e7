"""The service layer: everything the CLI and the desktop app can do.

Both front ends call these methods and nothing else; neither builds SQL.  Each method
checks its input first and raises :class:`BadInput` naming the field before anything
is written, then writes in one transaction.
"""

from __future__ import annotations

import json
import re
import uuid as uuidlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.central import Central
from tracker.central.sender import SyncResult, SyncStatus
from tracker.central.service import CentralService
from tracker.clock import Clock
from tracker.config import Settings
from tracker.context import Context
from tracker.errors import BadInput, NotFound, TrackerError
from tracker.i18n import _, type_name
from tracker.model import (
    ESCALATION_CHECKLIST,
    MAX_SESSION_SECONDS,
    SCOPES,
    ConsultancyType,
    Defect,
    DefectKind,
    EventKind,
    Flag,
    RunningTimer,
    Session,
    Ticket,
    from_ts,
    zone_of,
)
from tracker.review import DayReview
from tracker.statement import Statement
from tracker.store import Store
from tracker.store import queries as q
from tracker.timeutil import (
    iso,
    offset_seconds,
    parse_date,
    parse_time,
    session_zone,
    to_ts,
    zone,
)

if TYPE_CHECKING:  # pragma: no cover
    from tracker.billing import Rate

TICKET_RE = re.compile(r"^[0-9]{7,8}$")
MAX_TEXT = 2000
Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    pass


def clean_ticket_number(value: str | None, warn: Warn = _ignore, field: str = "number") -> str:
    """Tickets are text; usually 7-8 digits, and anything else is only warned about."""
    number = (value or "").strip()
    if not number:
        raise BadInput(field, _("is empty; give the ticket number, for example 12345678"))
    if len(number) > 64 or any(ch.isspace() or not ch.isprintable() for ch in number):
        raise BadInput(
            field,
            _("'{number}' is not a ticket number; use up to 64 characters, no spaces").format(number=number),
        )
    if not TICKET_RE.match(number):
        warn(_("ticket number '{number}' is unusual; tickets are usually 7-8 digits").format(number=number))
    return number


def clean_type(value: str | None, field: str = "type") -> ConsultancyType:
    text = (value or "").strip().lower()
    try:
        return ConsultancyType(text)
    except ValueError:
        raise BadInput(
            field,
            _("'{value}' is not a consultancy type; use technical, support or standard").format(
                value=value or ""
            ),
        ) from None


def clean_text(value: str | None, field: str, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise BadInput(field, _("is empty"))
    if len(text) > MAX_TEXT:
        raise BadInput(field, _("is longer than {limit} characters").format(limit=MAX_TEXT))
    if any(not ch.isprintable() and ch not in "\t\n" for ch in text):
        raise BadInput(field, _("contains control characters"))
    return text


def clean_scope(value: str | None, kind: ConsultancyType) -> str:
    text = (value or "").strip()
    if not text:
        return ""
    options = SCOPES.get(kind, ())
    if not options:
        raise BadInput(
            "scope", _("a {type} ticket has no scope category; leave it empty").format(type=type_name(kind))
        )
    wanted = re.sub(r"[^a-z0-9]", "", text.lower())
    for option in options:
        if re.sub(r"[^a-z0-9]", "", option.lower()) == wanted:
            return option
    raise BadInput(
        "scope",
        _("'{text}' is not a {type} scope; use one of: {options}").format(
            text=text, type=type_name(kind), options="; ".join(options)
        ),
    )


@dataclass(frozen=True)
class StartResult:
    timer: RunningTimer
    stopped: Session | None


@dataclass(frozen=True)
class ImportResult:
    tickets_added: int
    sessions_added: int
    tickets_skipped: int
    sessions_skipped: int
    dry_run: bool


class Tracker:
    """One consultant's tracker over one local database."""

    def __init__(self, store: Store, clock: Clock, home: Path, warn: Warn = _ignore) -> None:
        self.store = store
        self.clock = clock
        self.home = home
        self.warn = warn
        self.settings = Settings(store, home)

    # ----- helpers -------------------------------------------------------------

    @property
    def consultant(self) -> str:
        return self.settings.consultant

    def now(self) -> datetime:
        """The current time in the machine's zone, to the whole second."""
        return self.clock.now().astimezone(zone(self.clock.zone())).replace(microsecond=0)

    def _not_future(self, when: datetime, field: str) -> None:
        if to_ts(when) > to_ts(self.now()):
            raise BadInput(field, _("{time} is in the future").format(time=iso(when)))

    def _event(self, db: Any, ticket: str, kind: EventKind, payload: dict[str, Any], at: datetime) -> None:
        q.insert_event(
            db,
            uuid=str(uuidlib.uuid4()),
            ticket=ticket,
            kind=kind.value,
            payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
            consultant=self.consultant,
            at_ts=to_ts(at),
            utc_offset=offset_seconds(at),
        )

    def ticket(self, number: str) -> Ticket:
        number = clean_ticket_number(number)
        ticket = q.get_ticket(self.store, number)
        if ticket is None:
            raise NotFound(
                "number",
                _("ticket {number} does not exist; add it first with tracker ticket add").format(
                    number=number
                ),
            )
        return ticket

    # ----- tickets -------------------------------------------------------------

    def add_ticket(
        self,
        number: str,
        customer: str,
        type: str,
        *,
        product: str = "",
        scope: str = "",
        term_accepted: str | date | None = None,
        term_ref: str = "",
        bill_to_unit: str = "",
        authorization: str = "",
        cost_center: str = "",
        value_class: str = "",
        accounting_item: str = "",
    ) -> Ticket:
        fields = self._clean_ticket(
            number,
            customer,
            type,
            product,
            scope,
            term_accepted,
            term_ref,
            bill_to_unit,
            authorization,
            cost_center,
            value_class,
            accounting_item,
        )
        if q.get_ticket(self.store, fields["number"]) is not None:
            raise BadInput(
                "number",
                _("ticket {number} already exists; see tracker ticket show {number}").format(
                    number=fields["number"]
                ),
            )
        now = self.now()
        self._warn_ticket(fields)
        with self.store.atomic() as db:
            q.insert_ticket(db, fields, created_ts=to_ts(now), created_by=self.consultant)
            self._event(db, fields["number"], EventKind.CREATED, _event_fields(fields), now)
        return self.ticket(fields["number"])

    def _clean_ticket(
        self,
        number: str,
        customer: str,
        type: str,
        product: str,
        scope: str,
        term_accepted: str | date | None,
        term_ref: str,
        bill_to_unit: str,
        authorization: str,
        cost_center: str,
        value_class: str,
        accounting_item: str,
        today: date | None = None,
    ) -> dict[str, Any]:
        kind = clean_type(type)
        fields: dict[str, Any] = {
            "number": clean_ticket_number(number, self.warn),
            "customer": clean_text(customer, "customer", required=True),
            "type": kind.value,
            "original_type": kind.value,
            "product": clean_text(product, "product"),
            "scope": clean_scope(scope, kind),
            "term_accepted": None,
            "term_ref": clean_text(term_ref, "term-ref"),
            "bill_to_unit": clean_text(bill_to_unit, "bill-to-unit"),
            "authorization": clean_text(authorization, "authorization"),
            "cost_center": clean_text(cost_center, "cost-center"),
            "value_class": clean_text(value_class, "value-class"),
            "accounting_item": clean_text(accounting_item, "accounting-item"),
        }
        if isinstance(term_accepted, date):
            fields["term_accepted"] = term_accepted.isoformat()
        elif term_accepted is not None:
            fields["term_accepted"] = parse_date(term_accepted, "term-accepted").isoformat()
        if fields["term_accepted"]:
            if kind is ConsultancyType.STANDARD:
                raise BadInput("term-accepted", _("a standard ticket is never billed and has no term"))
            if date.fromisoformat(fields["term_accepted"]) > (today or self.now().date()):
                raise BadInput(
                    "term-accepted", _("{date} is in the future").format(date=fields["term_accepted"])
                )
        elif fields["term_ref"]:
            raise BadInput("term-accepted", _("a term reference needs the date the term was accepted"))
        if not fields["bill_to_unit"]:
            for name in ("authorization", "cost_center", "value_class", "accounting_item"):
                if fields[name]:
                    flag = name.replace("_", "-")
                    raise BadInput(
                        flag,
                        _("--{flag} is an accounting field of a unit; give --bill-to-unit too").format(
                            flag=flag
                        ),
                    )
        elif not re.match(r"^[A-Za-z0-9._/-]{1,32}$", fields["bill_to_unit"]):
            raise BadInput(
                "bill-to-unit", _("'{unit}' is not a unit code").format(unit=fields["bill_to_unit"])
            )
        return fields

    def _warn_ticket(self, fields: dict[str, Any], products: list[str] | None = None) -> None:
        products = self.settings.products if products is None else products
        if fields["product"] and products and fields["product"].lower() not in {p.lower() for p in products}:
            self.warn(
                _(
                    "product '{product}' is not enabled for consultancy "
                    "(enabled: {enabled}); the ticket was kept"
                ).format(product=fields["product"], enabled=", ".join(products))
            )
        if ConsultancyType(fields["type"]).billed and not fields["term_accepted"]:
            self.warn(
                _(
                    "ticket {number} has no term acceptance yet; its billable time is held "
                    "back until 'tracker ticket accept-term {number} --date YYYY-MM-DD'"
                ).format(number=fields["number"])
            )

    def list_tickets(self, open_only: bool = False) -> list[Ticket]:
        return q.list_tickets(self.store, open_only)

    def recent_tickets(self, limit: int = 5) -> list[Ticket]:
        """Open tickets to start again: the running one, then by your latest session.

        When you have worked on fewer than ``limit``, the newest open tickets fill in.
        """
        if limit < 1:
            raise BadInput(
                "limit", _("{limit} is not a number of tickets; use 1 or more").format(limit=limit)
            )
        timer = self.running()
        numbers: dict[str, None] = dict.fromkeys([timer.ticket] if timer else [])
        numbers.update(dict.fromkeys(q.recently_worked_open_tickets(self.store, self.consultant, limit)))
        if len(numbers) < limit:
            numbers.update(dict.fromkeys(q.newest_open_tickets(self.store, limit + len(numbers))))
        return q.tickets_by_number(self.store, list(numbers)[:limit])

    def accept_term(self, number: str, when: str | date, ref: str = "") -> Ticket:
        ticket = self.ticket(number)
        accepted = when if isinstance(when, date) else parse_date(when, "date")
        ref = clean_text(ref, "ref")
        if not ticket.type.billed and not ticket.original_type.billed:
            raise BadInput(
                "number",
                _("ticket {number} is standard support, never billed; it needs no term").format(
                    number=ticket.number
                ),
            )
        if accepted > self.now().date():
            raise BadInput("date", _("{date} is in the future").format(date=accepted.isoformat()))
        now = self.now()
        with self.store.atomic() as db:
            q.update_ticket(db, ticket.number, term_accepted=accepted.isoformat(), term_ref=ref)
            self._event(
                db,
                ticket.number,
                EventKind.TERM_ACCEPTED,
                {"term_accepted": accepted.isoformat(), "term_ref": ref},
                now,
            )
        return self.ticket(ticket.number)

    def escalate(
        self, number: str, at: str | datetime | None = None, confirmations: Iterable[str] = ()
    ) -> Ticket:
        """Standard support becomes support from ``at`` on (now by default)."""
        ticket = self.ticket(number)
        when = self._when(at, "at")
        self._not_future(when, "at")
        if ticket.type is not ConsultancyType.STANDARD:
            raise BadInput(
                "number",
                _("ticket {number} is {type}; only a standard ticket is escalated").format(
                    number=ticket.number, type=type_name(ticket.type)
                ),
            )
        if ticket.finalized:
            raise BadInput("number", _("ticket {number} is finalized").format(number=ticket.number))
        checklist = []
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
        now = self.now()
        with self.store.atomic() as db:
            q.update_ticket(
                db,
                ticket.number,
                type=ConsultancyType.SUPPORT.value,
                escalated_ts=to_ts(when),
                escalation_checklist=json.dumps(checklist),
            )
            # Sessions not yet synced that started after the escalation carry the new type.
            q.restamp_sessions(db, ticket.number, to_ts(when), ConsultancyType.SUPPORT.value)
            self._event(
                db,
                ticket.number,
                EventKind.ESCALATED,
                {"at": iso(when), "from": "standard", "to": "support", "checklist": checklist},
                now,
            )
        return self.ticket(ticket.number)

    def flag_defect(
        self, number: str, kind: str, ref: str, *, published: bool = False, note: str = ""
    ) -> Defect:
        ticket = self.ticket(number)
        try:
            defect_kind = DefectKind((kind or "").strip().lower())
        except ValueError:
            raise BadInput(
                "kind", _("'{kind}' is not a defect kind; use product or documentation").format(kind=kind)
            ) from None
        ref = clean_text(ref, "ref", required=True)
        note = clean_text(note, "note")
        if ticket.type is ConsultancyType.TECHNICAL:
            self.warn(_("a defect on a technical ticket is recorded and reported; it waives nothing"))
        now = self.now()
        defect = Defect(
            str(uuidlib.uuid4()), ticket.number, defect_kind, ref, published, note, now, self.consultant
        )
        with self.store.atomic() as db:
            q.insert_defect(db, defect)
            self._event(
                db,
                ticket.number,
                EventKind.DEFECT_FLAGGED,
                {
                    "uuid": defect.uuid,
                    "kind": defect_kind.value,
                    "ref": ref,
                    "published": published,
                    "note": note,
                },
                now,
            )
        return defect

    def finalize(self, number: str, at: str | datetime | None = None) -> Ticket:
        ticket = self.ticket(number)
        when = self._when(at, "at")
        self._not_future(when, "at")
        if ticket.finalized:
            assert ticket.finalized_at is not None
            raise BadInput(
                "number",
                _("ticket {number} was finalized already, at {time}").format(
                    number=ticket.number, time=iso(ticket.finalized_at)
                ),
            )
        running = q.timer_on_ticket(self.store, ticket.number)
        if running:
            raise BadInput(
                "number",
                _("a timer runs on ticket {number} ({who}); stop it first with tracker stop").format(
                    number=ticket.number, who=running
                ),
            )
        now = self.now()
        with self.store.atomic() as db:
            q.update_ticket(
                db, ticket.number, finalized_ts=to_ts(when), finalized_offset=offset_seconds(when)
            )
            self._event(db, ticket.number, EventKind.FINALIZED, {"at": iso(when)}, now)
        return self.ticket(ticket.number)

    def _when(self, value: str | datetime | None, field: str) -> datetime:
        if value is None:
            return self.now()
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise BadInput(field, _("needs a time zone"))
            return value.replace(microsecond=0)
        return parse_time(value, field, self.clock.zone())

    # ----- timer ---------------------------------------------------------------

    def running(self) -> RunningTimer | None:
        return q.get_timer(self.store, self.consultant)

    def start(self, number: str, note: str = "") -> StartResult:
        """Start a timer on a ticket; a running one is stopped first, in the same transaction."""
        ticket = self.ticket(number)
        note = clean_text(note, "note")
        if ticket.finalized:
            raise BadInput(
                "number",
                _("ticket {number} is finalized; its time can no longer change").format(number=ticket.number),
            )
        now = self.now()
        consultant = self.consultant
        timer = RunningTimer(
            consultant=consultant,
            ticket=ticket.number,
            type=ticket.type_at(now),
            start=now,
            zone=self.clock.zone(),
            uuid=str(uuidlib.uuid4()),
            note=note,
        )
        stopped = None
        with self.store.atomic() as db:
            current = q.get_timer(self.store, consultant)
            if current is not None:
                stopped = self._close(db, current, now, "")
            q.insert_timer(db, timer)
        return StartResult(timer, stopped)

    def stop(self, note: str = "") -> Session:
        note = clean_text(note, "note")
        now = self.now()
        with self.store.atomic() as db:
            current = q.get_timer(self.store, self.consultant)
            if current is None:
                raise TrackerError(_("no timer is running; start one with tracker start NUMBER"))
            return self._close(db, current, now, note)

    def _close(self, db: Any, timer: RunningTimer, now: datetime, note: str) -> Session:
        """Turn the running timer into a stored session; it never loses a second."""
        start_ts = to_ts(timer.start)
        end_ts = to_ts(now)
        flags: list[str] = list(timer.flags)
        if end_ts <= start_ts:
            # The wall clock went backwards (or the stop came in the same second). Keep
            # the session, one second long, and flag it for review.
            if end_ts < start_ts:
                flags.append(Flag.CLOCK_JUMP.value)
            end_ts = start_ts + 1
        tz = zone_of(timer.zone, offset_seconds(timer.start))
        start = from_ts(start_ts, tz)
        session = Session(
            uuid=timer.uuid,
            ticket=timer.ticket,
            consultant=timer.consultant,
            type=timer.type,
            start=start,
            end=from_ts(end_ts, tz),
            zone=timer.zone,
            note=" / ".join(n for n in (timer.note, note) if n),
            source="timer",
            flags=tuple(dict.fromkeys(flags)),
        )
        q.insert_session(db, session, created_ts=end_ts)
        q.delete_timer(db, timer.consultant)
        return session

    def data_version(self) -> int:
        """A number that changes when another process (the CLI) commits to the database.

        The desktop window polls it to reload what it shows; it is cheap to call.
        """
        return self.store.data_version()

    def status(self) -> dict[str, Any]:
        timer = self.running()
        if timer is None:
            return {"running": False, "ticket": None, "started_at": None, "elapsed_seconds": 0}
        from tracker.flags import heartbeat_gap, timer_flags

        now = self.clock.now()
        result = {
            "running": True,
            "ticket": timer.ticket,
            "type": timer.type.value,
            "started_at": iso(timer.start),
            "elapsed_seconds": timer.elapsed_seconds(now),
            "note": timer.note,
            "flags": list(
                timer_flags(timer, now, self.settings.long_session_seconds, self.settings.sleep_gap_seconds)
            ),
        }
        gap = heartbeat_gap(timer, now, self.settings.sleep_gap_seconds)
        if gap is not None:
            result["sleep_gap"] = {
                "from": iso(gap[0].astimezone(timer.start.tzinfo)),
                "seconds": to_ts(now) - to_ts(gap[0]),
            }
        return result

    def sleep_gap(self) -> tuple[datetime, datetime] | None:
        """(last heartbeat, now) when the window went silent past the threshold."""
        from tracker.flags import heartbeat_gap

        timer = self.running()
        if timer is None:
            return None
        return heartbeat_gap(timer, self.clock.now(), self.settings.sleep_gap_seconds)

    def heartbeat(self) -> RunningTimer | None:
        from tracker import revisions

        return revisions.heartbeat(self)

    def quiet(self) -> None:
        """Call when the window closes cleanly with a timer running."""
        from tracker import revisions

        revisions.quiet(self)

    def resolve_gap(self, choice: str) -> Session | None:
        """keep, discard or split the sleep gap; see tracker.revisions.resolve_gap."""
        from tracker import revisions

        return revisions.resolve_gap(self, choice)

    def resolve_idle(self, choice: str, idle_from: datetime, until: datetime | None = None) -> Session | None:
        """keep, discard or split the time away from the keyboard; see tracker.revisions.resolve_idle."""
        from tracker import revisions

        return revisions.resolve_idle(self, choice, idle_from, until)

    # ----- changing stored sessions (tracker/revisions.py) -------------------------

    def get_session(self, uuid: str) -> Session:
        from tracker import revisions

        return revisions.resolve(self, uuid)

    def edit_session(
        self,
        uuid: str,
        *,
        reason: str,
        start: str | datetime | None = None,
        end: str | datetime | None = None,
        ticket: str | None = None,
        note: str | None = None,
    ) -> Session:
        from tracker import revisions

        return revisions.edit(self, uuid, reason=reason, start=start, end=end, ticket=ticket, note=note)

    def split_session(self, uuid: str, at: str | datetime, reason: str = "") -> tuple[Session, Session]:
        from tracker import revisions

        return revisions.split(self, uuid, at, reason)

    def delete_session(self, uuid: str, reason: str) -> Session:
        from tracker import revisions

        return revisions.delete(self, uuid, reason)

    def session_history(self, uuid: str) -> list[dict[str, Any]]:
        from tracker import revisions

        return revisions.history(self, uuid)

    # ----- the central store (tracker/central/) -----------------------------------

    def _central(self) -> CentralService:
        return CentralService(Context(self.store, self.clock, self.settings, self.home, self.warn))

    def central(self) -> Central:
        return self._central().central()

    def central_reader(self) -> Central:
        return self._central().central()

    def sync(
        self, progress: Callable[[int, int], None] | None = None, target: Central | None = None
    ) -> SyncResult:
        return self._central().sync(progress, target)

    def sync_status(self) -> SyncStatus:
        return self._central().sync_status()

    def oldest_unsynced(self) -> datetime | None:
        return self._central().oldest_unsynced()

    def review_day(self, day: str, consultant: str | None = None) -> DayReview:
        return self._central().review_day(day, consultant)

    def decide_day(self, day: str, consultant: str, decision: str, comment: str = "") -> dict[str, Any]:
        return self._central().decide_day(day, consultant, decision, comment)

    def my_reviews(self, day: str | date | None = None) -> list[dict[str, Any]]:
        return self._central().my_reviews(day)

    # ----- rates and the statement (tracker/rates.py, tracker/statement.py) ------

    def rates(self) -> list[Rate]:
        from tracker import rates

        return rates.list_rates(self)

    def set_rate(self, type: str, hourly: str, start: str) -> Rate:
        from tracker import rates

        return rates.set_rate(self, type, hourly, start)

    def adjust_rates(self, index: str, percent: str, start: str, type: str | None = None) -> list[Rate]:
        from tracker import rates

        return rates.adjust(self, index, percent, start, type)

    def statement(
        self, month: str, progress: Callable[[str], None] | None = None, approved_only: bool = False
    ) -> Statement:
        return self._central().statement(month, self.rates(), progress, approved_only)

    # ----- backups (tracker/backup.py) -----------------------------------------

    def backup(self, out: Path | None = None) -> Path:
        from tracker import backup

        if out is None:
            stamp = self.now().strftime("%Y-%m-%d-%H%M%S")
            out = backup.backups_dir(self.home) / f"tracker-{stamp}.db"
        return backup.backup_to(self.store, out)

    def auto_backup(self) -> Path | None:
        """Today's automatic backup if there is none yet; keeps the last 14."""
        from tracker import backup

        return backup.auto_backup(self.store, self.home, self.now().date())

    # ----- sessions ------------------------------------------------------------

    def add_session(self, number: str, start: str | datetime, end: str | datetime, note: str = "") -> Session:
        """A session typed in by hand."""
        ticket = self.ticket(number)
        begin = self._when(start, "start")
        finish = self._when(end, "end")
        note = clean_text(note, "note")
        check_interval(begin, finish, self.now())
        if ticket.finalized:
            raise BadInput(
                "number",
                _("ticket {number} is finalized; its time can no longer change").format(number=ticket.number),
            )
        machine_zone = self.clock.zone()
        zname = session_zone(begin, machine_zone)
        tz = zone_of(zname, offset_seconds(begin))
        session = Session(
            uuid=str(uuidlib.uuid4()),
            ticket=ticket.number,
            consultant=self.consultant,
            type=ticket.type_at(begin),
            start=begin.astimezone(tz),
            end=finish.astimezone(tz),
            zone=zname,
            note=note,
            source="manual",
        )
        with self.store.atomic() as db:
            q.insert_session(db, session, created_ts=to_ts(self.now()))
        return session

    def log(self, day: str | date | None = None, consultant: str | None = None) -> list[Session]:
        """One day's sessions, the day taken in each session's own zone."""
        if day is None:
            the_day = self.now().date()
        elif isinstance(day, date):
            the_day = day
        else:
            the_day = parse_date(day, "day")
        from tracker.flags import session_flags

        sessions = q.sessions_of_day(self.store, consultant or self.consultant, the_day.isoformat())
        if not sessions:
            return sessions
        first = min(to_ts(s.start) for s in sessions)
        last = max(to_ts(s.end) for s in sessions)
        neighbours = q.sessions_between(self.store, sessions[0].consultant, first, last)
        flags = session_flags(sessions, neighbours, self.settings.long_session_seconds)
        return [replace(s, flags=flags[s.uuid]) for s in sessions]

    def sessions_of_ticket(self, number: str) -> list[Session]:
        return q.sessions_of_ticket(self.store, self.ticket(number).number)

    def import_file(self, path: Path, dry_run: bool = False) -> ImportResult:
        from tracker.importer import import_jsonl

        return import_jsonl(self, path, dry_run=dry_run)


def check_interval(begin: datetime, finish: datetime, now: datetime, prefix: str = "") -> None:
    """An end after the start, at most 24 h, and no start in the future.

    Compared as epoch seconds: aware times of one ZoneInfo compare by wall clock,
    which is wrong in the repeated hour of a DST change.
    """
    start_ts, end_ts, now_ts = to_ts(begin), to_ts(finish), to_ts(now)
    if end_ts <= start_ts:
        raise BadInput(
            f"{prefix}end",
            _("{end} is not after the start {start}").format(end=iso(finish), start=iso(begin)),
        )
    if end_ts - start_ts > MAX_SESSION_SECONDS:
        raise BadInput(f"{prefix}end", _("the session is longer than 24 h; split it into days"))
    if start_ts > now_ts:
        raise BadInput(f"{prefix}start", _("{time} is in the future").format(time=iso(begin)))
    if end_ts > now_ts:
        raise BadInput(f"{prefix}end", _("{time} is in the future").format(time=iso(finish)))


def _event_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k != "original_type"}
