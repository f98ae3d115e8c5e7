"""Leads' decisions about this consultant's days, as the last sync brought them.

They are kept in the local database (``review_inbox``), so ``tracker log`` shows them
without opening, or even loading, the central store.
"""

from __future__ import annotations

from datetime import date

from tracker.context import Context
from tracker.model import Decision
from tracker.store import reviews as review_store
from tracker.timeutil import parse_date

__all__ = ["Decision", "my_reviews"]


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
