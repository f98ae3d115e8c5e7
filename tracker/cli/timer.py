"""``tracker start``, ``tracker stop`` and ``tracker status``: the running timer."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.common import on_context
from tracker.cli.output import flag_text, print_json, warn
from tracker.context import Context
from tracker.tickets import TicketService
from tracker.timer import TimerService
from tracker.timeutil import human_duration, iso

if TYPE_CHECKING:  # pragma: no cover
    from tracker.cli.common import Subparsers


def register(sub: Subparsers) -> None:
    s = sub.add_parser("start", help="start the timer on a ticket")
    s.add_argument("number")
    s.add_argument("--note", default="")
    s.set_defaults(func=start)
    s = sub.add_parser("stop", help="stop the running timer")
    s.add_argument("--note", default="")
    s.set_defaults(func=stop)
    s = sub.add_parser("status", help="the running timer")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=status)


def timer_of(ctx: Context) -> TimerService:
    return TimerService(ctx, TicketService(ctx))


@on_context
def start(ctx: Context, args: argparse.Namespace) -> int:
    result = timer_of(ctx).start(args.number, args.note)
    if result.already:
        t = result.timer
        elapsed = human_duration(t.elapsed_seconds(ctx.now()))
        print(f"{t.ticket} is already running, since {iso(t.start)} ({elapsed}); nothing changed")
        return 0
    if result.stopped:
        s = result.stopped
        print(f"stopped {s.ticket}: {human_duration(s.seconds)}")
    print(f"started {result.timer.ticket} ({result.timer.type.value}) at {iso(result.timer.start)}")
    return 0


@on_context
def stop(ctx: Context, args: argparse.Namespace) -> int:
    s = timer_of(ctx).stop(args.note)
    print(f"stopped {s.ticket}: {human_duration(s.seconds)} ({iso(s.start)} - {iso(s.end)})")
    for flag in s.flags:
        warn(f"the session is flagged for review: {flag_text(flag)}")
    return 0


@on_context
def status(ctx: Context, args: argparse.Namespace) -> int:
    st = timer_of(ctx).status()
    if args.json:
        print_json(st.to_json())
    elif st.timer is not None:
        elapsed = human_duration(st.elapsed_seconds)
        print(f"running {st.timer.ticket} since {iso(st.timer.start)} ({elapsed})")
    else:
        print("no timer running")
    if st.sleep_gap is not None:
        gap = st.sleep_gap
        warn(
            f"no heartbeat from the window since {iso(gap.since)} ({human_duration(gap.seconds)}): "
            "the machine slept or the app was killed; open the window to keep, discard or split it"
        )
    for flag in st.flags:
        if flag != "sleep_gap":
            warn(f"the running timer is flagged for review: {flag_text(flag)}")
    return 0
