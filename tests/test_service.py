"""The service layer with a fixed clock and a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import pytest

from tracker.app import Tracker
from tracker.errors import BadInput, NotFound, TrackerError
from tracker.model import ConsultancyType
from tracker.store import tickets as ticket_rows


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_adding_a_ticket_stores_every_field_and_a_created_event(app: Tracker) -> None:
    ticket = app.add_ticket(
        "12345678", "Padaria Pão Quente", "technical", product="Protheus", scope="one-off questions",
        term_accepted="2026-11-01", term_ref="TERM-9", bill_to_unit="FR-042", authorization="A1",
        cost_center="CC7", value_class="V2", accounting_item="IT3",
    )
    assert ticket.customer == "Padaria Pão Quente"
    assert ticket.type is ConsultancyType.TECHNICAL
    assert ticket.term_accepted == date(2026, 11, 1)
    assert (ticket.bill_to, ticket.bill_to_kind) == ("FR-042", "unit")
    assert (ticket.authorization, ticket.cost_center, ticket.value_class, ticket.accounting_item) == (
        "A1", "CC7", "V2", "IT3")
    events = ticket_rows.events_of_ticket(app.store, "12345678")
    assert [e["kind"] for e in events] == ["created"]
    assert events[0]["consultant"] == "ana"
    assert events[0]["payload"]["customer"] == "Padaria Pão Quente"
    assert len(events[0]["uuid"]) == 36


def test_a_ticket_without_unit_bills_the_customer(app: Tracker) -> None:
    ticket = app.add_ticket("1234567", "ACME", "standard")
    assert (ticket.bill_to, ticket.bill_to_kind) == ("ACME", "customer")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"number": "   "}, "number"),
        ({"number": "12 34"}, "number"),
        ({"customer": ""}, "customer"),
        ({"type": "premium"}, "type"),
        ({"term_accepted": "03/11/2026"}, "term-accepted"),
        ({"term_accepted": "2026-12-01"}, "term-accepted"),
        ({"term_ref": "T1"}, "term-accepted"),
        ({"cost_center": "CC1"}, "cost-center"),
        ({"scope": "anything goes"}, "scope"),
        ({"bill_to_unit": "bad unit!"}, "bill-to-unit"),
        ({"customer": "x" * 2001}, "customer"),
    ],
)
def test_bad_ticket_input_names_the_field_and_writes_nothing(app: Tracker, kwargs: dict, field: str) -> None:
    args = {"number": "1234567", "customer": "ACME", "type": "technical"} | kwargs
    with pytest.raises(BadInput) as err:
        app.add_ticket(args.pop("number"), args.pop("customer"), args.pop("type"), **args)
    assert err.value.field == field
    assert app.list_tickets() == []
    assert ticket_rows.events_of_ticket(app.store, "1234567") == []


def test_standard_ticket_refuses_a_term_and_a_scope(app: Tracker) -> None:
    with pytest.raises(BadInput, match="never billed"):
        app.add_ticket("1234567", "ACME", "standard", term_accepted="2026-11-01")
    with pytest.raises(BadInput) as err:
        app.add_ticket("1234567", "ACME", "standard", scope="one-off questions")
    assert err.value.field == "scope"


def test_scope_is_matched_loosely_to_the_published_list(app: Tracker) -> None:
    ticket = app.add_ticket("1234567", "ACME", "support", scope="Customised Data-Dictionary")
    assert ticket.scope == "customised data dictionary"


def test_duplicate_ticket_is_refused(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    with pytest.raises(BadInput, match="already exists"):
        app.add_ticket("1234567", "Other", "support")
    assert app.ticket("1234567").customer == "ACME"


def test_unusual_number_and_unknown_product_are_warned_not_refused(app: Tracker, warnings_seen: list[str]) -> None:
    app.add_ticket("ABC-1", "ACME", "technical", product="Planilha Mágica", term_accepted="2026-11-01")
    assert app.ticket("ABC-1").product == "Planilha Mágica"
    assert any("unusual" in w for w in warnings_seen)
    assert any("not enabled for consultancy" in w for w in warnings_seen)


def test_enabled_products_are_configurable(app: Tracker, warnings_seen: list[str]) -> None:
    app.settings.set("products", "Planilha Mágica, RM, RM")
    assert app.settings.products == ["Planilha Mágica", "RM"]
    app.add_ticket("1234567", "ACME", "standard", product="planilha mágica")
    assert not any("not enabled" in w for w in warnings_seen)


def test_billed_ticket_without_term_is_warned_that_time_is_held(app: Tracker, warnings_seen: list[str]) -> None:
    app.add_ticket("1234567", "ACME", "support")
    assert any("held back" in w for w in warnings_seen)


def test_unknown_ticket_says_add_it_first(app: Tracker) -> None:
    with pytest.raises(NotFound, match="add it first with tracker ticket add"):
        app.start("7654321")


def test_accept_term_records_date_reference_and_event(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    ticket = app.accept_term("1234567", "2026-10-30", "TERM-1")
    assert (ticket.term_accepted, ticket.term_ref) == (date(2026, 10, 30), "TERM-1")
    kinds = [e["kind"] for e in ticket_rows.events_of_ticket(app.store, "1234567")]
    assert kinds == ["created", "term_accepted"]
    with pytest.raises(BadInput) as err:
        app.accept_term("1234567", "2026-12-30")
    assert err.value.field == "date"
    with pytest.raises(BadInput):
        app.accept_term("1234567", "yesterday")


def test_standard_ticket_needs_no_term(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    with pytest.raises(BadInput, match="never billed"):
        app.accept_term("1234567", "2026-11-01")


def test_timer_start_stop_writes_one_session_with_exact_seconds(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "technical", term_accepted="2026-11-01")
    result = app.start("1234567", note="remote access")
    assert result.stopped is None
    assert app.status().running is True
    clock.advance(minutes=4, seconds=10)
    assert app.status().elapsed_seconds == 250
    session = app.stop()
    assert session.seconds == 250
    assert session.type is ConsultancyType.TECHNICAL
    assert session.zone == "America/Sao_Paulo"
    assert session.note == "remote access"
    assert app.status().to_json() == {"running": False, "ticket": None, "started_at": None, "elapsed_seconds": 0}
    assert [s.uuid for s in app.log()] == [session.uuid]


def test_the_timer_is_a_row_that_another_process_sees(app: Tracker, clock, home) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    clock.advance(hours=2)
    from tracker.store import open_store

    with open_store(home) as other:
        again = Tracker(other, clock, home)
        status = again.status()
    assert status.running and status.timer is not None and status.timer.ticket == "1234567"
    assert status.to_json()["started_at"] == "2026-11-03T15:00:00-03:00"
    assert status.elapsed_seconds == 7200


def test_starting_another_ticket_stops_the_current_one(app: Tracker, clock) -> None:
    app.add_ticket("1111111", "ACME", "technical")
    app.add_ticket("2222222", "Beta", "support")
    app.start("1111111")
    clock.advance(minutes=10)
    result = app.start("2222222")
    assert result.stopped is not None and result.stopped.ticket == "1111111"
    assert result.stopped.seconds == 600
    assert app.running().ticket == "2222222"
    assert len(app.log()) == 1


def test_stop_without_a_timer_says_how_to_start(app: Tracker) -> None:
    with pytest.raises(TrackerError, match="tracker start"):
        app.stop()


def test_a_stop_in_the_same_second_keeps_a_one_second_session(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    assert app.stop().seconds == 1


def test_a_clock_that_went_backwards_is_flagged_not_dropped(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    clock.advance(hours=-1)
    session = app.stop()
    assert session.seconds == 1
    assert "clock_jump" in session.flags
    assert app.log()[0].flags == ("clock_jump",)


def test_a_timer_left_running_over_a_day_is_kept_whole_and_flagged(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    clock.advance(hours=30)
    session = app.stop()
    assert session.seconds == 30 * 3600
    assert app.log("2026-11-03")[0].flags == ("long", "across_midnight")


def test_escalation_changes_the_type_from_that_moment_on(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    app.start("1234567")
    clock.advance(minutes=20)
    app.stop()
    ticket = app.escalate("1234567", confirmations=["procedures", "reproduced", "procedures"])
    assert ticket.type is ConsultancyType.SUPPORT
    assert ticket.original_type is ConsultancyType.STANDARD
    assert ticket.escalation_checklist == ("procedures", "reproduced")
    clock.advance(minutes=1)
    app.start("1234567")
    clock.advance(minutes=7, seconds=30)
    app.stop()
    types = [s.type for s in app.log()]
    assert types == [ConsultancyType.STANDARD, ConsultancyType.SUPPORT]
    event = ticket_rows.events_of_ticket(app.store, "1234567")[-1]
    assert event["kind"] == "escalated"
    assert event["payload"]["checklist"] == ["procedures", "reproduced"]


def test_a_timer_started_before_the_escalation_keeps_its_type(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    app.start("1234567")
    clock.advance(minutes=5)
    app.escalate("1234567")
    clock.advance(minutes=5)
    assert app.stop().type is ConsultancyType.STANDARD


def test_escalation_in_the_past_restamps_unsynced_later_sessions(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    early = app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:30:00-03:00")
    late = app.add_session("1234567", "2026-11-03T11:00:00-03:00", "2026-11-03T11:30:00-03:00")
    app.escalate("1234567", at="2026-11-03T10:00:00-03:00")
    by_uuid = {s.uuid: s.type for s in app.log()}
    assert by_uuid == {early.uuid: ConsultancyType.STANDARD, late.uuid: ConsultancyType.SUPPORT}
    manual = app.add_session("1234567", "2026-11-03T09:40:00-03:00", "2026-11-03T09:50:00-03:00")
    assert manual.type is ConsultancyType.STANDARD


@pytest.mark.parametrize("kind", ["technical", "support"])
def test_only_standard_tickets_escalate(app: Tracker, kind: str) -> None:
    app.add_ticket("1234567", "ACME", kind)
    with pytest.raises(BadInput, match="only a standard ticket"):
        app.escalate("1234567")


def test_escalation_refuses_unknown_confirmations_and_future_times(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "standard")
    with pytest.raises(BadInput) as err:
        app.escalate("1234567", confirmations=["prayed"])
    assert err.value.field == "confirm"
    with pytest.raises(BadInput) as err:
        app.escalate("1234567", at="2027-01-01T00:00:00-03:00")
    assert err.value.field == "at"
    assert app.ticket("1234567").type is ConsultancyType.STANDARD


def test_defects_are_stored_with_their_event(app: Tracker, warnings_seen: list[str]) -> None:
    app.add_ticket("1234567", "ACME", "support")
    defect = app.flag_defect("1234567", "Documentation", "DOC-77", published=False, note="missing step")
    assert defect.kind.value == "documentation"
    ticket = app.ticket("1234567")
    assert [(d.ref, d.published, d.note) for d in ticket.defects] == [("DOC-77", False, "missing step")]
    assert ticket_rows.events_of_ticket(app.store, "1234567")[-1]["payload"]["ref"] == "DOC-77"
    with pytest.raises(BadInput) as err:
        app.flag_defect("1234567", "cosmic", "X")
    assert err.value.field == "kind"
    with pytest.raises(BadInput) as err:
        app.flag_defect("1234567", "product", "  ")
    assert err.value.field == "ref"


def test_a_defect_on_a_technical_ticket_is_kept_and_warned_it_waives_nothing(
    app: Tracker, warnings_seen: list[str]
) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.flag_defect("1234567", "product", "BUG-1")
    assert any("waives nothing" in w for w in warnings_seen)
    assert len(app.ticket("1234567").defects) == 1


def test_finalize_records_the_local_time_and_closes_the_ticket(app: Tracker, clock) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:04:10-03:00")
    ticket = app.finalize("1234567", at="2026-11-03T14:00:00-03:00")
    assert ticket.finalized_at.isoformat() == "2026-11-03T14:00:00-03:00"
    assert [t.number for t in app.list_tickets(open_only=True)] == []
    assert [t.number for t in app.list_tickets()] == ["1234567"]
    with pytest.raises(BadInput, match="finalized already"):
        app.finalize("1234567")
    with pytest.raises(BadInput, match="finalized"):
        app.start("1234567")
    with pytest.raises(BadInput, match="finalized"):
        app.add_session("1234567", "2026-11-03T10:00:00-03:00", "2026-11-03T10:10:00-03:00")


def test_finalize_refuses_while_a_timer_runs_on_it(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    with pytest.raises(BadInput, match="stop it first"):
        app.finalize("1234567")
    assert not app.ticket("1234567").finalized


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-11-03T10:00:00-03:00", "2026-11-03T09:00:00-03:00", "end"),
        ("2026-11-03T10:00:00-03:00", "2026-11-03T10:00:00-03:00", "end"),
        ("2026-11-01T10:00:00-03:00", "2026-11-02T10:00:01-03:00", "end"),
        ("2026-11-03T16:00:00-03:00", "2026-11-03T17:00:00-03:00", "start"),
        ("2026-11-03T14:00:00-03:00", "2026-11-03T16:00:00-03:00", "end"),
        ("03/11/2026 09:00", "2026-11-03T10:00:00-03:00", "start"),
        ("", "2026-11-03T10:00:00-03:00", "start"),
    ],
)
def test_bad_manual_sessions_name_the_field_and_write_nothing(
    app: Tracker, start: str, end: str, field: str
) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    with pytest.raises(BadInput) as err:
        app.add_session("1234567", start, end)
    assert err.value.field == field
    assert app.sessions_of_ticket("1234567") == []


def test_a_manual_session_of_exactly_24_hours_is_accepted(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    s = app.add_session("1234567", "2026-11-01T10:00:00-03:00", "2026-11-02T10:00:00-03:00")
    assert s.seconds == 86400


def test_a_time_without_offset_is_in_the_machine_zone(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    s = app.add_session("1234567", "2026-11-03T09:00", "2026-11-03T09:30")
    assert s.start.isoformat() == "2026-11-03T09:00:00-03:00"
    assert s.zone == "America/Sao_Paulo"


def test_a_day_log_uses_each_sessions_own_zone(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    # 23:30 in Lisbon on the 2nd is 20:30 in São Paulo: it belongs to the 2nd.
    lisbon = app.add_session("1234567", "2026-11-02T23:30:00+00:00", "2026-11-02T23:50:00+00:00")
    # 22:30 in São Paulo on the 2nd is already the 3rd in UTC.
    sp = app.add_session("1234567", "2026-11-02T22:30:00-03:00", "2026-11-02T23:00:00-03:00")
    assert lisbon.zone is None  # a fixed offset that is not the machine's zone
    assert sorted(s.uuid for s in app.log("2026-11-02")) == sorted([lisbon.uuid, sp.uuid])
    assert app.log("2026-11-03") == []
    with pytest.raises(BadInput) as err:
        app.log("2026-13-01")
    assert err.value.field == "day"


def test_durations_are_exact_across_a_dst_change(app: Tracker, clock) -> None:
    clock.zone_name = "Europe/Berlin"
    clock.set(datetime.fromisoformat("2026-10-25T01:30:00+02:00"))
    app.add_ticket("1234567", "ACME", "technical")
    app.start("1234567")
    clock.set(datetime.fromisoformat("2026-10-25T02:30:00+01:00"))  # two real hours later
    session = app.stop()
    assert session.seconds == 7200
    assert session.end.isoformat() == "2026-10-25T02:30:00+01:00"


def test_log_of_another_consultant_is_separate(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    app.add_session("1234567", "2026-11-03T09:00:00-03:00", "2026-11-03T09:30:00-03:00")
    assert app.log(consultant="bruno") == []
    assert len(app.log(date(2026, 11, 3))) == 1


def test_the_database_refuses_an_end_before_the_start(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    with pytest.raises(sqlite3.IntegrityError), app.store.atomic() as db:
        db.execute(
            "INSERT INTO sessions (uuid, ticket, consultant, type, start_ts, end_ts, utc_offset, local_day, "
            "created_ts) VALUES ('00000000-0000-0000-0000-000000000001', '1234567', 'ana', 'technical', "
            "100, 50, 0, '1970-01-01', 0)"
        )


@pytest.mark.parametrize(
    ("column", "value"),
    [("ticket", "''"), ("type", "'premium'"), ("uuid", "'1'")],
)
def test_check_constraints_guard_the_session_invariants(app: Tracker, column: str, value: str) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    values = {"uuid": "'00000000-0000-0000-0000-000000000001'", "ticket": "'1234567'", "type": "'technical'"}
    values[column] = value
    with pytest.raises(sqlite3.IntegrityError), app.store.atomic() as db:
        db.execute(
            "INSERT INTO sessions (uuid, ticket, consultant, type, start_ts, end_ts, utc_offset, local_day, "
            f"created_ts) VALUES ({values['uuid']}, {values['ticket']}, 'ana', {values['type']}, "
            "100, 150, 0, '1970-01-01', 0)"
        )
    assert app.store.one("SELECT count(*) AS n FROM sessions")["n"] == 0


def test_events_payloads_are_json(app: Tracker) -> None:
    app.add_ticket("1234567", "ACME", "technical")
    raw = app.store.one("SELECT payload FROM ticket_events")["payload"]
    assert json.loads(raw)["number"] == "1234567"


def test_a_manual_session_in_the_repeated_dst_hour_is_measured_exactly(app: Tracker, clock) -> None:
    clock.zone_name = "Europe/Berlin"
    clock.set(datetime.fromisoformat("2026-10-26T12:00:00+01:00"))
    app.add_ticket("1234567", "ACME", "technical")
    # 02:10 summer time to 02:20 winter time: 70 minutes, though the wall clock says 10.
    s = app.add_session("1234567", "2026-10-25T02:10:00+02:00", "2026-10-25T02:20:00+01:00")
    assert s.seconds == 70 * 60
    assert s.zone == "Europe/Berlin"
    # 02:20 summer time to 02:10 winter time is still forward in real time.
    s = app.add_session("1234567", "2026-10-25T02:20:00+02:00", "2026-10-25T02:10:00+01:00")
    assert s.seconds == 50 * 60
