"""The names the statements had when they were all in this one module.

Each table group has its own module now (tickets, sessions, timers, audit, settings,
rates, bulk, files); this one only names their functions again for the code outside
the local core that still imports ``tracker.store.queries``, and holds the two
statements of the leads' reviews until ``tracker/store/reviews.py`` takes them.
"""

from __future__ import annotations

from typing import Any

from tracker.store.audit import audit_of_session, insert_audit
from tracker.store.db import Store
from tracker.store.sessions import (
    SESSION_COLUMNS,
    created_ts_of,
    find_session_uuids,
    get_session,
    insert_session,
    oldest_pending_created_ts,
    restamp_sessions,
    session_from_row,
    session_row,
    sessions_between,
    sessions_of_day,
    sessions_of_ticket,
    ticket_totals,
    update_session,
)
from tracker.store.tickets import (
    TICKET_COLUMNS,
    defect_from_row,
    events_of_ticket,
    get_ticket,
    insert_defect,
    insert_event,
    insert_ticket,
    list_tickets,
    newest_open_tickets,
    recently_worked_open_tickets,
    ticket_from_row,
    tickets_by_number,
    update_ticket,
)
from tracker.store.timers import (
    TIMER_COLUMNS,
    delete_timer,
    get_timer,
    insert_timer,
    timer_on_ticket,
    update_timer,
)

__all__ = [
    "SESSION_COLUMNS",
    "TICKET_COLUMNS",
    "TIMER_COLUMNS",
    "audit_of_session",
    "created_ts_of",
    "defect_from_row",
    "delete_timer",
    "events_of_ticket",
    "find_session_uuids",
    "get_session",
    "get_ticket",
    "get_timer",
    "insert_audit",
    "insert_defect",
    "insert_event",
    "insert_review",
    "insert_session",
    "insert_ticket",
    "insert_timer",
    "list_tickets",
    "newest_open_tickets",
    "oldest_pending_created_ts",
    "recently_worked_open_tickets",
    "restamp_sessions",
    "review_inbox",
    "session_from_row",
    "session_row",
    "sessions_between",
    "sessions_of_day",
    "sessions_of_ticket",
    "ticket_from_row",
    "ticket_totals",
    "tickets_by_number",
    "timer_on_ticket",
    "update_session",
    "update_ticket",
    "update_timer",
]


# ----- the leads' reviews (they move to tracker/store/reviews.py with tracker.central) -----


def insert_review(db: Any, row: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO reviews (uuid, consultant, day, decision, comment, lead, at_ts, utc_offset) "
        "VALUES (:uuid, :consultant, :day, :decision, :comment, :lead, :at_ts, :utc_offset)",
        row,
    )


def review_inbox(store: Store, day: str | None = None) -> list[dict[str, Any]]:
    """The leads' decisions that reached this consultant, oldest first (of one day, when given)."""
    sql = "SELECT day, decision, comment, lead, at FROM review_inbox"
    params: tuple[Any, ...] = ()
    if day is not None:
        sql += " WHERE day = ?"
        params = (day,)
    return [dict(r) for r in store.all(sql + " ORDER BY at_ts, uuid", params)]
