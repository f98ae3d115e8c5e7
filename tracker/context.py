"""What every service works over: the store, the clock, the settings, the data folder.

The services (tickets, timer, sessions, rates, the central store's sender and
reviews) each take one :class:`Context` and never the ``Tracker`` facade, so nothing
below the facade calls back into it.  :func:`open_context` opens one over a home:
the everyday commands (start, stop, status, log, config) build the services they
need over it, without loading the facade and the central store behind it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from tracker.clock import Clock
from tracker.config import Settings
from tracker.errors import BadInput
from tracker.i18n import _
from tracker.store import Store, open_store
from tracker.timeutil import check_time, iso, parse_time, to_ts, zone
from tracker.validate import Warn, ignore

__all__ = ["Context", "Warn", "ignore", "open_context"]


class Context:
    """What every service works over: the store, the clock, the settings, the data folder."""

    def __init__(
        self, store: Store, clock: Clock, settings: Settings, home: Path, warn: Warn = ignore
    ) -> None:
        self.store = store
        self.clock = clock
        self.settings = settings
        self.home = home
        self.warn = warn

    @property
    def consultant(self) -> str:
        return self.settings.consultant

    def now(self) -> datetime:
        """The current time in the machine's zone, to the whole second."""
        return self.clock.now().astimezone(zone(self.clock.zone())).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def when(self, value: str | datetime | None, field: str) -> datetime:
        """A time given by a front end (text or aware datetime); now when None."""
        if value is None:
            return self.now()
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise BadInput(field, _("needs a time zone"))
            check_time(value, iso(value), field)
            return value.replace(microsecond=0)
        return parse_time(value, field, self.clock.zone())

    def not_future(self, when: datetime, field: str) -> None:
        if to_ts(when) > to_ts(self.now()):
            raise BadInput(field, _("{time} is in the future").format(time=iso(when)))


def open_context(
    home: Path, clock: Clock, warn: Warn = ignore, *, migrate: bool = True, check: bool | None = None
) -> Context:
    """The context of the data folder ``home``; close it with ``ctx.store.close()``."""
    store = open_store(home, migrate=migrate, check=check)
    return Context(store, clock, Settings(store, home), home, warn)
