"""Changing stored sessions without erasing history.

Every change (edit, split, delete, a sleep-gap decision) writes an entry to the
append-only ``audit`` table with who, when, why, and the values before and after.  A
session that has reached the central export is never changed in place as far as the
export is concerned: the change becomes a new revision (a delete, a tombstone
revision), which the next sync sends.  Until then, changes keep the revision.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from tracker.errors import BadInput, NotFound
from tracker.i18n import _
from tracker.model import Flag, RunningTimer, Session, from_ts, zone_of
from tracker.store import queries as q
from tracker.timeutil import iso, offset_seconds, session_zone, to_ts

if TYPE_CHECKING:  # pragma: no cover
    from tracker.service import Tracker


def snapshot(s: Session) -> dict[str, Any]:
    return {
        "ticket": s.ticket,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "note": s.note,
        "zone": s.zone,
        "flags": list(s.flags),
        "deleted": s.deleted,
        "revision": s.revision,
    }


def _audit(app: Tracker, db: Any, action: str, why: str, before: Session | None, after: Session) -> None:
    now = app.now()
    q.insert_audit(
        db,
        uuid=str(uuidlib.uuid4()),
        session=after.uuid,
        revision=after.revision,
        action=action,
        who=app.consultant,
        at_ts=to_ts(now),
        utc_offset=offset_seconds(now),
        why=why,
        before=None if before is None else json.dumps(snapshot(before), ensure_ascii=False),
        after=json.dumps(snapshot(after), ensure_ascii=False),
    )


def resolve(app: Tracker, uuid: str) -> Session:
    """A session by uuid, or by a unique prefix of at least 8 characters."""
    key = (uuid or "").strip().lower()
    if not key:
        raise BadInput("UUID", _("is empty; give a session uuid from tracker log --json"))
    session = q.get_session(app.store, key)
    if session is None and len(key) >= 8:
        found = q.find_session_uuids(app.store, key)
        if len(found) > 1:
            raise BadInput(
                "UUID", _("'{key}' matches several sessions; give more of the uuid").format(key=key)
            )
        if found:
            session = q.get_session(app.store, found[0])
    if session is None:
        raise NotFound("UUID", _("no session {key}; see tracker log --json for the uuids").format(key=key))
    return session


def _changeable(app: Tracker, session: Session) -> None:
    if session.deleted:
        raise BadInput(
            "UUID", _("session {uuid} was deleted; see tracker session history").format(uuid=session.uuid)
        )
    if session.consultant != app.consultant:
        raise BadInput(
            "UUID",
            _("session {uuid} belongs to {consultant}; only they can change it").format(
                uuid=session.uuid, consultant=session.consultant
            ),
        )
    ticket = app.ticket(session.ticket)
    if ticket.finalized:
        raise BadInput(
            "UUID",
            _("ticket {number} is finalized; its sessions can no longer change").format(number=ticket.number),
        )


def _next(session: Session, **changes: Any) -> Session:
    """The changed session: a new revision once the export has the current one."""
    # Once a revision is in a batch (sent, even if not yet verified), the export may
    # hold it: a change must then be a new revision, never the same one with new content.
    revision = session.revision + 1 if session.sent_revision >= session.revision else session.revision
    return replace(session, revision=revision, synced=False, **changes)


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise BadInput("reason", _("is empty; say why the session changes (it goes to the audit trail)"))
    if len(text) > 500:
        raise BadInput("reason", _("is longer than {limit} characters").format(limit=500))
    return text


def edit(
    app: Tracker,
    uuid: str,
    *,
    reason: str,
    start: str | datetime | None = None,
    end: str | datetime | None = None,
    ticket: str | None = None,
    note: str | None = None,
) -> Session:
    from tracker.service import check_interval, clean_text

    session = resolve(app, uuid)
    why = _reason(reason)
    _changeable(app, session)
    if start is None and end is None and ticket is None and note is None:
        raise BadInput("start", _("nothing to change; give --start, --end, --ticket or --note"))
    tz = zone_of(session.zone, offset_seconds(session.start))
    begin = session.start if start is None else app._when(start, "start")
    finish = session.end if end is None else app._when(end, "end")
    if start is not None or end is not None:
        check_interval(begin, finish, app.now())
    target = session.ticket if ticket is None else app.ticket(ticket).number
    if target != session.ticket and app.ticket(target).finalized:
        raise BadInput("ticket", _("ticket {number} is finalized").format(number=target))
    zone_name = session.zone
    if start is not None and begin.utcoffset() != session.start.utcoffset():
        zone_name = session_zone(begin, app.clock.zone())
        tz = zone_of(zone_name, offset_seconds(begin))
    changed = _next(
        session,
        ticket=target,
        type=app.ticket(target).type_at(begin),
        start=begin.astimezone(tz),
        end=finish.astimezone(tz),
        zone=zone_name,
        note=session.note if note is None else clean_text(note, "note"),
    )
    with app.store.atomic() as db:
        q.update_session(db, changed)
        _audit(app, db, "edit", why, session, changed)
    return changed


def split(app: Tracker, uuid: str, at: str | datetime, reason: str = "") -> tuple[Session, Session]:
    """Two sessions that meet at ``at``; the total time is kept to the second."""
    session = resolve(app, uuid)
    _changeable(app, session)
    when = app._when(at, "at")
    if not to_ts(session.start) < to_ts(when) < to_ts(session.end):
        raise BadInput(
            "at",
            _("{time} is not inside the session ({start} - {end})").format(
                time=iso(when), start=iso(session.start), end=iso(session.end)
            ),
        )
    tz = session.start.tzinfo
    assert tz is not None
    why = (reason or "").strip() or f"split at {iso(when)}"
    first = _next(session, end=when.astimezone(tz))
    second = replace(
        session,
        uuid=str(uuidlib.uuid4()),
        start=when.astimezone(tz),
        revision=1,
        synced=False,
        sent_revision=0,
        source="split",
        type=app.ticket(session.ticket).type_at(when),
    )
    with app.store.atomic() as db:
        q.update_session(db, first)
        q.insert_session(db, second, created_ts=to_ts(app.now()))
        _audit(app, db, "split", why, session, first)
        _audit(app, db, "split_from", f"{why}; the second part of {session.uuid}", None, second)
    return first, second


def delete(app: Tracker, uuid: str, reason: str) -> Session:
    """A tombstone: the row stays, marked deleted, and the audit keeps what it was."""
    session = resolve(app, uuid)
    why = _reason(reason)
    _changeable(app, session)
    gone = _next(session, deleted=True)
    with app.store.atomic() as db:
        q.update_session(db, gone)
        _audit(app, db, "delete", why, session, gone)
    return gone


def history(app: Tracker, uuid: str) -> list[dict[str, Any]]:
    """Every revision of a session, oldest first: who, when, why, before and after."""
    session = resolve(app, uuid)
    rows = q.audit_of_session(app.store, session.uuid)
    entries: list[dict[str, Any]] = []
    if not rows or rows[0]["action"] != "split_from":
        first = json.loads(rows[0]["before"]) if rows else snapshot(session)
        created = datetime.fromtimestamp(q.created_ts_of(app.store, session.uuid), UTC)
        entries.append(
            {
                "revision": first["revision"],
                "action": "created",
                "who": session.consultant,
                "at": iso(created.astimezone(session.start.tzinfo)),
                "why": f"recorded ({session.source})",
                "before": None,
                "after": first,
            }
        )
    for r in rows:
        tz = timezone(timedelta(seconds=r["utc_offset"]))
        entries.append(
            {
                "revision": r["revision"],
                "action": r["action"],
                "who": r["who"],
                "at": iso(datetime.fromtimestamp(r["at_ts"], tz)),
                "why": r["why"],
                "before": json.loads(r["before"]) if r["before"] else None,
                "after": json.loads(r["after"]),
            }
        )
    return entries


# ----- the running timer's heartbeat and sleep gaps ----------------------------------


def heartbeat(app: Tracker) -> RunningTimer | None:
    """The open window's sign of life, every minute while a timer runs.

    A wall clock that went backwards since the last heartbeat flags the timer.
    """
    timer = app.running()
    if timer is None:
        return None
    now = app.now()
    flags = list(timer.flags)
    if timer.heartbeat is not None and to_ts(now) < to_ts(timer.heartbeat) - 60:
        flags.append(Flag.CLOCK_JUMP.value)
    if to_ts(now) < to_ts(timer.start):
        flags.append(Flag.CLOCK_JUMP.value)
    with app.store.atomic() as db:
        q.update_timer(db, timer.consultant, heartbeat_ts=to_ts(now), flags=",".join(dict.fromkeys(flags)))
    return app.running()


def quiet(app: Tracker) -> None:
    """The window closes cleanly: no heartbeat is expected until it opens again."""
    timer = app.running()
    if timer is not None:
        with app.store.atomic() as db:
            q.update_timer(db, timer.consultant, heartbeat_ts=None)


def resolve_gap(app: Tracker, choice: str) -> Session | None:
    """The consultant's answer after a sleep gap: keep, discard or split.

    - keep: the timer runs on across the gap, flagged ``sleep_gap`` for review;
    - discard: the session ends at the last heartbeat and a new timer starts now;
    - split: as discard, and the gap itself is kept as its own session, flagged.
    Returns the session that was closed, if any.
    """
    from tracker.flags import heartbeat_gap

    if choice not in ("keep", "discard", "split"):
        raise BadInput(
            "choice", _("'{choice}' is not a choice; use keep, discard or split").format(choice=choice)
        )
    timer = app.running()
    if timer is None:
        raise BadInput("choice", _("no timer is running"))
    now = app.now()
    gap = heartbeat_gap(timer, now, app.settings.sleep_gap_seconds)
    if gap is None:
        raise BadInput("choice", _("there is no sleep gap to resolve"))
    gap_start = gap[0]
    if choice == "keep":
        flags = ",".join(dict.fromkeys([*timer.flags, Flag.SLEEP_GAP.value]))
        with app.store.atomic() as db:
            q.update_timer(db, timer.consultant, heartbeat_ts=to_ts(now), flags=flags)
        return None
    gap_ts = max(to_ts(gap_start), to_ts(timer.start) + 1)
    away = ("sleep gap", "gap", Flag.SLEEP_GAP.value) if choice == "split" else None
    return _cut_timer(app, timer, gap_ts, now, now, away)


IDLE_CHOICES = ("keep", "discard", "split")


def resolve_idle(
    app: Tracker, choice: str, idle_from: datetime, until: datetime | None = None
) -> Session | None:
    """The consultant's answer on coming back to the keyboard: keep, discard or split.

    ``idle_from`` is when the input stopped and ``until`` when it came back (now by
    default); the window measures both with the idle source and asks on return.

    - keep: nothing changes; the time away was work (a call, a meeting);
    - discard: the session ends at ``idle_from`` and a new timer on the same ticket
      starts at ``until``;
    - split: as discard, and the time away is kept as its own session, flagged ``idle``.
    Returns the session that was closed, if any.
    """
    if choice not in IDLE_CHOICES:
        raise BadInput(
            "choice", _("'{choice}' is not a choice; use keep, discard or split").format(choice=choice)
        )
    timer = app.running()
    if timer is None:
        raise BadInput("choice", _("no timer is running"))
    now = app.now()
    for name, value in (("idle-from", idle_from), ("until", until)):
        if value is not None and value.tzinfo is None:
            raise BadInput(name, _("needs a time zone"))
    start_ts, now_ts = to_ts(timer.start), to_ts(now)
    away_ts = to_ts(idle_from)
    back_ts = now_ts if until is None else to_ts(until)
    if back_ts > now_ts:
        raise BadInput("until", _("{time} is in the future").format(time=iso(until or now)))
    if away_ts < start_ts:
        raise BadInput(
            "idle-from",
            _("{time} is before the timer started ({start})").format(
                time=iso(idle_from), start=iso(timer.start)
            ),
        )
    # A session lasts at least a second, as when a sleep gap is cut.
    cut_ts = max(away_ts, start_ts + 1)
    if cut_ts >= back_ts:
        returned = iso(from_ts(back_ts, UTC))
        raise BadInput(
            "idle-from",
            _("{time} is not before the return, {returned}").format(time=iso(idle_from), returned=returned),
        )
    if choice == "keep":
        return None
    machine = zone_of(app.clock.zone(), offset_seconds(now))
    away = ("idle", "idle", Flag.IDLE.value) if choice == "split" else None
    return _cut_timer(app, timer, cut_ts, from_ts(back_ts, machine), now, away)


def _cut_timer(
    app: Tracker,
    timer: RunningTimer,
    cut_ts: int,
    back: datetime,
    now: datetime,
    away: tuple[str, str, str] | None,
) -> Session:
    """End the running timer's session at ``cut_ts`` and start a new timer at ``back``.

    ``away`` (note, source, flag), when given, keeps the time between as its own
    flagged session.  All in one transaction.
    """
    tz = zone_of(timer.zone, offset_seconds(timer.start))
    back_ts, now_ts = to_ts(back), to_ts(now)
    closed = Session(
        uuid=timer.uuid,
        ticket=timer.ticket,
        consultant=timer.consultant,
        type=timer.type,
        start=from_ts(to_ts(timer.start), tz),
        end=from_ts(cut_ts, tz),
        zone=timer.zone,
        note=timer.note,
        source="timer",
        flags=timer.flags,
    )
    restarted = RunningTimer(
        consultant=timer.consultant,
        ticket=timer.ticket,
        type=app.ticket(timer.ticket).type_at(back),
        start=back,
        zone=app.clock.zone(),
        uuid=str(uuidlib.uuid4()),
        note=timer.note,
        heartbeat=now,
    )
    with app.store.atomic() as db:
        q.insert_session(db, closed, created_ts=now_ts)
        if away is not None and back_ts > cut_ts:
            note, source, flag = away
            q.insert_session(
                db,
                Session(
                    uuid=str(uuidlib.uuid4()),
                    ticket=timer.ticket,
                    consultant=timer.consultant,
                    type=timer.type,
                    start=from_ts(cut_ts, tz),
                    end=from_ts(back_ts, tz),
                    zone=timer.zone,
                    note=note,
                    source=source,
                    flags=(flag,),
                ),
                created_ts=now_ts,
            )
        q.delete_timer(db, timer.consultant)
        q.insert_timer(db, restarted)
    return closed
