"""Parsing and showing times and dates, with errors that name the field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.errors import BadInput
from tracker.i18n import _

EXAMPLE_TIME = "2026-11-03T09:00:00-03:00"
# Every date the tracker takes lies in these years: a day before or after, in any
# offset, is still a date Python (and every platform's clock) can hold.
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(9998, 12, 31)


def check_range(day: date, value: object, field: str) -> None:
    """Refuse a date outside :data:`FIRST_DAY` .. :data:`LAST_DAY`, naming ``field``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadInput(
            field,
            _("{value} is out of range; give a date from {first} to {last}").format(
                value=value, first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            ),
        )


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadInput("zone", _("'{name}' is not a known IANA time zone").format(name=name)) from exc


def check_time(when: datetime, value: object, field: str) -> None:
    """A time's date in range, and its offset (if any) in whole minutes, as every real one is."""
    check_range(when.date(), value, field)
    offset = when.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        raise BadInput(
            field,
            _("{value} has an offset with seconds; give it in whole minutes, such as -03:00").format(
                value=value
            ),
        )


def parse_time(text: str, field: str, zone_name: str) -> datetime:
    """An ISO 8601 time; one without an offset is taken in ``zone_name``.

    The result is aware and truncated to the whole second.
    """
    value = (text or "").strip()
    if not value:
        raise BadInput(
            field, _("is empty; give an ISO 8601 time such as {example}").format(example=EXAMPLE_TIME)
        )
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(
            field,
            _("'{value}' is not an ISO 8601 time; write it like {example}").format(
                value=value, example=EXAMPLE_TIME
            ),
        ) from None
    if not _has_clock(value):
        # datetime reads a bare date as its midnight: a time nobody meant.
        raise BadInput(
            field,
            _("'{value}' is a date without a time of day; write it like {example}").format(
                value=value, example=EXAMPLE_TIME
            ),
        )
    check_time(when, value, field)
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone(zone_name))
    return when.replace(microsecond=0)


def _has_clock(value: str) -> bool:
    """Whether an ISO 8601 text that parsed has a time of day after its date."""
    return any(sep in value for sep in "Tt ")


def parse_date(text: str, field: str) -> date:
    value = (text or "").strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadInput(
            field, _("'{value}' is not a date; write it as YYYY-MM-DD").format(value=value)
        ) from None
    check_range(day, value, field)
    return day


def to_ts(when: datetime) -> int:
    return int(when.timestamp())


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def session_zone(when: datetime, machine_zone: str) -> str | None:
    """The IANA zone to stamp on a time given with an offset.

    The machine's zone when it agrees with the given offset at that instant, else
    None: the session then keeps its fixed offset.
    """
    offset = when.utcoffset()
    if isinstance(when.tzinfo, ZoneInfo):
        return str(when.tzinfo.key)
    try:
        local = when.astimezone(ZoneInfo(machine_zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return machine_zone if local.utcoffset() == offset else None


def offset_seconds(when: datetime) -> int:
    delta = when.utcoffset() or timedelta(0)
    return int(delta.total_seconds())


def utc_now_ts(now: datetime) -> int:
    return int(now.astimezone(UTC).timestamp())


def human_duration(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def offset_changes(tz: tzinfo, first_ts: int, last_ts: int) -> tuple[list[int], list[int]]:
    """When ``tz`` changes its UTC offset between ``first_ts`` and ``last_ts``.

    ``(at, offsets)``: ``offsets[i]`` (seconds) holds from ``at[i - 1]`` (the first
    second of it) until ``at[i]``; ``offsets[0]`` from ``first_ts``.  Looked for week by
    week, each change then found to the second: two changes within one week (a zone's
    summer time lasts months) are not seen.
    """

    def offset(ts: int) -> int:
        delta = datetime.fromtimestamp(ts, tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    at: list[int] = []
    offsets = [offset(first_ts)]
    low = first_ts
    while low < last_ts:
        high = min(low + 7 * 86400, last_ts)
        if offset(high) != offsets[-1]:
            before, after = low, high
            while after - before > 1:
                middle = (before + after) // 2
                before, after = (middle, after) if offset(middle) == offsets[-1] else (before, middle)
            at.append(after)
            offsets.append(offset(after))
        low = high
    return at, offsets
