"""The central store's side of the app: syncing, the sync status, leads' review, the statement.

``CentralService`` is what the facade's central methods delegate to.  It opens the
central store this home is set to use (:func:`tracker.central.open_central`) and
hands it to the sender, the review and the statement, which speak only the
:class:`~tracker.central.Central` protocol.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from tracker import inbox, issuing, review
from tracker.billing import Rate
from tracker.central import Central, Decision, open_central
from tracker.central.sender import Progress, Sender, SyncResult, SyncStatus, pending
from tracker.context import Context
from tracker.errors import BadInput, TrackerError
from tracker.i18n import _
from tracker.model import from_ts
from tracker.rates import RateService, clashes, merge
from tracker.review import DayReview
from tracker.server_url import is_server_url, server_label, url_user
from tracker.statement import IssuedInfo, Statement
from tracker.store import outbox
from tracker.store import reviews as review_store
from tracker.store import sessions as session_store
from tracker.timeutil import iso, offset_seconds, parse_date, to_ts, zone
from tracker.validate import clean_login, clean_month, clean_text


class CentralService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def central(self) -> Central:
        """The central store this home is set to use; close it (or use it in a ``with``)."""
        return open_central(self.ctx)

    # ----- sending ---------------------------------------------------------------

    def sync(self, progress: Progress | None = None, target: Central | None = None) -> SyncResult:
        """Send every pending session revision, ticket event, review decision and rate version to
        the central store; then keep its rate versions here, for estimates offline."""
        if target is not None:
            return self._sync(target, progress)
        with self.central() as central:
            return self._sync(central, progress)

    def _sync(self, central: Central, progress: Progress | None) -> SyncResult:
        result = Sender(self.ctx, central).sync(progress)
        try:
            RateService(self.ctx).remember_central(central.rates())
        except TrackerError as exc:  # a damaged roles file: the sync itself went through
            self.ctx.warn(str(exc))
        return result

    def sync_status(self) -> SyncStatus:
        """Pending counts, the last sync and the last error, for the status indicator."""
        state = outbox.sync_state(self.ctx.store)
        return SyncStatus(
            pending=pending(self.ctx.store, self.ctx.settings.get("role") == "billing"),
            last_sync=state.get("last-sync") or None,
            last_error=state.get("last-error") or None,
            target=self.target(),
        )

    def target(self) -> str:
        """Where this home syncs to, in words, without connecting: the folder, or the server."""
        where = self.ctx.settings.get("central")
        if is_server_url(where):
            return _("{server} (PostgreSQL, as {login})").format(
                server=server_label(where), login=url_user(where) or self.ctx.consultant
            )
        return self.ctx.settings.get("export-dir")

    def oldest_unsynced(self) -> datetime | None:
        """Since when sessions have waited for the central store, for the reminder.

        The oldest pending session's recording time, but never before the last sync
        that went through: a session edited since then has waited only since then.
        """
        ts = session_store.oldest_pending_created_ts(self.ctx.store)
        if ts is None:
            return None
        last = outbox.sync_state(self.ctx.store).get("last-sync")
        if last:
            ts = max(ts, to_ts(datetime.fromisoformat(last)))
        return from_ts(ts, zone(self.ctx.clock.zone()))

    # ----- team leads' review ----------------------------------------------------

    def review_day(self, day: str, consultant: str | None = None) -> DayReview:
        the_day = parse_date(day, "day").isoformat()
        who = None if consultant is None else clean_login(consultant)
        with self.central() as central:
            report = central.refresh()
            result = review.day_review(
                central, the_day, who, self.ctx.settings.long_session_seconds, self.ctx.now()
            )
            conflicts = central.conflicts()
        return replace(result, problems=(*report.problems, *conflicts, *result.problems))

    def decide_day(self, day: str, consultant: str, decision: str, comment: str = "") -> Decision:
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
        who = clean_login(consultant)
        if decision not in ("approve", "return"):
            raise BadInput("decision", _("use approve or return"))
        text = clean_text(comment, "comment", required=decision == "return")
        done = Decision(
            str(uuidlib.uuid4()), who, the_day.isoformat(), decision, text, self.ctx.consultant, iso(now)
        )
        row = {
            "uuid": done.uuid,
            "consultant": who,
            "day": done.day,
            "decision": decision,
            "comment": text,
            "lead": done.lead,
            "at_ts": to_ts(now),
            "utc_offset": offset_seconds(now),
        }
        review_store.insert_review(self.ctx.store, row)
        return done

    def my_reviews(self, day: str | date | None = None) -> list[Decision]:
        """Leads' latest decision per day about this consultant's days, as the last sync brought them."""
        return inbox.my_reviews(self.ctx, day)

    # ----- the statement ---------------------------------------------------------

    def statement(
        self,
        month: str,
        own_rates: Sequence[Rate],
        progress: Callable[[str], None] | None = None,
        approved_only: bool = False,
    ) -> Statement:
        """The month's statement from the central store: as issued, or open with its adjustments.

        Priced with the central store's rates and ``own_rates`` (this home's versions not
        synced yet), so a billing home's new rate counts at once.
        """
        text = clean_month(month)
        with self.central() as central:
            if progress:
                progress("reading the central export")
            report = central.refresh()
            if progress:
                progress("pricing")
            st, problems = self._draw(central, text, own_rates, approved_only)
            conflicts = central.conflicts()
        st.problems = report.problems + conflicts + problems + st.problems
        return st

    def issue(self, month: str, own_rates: Sequence[Rate], approved_only: bool = False) -> Statement:
        """Draw the open ``month`` and keep it in the central store as issued; it never changes again.

        Billing only.  A month already issued is refused; when the central store cannot
        be written, nothing counts as issued (TargetUnavailable).
        """
        role = self.ctx.settings.get("role")
        if role != "billing":
            raise BadInput(
                "role",
                _(
                    "only billing issues statements; this app's role is {role} "
                    "(tracker config set role billing)"
                ).format(role=role),
            )
        text = clean_month(month)
        with self.central() as central:
            report = central.refresh()
            done = central.issued(text)
            if done is not None:
                raise BadInput(
                    "issue",
                    _(
                        "the statement of {month} was already issued, by {who} at {at}; an issued month "
                        "never changes: draw it without --issue, and late work is billed as adjustments "
                        "in the first open month"
                    ).format(month=text, who=done.issued_by, at=done.at),
                )
            st, problems = self._draw(central, text, own_rates, approved_only)
            kept = issuing.to_issue(st, self.ctx.consultant, iso(self.ctx.now()), approved_only)
            central.publish_issued(kept)
            conflicts = central.conflicts()
        st.issued = IssuedInfo(kept.issued_by, kept.at, kept.sha256)
        st.problems = report.problems + conflicts + problems + st.problems
        return st

    def _draw(
        self, central: Central, month: str, own_rates: Sequence[Rate], approved_only: bool
    ) -> tuple[Statement, list[str]]:
        central_rates = central.rates()
        rates = merge(central_rates, own_rates)
        drawing = issuing.Drawing(central, rates, central.approved_days, approved_only)
        return drawing.draw(month), clashes(rates)
