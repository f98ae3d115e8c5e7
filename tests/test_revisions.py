"""Edits, splits and deletes: revisions, the append-only audit trail, never end <= start."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.app import Tracker
from tracker.errors import BadInput, NotFound
from tracker.store import audit


@pytest.fixture
def one(app: Tracker):
    app.add_ticket("1234567", "ACME", "technical")
    app.add_ticket("7654321", "Beta", "support")
    return app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00", "setup")


def mark_synced(app: Tracker, uuid: str) -> None:
    """What a verified sync does to a session (the sync issue owns this step)."""
    with app.store.atomic() as db:
        db.execute("DELETE FROM sync_queue WHERE uuid = ?", [uuid])


def test_an_unsynced_edit_keeps_the_revision_and_audits_before_and_after(app: Tracker, one) -> None:
    s = app.edit_session(one.uuid, reason="started later", start="2026-11-03T09:10:00-03:00", note="fix")
    assert (s.seconds, s.revision, s.note) == (3000, 1, "fix")
    history = app.session_history(one.uuid)
    assert [h["action"] for h in history] == ["created", "edit"]
    assert history[0]["after"]["start"] == "2026-11-03T09:00:00-03:00"
    edit = history[1]
    assert edit["who"] == "ana" and edit["why"] == "started later"
    assert edit["before"]["seconds"] == 3600 and edit["after"]["seconds"] == 3000
    assert edit["at"] == "2026-11-03T15:00:00-03:00"


def test_a_synced_session_changes_only_by_a_new_revision(app: Tracker, one) -> None:
    mark_synced(app, one.uuid)
    s = app.edit_session(one.uuid, reason="typo", note="setup of the server")
    assert (s.revision, s.synced) == (2, False)
    again = app.edit_session(one.uuid, reason="typo again", note="setup of the servers")
    assert again.revision == 2  # still unsent: the same pending revision
    mark_synced(app, one.uuid)
    gone = app.delete_session(one.uuid, reason="duplicate of another ticket")
    assert (gone.revision, gone.deleted) == (3, True)
    assert [h["revision"] for h in app.session_history(one.uuid)] == [1, 2, 2, 3]
    row = app.store.one("SELECT deleted, revision, synced FROM sessions WHERE uuid = ?", (one.uuid,))
    assert tuple(row) == (1, 3, 0)  # a tombstone, waiting for the next sync


def test_a_deleted_session_leaves_the_log_but_keeps_its_history(app: Tracker, one) -> None:
    app.delete_session(one.uuid, reason="wrong day")
    assert app.log("2026-11-03") == []
    assert app.session_history(one.uuid)[-1]["after"]["deleted"] is True
    with pytest.raises(BadInput, match="deleted"):
        app.edit_session(one.uuid, reason="x", note="y")


def test_moving_a_session_to_another_ticket_takes_its_type(app: Tracker, one) -> None:
    s = app.edit_session(one.uuid, reason="wrong ticket", ticket="7654321")
    assert (s.ticket, s.type.value) == ("7654321", "support")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"end": "2026-11-03T08:00:00-03:00"}, "end"),
        ({"start": "2026-11-03T10:00:00-03:00"}, "end"),
        ({"start": "2026-11-02T09:00:00-03:00"}, "end"),
        ({"end": "2026-11-03T16:00:00-03:00"}, "end"),
        ({"start": "later"}, "start"),
        ({"ticket": "9999999"}, "number"),
        ({}, "start"),
    ],
)
def test_bad_edits_name_the_field_and_change_nothing(app: Tracker, one, kwargs: dict, field: str) -> None:
    with pytest.raises(BadInput) as err:
        app.edit_session(one.uuid, reason="because", **kwargs)
    assert err.value.field == field
    assert app.get_session(one.uuid) == one
    assert audit.audit_of_session(app.store, one.uuid) == []


def test_an_edit_needs_a_reason(app: Tracker, one) -> None:
    with pytest.raises(BadInput) as err:
        app.edit_session(one.uuid, reason="  ", note="x")
    assert err.value.field == "reason"
    with pytest.raises(BadInput, match="500"):
        app.delete_session(one.uuid, reason="x" * 501)


def test_sessions_are_found_by_a_unique_prefix(app: Tracker, one) -> None:
    assert app.get_session(one.uuid[:8]).uuid == one.uuid
    with pytest.raises(NotFound):
        app.get_session("ffffffff-none")
    with pytest.raises(BadInput, match="empty"):
        app.get_session(" ")


def test_an_ambiguous_prefix_is_refused(app: Tracker, one, tmp_path) -> None:
    other = app.add_session("1234567", "2026-11-03T11:00:00-03:00", "2026-11-03T11:30:00-03:00")
    with app.store.atomic() as db:  # give both the same first 8 characters
        db.execute("UPDATE sessions SET uuid = 'abcdef00' || substr(uuid, 9) WHERE uuid = ?", [one.uuid])
        db.execute("UPDATE sessions SET uuid = 'abcdef00' || substr(uuid, 9) WHERE uuid = ?", [other.uuid])
    with pytest.raises(BadInput, match="several"):
        app.get_session("abcdef00")


def test_another_consultants_session_cannot_be_changed(app: Tracker, one) -> None:
    app.settings.set("consultant", "lead1")
    with pytest.raises(BadInput, match="belongs to ana"):
        app.edit_session(one.uuid, reason="x", note="y")


def test_a_finalized_tickets_sessions_cannot_be_changed(app: Tracker, one) -> None:
    app.finalize("1234567")
    with pytest.raises(BadInput, match="finalized"):
        app.split_session(one.uuid, "2026-11-03T09:30:00-03:00")
    with pytest.raises(BadInput, match="finalized"):
        app.edit_session(one.uuid, reason="x", ticket="7654321")


def test_a_split_keeps_the_total_and_records_both_halves(app: Tracker, one) -> None:
    first, second = app.split_session(one.uuid, "2026-11-03T09:20:00-03:00")
    assert (first.seconds, second.seconds) == (1200, 2400)
    assert first.end == second.start
    assert sum(s.seconds for s in app.log("2026-11-03")) == 3600
    assert [h["action"] for h in app.session_history(second.uuid)] == ["split_from"]
    assert [h["action"] for h in app.session_history(first.uuid)] == ["created", "split"]
    for at in ("2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00", "2026-11-03T12:00:00-03:00"):
        with pytest.raises(BadInput) as err:
            app.split_session(first.uuid, at)
        assert err.value.field == "at"


def test_a_split_after_an_escalation_gives_the_second_part_the_new_type(app: Tracker) -> None:
    app.add_ticket("5555555", "Gamma", "standard")
    s = app.add_session("5555555", "2026-11-03T09:00:00-03:00", "2026-11-03T10:00:00-03:00")
    app.escalate("5555555", at="2026-11-03T12:00:00-03:00")
    with app.store.atomic() as db:  # as if escalated at 09:30
        db.execute("UPDATE tickets SET escalated_ts = ? WHERE number = '5555555'",
                   [int(datetime.fromisoformat("2026-11-03T09:30:00-03:00").timestamp())])
    first, second = app.split_session(s.uuid, "2026-11-03T09:30:00-03:00")
    assert (first.type.value, second.type.value) == ("standard", "support")


def test_the_audit_trail_refuses_update_and_delete(app: Tracker, one) -> None:
    app.edit_session(one.uuid, reason="r", note="n")
    for sql in ("UPDATE audit SET why = 'nothing'", "DELETE FROM audit"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), app.store.atomic() as db:
            db.execute(sql)
    assert audit.audit_of_session(app.store, one.uuid)[0]["why"] == "r"


BASE = datetime.fromisoformat("2026-11-02T08:00:00-03:00")
ops = st.lists(
    st.tuples(
        st.sampled_from(["edit_start", "edit_end", "split", "note", "delete"]),
        st.integers(min_value=-7200, max_value=7200),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=ops)
def test_property_no_write_stores_end_before_start_and_history_lists_every_change(app: Tracker, ops) -> None:
    if app.list_tickets() == []:
        app.add_ticket("1234567", "ACME", "technical")
    s = app.add_session("1234567", BASE, BASE + timedelta(hours=2))
    live = [s.uuid]
    audited: dict[str, list[str]] = {s.uuid: []}
    total = s.seconds
    for i, (op, delta) in enumerate(ops):
        if not live:
            break
        uuid = live[i % len(live)]
        cur = app.get_session(uuid)
        try:
            if op == "edit_start":
                new = app.edit_session(uuid, reason=f"op {i}", start=cur.start + timedelta(seconds=delta))
                total += new.seconds - cur.seconds
                audited[uuid].append("edit")
            elif op == "edit_end":
                new = app.edit_session(uuid, reason=f"op {i}", end=cur.end + timedelta(seconds=delta))
                total += new.seconds - cur.seconds
                audited[uuid].append("edit")
            elif op == "note":
                app.edit_session(uuid, reason=f"op {i}", note=f"n{i}")
                audited[uuid].append("edit")
            elif op == "split":
                at = cur.start + timedelta(seconds=abs(delta) % max(cur.seconds, 1))
                first, second = app.split_session(uuid, at)
                assert first.seconds + second.seconds == cur.seconds  # a split keeps the total
                live.append(second.uuid)
                audited[uuid].append("split")
                audited[second.uuid] = ["split_from"]
            else:
                app.delete_session(uuid, reason=f"op {i}")
                live.remove(uuid)
                total -= cur.seconds
                audited[uuid].append("delete")
        except BadInput:
            assert app.get_session(uuid) == cur  # a refused change wrote nothing
    assert app.store.one("SELECT count(*) AS n FROM sessions WHERE end_ts <= start_ts")["n"] == 0
    assert sum(app.get_session(u).seconds for u in live) == total
    for uuid, actions in audited.items():
        history = app.session_history(uuid)
        assert [h["action"] for h in history if h["action"] != "created"] == actions
        assert history[-1]["after"]["seconds"] == app.get_session(uuid).seconds


@pytest.mark.parametrize(
    "change",
    [
        lambda app, uuid: app.edit_session(uuid, reason="typo", note="fixed"),
        lambda app, uuid: app.split_session(uuid, "2026-11-03T09:10:00-03:00", reason="two parts"),
        lambda app, uuid: app.delete_session(uuid, reason="not worked"),
    ],
    ids=["edit", "split", "delete"],
)
def test_a_change_reads_the_session_in_its_own_write_transaction(
    app: Tracker, one, change, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync (another connection) cannot put the revision in a batch between the read and the write.

    Otherwise the change would keep a revision already sent, with other content.
    """
    from tracker.sessions import SessionService

    seen: list[bool] = []
    read = SessionService.get

    def get(self: SessionService, uuid: str):
        seen.append(app.store.conn.in_transaction)
        return read(self, uuid)

    monkeypatch.setattr(SessionService, "get", get)
    change(app, one.uuid)
    assert seen and all(seen)
