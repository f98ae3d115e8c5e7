"""Which reminders are due: pure functions of the time, the timer and the queue.

The desktop app asks every minute and shows what is due as a desktop notification,
each kind at most once per ``REPEAT`` so it never nags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from tracker.errors import BadInput
from tracker.i18n import _
from tracker.model import RunningTimer

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REPEAT = timedelta(minutes=60)


def parse_work_hours(value: str) -> tuple[time, time]:
    m = re.match(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$", value or "")
    if not m:
        raise BadInput(
            "work-hours", _("'{value}' is not HH:MM-HH:MM, for example 08:00-18:00").format(value=value)
        )
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise BadInput(
            "work-hours", _("'{value}' has an hour that does not exist").format(value=value)
        ) from None
    if end <= start:
        raise BadInput("work-hours", _("'{value}' ends before it starts").format(value=value))
    return start, end


def parse_work_days(value: str) -> frozenset[int]:
    """'mon-fri', 'mon,wed,fri' or 'seg-sex' style ranges of weekday names (0 is Monday)."""
    text = (value or "").strip().lower()
    aliases = {
        "seg": "mon",
        "ter": "tue",
        "qua": "wed",
        "qui": "thu",
        "sex": "fri",
        "sab": "sat",
        "sáb": "sat",
        "dom": "sun",
    }
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        ends = [aliases.get(x.strip(), x.strip()) for x in part.split("-")]
        if len(ends) > 2 or any(e not in DAYS for e in ends):
            raise BadInput(
                "work-days",
                _("'{value}' is not a list of days such as mon-fri or mon,wed,fri").format(value=value),
            )
        a, b = DAYS.index(ends[0]), DAYS.index(ends[-1])
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    if not days:
        raise BadInput("work-days", _("is empty; for example mon-fri"))
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    return ",".join(DAYS[d] for d in sorted(days))


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
