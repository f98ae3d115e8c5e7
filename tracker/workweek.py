"""The working week of the settings: working hours and working days, as typed and as stored.

``tracker config set work-hours`` and ``work-days`` check their values here; the
reminders (:mod:`tracker.reminders`) read them back.
"""

from __future__ import annotations

import re
from datetime import time

from tracker.errors import BadInput
from tracker.i18n import _

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
