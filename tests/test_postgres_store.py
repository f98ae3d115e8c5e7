"""Publishing batches to the central server and reading them back, on a real server.

A batch is written in one transaction, exactly once by (uuid, revision): sending it
again changes nothing; the same pair with another payload is a conflict and nothing of
the batch is written.  The readers give the records as the apps sent them, each session
at its latest revision.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest_pg import Central, event, rate, review, send, session, sha_of
from tracker.central.postgres import reads, store
from tracker.central.postgres.errors import RecordConflict, ServerRefused
from tracker.errors import TrackerError


def rows(central: Central) -> dict[str, list[Any]]:
    """Every stored row, as the owner sees it."""
    with central.admin() as owner:
        return {
            table: owner.execute(f"SELECT payload FROM {table} ORDER BY 1").fetchall()
            for table in ("sessions", "ticket_events", "reviews", "rates")
        } | {
            "batches": owner.execute(
                "SELECT consultant, batch, sha256, rows FROM batches ORDER BY 2"
            ).fetchall()
        }


def test_a_batch_is_stored_record_by_record_exactly_as_sent(central: Central) -> None:
    records = [
        session(note="instalação"),
        event(kind="defect_flagged", payload={"kind": "product", "ref": "D-1"}),
    ]
    with central.connect("ana") as conn:
        done = send(conn, "ana", records, batch="00000001-1a2b3c4d")

    assert (done.batch, done.new, done.known) == ("00000001-1a2b3c4d", 2, 0)
    stored = rows(central)
    assert [r[0] for r in stored["sessions"]] == [records[0]]
    assert [r[0] for r in stored["ticket_events"]] == [records[1]]
    assert stored["batches"] == [("ana", "00000001-1a2b3c4d", sha_of(records), 2)]


def test_sending_a_batch_again_changes_nothing(central: Central) -> None:
    records = [
        session(),
        session(start="2026-11-03T10:00:00-03:00", end="2026-11-03T10:05:00-03:00"),
        event(),
    ]
    with central.connect("ana") as conn:
        send(conn, "ana", records, batch="00000001-1a2b3c4d")
        before = rows(central)
        again = send(conn, "ana", records, batch="00000001-1a2b3c4d")

    assert (again.new, again.known) == (0, 3)
    assert rows(central) == before


def test_records_already_there_are_skipped_when_a_later_batch_carries_them_again(central: Central) -> None:
    first = [session(), event()]
    later = [*first, session(revision=2, uuid=first[0]["uuid"], note="corrigido")]
    with central.connect("ana") as conn:
        send(conn, "ana", first)
        done = send(conn, "ana", later)

    assert (done.new, done.known) == (1, 2)
    assert len(rows(central)["sessions"]) == 2


@pytest.mark.parametrize("kind", ["session", "ticket_event"])
def test_the_same_uuid_and_revision_with_another_payload_is_refused_and_nothing_is_written(
    central: Central, kind: str
) -> None:
    original = session() if kind == "session" else event()
    tampered = dict(original, ticket="99999999")
    with central.connect("ana") as conn:
        send(conn, "ana", [original])
        before = rows(central)
        with pytest.raises(RecordConflict) as conflict:
            send(conn, "ana", [session(), tampered, event()], batch="00000002-1a2b3c4d")

    message = str(conflict.value)
    assert original["uuid"] in message and "line 2" in message and "00000002-1a2b3c4d" in message
    assert rows(central) == before  # not even the batch's new records, nor the batch itself


def test_a_record_twice_in_one_batch_with_two_payloads_is_a_conflict(central: Central) -> None:
    s = session()
    with central.connect("ana") as conn, pytest.raises(RecordConflict):
        send(conn, "ana", [s, dict(s, note="outra")])

    assert rows(central)["sessions"] == []


def test_reusing_another_consultants_session_uuid_is_a_conflict(central: Central) -> None:
    theirs = session("bruno")
    with central.connect("bruno") as conn:
        send(conn, "bruno", [theirs])
    with central.connect("ana") as conn, pytest.raises(RecordConflict):
        send(conn, "ana", [dict(theirs, consultant="ana")])

    assert [r[0]["consultant"] for r in rows(central)["sessions"]] == ["bruno"]


def test_a_batch_name_sent_again_with_other_contents_is_a_conflict(central: Central) -> None:
    with central.connect("ana") as conn:
        send(conn, "ana", [session()], batch="00000001-1a2b3c4d")
        with pytest.raises(RecordConflict, match="00000001-1a2b3c4d"):
            send(conn, "ana", [session()], batch="00000001-1a2b3c4d")

    assert len(rows(central)["sessions"]) == 1


def test_a_refused_record_refuses_the_whole_batch_with_the_servers_reason(central: Central) -> None:
    with central.connect("ana") as conn, pytest.raises(ServerRefused) as refused:
        send(conn, "ana", [session("ana"), session("bruno")], batch="00000003-1a2b3c4d")

    message = str(refused.value)
    assert "00000003-1a2b3c4d" in message and "row-level security" in message
    assert central.dbname in message  # names the server
    assert rows(central)["sessions"] == [] and rows(central)["batches"] == []


def test_a_record_tracker_does_not_know_is_refused_before_anything_is_sent(central: Central) -> None:
    with central.connect("ana") as conn, pytest.raises(TrackerError, match="line 2"):
        store.publish(conn, "00000001-aa", "ana", [session(), {"kind": "vacation"}], "0" * 64)

    assert rows(central)["batches"] == []


def test_a_malformed_record_is_refused_by_the_server_and_nothing_is_written(central: Central) -> None:
    with central.connect("ana") as conn, pytest.raises(ServerRefused):
        send(conn, "ana", [session(), dict(session(), start="yesterday")])

    assert rows(central)["sessions"] == []


def test_each_role_publishes_its_own_kind_of_batch(central: Central) -> None:
    with central.connect("lead1") as conn:
        assert send(conn, "lead1", [review(comment="")]).new == 1
    with central.connect("bill") as conn:
        assert send(conn, "bill", [rate(), rate(type="support")]).new == 2

    stored = rows(central)
    assert len(stored["reviews"]) == 1 and len(stored["rates"]) == 2
    assert {b[0] for b in stored["batches"]} == {"lead1", "bill"}


# ----- reading ---------------------------------------------------------------------


def test_a_day_shows_each_session_at_its_latest_revision_and_not_the_deleted(central: Central) -> None:
    kept = session(start="2026-11-03T09:00:00-03:00", end="2026-11-03T09:30:00-03:00")
    moved = session(start="2026-11-03T10:00:00-03:00", end="2026-11-03T10:30:00-03:00")
    gone = session(start="2026-11-03T11:00:00-03:00", end="2026-11-03T11:10:00-03:00")
    with central.connect("ana") as conn:
        send(conn, "ana", [kept, moved, gone])
        send(
            conn,
            "ana",
            [
                dict(kept, revision=2, note="revisto"),
                dict(moved, revision=2, start="2026-11-04T10:00:00-03:00", end="2026-11-04T10:30:00-03:00",
                     day="2026-11-04"),
                dict(gone, revision=2, deleted=True),
            ],
        )  # fmt: skip
        day3 = reads.sessions_of_day(conn, "2026-11-03")
        day4 = reads.sessions_of_day(conn, "2026-11-04", "ana")
        both = reads.sessions_between(conn, "2026-11-01", "2026-11-30")

    assert [(s["uuid"], s["revision"], s["note"]) for s in day3] == [(kept["uuid"], 2, "revisto")]
    assert [(s["uuid"], s["revision"]) for s in day4] == [(moved["uuid"], 2)]
    assert [s["uuid"] for s in both] == [kept["uuid"], moved["uuid"]]


def test_a_ticket_gathers_every_consultants_sessions_and_the_month_its_finalized_tickets(
    central: Central,
) -> None:
    late = "2026-11-30T23:30:00-03:00"  # still November in its own offset
    with central.connect("ana") as conn:
        send(conn, "ana", [session(ticket="1000001"), event(ticket="1000001"), session(ticket="1000002")])
    with central.connect("bruno") as conn:
        send(
            conn,
            "bruno",
            [
                session("bruno", ticket="1000001", start="2026-11-04T09:00:00-03:00",
                        end="2026-11-04T09:03:00-03:00"),
                event("bruno", ticket="1000001", kind="finalized", payload={"at": late},
                      at="2026-12-01T09:00:00-03:00"),
            ],
        )  # fmt: skip
    with central.connect("bill") as conn:
        by_ticket = reads.sessions_of_tickets(conn, ["1000001"])["1000001"]
        november = reads.finalized_tickets(conn, "2026-11")
        events = reads.events_of_tickets(conn, november)
        december = reads.finalized_tickets(conn, "2026-12")
        every = reads.finalized_tickets(conn)

    assert [s["consultant"] for s in by_ticket] == ["ana", "bruno"]
    assert november == ["1000001"]
    assert [e["event"] for e in events["1000001"]] == ["created", "finalized"]
    assert december == [] and every == ["1000001"]


def test_the_latest_decision_of_a_day_wins(central: Central) -> None:
    with central.connect("lead1") as conn:
        send(conn, "lead1", [review(decision="return", comment="confira", at="2026-11-04T09:00:00-03:00")])
    with central.connect("lead2") as conn:
        send(
            conn,
            "lead2",
            [review("lead2", at="2026-11-04T10:00:00-03:00"), review("lead2", day="2026-11-02")],
        )
    with central.connect("ana") as conn:
        day = reads.decisions(conn, "2026-11-03")
        every = reads.decisions(conn)

    assert {key: d.to_json() for key, d in day.items()} == {
        ("ana", "2026-11-03"): {
            "decision": "approve",
            "comment": "",
            "lead": "lead2",
            "at": "2026-11-04T10:00:00-03:00",
        }
    }
    assert set(every) == {("ana", "2026-11-03"), ("ana", "2026-11-02")}


def test_rates_come_back_as_published_oldest_first(central: Central) -> None:
    later = rate(version=2, hourly="251.09", effective_from="2027-01-01", index_name="IPCA", percent="4.62")
    first = rate()
    support = rate(type="support", hourly="180.00")
    with central.connect("bill") as conn:
        send(conn, "bill", [later, first, support])
    with central.connect("ana") as conn:
        assert reads.rates(conn) == [support, first, later]


def test_issuing_the_same_statement_twice_keeps_one(central: Central) -> None:
    lines = [{"ticket": "1000001", "amount": "40.00"}]
    with central.connect("bill") as conn:
        assert store.issue_statement(conn, "2026-11", lines, {"amount": "40.00"}, "a" * 64) is True
        assert store.issue_statement(conn, "2026-11", lines, {"amount": "40.00"}, "a" * 64) is False
        issued = reads.statements(conn, "2026-11")

    assert [(s["lines"], s["issued_by"]) for s in issued] == [(lines, "bill")]
