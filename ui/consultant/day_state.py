"""Where a day stands with the lead: not reviewed, approved, returned, or corrected since.

A returned day is "corrected" once one of its sessions was recorded or changed after the
lead returned it: "awaiting review" when those changes reached the central store,
"not yet sent" while a sync is still to send them.  Read from Tracker.my_reviews (the
latest decision per day, as the last sync brought them) and Tracker.days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from tracker.app import DayTotal, Decision, Tracker

UNREVIEWED = "unreviewed"
APPROVED = "approved"
RETURNED = "returned"
CORRECTED = "corrected"  # changed after the return, and sent: the lead may look again
CORRECTED_UNSENT = "corrected_unsent"  # changed after the return, not yet synced

STATE_TEXTS = {
    UNREVIEWED: QT_TRANSLATE_NOOP("DayState", "not reviewed"),
    APPROVED: QT_TRANSLATE_NOOP("DayState", "approved"),
    RETURNED: QT_TRANSLATE_NOOP("DayState", "returned"),
    CORRECTED: QT_TRANSLATE_NOOP("DayState", "corrected, awaiting review"),
    CORRECTED_UNSENT: QT_TRANSLATE_NOOP("DayState", "corrected, not yet sent: sync it"),
}


def state_text(state: str) -> str:
    return QCoreApplication.translate("DayState", STATE_TEXTS[state])


def day_state(review: Decision | None, total: DayTotal | None) -> str:
    """The day's standing, from its latest decision and its sessions' last change."""
    if not review:
        return UNREVIEWED
    if review.decision == "approve":
        return APPROVED
    try:
        returned_at = datetime.fromisoformat(review.at)
    except ValueError:
        return RETURNED
    changed = total.changed_at if total is not None else None
    if changed is None or returned_at.tzinfo is None or changed <= returned_at:
        return RETURNED
    return CORRECTED if total is not None and total.unsynced == 0 else CORRECTED_UNSENT


@dataclass(frozen=True)
class ReturnedDay:
    """A day a lead returned, with the decision and where it stands now."""

    day: date
    review: Decision
    state: str  # RETURNED, CORRECTED_UNSENT or CORRECTED


def returned_days(tracker: Tracker) -> list[ReturnedDay]:
    """Every day whose latest decision is a return, oldest first (run it in a worker)."""
    returned = [r for r in tracker.my_reviews() if r.decision == "return"]
    if not returned:
        return []
    days = sorted(date.fromisoformat(r.day) for r in returned)
    totals = {t.day: t for t in tracker.days(days[0], days[-1])}
    out = []
    for r in returned:
        day = date.fromisoformat(r.day)
        out.append(ReturnedDay(day, r, day_state(r, totals.get(day))))
    return sorted(out, key=lambda d: d.day)
