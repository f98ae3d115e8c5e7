"""A span of days of one consultant's log, fast over a whole history.

SQLite writes each session of the span (its line of ``tracker log``, or its JSON
object: :func:`tracker.store.sessions.span_rows`), so that the sessions never become
Python objects.  Two things are finished here, on the few rows they concern:

- the ``overlap`` flag (JSON only), found in one pass over the sessions by start,
  the days around the span included, by the rule of :mod:`tracker.flags`;
- the times of a session whose zone changed its UTC offset during it, or whose
  recorded offset the zone's rules no longer give: SQLite wrote them in the offset
  recorded with the start, and they are written again in the zone's own offsets.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from tracker.context import Context
from tracker.flags import crosses_midnight
from tracker.model import Flag, from_ts, zone_of
from tracker.store import sessions as rows
from tracker.timeutil import iso, offset_changes
from tracker.validate import clean_span

# The columns of a row of store.sessions.span_rows.
TEXT, START, END, ZONE, OFFSET, DAY, FLAGS = range(7)
Row = Sequence[Any]
SECONDS_A_DAY = 86400


@dataclass(frozen=True)
class SpanLog:
    """A span of one consultant's days, each session written out as the command line shows it."""

    first: date
    last: date
    lines: list[str]  # one a session: its JSON object, or its line of ``tracker log``
    seconds: int
    days: int  # how many days have sessions


def log_span(ctx: Context, first: str | date | None, last: str | date | None, as_json: bool) -> SpanLog:
    """The sessions of the days ``first`` to ``last`` (default today), each written out."""
    start, end = clean_span(first, last, ctx.today())
    found = rows.span_rows(
        ctx.store,
        ctx.consultant,
        start.isoformat(),
        end.isoformat(),
        ctx.settings.long_session_seconds,
        as_json,
    )
    overlapping = overlaps(found) if as_json else set()
    shifts = ZoneShifts(found)
    first_day, last_day = start.isoformat(), end.isoformat()
    lines: list[str] = []
    seconds = days = 0
    previous = ""
    zones = shifts.zones
    append = lines.append
    # ZoneShifts.moved, inlined: this loop runs once per session of a whole history.
    for i, row in enumerate(found):
        day = row[DAY]
        if not first_day <= day <= last_day:  # a day around the span, only looked at for overlaps
            continue
        text = row[TEXT]
        if i in overlapping:
            text = with_overlap(text, row[FLAGS])
        known = zones.get(row[ZONE]) if row[ZONE] else None
        if known is not None:
            at, offsets = known[1], known[2]
            if at:
                begin = row[START]
                where = bisect_right(at, begin)
                # moved: another offset at the start, or a change between start and end
                if offsets[where] != row[OFFSET] or (where < len(at) and at[where] <= row[END]):
                    text = shifts.exact(row, text, as_json)
            elif offsets[0] != row[OFFSET]:
                text = shifts.exact(row, text, as_json)
        append(text)
        seconds += row[END] - row[START]
        if day != previous:  # the rows come by day
            days, previous = days + 1, day
    return SpanLog(start, end, lines, seconds, days)


def overlaps(found: Sequence[Row]) -> set[int]:
    """The rows (by index) whose session overlaps another: tracker.flags' rule, in one pass by start.

    A session overlaps an earlier one when the latest end before it is after its
    start, and a later one when the next start is before its end.
    """
    starts = [r[START] for r in found]
    order = sorted(range(len(found)), key=starts.__getitem__)
    flagged: set[int] = set()
    reach = None  # the latest end among the sessions before
    for k, i in enumerate(order):
        start, end = starts[i], found[i][END]
        if (reach is not None and reach > start) or (k + 1 < len(order) and starts[order[k + 1]] < end):
            flagged.add(i)
        if reach is None or end > reach:
            reach = end
    return flagged


def with_overlap(text: str, stored: str) -> str:
    """A session's JSON with ``overlap`` among its flags, after the stored ones."""
    head, _sep, rest = text.partition(',"flags":[')
    inner, _sep, tail = rest.partition("]")
    names = [n for n in inner.split(",") if n]
    if '"overlap"' in names:
        return text
    names.insert(len(dict.fromkeys(f for f in stored.split(",") if f)), '"overlap"')
    return f'{head},"flags":[{",".join(names)}]{tail}'


class ZoneShifts:
    """The UTC offset changes of the zones of a span's sessions, to find the times SQLite
    wrote in an offset that is not the zone's."""

    def __init__(self, found: Sequence[Row]) -> None:
        self.zones: dict[str, tuple[ZoneInfo, list[int], list[int]]] = {}
        if not found:
            return
        # Rows come by local day, and a session lasts at most a day: the days around
        # the first and the last row hold every time of the span.
        first, last = found[0][START] - 2 * SECONDS_A_DAY, found[-1][START] + 3 * SECONDS_A_DAY
        for name in {r[ZONE] for r in found if r[ZONE]}:
            tz = zone_of(name, 0)
            if isinstance(tz, ZoneInfo):
                self.zones[name] = (tz, *offset_changes(tz, first, last))

    def exact(self, row: Row, text: str, as_json: bool) -> str:
        """The row written again with its start and end in the zone's own offsets."""
        tz = self.zones[row[ZONE]][0]
        start, end = from_ts(row[START], tz), from_ts(row[END], tz)
        if not as_json:
            return f"{text[:11]}{start:%H:%M}-{end:%H:%M}{text[22:]}"
        value = json.loads(text)
        value["start"], value["end"] = iso(start), iso(end)
        across = Flag.ACROSS_MIDNIGHT.value
        stored = row[FLAGS].split(",")
        flags = [f for f in value["flags"] if f != across or f in stored]
        if crosses_midnight(start, end) and across not in flags:
            flags.append(across)
        value["flags"] = flags
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
