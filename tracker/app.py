"""The one door both front ends use: the ``Tracker`` facade, opening a home, restoring a backup.

``Tracker`` only composes the services (tickets, timer, sessions, rates, import),
each over one :class:`~tracker.context.Context`; every method is a delegation.
Nothing below it imports it back.  ``open_tracker`` is the only place that opens the
local database and builds the facade over it; the CLI, the window and every worker
thread use it, so they all open the store the same way and keep the same warning sink.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker import backup
from tracker.billing import HeldKind, HeldReason, Rate
from tracker.central import Central, Decision
from tracker.central.postgres.moved import Moved
from tracker.central.sender import SyncResult, SyncStatus
from tracker.central.service import CentralService
from tracker.central.setup import CentralSetup, CentralStatus
from tracker.clock import Clock, FixedClock, default_clock
from tracker.config import Settings
from tracker.context import Context, Warn, ignore
from tracker.importer import ImportResult, ImportService
from tracker.model import Defect, RunningTimer, Session, Ticket
from tracker.rates import RateService
from tracker.report import SpanReport, span_report
from tracker.review import DayReview
from tracker.sessions import DayTotal, SessionService
from tracker.span_log import SpanLog, log_span
from tracker.statement import Statement
from tracker.store import Store, open_store
from tracker.tickets import TicketService
from tracker.timer import SleepGap, StartResult, TimerService, TimerStatus

__all__ = [
    "Clock",
    "DayTotal",
    "Decision",
    "FixedClock",
    "HeldKind",
    "HeldReason",
    "ImportResult",
    "SleepGap",
    "StartResult",
    "SyncStatus",
    "TimerStatus",
    "Tracker",
    "default_clock",
    "open_tracker",
    "restore_backup",
]


class Tracker:
    """One consultant's tracker over one local database."""

    def __init__(self, store: Store, clock: Clock, home: Path, warn: Warn = ignore) -> None:
        self.ctx = Context(store, clock, Settings(store, home), home, warn)
        self._tickets = TicketService(self.ctx)
        self._timer = TimerService(self.ctx, self._tickets)
        self._sessions = SessionService(self.ctx, self._tickets)
        self._rates = RateService(self.ctx)
        self._import = ImportService(self.ctx)
        self._central = CentralService(self.ctx)
        self._setup = CentralSetup(self.ctx)

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

    def recorded_seconds(self, number: str) -> dict[str, int]:
        return self._tickets.recorded_seconds(number)

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

    def start(self, number: str, note: str = "", heartbeat: bool = False) -> StartResult:
        """``heartbeat``: the window starts it (its heartbeat begins with the start)."""
        return self._timer.start(number, note, heartbeat)

    def stop(self, note: str = "") -> Session:
        return self._timer.stop(note)

    def status(self) -> TimerStatus:
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

    def log_span(
        self, first: str | date | None, last: str | date | None = None, as_json: bool = False
    ) -> SpanLog:
        return log_span(self.ctx, first, last, as_json)

    def report(
        self, first: str | date | None = None, last: str | date | None = None, by: str = "day"
    ) -> SpanReport:
        """This consultant's totals over a span of days (default: this week), by group."""
        return span_report(self.ctx, self.rates(), first, last, by)

    def days(self, from_day: str | date, to_day: str | date) -> list[DayTotal]:
        """Per day from ``from_day`` to ``to_day``: the total, sessions, and those not yet synced."""
        return self._sessions.days(from_day, to_day)

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

    # ----- the central store (tracker/central/) ----------------------------------------

    def central(self) -> Central:
        """The central store this home syncs to and reads from (the folder, by default)."""
        return self._central.central()

    def central_reader(self) -> Central:
        return self._central.central()

    def sync(
        self, progress: Callable[[int, int], None] | None = None, target: Central | None = None
    ) -> SyncResult:
        return self._central.sync(progress, target)

    def sync_status(self) -> SyncStatus:
        return self._central.sync_status()

    def oldest_unsynced(self) -> datetime | None:
        return self._central.oldest_unsynced()

    def review_day(self, day: str, consultant: str | None = None) -> DayReview:
        return self._central.review_day(day, consultant)

    def decide_day(self, day: str, consultant: str, decision: str, comment: str = "") -> Decision:
        return self._central.decide_day(day, consultant, decision, comment)

    def my_reviews(self, day: str | date | None = None) -> list[Decision]:
        return self._central.my_reviews(day)

    def statement(
        self, month: str, progress: Callable[[str], None] | None = None, approved_only: bool = False
    ) -> Statement:
        return self._central.statement(month, self._rates.unsynced(), progress, approved_only)

    def issue_statement(self, month: str, approved_only: bool = False) -> Statement:
        """Billing: keep ``month``'s statement in the central store as issued, for good."""
        return self._central.issue(month, self._rates.unsynced(), approved_only)

    # ----- setting up the central store (tracker/central/setup.py) ----------------------

    def test_central(self, url_or_folder: str) -> str:
        """ "ok: ..." when this home could sync to ``url_or_folder`` (a postgresql:// URL or a folder).

        Raises TrackerError with the reason otherwise.  Nothing is written.
        """
        return self._setup.test(url_or_folder)

    def central_status(self) -> CentralStatus:
        return self._setup.status()

    def central_init(self, url: str) -> list[int]:
        return self._setup.init(url)

    def central_add_user(self, url: str, login: str, role: str, password_file: str | None = None) -> None:
        self._setup.add_user(url, login, role, password_file)

    def central_export(self, to: str | Path, month: str | None = None) -> Moved:
        return self._setup.export(to, month)

    def central_import_folder(self, folder: str | Path, url: str | None = None) -> Moved:
        return self._setup.import_folder(folder, url)


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
# (besides the model types and the errors).  Re-exported under their own
# names: a re-export is ``from x import name as name``.


from tracker import i18n as _core_i18n  # noqa: E402
from tracker import reminders as _reminders  # noqa: E402
from tracker.backup import damaged_message as damaged_message  # noqa: E402
from tracker.backup import latest_good_backup as latest_good_backup  # noqa: E402
from tracker.backup import quick_check as _quick_check  # noqa: E402
from tracker.billing import policy_number as policy_number  # noqa: E402
from tracker.billing import rate_label_parts as rate_label_parts  # noqa: E402
from tracker.config import os_login as os_login  # noqa: E402
from tracker.idle import IdleSource as IdleSource  # noqa: E402
from tracker.idle import system_idle_source as system_idle_source  # noqa: E402
from tracker.lock import lock_path as lock_path  # noqa: E402
from tracker.paths import data_home as data_home  # noqa: E402
from tracker.paths import default_export_dir as default_export_dir  # noqa: E402
from tracker.reminders import Reminder as Reminder  # noqa: E402
from tracker.server_url import clean_central as clean_central  # noqa: E402
from tracker.server_url import is_server_url as is_server_url  # noqa: E402
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
        _reminders.settings_of(tracker.settings.all()),
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
# (ui/ imports from tracker/ only this module, tracker.model and tracker.errors)

import io  # noqa: E402
from typing import BinaryIO  # noqa: E402

from tracker.billing import Line, PartyTotal  # noqa: E402
from tracker.export.csv_pt import write_csv  # noqa: E402
from tracker.export.json_out import write_json  # noqa: E402
from tracker.export.xlsx import write_xlsx  # noqa: E402
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
    """Write ``st`` to the binary file ``out`` as ``fmt`` (csv, xlsx or json), as the CLI writes it."""
    if fmt == "xlsx":
        write_xlsx(st, out)
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "csv":
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
