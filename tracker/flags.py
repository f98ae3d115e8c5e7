"""Review flags: pure functions over sessions.  They flag; they never fix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from tracker.model import Flag, RunningTimer, Session


def crosses_midnight(start: datetime, end: datetime) -> bool:
    # A session ending exactly at 00:00:00 stays on its day.
    return (end - timedelta(seconds=1)).date() > start.date()


def session_flags(
    sessions: Sequence[Session], neighbours: Iterable[Session], long_seconds: int
) -> dict[str, tuple[str, ...]]:
    """The flags of each session: stored ones (sleep gap, clock jump) and computed ones.

    ``neighbours`` are every session of the same consultant that may overlap these
    (the day and the days around it); deleted sessions must not be among them.
    """
    # (start, end, uuid) by start, each time converted once: a day is compared with itself.
    others = sorted((int(o.start.timestamp()), int(o.end.timestamp()), o.uuid) for o in neighbours)
    result: dict[str, tuple[str, ...]] = {}
    for s in sessions:
        flags = list(dict.fromkeys(s.flags))
        start, end = int(s.start.timestamp()), int(s.end.timestamp())
        for o_start, o_end, o_uuid in others:
            if o_start >= end:
                break
            if o_uuid != s.uuid and o_end > start:
                flags.append(Flag.OVERLAP.value)
                break
        if s.seconds > long_seconds:
            flags.append(Flag.LONG.value)
        if crosses_midnight(s.start, s.end):
            flags.append(Flag.ACROSS_MIDNIGHT.value)
        result[s.uuid] = tuple(dict.fromkeys(flags))
    return result


def timer_flags(timer: RunningTimer, now: datetime, long_seconds: int, gap_seconds: int) -> tuple[str, ...]:
    flags = list(timer.flags)
    elapsed = timer.elapsed_seconds(now)
    if elapsed < 0:
        flags.append(Flag.CLOCK_JUMP.value)
    if elapsed > long_seconds:
        flags.append(Flag.LONG.value)
    if elapsed > 0 and crosses_midnight(timer.start, now.astimezone(timer.start.tzinfo)):
        flags.append(Flag.ACROSS_MIDNIGHT.value)
    gap = heartbeat_gap(timer, now, gap_seconds)
    if gap is not None:
        flags.append(Flag.SLEEP_GAP.value)
    return tuple(dict.fromkeys(flags))


def heartbeat_gap(timer: RunningTimer, now: datetime, gap_seconds: int) -> tuple[datetime, datetime] | None:
    """(last heartbeat, now) when the open window went silent longer than the threshold.

    Only a window writes heartbeats; a timer run from the CLI alone has none, and a
    window that closes cleanly clears it, so neither counts as a gap.
    """
    if timer.heartbeat is None:
        return None
    if int(now.timestamp()) - int(timer.heartbeat.timestamp()) > gap_seconds:
        return timer.heartbeat, now
    return None
