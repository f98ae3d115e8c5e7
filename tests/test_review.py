"""Team leads review days from the export: flags, approvals and returns flow through it."""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path

import pytest

from tests.conftest import share_home

home = partial(share_home, now="2026-11-04T09:00:00-03:00")


def ok(r) -> None:
    assert r.code == 0, r.err


@pytest.fixture
def world(tmp_path: Path):
    share = tmp_path / "share"
    share.mkdir()
    ana = home(tmp_path, share, "ana")
    bruno = home(tmp_path, share, "bruno")
    carla = home(tmp_path, share, "carla")
    ok(ana("ticket", "add", "1111111", "--customer", "ACME", "--type", "technical", "--term-accepted", "2026-10-01"))
    ok(ana("ticket", "add", "2222222", "--customer", "Beta", "--type", "support"))  # no term: billed, held
    ok(ana("ticket", "add", "3333333", "--customer", "Gama", "--type", "standard"))
    # ana: an overlap, a session across midnight, a long one, a defect
    ok(ana("add", "1111111", "--start", "2026-11-03T09:00", "--end", "2026-11-03T10:00", "--note", "a"))
    ok(ana("add", "2222222", "--start", "2026-11-03T09:30", "--end", "2026-11-03T09:45", "--note", "b"))
    ok(ana("add", "3333333", "--start", "2026-11-03T11:00", "--end", "2026-11-03T21:30", "--note", "long"))
    ok(ana("add", "1111111", "--start", "2026-11-03T23:30", "--end", "2026-11-04T00:30", "--note", "late"))
    ok(ana("defect", "1111111", "--kind", "product", "--ref", "BUG-1"))
    with sqlite3.connect(tmp_path / "ana" / "tracker.db") as conn:  # as the app recorded them
        conn.execute("UPDATE sessions SET flags = 'sleep_gap' WHERE note = 'a'")
        conn.execute("UPDATE sessions SET flags = 'clock_jump' WHERE note = 'b'")
        conn.execute("UPDATE ticket_events SET at_ts = at_ts - 86400")  # flagged on the 3rd
    ok(ana("sync"))
    # bruno: the same ticket with other metadata
    ok(bruno("ticket", "add", "1111111", "--customer", "ACME Ltda", "--type", "technical",
             "--term-accepted", "2026-10-01"))
    ok(bruno("add", "1111111", "--start", "2026-11-03T14:00", "--end", "2026-11-03T14:20"))
    ok(bruno("sync"))
    # carla synced long ago, before the day ended
    carla.now = "2026-11-03T08:00:00-03:00"
    ok(carla("ticket", "add", "4444444", "--customer", "Delta", "--type", "technical"))
    ok(carla("sync"))
    lead = home(tmp_path, share, "lead1", role="lead")
    other_lead = home(tmp_path, share, "lead2", role="lead")
    billing = home(tmp_path, share, "fatima", role="billing")
    return {"ana": ana, "bruno": bruno, "carla": carla, "lead": lead, "lead2": other_lead, "billing": billing,
            "share": share}


def test_the_review_shows_every_flag(world) -> None:
    r = world["lead"]("review", "--day", "2026-11-03", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    people = {c["consultant"]: c for c in doc["consultants"]}
    assert set(people) == {"ana", "bruno", "carla"}
    ana = people["ana"]
    flags = {s["note"]: set(s["flags"]) for s in ana["sessions"]}
    assert {"overlap", "sleep_gap", "ticket_disagrees"} <= flags["a"]
    assert {"overlap", "clock_jump", "no_term"} <= flags["b"]
    assert "long" in flags["long"]
    assert "across_midnight" in flags["late"]
    assert ana["recorded_seconds"] == 3600 + 900 + 37800 + 3600
    assert ana["standard_seconds"] == 37800
    assert ana["billable_seconds"] == 3600 + 900 + 3600
    assert [d["ref"] for d in ana["defects"]] == ["BUG-1"]
    assert ana["flags"] == []
    assert people["carla"]["flags"] == ["not_synced_since_day_end"]
    assert people["bruno"]["sessions"][0]["flags"] == ["ticket_disagrees"]
    text = world["lead"]("review", "--day", "2026-11-03").out
    assert "ana: recorded 12:45:00" in text and "overlap" in text and "[not reviewed]" in text


def test_approve_in_one_leads_home_is_seen_in_another_and_in_billing(world) -> None:
    lead, lead2, billing, ana = world["lead"], world["lead2"], world["billing"], world["ana"]
    r = lead("review", "approve", "--day", "2026-11-03", "--consultant", "bruno", "--note", "ok")
    assert r.code == 0, r.err
    ok(lead("sync"))
    assert (world["share"] / "reviews" / "lead1").is_dir()
    doc = lead2("review", "--day", "2026-11-03", "--consultant", "bruno", "--json").json()
    decision = doc["consultants"][0]["decision"]
    assert (decision["decision"], decision["lead"], decision["comment"]) == ("approve", "lead1", "ok")
    # Billing: only bruno's approved day counts with --approved-only.
    ok(ana("finalize", "1111111", "--at", "2026-11-04T08:00:00-03:00"))
    ok(ana("sync"))
    ok(billing("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    everything = billing("bill", "--month", "2026-11", "--format", "json").json()
    approved = billing("bill", "--month", "2026-11", "--format", "json", "--approved-only").json()
    line_all = [x for x in everything["lines"] if x["ticket"] == "1111111"][0]
    line_ok = [x for x in approved["lines"] if x["ticket"] == "1111111"][0]
    assert line_all["consultants"] == ["ana", "bruno"] and line_all["recorded_seconds"] == 3600 + 3600 + 1200
    assert line_ok["consultants"] == ["bruno"] and line_ok["recorded_seconds"] == 1200
    assert line_ok["amount"] == "80.00"


def test_a_returned_day_and_its_comment_reach_the_consultant(world) -> None:
    lead, ana = world["lead"], world["ana"]
    ok(lead("review", "return", "--day", "2026-11-03", "--consultant", "ana",
            "--comment", "a sessão das 11h tem 10h30; confira"))
    ok(lead("sync"))
    ok(ana("sync"))
    r = ana("log", "--day", "2026-11-03")
    assert "this day was returned by lead1" in r.err and "confira" in r.err
    assert ana("log", "--day", "2026-11-02").err == ""


def test_only_a_lead_decides_and_a_return_needs_a_comment(world) -> None:
    r = world["ana"]("review", "approve", "--day", "2026-11-03", "--consultant", "bruno")
    assert r.code == 2 and "role" in r.err
    r = world["lead"]("review", "return", "--day", "2026-11-03", "--consultant", "ana", "--comment", " ")
    assert r.code == 2 and "comment" in r.err
    r = world["lead"]("review", "approve", "--day", "2026-12-03", "--consultant", "ana")
    assert r.code == 2 and "future" in r.err
    r = world["lead"]("review", "approve", "--day", "2026-11-03", "--consultant", "no body")
    assert r.code == 2 and "consultant" in r.err
    r = world["lead"]("review")
    assert r.code == 2 and "day" in r.err
