"""The one place that asks the time.

Everything else receives a :class:`Clock` (or a ``now`` value) from its caller, so
tests can fix the time and never sleep.  ``TRACKER_FAKE_NOW`` (an ISO 8601 time with
an offset) fixes the clock of a whole process; end-to-end tests use it to drive the
CLI through real subprocesses.  ``TRACKER_TZ`` overrides the IANA zone the same way.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...

    def zone(self) -> str:
        """The IANA name of the machine's zone (for example ``America/Sao_Paulo``)."""
        ...


def local_zone_name() -> str:
    """The machine's IANA zone, or ``UTC`` when it cannot be told."""
    forced = os.environ.get("TRACKER_TZ")
    if forced:
        return forced
    # Asked only here: tzlocal brings logging along (about a tenth of a command's start).
    import tzlocal

    try:
        name = tzlocal.get_localzone_name()
    except Exception:  # pragma: no cover - depends on the host's setup
        name = None
    return name or "UTC"


class SystemClock:
    """The real clock of the machine.

    The zone is looked up again at most once a minute: a laptop that changes zone is
    followed, without asking the system on every call.
    """

    def __init__(self) -> None:
        self._zone = ""
        self._zone_at = 0.0

    def now(self) -> datetime:
        return datetime.now(UTC)

    def zone(self) -> str:
        tick = time.monotonic()
        if not self._zone or tick - self._zone_at > 60:
            self._zone, self._zone_at = local_zone_name(), tick
        return self._zone


class FixedClock:
    """A clock that says what it is told; tests move it with :meth:`advance`."""

    def __init__(self, current: datetime, zone_name: str = "America/Sao_Paulo") -> None:
        if current.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware time")
        self.current = current.astimezone(UTC)
        self.zone_name = zone_name

    def __repr__(self) -> str:
        return f"FixedClock({self.current.isoformat()}, {self.zone_name!r})"

    def now(self) -> datetime:
        return self.current

    def zone(self) -> str:
        return self.zone_name

    def advance(self, **delta: float) -> None:
        self.current = self.current + timedelta(**delta)

    def set(self, when: datetime) -> None:
        self.current = when.astimezone(UTC)


def default_clock() -> Clock:
    """The process clock: fixed when ``TRACKER_FAKE_NOW`` is set, else the system's."""
    fake = os.environ.get("TRACKER_FAKE_NOW")
    if fake:
        when = datetime.fromisoformat(fake)
        if when.tzinfo is None:
            raise ValueError("TRACKER_FAKE_NOW needs an offset, for example 2026-11-03T09:00:00-03:00")
        return FixedClock(when, local_zone_name())
    return SystemClock()
