"""The one door both front ends use: the ``Tracker`` facade, opening a home, restoring a backup.

``Tracker`` only composes the services (tickets, timer, sessions, rates, import),
each over one :class:`~tracker.context.Context`; every method is a delegation.
Nothing below it imports it back.  ``open_tracker`` is the only place that opens the
local database and builds the facade over it; the CLI, the window and every worker
thread use it, so they all open the store the same way and keep the same warning sink.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker import backup, review
from tracker import statement as statements
from tracker.billing import Rate
from tracker.clock import Clock, default_clock
from tracker.config import Settings
from tracker.context import Context, Warn, ignore
from tracker.errors import BadInput
from tracker.i18n import _
from tracker.importer import ImportResult, ImportService
from tracker.model import Defect, RunningTimer, Session, Ticket, from_ts
from tracker.paths import default_export_dir
from tracker.rates import RateService
from tracker.sessions import SessionService
from tracker.statement import Statement
from tracker.store import Store, open_store
from tracker.store import queries as review_rows
from tracker.store import sessions as session_rows
from tracker.sync import sender
from tracker.sync.reader import CentralReader
from tracker.sync.sender import SyncResult
from tracker.sync.target import FolderTarget, SyncTarget
from tracker.tickets import TicketService
from tracker.timer import StartResult, TimerService
from tracker.timeutil import iso, offset_seconds, parse_date, to_ts, zone
from tracker.validate import clean_day, clean_login, clean_text

__all__ = ["ImportResult", "StartResult", "Tracker", "open_tracker", "restore_backup"]


class Tracker:
    """One consultant's tracker over one local database."""

    def __init__(self, store: Store, clock: Clock, home: Path, warn: Warn = ignore) -> None:
        self.ctx = Context(store, clock, Settings(store, home), home, warn)
        self._tickets = TicketService(self.ctx)
        self._timer = TimerService(self.ctx, self._tickets)
        self._sessions = SessionService(self.ctx, self._tickets)
        self._rates = RateService(self.ctx)
        self._import = ImportService(self.ctx)

    # ----- what it works over --------------------------------------------------------

    @property
    def store(self) -> Store:
        return self.ctx.store

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    @property
    def home(self) -> Path:
        return self.ctx.home

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @property
    def warn(self) -> Warn:
        return self.ctx.warn

    @warn.setter
    def warn(self, sink: Warn) -> None:
        self.ctx.warn = sink

    @property
    def consultant(self) -> str:
        return self.ctx.consultant

    def now(self) -> datetime:
        """The current time in the machine's zone, to the whole second."""
        return self.ctx.now()

    def data_version(self) -> int:
        """A number that changes when another process (the CLI) commits; the window polls it."""
        return self.store.data_version()

    # ----- tickets (tracker/tickets.py) ------------------------------------------------

    def ticket(self, number: str) -> Ticket:
        return self._tickets.get(number)

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
        return self._tickets.add(
            number,
            customer,
            type,
            product=product,
            scope=scope,
            term_accepted=term_accepted,
            term_ref=term_ref,
            bill_to_unit=bill_to_unit,
            authorization=authorization,
            cost_center=cost_center,
            value_class=value_class,
            accounting_item=accounting_item,
        )

    def list_tickets(self, open_only: bool = False) -> list[Ticket]:
        return self._tickets.list_tickets(open_only)

    def recent_tickets(self, limit: int = 5) -> list[Ticket]:
        return self._tickets.recent(limit)

    def accept_term(self, number: str, when: str | date, ref: str = "") -> Ticket:
        return self._tickets.accept_term(number, when, ref)

    def escalate(
        self, number: str, at: str | datetime | None = None, confirmations: Iterable[str] = ()
    ) -> Ticket:
        return self._tickets.escalate(number, at, confirmations)

    def flag_defect(
        self, number: str, kind: str, ref: str, *, published: bool = False, note: str = ""
    ) -> Defect:
        return self._tickets.flag_defect(number, kind, ref, published=published, note=note)

    def finalize(self, number: str, at: str | datetime | None = None) -> Ticket:
        return self._tickets.finalize(number, at)

    # ----- the running timer (tracker/timer.py) ---------------------------------------

    def running(self) -> RunningTimer | None:
        return self._timer.running()

    def start(self, number: str, note: str = "") -> StartResult:
        return self._timer.start(number, note)

    def stop(self, note: str = "") -> Session:
        return self._timer.stop(note)

    def status(self) -> dict[str, Any]:
        return self._timer.status()

    def sleep_gap(self) -> tuple[datetime, datetime] | None:
        return self._timer.sleep_gap()

    def heartbeat(self) -> RunningTimer | None:
        return self._timer.heartbeat()

    def quiet(self) -> None:
        """Call when the window closes cleanly with a timer running."""
        self._timer.quiet()

    def resolve_gap(self, choice: str) -> Session | None:
        return self._timer.resolve_gap(choice)

    def resolve_idle(self, choice: str, idle_from: datetime, until: datetime | None = None) -> Session | None:
        return self._timer.resolve_idle(choice, idle_from, until)

    # ----- stored sessions (tracker/sessions.py) ---------------------------------------

    def add_session(self, number: str, start: str | datetime, end: str | datetime, note: str = "") -> Session:
        return self._sessions.add(number, start, end, note)

    def log(self, day: str | date | None = None, consultant: str | None = None) -> list[Session]:
        return self._sessions.log(day, consultant)

    def sessions_of_ticket(self, number: str) -> list[Session]:
        return self._sessions.of_ticket(number)

    def get_session(self, uuid: str) -> Session:
        return self._sessions.get(uuid)

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
        return self._sessions.edit(uuid, reason=reason, start=start, end=end, ticket=ticket, note=note)

    def split_session(self, uuid: str, at: str | datetime, reason: str = "") -> tuple[Session, Session]:
        return self._sessions.split(uuid, at, reason)

    def delete_session(self, uuid: str, reason: str) -> Session:
        return self._sessions.delete(uuid, reason)

    def session_history(self, uuid: str) -> list[dict[str, Any]]:
        return self._sessions.history(uuid)

    # ----- import, rates, backups -------------------------------------------------------

    def import_file(self, path: Path, dry_run: bool = False) -> ImportResult:
        return self._import.import_file(path, dry_run)

    def import_lines(self, lines: Iterable[str], dry_run: bool = False) -> ImportResult:
        return self._import.import_lines(lines, dry_run)

    def rates(self) -> list[Rate]:
        return self._rates.list_rates()

    def set_rate(self, type: str, hourly: str, start: str) -> Rate:
        return self._rates.set_rate(type, hourly, start)

    def adjust_rates(self, index: str, percent: str, start: str, type: str | None = None) -> list[Rate]:
        return self._rates.adjust(index, percent, start, type)

    def backup(self, out: Path | None = None) -> Path:
        return backup.backup_to(self.store, out or backup.default_path(self.home, self.now()))

    def auto_backup(self) -> Path | None:
        """Today's automatic backup if there is none yet; keeps the last 14."""
        return backup.auto_backup(self.store, self.home, self.now().date())

    # ----- the central store (replaced by tracker.central.service) ----------------------

    def sync_target(self) -> SyncTarget:
        folder = Path(self.settings.get("export-dir"))
        # The embedded default is a local folder made on first use; a configured share
        # must already be there (an unmounted share is reported, never created locally).
        return FolderTarget(folder, create=folder == default_export_dir(self.home))

    def sync(
        self, progress: Callable[[int, int], None] | None = None, target: SyncTarget | None = None
    ) -> SyncResult:
        """Send every pending session revision and ticket event to the central export."""
        return sender.sync(self.ctx, target or self.sync_target(), progress)

    def sync_status(self) -> dict[str, Any]:
        """Pending counts, the last sync and the last error, for the status indicator."""
        st = sender.state(self.ctx)
        return {
            "pending": sender.pending_counts(self.ctx),
            "last_sync": st.get("last-sync") or None,
            "last_error": st.get("last-error") or None,
            "target": self.settings.get("export-dir"),
        }

    def oldest_unsynced(self) -> datetime | None:
        """Since when sessions have waited for the central export, for the reminder.

        The oldest pending session's recording time, but never before the last sync
        that went through: a session edited since then has waited only since then.
        """
        ts = session_rows.oldest_pending_created_ts(self.store)
        if ts is None:
            return None
        last = sender.state(self.ctx).get("last-sync")
        if last:
            ts = max(ts, to_ts(datetime.fromisoformat(last)))
        return from_ts(ts, zone(self.clock.zone()))

    def central_reader(self, target: SyncTarget | None = None) -> CentralReader:
        """A reader of every consultant's batches, with its cache in this data folder."""
        return CentralReader(target or self.sync_target(), self.home / "central-cache.db")

    def review_day(self, day: str, consultant: str | None = None) -> dict[str, Any]:
        the_day = parse_date(day, "day").isoformat()
        with self.central_reader() as reader:
            report = reader.refresh()
            result = review.day_review(reader, the_day, consultant, self.settings.long_session_seconds)
        result["problems"] = report.problems + result["problems"]
        return result

    def decide_day(self, day: str, consultant: str, decision: str, comment: str = "") -> dict[str, Any]:
        """A lead approves a consultant's day, or returns it with a comment.

        The decision is a record that the next sync sends to the export; leads never
        change a consultant's sessions.
        """
        if self.settings.get("role") != "lead":
            raise BadInput(
                "role",
                _(
                    "only a team lead approves or returns days; this app's role is "
                    "{role} (tracker config set role lead)"
                ).format(role=self.settings.get("role")),
            )
        the_day = parse_date(day, "day")
        if the_day > self.now().date():
            raise BadInput("day", _("{date} is in the future").format(date=the_day.isoformat()))
        who = clean_login(consultant)
        if decision not in ("approve", "return"):
            raise BadInput("decision", _("use approve or return"))
        text = clean_text(comment, "comment", required=decision == "return")
        now = self.now()
        row = {
            "uuid": str(uuidlib.uuid4()),
            "consultant": who,
            "day": the_day.isoformat(),
            "decision": decision,
            "comment": text,
            "lead": self.consultant,
            "at_ts": to_ts(now),
            "utc_offset": offset_seconds(now),
        }
        with self.store.atomic() as db:
            review_rows.insert_review(db, row)
        return {**row, "at": iso(now)}

    def my_reviews(self, day: str | date | None = None) -> list[dict[str, Any]]:
        """Leads' decisions about this consultant's days, as the last sync brought them."""
        the_day = None if day is None else clean_day(day, self.now().date()).isoformat()
        latest: dict[str, dict[str, Any]] = {}
        for r in review_rows.review_inbox(self.store, the_day):
            latest[r["day"]] = r
        return [latest[d] for d in sorted(latest)]

    def statement(
        self, month: str, progress: Callable[[str], None] | None = None, approved_only: bool = False
    ) -> Statement:
        """The month's statement from the central export, priced with this home's rates."""
        text = (month or "").strip()
        if not re.match(r"^[0-9]{4}-(0[1-9]|1[0-2])$", text):
            raise BadInput("month", _("'{month}' is not a month; write it as YYYY-MM").format(month=month))
        with self.central_reader() as reader:
            if progress:
                progress("reading the central export")
            report = reader.refresh()
            if progress:
                progress("pricing")
            approved = reader.approved_days() if approved_only else None
            st = statements.build(reader, text, self.rates(), approved=approved)
        st.problems = report.problems + st.problems
        return st


def open_tracker(
    home: Path,
    clock: Clock | None = None,
    warn: Warn = ignore,
    *,
    migrate: bool = True,
    check: bool | None = None,
) -> Tracker:
    """The tracker of the data folder ``home``; close it with ``tracker.store.close()``.

    ``migrate=False`` and ``check=False`` are for worker threads that open a second
    connection to a database the window already opened, checked and migrated.
    """
    store = open_store(home, migrate=migrate, check=check)
    return Tracker(store, clock or default_clock(), home, warn=warn)


def restore_backup(home: Path, source: Path) -> Path:
    """Put ``source`` in place of the home's database; returns where the old one was kept.

    The caller closes its own tracker first and opens a new one afterwards.
    """
    return backup.restore(home, source)


# ----- for the front ends
# What the windows need from below the facade, so that ui/ imports tracker.app alone
# (besides the model types, the errors and the clock).  Re-exported under their own
# names: a re-export is ``from x import name as name``.


from tracker import i18n as _core_i18n  # noqa: E402
from tracker import reminders as _reminders  # noqa: E402
from tracker.backup import damaged_message as damaged_message  # noqa: E402
from tracker.backup import latest_good_backup as latest_good_backup  # noqa: E402
from tracker.backup import quick_check as _quick_check  # noqa: E402
from tracker.config import os_login as os_login  # noqa: E402
from tracker.idle import IdleSource as IdleSource  # noqa: E402
from tracker.idle import system_idle_source as system_idle_source  # noqa: E402
from tracker.lock import lock_path as lock_path  # noqa: E402
from tracker.paths import data_home as data_home  # noqa: E402
from tracker.reminders import Reminder as Reminder  # noqa: E402
from tracker.store.db import DB_FILENAME as _DB_FILENAME  # noqa: E402


def set_core_language(language: str) -> str:
    """The language of the core's own messages (gettext), ``pt_BR`` or ``en``."""
    return _core_i18n.set_language(language)


def due_reminders(tracker: Tracker, last_shown: dict[str, datetime]) -> list[Reminder]:
    """The reminders due now; ``last_shown`` (per kind) keeps one from repeating within the hour."""
    return _reminders.due(
        tracker.now(),
        tracker.running(),
        tracker.oldest_unsynced(),
        tracker.settings.reminder_settings(),
        last_shown,
    )


def check_database(home: Path, stop: Callable[[], bool] | None = None) -> tuple[str | None, str, Path | None]:
    """The full check of the home's database (seconds for a big file: run it in a worker).

    (None, "", None) when it is sound, else (the problem, the message to show, the
    latest good backup or None).  ``stop`` returning True interrupts it with TrackerError.
    """
    problem = _quick_check(home / _DB_FILENAME, stop=stop)
    if problem is None:
        return None, "", None
    return problem, damaged_message(home, problem), latest_good_backup(home)


# ----- for the front ends: the types and helpers the windows use
# (ui/ imports from tracker/ only this module, tracker.model, tracker.errors and tracker.clock)

import io  # noqa: E402
from typing import BinaryIO  # noqa: E402

from tracker.billing import Line, PartyTotal  # noqa: E402
from tracker.export.json_out import write_json  # noqa: E402
from tracker.fsutil import atomic_write  # noqa: E402
from tracker.moving_in import ForeignEntry, Plan  # noqa: E402
from tracker.moving_in import commit as commit_import  # noqa: E402
from tracker.moving_in import labels as foreign_labels  # noqa: E402
from tracker.moving_in import plan as plan_import  # noqa: E402
from tracker.moving_in import read as read_foreign  # noqa: E402
from tracker.rates import KNOWN_INDEXES  # noqa: E402
from tracker.report import DaySummary, WeekReport, week_start  # noqa: E402
from tracker.report import week as week_report  # noqa: E402
from tracker.timeutil import human_duration  # noqa: E402


def write_statement(st: Statement, fmt: str, out: BinaryIO) -> None:
    """Write ``st`` to the binary file ``out`` as ``fmt`` (csv, xlsx or json), as the CLI writes it.

    The CSV and XLSX writers are imported here: they load babel and openpyxl, which a
    start-up must not pay for.
    """
    if fmt == "xlsx":
        from tracker.export.xlsx import write_xlsx

        write_xlsx(st, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "csv":
            from tracker.export.csv_pt import write_csv

            write_csv(st, text)
        else:
            write_json(st, text)
        text.flush()
    finally:
        text.detach()


__all__ += [
    "KNOWN_INDEXES",
    "DaySummary",
    "ForeignEntry",
    "Line",
    "PartyTotal",
    "Plan",
    "Rate",
    "Statement",
    "WeekReport",
    "atomic_write",
    "commit_import",
    "foreign_labels",
    "human_duration",
    "plan_import",
    "read_foreign",
    "week_report",
    "week_start",
    "write_statement",
]
