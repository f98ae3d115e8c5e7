"""What the export's schema checks beyond JSON types: patterns, times, text (see tracker.central.schema).

Each check raises :class:`RecordError` naming the field.  What a million records share
(a few logins and zones, a few thousand hours) is looked up once and remembered.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

# \Z, not $: "$" also matches before a final newline.
LOGIN = re.compile(r"^[A-Za-z0-9._@-]{1,64}\Z")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
UUIDS = re.compile(r"(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n)*")
# A time's date, hour and offset (its minutes and seconds are looked up in MINUTES).
HOUR = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}[+-][0-9]{2}:[0-9]{2}(:[0-9]{2})?\Z")
ZONE = re.compile(r"^[A-Za-z0-9_+./-]{1,64}\Z")
UNIT = re.compile(r"^[A-Za-z0-9._/-]{0,32}\Z")
BATCH = re.compile(r"^[0-9]{8}-[0-9a-f]{8}\Z")
SHA256 = re.compile(r"^[0-9a-f]{64}\Z")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)
MINUTES = {f":{m:02d}:{s:02d}": m * 60 + s for m in range(60) for s in range(60)}
HOURS: dict[str, int] = {}  # "2026-11-03T09-03:00": the epoch seconds of that hour
SEEN: dict[re.Pattern[str], set[str]] = {LOGIN: set(), ZONE: set()}
_REMEMBER = 100_000


class RecordError(ValueError):
    """A record that does not follow the schema: the field, and what is wrong with it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def epoch(value: str, field: str) -> int:
    """The epoch seconds of an ISO 8601 time with its offset, as the app writes it.

    ``2026-11-03T09:00:00-03:00``: a date that exists, an hour, minutes and seconds,
    and an offset; nothing else.  Each (date, hour, offset) is parsed once.
    """
    seconds = MINUTES.get(value[13:19])
    key = value[:13] + value[19:]
    base = HOURS.get(key)
    if base is None:
        base = _hour(key, value, field)
    if seconds is None:
        raise RecordError(field, f"{value!r} is not a time with its offset (YYYY-MM-DDTHH:MM:SS+HH:MM)")
    return base + seconds


def _hour(key: str, value: str, field: str) -> int:
    if not HOUR.match(key):
        raise RecordError(field, f"{value!r} is not a time with its offset (YYYY-MM-DDTHH:MM:SS+HH:MM)")
    try:
        moment = datetime.fromisoformat(f"{key[:13]}:00:00{key[13:]}")
    except ValueError:
        raise RecordError(field, f"{value!r} is not a time that exists") from None
    if len(HOURS) > _REMEMBER:
        HOURS.clear()
    HOURS[key] = base = (moment - _EPOCH) // _SECOND
    return base


def day(value: str, field: str) -> date:
    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise RecordError(field, f"{value!r} is not a date") from None
    if found.isoformat() != value:
        raise RecordError(field, f"{value!r} is not a date written YYYY-MM-DD")
    return found


def text(value: str, field: str) -> None:
    """No control characters but tab and newline (which the app's text fields accept)."""
    if not value.isprintable() and not value.replace("\t", "").replace("\n", "").isprintable():
        raise RecordError(field, "contains control characters")


def number(value: str, field: str) -> None:
    if not value.isprintable() or " " in value:
        raise RecordError(field, "is not a ticket number (printable, no spaces)")


def login(value: str, field: str) -> None:
    matches(LOGIN, value, field, remember=True)


def matches(pattern: re.Pattern[str], value: str, field: str, *, remember: bool = False) -> None:
    seen = SEEN.get(pattern) if remember else None
    if seen is not None and value in seen:
        return
    if not pattern.match(value):
        raise RecordError(field, f"{value!r} is not valid here")
    if seen is not None:
        if len(seen) > _REMEMBER:
            seen.clear()
        seen.add(value)


def split_error(message: str) -> tuple[str, str]:
    """msgspec's "what - at `$[3].field`" as ("$[3].field", "what")."""
    what, sep, where = message.rpartition(" - at `")
    if not sep:
        return "", message
    return where.rstrip("`"), what
