"""Leads' decisions about this consultant's days, as the last sync brought them.

They are kept in the local database (``review_inbox``), so ``tracker log`` shows them
without opening, or even loading, the central store.  :class:`Decision` is what every
central store hands back too (:mod:`tracker.central.records` re-exports it); it lives
here, and not in :mod:`tracker.model`, so that the commands that never show one
(status, start, stop) do not pay for building its class.
"""

from datetime import date
from typing import NamedTuple

from tracker.context import Context
from tracker.store import reviews as review_store
from tracker.timeutil import parse_date

__all__ = ["Decision", "my_reviews"]


class Decision(NamedTuple):
    """A lead's decision about one consultant's day."""

    uuid: str
    consultant: str
    day: str
    decision: str  # approve | return
    comment: str
    lead: str
    at: str  # local time with its offset

    def to_json(self) -> dict[str, str]:
        """As ``tracker review --json`` shows it."""
        return {"decision": self.decision, "comment": self.comment, "lead": self.lead, "at": self.at}


def my_reviews(ctx: Context, day: str | date | None = None) -> list[Decision]:
    """The latest decision per day (of ``day`` only, when given), by day."""
    the_day = None
    if day is not None:
        the_day = (day if isinstance(day, date) else parse_date(day, "day")).isoformat()
    who = ctx.consultant
    return [
        Decision(r["uuid"], who, r["day"], r["decision"], r["comment"], r["lead"], r["at"])
        for r in review_store.inbox(ctx.store, the_day)
    ]
