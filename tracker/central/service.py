"""The central store's side of the app: syncing, the sync status, leads' review, the statement.

``CentralService`` is what the facade's central methods delegate to.  It opens the
central store this home is set to use (:func:`tracker.central.open_central`) and
hands it to the sender, the review and the statement, which speak only the
:class:`~tracker.central.Central` protocol.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tracker import review
from tracker import statement as statements
from tracker.billing import Rate
from tracker.central import Central, open_central
from tracker.central.sender import Progress, Sender, SyncResult, SyncStatus, pending
from tracker.config import LOGIN_RE
from tracker.context import Context
from tracker.errors import BadInput
from tracker.i18n import _
from tracker.model import from_ts
from tracker.review import DayReview
from tracker.statement import Statement
from tracker.store import outbox
from tracker.store import reviews as review_store
from tracker.timeutil import iso, offset_seconds, parse_date, to_ts, zone
from tracker.validate import clean_text

MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


class CentralService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def central(self) -> Central:
        """The central store this home is set to use; close it (or use it in a ``with``)."""
        return open_central(self.ctx)

    # ----- sending ---------------------------------------------------------------

    def sync(self, progress: Progress | None = None, target: Central | None = None) -> SyncResult:
        """Send every pending session revision, ticket event and review decision to the central store."""
        if target is not None:
            return Sender(self.ctx, target).sync(progress)
        with self.central() as central:
            return Sender(self.ctx, central).sync(progress)

    def sync_status(self) -> SyncStatus:
        """Pending counts, the last sync and the last error, for the status indicator."""
        state = outbox.sync_state(self.ctx.store)
        return SyncStatus(
            pending=pending(self.ctx.store),
            last_sync=state.get("last-sync") or None,
            last_error=state.get("last-error") or None,
            target=self.ctx.settings.get("export-dir"),
        )

    def oldest_unsynced(self) -> datetime | None:
        """Since when sessions have waited for the central store, for the reminder.

        The oldest pending session's recording time, but never before the last sync
        that went through: a session edited since then has waited only since then.
        """
        ts = outbox.oldest_pending_created_ts(self.ctx.store)
        if ts is None:
            return None
        last = outbox.sync_state(self.ctx.store).get("last-sync")
        if last:
            ts = max(ts, to_ts(datetime.fromisoformat(last)))
        return from_ts(ts, zone(self.ctx.clock.zone()))

    # ----- team leads' review ----------------------------------------------------

    def review_day(self, day: str, consultant: str | None = None) -> DayReview:
        the_day = parse_date(day, "day").isoformat()
        with self.central() as central:
            report = central.refresh()
            result = review.day_review(
                central, the_day, consultant, self.ctx.settings.long_session_seconds, self.ctx.now()
            )
        return replace(result, problems=(*report.problems, *result.problems))

    def decide_day(self, day: str, consultant: str, decision: str, comment: str = "") -> dict[str, Any]:
        """A lead approves a consultant's day, or returns it with a comment.

        The decision is a record that the next sync sends to the central store; leads
        never change a consultant's sessions.
        """
        settings = self.ctx.settings
        if settings.get("role") != "lead":
            raise BadInput(
                "role",
                _(
                    "only a team lead approves or returns days; this app's role is "
                    "{role} (tracker config set role lead)"
                ).format(role=settings.get("role")),
            )
        the_day = parse_date(day, "day")
        now = self.ctx.now()
        if the_day > now.date():
            raise BadInput("day", _("{date} is in the future").format(date=the_day.isoformat()))
        who = (consultant or "").strip()
        if not LOGIN_RE.match(who):
            raise BadInput("consultant", _("'{login}' is not a login").format(login=consultant))
        if decision not in ("approve", "return"):
            raise BadInput("decision", _("use approve or return"))
        text = clean_text(comment, "comment", required=decision == "return")
        row = {
            "uuid": str(uuidlib.uuid4()),
            "consultant": who,
            "day": the_day.isoformat(),
            "decision": decision,
            "comment": text,
            "lead": self.ctx.consultant,
            "at_ts": to_ts(now),
            "utc_offset": offset_seconds(now),
        }
        review_store.insert_review(self.ctx.store, row)
        return {**row, "at": iso(now)}

    def my_reviews(self, day: str | date | None = None) -> list[dict[str, Any]]:
        """Leads' decisions about this consultant's days, as the last sync brought them."""
        if day is None:
            return review_store.inbox(self.ctx.store)
        the_day = day if isinstance(day, date) else parse_date(day, "day")
        return review_store.inbox(self.ctx.store, the_day.isoformat())

    # ----- the statement -----------------------------------------------------------

    def statement(
        self,
        month: str,
        rates: Sequence[Rate],
        progress: Callable[[str], None] | None = None,
        approved_only: bool = False,
    ) -> Statement:
        """The month's statement from the central store, priced with ``rates``."""
        text = (month or "").strip()
        if not MONTH_RE.match(text):
            raise BadInput("month", _("'{month}' is not a month; write it as YYYY-MM").format(month=month))
        with self.central() as central:
            if progress:
                progress("reading the central export")
            report = central.refresh()
            if progress:
                progress("pricing")
            approved = central.approved_days() if approved_only else None
            st = statements.build(central, text, rates, approved=approved)
        st.problems = report.problems + st.problems
        return st
