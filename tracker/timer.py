"""The running timer: start, stop, status, the window's heartbeat, sleep gaps and idle time.

A running timer is one row per consultant; stopping it turns it into a stored
session in the same transaction, and never loses a second.  A wall clock that goes
backwards, a window that went silent (a sleep gap) and time away from the keyboard
are flagged or asked about; the timer's time is never silently changed.
"""

from datetime import UTC, datetime
from typing import Any, NamedTuple

from tracker.context import Context
from tracker.errors import BadInput, TrackerError
from tracker.flags import heartbeat_gap, timer_flags
from tracker.i18n import _
from tracker.ids import new_uuid
from tracker.model import Flag, RunningTimer, Session, from_ts, zone_of
from tracker.store import sessions as session_rows
from tracker.store import timers as rows
from tracker.tickets import TicketService
from tracker.timeutil import iso, offset_seconds, to_ts
from tracker.validate import clean_choice, clean_text


class StartResult(NamedTuple):
    """What ``start`` did: the timer now running, the one it stopped, or ``already``:
    the ticket was running already and nothing changed."""

    timer: RunningTimer
    stopped: Session | None
    already: bool = False


class SleepGap(NamedTuple):
    """The open window went silent while the timer ran: since when, and for how long."""

    since: datetime  # the last heartbeat, in the timer's zone
    seconds: int


class TimerStatus(NamedTuple):
    """The running timer as ``tracker status`` shows it; ``timer`` is None when none runs."""

    timer: RunningTimer | None
    elapsed_seconds: int = 0
    flags: tuple[str, ...] = ()
    sleep_gap: SleepGap | None = None

    @property
    def running(self) -> bool:
        return self.timer is not None

    def to_json(self) -> dict[str, Any]:
        """As ``tracker status --json`` prints it."""
        timer = self.timer
        if timer is None:
            return {"running": False, "ticket": None, "started_at": None, "elapsed_seconds": 0}
        result: dict[str, Any] = {
            "running": True,
            "ticket": timer.ticket,
            "type": timer.type.value,
            "started_at": iso(timer.start),
            "elapsed_seconds": self.elapsed_seconds,
            "note": timer.note,
            "flags": list(self.flags),
        }
        if self.sleep_gap is not None:
            result["sleep_gap"] = {"from": iso(self.sleep_gap.since), "seconds": self.sleep_gap.seconds}
        return result


def _session_of(
    timer: RunningTimer,
    start_ts: int,
    end_ts: int,
    *,
    uuid: str | None = None,
    note: str | None = None,
    source: str = "timer",
    flags: tuple[str, ...] | None = None,
) -> Session:
    """A session of the timer's ticket, type and zone, from ``start_ts`` to ``end_ts``.

    It takes the timer's uuid, note and flags unless others are given.
    """
    tz = zone_of(timer.zone, offset_seconds(timer.start))
    return Session(
        uuid=timer.uuid if uuid is None else uuid,
        ticket=timer.ticket,
        consultant=timer.consultant,
        type=timer.type,
        start=from_ts(start_ts, tz),
        end=from_ts(end_ts, tz),
        zone=timer.zone,
        note=timer.note if note is None else note,
        source=source,
        flags=timer.flags if flags is None else flags,
    )


class TimerService:
    def __init__(self, ctx: Context, tickets: TicketService) -> None:
        self.ctx = ctx
        self.tickets = tickets

    def running(self) -> RunningTimer | None:
        return rows.get_timer(self.ctx.store, self.ctx.consultant)

    def start(self, number: str, note: str = "", heartbeat: bool = False) -> StartResult:
        """Start a timer on a ticket; a running one is stopped first, in the same transaction.

        The ticket's own timer, running already, goes on untouched (``already``).
        ``heartbeat``: the window starts it, and its first heartbeat is the start.
        """
        ticket = self.tickets.get(number)
        note = clean_text(note, "note")
        if ticket.finalized:
            raise BadInput(
                "number",
                _("ticket {number} is finalized; its time can no longer change").format(number=ticket.number),
            )
        now = self.ctx.now()
        consultant = self.ctx.consultant
        timer = RunningTimer(
            consultant=consultant,
            ticket=ticket.number,
            type=ticket.type_at(now),
            start=now,
            zone=self.ctx.clock.zone(),
            uuid=new_uuid(),
            note=note,
            heartbeat=now if heartbeat else None,
        )
        stopped = None
        with self.ctx.store.atomic() as db:
            current = rows.get_timer(self.ctx.store, consultant)
            if current is not None and current.ticket == ticket.number:
                # Starting what runs would cut it into a session of a second or so.
                return StartResult(current, None, already=True)
            if current is not None:
                stopped = self._close(db, current, now, "")
            rows.insert_timer(db, timer)
        return StartResult(timer, stopped)

    def stop(self, note: str = "") -> Session:
        note = clean_text(note, "note")
        now = self.ctx.now()
        with self.ctx.store.atomic() as db:
            current = rows.get_timer(self.ctx.store, self.ctx.consultant)
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
        session = _session_of(
            timer,
            start_ts,
            end_ts,
            note=" / ".join(n for n in (timer.note, note) if n),
            flags=tuple(dict.fromkeys(flags)),
        )
        session_rows.insert_session(db, session, created_ts=end_ts)
        rows.delete_timer(db, timer.consultant)
        return session

    def status(self) -> TimerStatus:
        timer = self.running()
        if timer is None:
            return TimerStatus(None)
        now = self.ctx.clock.now()
        settings = self.ctx.settings
        gap = heartbeat_gap(timer, now, settings.sleep_gap_seconds)
        return TimerStatus(
            timer,
            elapsed_seconds=timer.elapsed_seconds(now),
            flags=timer_flags(timer, now, settings.long_session_seconds, settings.sleep_gap_seconds),
            sleep_gap=None
            if gap is None
            else SleepGap(gap[0].astimezone(timer.start.tzinfo), to_ts(now) - to_ts(gap[0])),
        )

    def sleep_gap(self) -> tuple[datetime, datetime] | None:
        """(last heartbeat, now) when the window went silent past the threshold."""
        timer = self.running()
        if timer is None:
            return None
        return heartbeat_gap(timer, self.ctx.clock.now(), self.ctx.settings.sleep_gap_seconds)

    def heartbeat(self) -> RunningTimer | None:
        """The open window's sign of life, every minute while a timer runs.

        A wall clock that went backwards since the last heartbeat flags the timer.
        """
        timer = self.running()
        if timer is None:
            return None
        now = self.ctx.now()
        flags = list(timer.flags)
        if timer.heartbeat is not None and to_ts(now) < to_ts(timer.heartbeat) - 60:
            flags.append(Flag.CLOCK_JUMP.value)
        if to_ts(now) < to_ts(timer.start):
            flags.append(Flag.CLOCK_JUMP.value)
        with self.ctx.store.atomic() as db:
            rows.update_timer(
                db, timer.consultant, heartbeat_ts=to_ts(now), flags=",".join(dict.fromkeys(flags))
            )
        return self.running()

    def quiet(self) -> None:
        """The window closes cleanly: no heartbeat is expected until it opens again."""
        timer = self.running()
        if timer is not None:
            with self.ctx.store.atomic() as db:
                rows.update_timer(db, timer.consultant, heartbeat_ts=None)

    def _running_for(self, choice: str) -> RunningTimer:
        clean_choice(choice)
        timer = self.running()
        if timer is None:
            raise BadInput("choice", _("no timer is running"))
        return timer

    def resolve_gap(self, choice: str) -> Session | None:
        """The consultant's answer after a sleep gap: keep, discard or split.

        - keep: the timer runs on across the gap, flagged ``sleep_gap`` for review;
        - discard: the session ends at the last heartbeat and a new timer starts now;
        - split: as discard, and the gap itself is kept as its own session, flagged.
        Returns the session that was closed, if any.
        """
        timer = self._running_for(choice)
        now = self.ctx.now()
        gap = heartbeat_gap(timer, now, self.ctx.settings.sleep_gap_seconds)
        if gap is None:
            raise BadInput("choice", _("there is no sleep gap to resolve"))
        if choice == "keep":
            flags = ",".join(dict.fromkeys([*timer.flags, Flag.SLEEP_GAP.value]))
            with self.ctx.store.atomic() as db:
                rows.update_timer(db, timer.consultant, heartbeat_ts=to_ts(now), flags=flags)
            return None
        gap_ts = max(to_ts(gap[0]), to_ts(timer.start) + 1)
        away = ("sleep gap", "gap", Flag.SLEEP_GAP.value) if choice == "split" else None
        return self._cut(timer, gap_ts, now, now, away)

    def resolve_idle(self, choice: str, idle_from: datetime, until: datetime | None = None) -> Session | None:
        """The consultant's answer on coming back to the keyboard: keep, discard or split.

        ``idle_from`` is when the input stopped and ``until`` when it came back (now by
        default); the window measures both with the idle source and asks on return.

        - keep: nothing changes; the time away was work (a call, a meeting);
        - discard: the session ends at ``idle_from`` and a new timer on the same ticket
          starts at ``until``;
        - split: as discard, and the time away is kept as its own session, flagged ``idle``.
        Returns the session that was closed, if any.
        """
        timer = self._running_for(choice)
        now = self.ctx.now()
        cut_ts, back_ts = _away(timer, idle_from, until, now)
        if choice == "keep":
            return None
        machine = zone_of(self.ctx.clock.zone(), offset_seconds(now))
        away = ("idle", "idle", Flag.IDLE.value) if choice == "split" else None
        return self._cut(timer, cut_ts, from_ts(back_ts, machine), now, away)

    def _cut(
        self,
        timer: RunningTimer,
        cut_ts: int,
        back: datetime,
        now: datetime,
        away: tuple[str, str, str] | None,
    ) -> Session:
        """End the running timer's session at ``cut_ts`` and start a new timer at ``back``.

        ``away`` (note, source, flag), when given, keeps the time between as its own
        flagged session.  All in one transaction.
        """
        back_ts, now_ts = to_ts(back), to_ts(now)
        closed = _session_of(timer, to_ts(timer.start), cut_ts)
        restarted = RunningTimer(
            consultant=timer.consultant,
            ticket=timer.ticket,
            type=self.tickets.get(timer.ticket).type_at(back),
            start=back,
            zone=self.ctx.clock.zone(),
            uuid=new_uuid(),
            note=timer.note,
            heartbeat=now,
        )
        with self.ctx.store.atomic() as db:
            session_rows.insert_session(db, closed, created_ts=now_ts)
            if away is not None and back_ts > cut_ts:
                note, source, flag = away
                between = _session_of(
                    timer, cut_ts, back_ts, uuid=new_uuid(), note=note, source=source, flags=(flag,)
                )
                session_rows.insert_session(db, between, created_ts=now_ts)
            rows.delete_timer(db, timer.consultant)
            rows.insert_timer(db, restarted)
        return closed


def _away(timer: RunningTimer, idle_from: datetime, until: datetime | None, now: datetime) -> tuple[int, int]:
    """The time away from the keyboard, checked: (where the session ends, the return)."""
    for name, value in (("idle-from", idle_from), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise BadInput(name, _("needs a time zone"))
    start_ts, now_ts = to_ts(timer.start), to_ts(now)
    away_ts = to_ts(idle_from)
    back_ts = now_ts if until is None else to_ts(until)
    if back_ts > now_ts:
        raise BadInput("until", _("{time} is in the future").format(time=iso(until or now)))
    if away_ts < start_ts:
        raise BadInput(
            "idle-from",
            _("{time} is before the timer started ({start})").format(
                time=iso(idle_from), start=iso(timer.start)
            ),
        )
    # A session lasts at least a second, as when a sleep gap is cut.
    cut_ts = max(away_ts, start_ts + 1)
    if cut_ts >= back_ts:
        returned = iso(from_ts(back_ts, UTC))
        raise BadInput(
            "idle-from",
            _("{time} is not before the return, {returned}").format(time=iso(idle_from), returned=returned),
        )
    return cut_ts, back_ts
