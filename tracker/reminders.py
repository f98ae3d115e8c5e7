"""Which reminders are due: pure functions of the time, the timer and the queue.

The desktop app asks every minute and shows what is due as a desktop notification,
each kind at most once per ``REPEAT`` so it never nags.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from tracker.model import RunningTimer
from tracker.workweek import DAYS as DAYS
from tracker.workweek import format_days as format_days
from tracker.workweek import parse_work_days as parse_work_days
from tracker.workweek import parse_work_hours as parse_work_hours

REPEAT = timedelta(minutes=60)


@dataclass(frozen=True)
class Reminder:
    kind: str  # no_timer | long_timer | unsynced
    detail: dict[str, object]


@dataclass(frozen=True)
class ReminderSettings:
    work_start: time
    work_end: time
    work_days: frozenset[int]
    running_hours: int
    unsynced_days: int


def settings_of(values: Mapping[str, str]) -> ReminderSettings:
    """The reminders' settings out of the home's settings (``Settings.all()``)."""
    start, end = parse_work_hours(values["work-hours"])
    return ReminderSettings(
        start,
        end,
        parse_work_days(values["work-days"]),
        int(values["remind-running-hours"]),
        int(values["remind-unsynced-days"]),
    )


def due(
    now: datetime,
    timer: RunningTimer | None,
    oldest_unsynced: datetime | None,
    settings: ReminderSettings,
    last_shown: dict[str, datetime] | None = None,
) -> list[Reminder]:
    """Reminders due at ``now`` (aware, in the consultant's zone)."""
    shown = last_shown or {}
    out: list[Reminder] = []
    working = now.weekday() in settings.work_days and settings.work_start <= now.time() < settings.work_end
    if timer is None and working:
        out.append(Reminder("no_timer", {}))
    if timer is not None:
        hours = timer.elapsed_seconds(now) / 3600
        if hours > settings.running_hours:
            out.append(Reminder("long_timer", {"ticket": timer.ticket, "hours": int(hours)}))
    if oldest_unsynced is not None:
        days = (now - oldest_unsynced).total_seconds() / 86400
        if days > settings.unsynced_days:
            out.append(Reminder("unsynced", {"days": int(days)}))
    return [r for r in out if r.kind not in shown or now - shown[r.kind] >= REPEAT]
