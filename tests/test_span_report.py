"""`tracker report`'s totals: the billing rules once per atendimento over the span, by group."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.app import Tracker
from tracker.errors import BadInput
from tracker.model import ConsultancyType


@pytest.fixture
def week(app: Tracker) -> Tracker:
    """Monday 2026-11-02 and Tuesday 2026-11-03 (today) of ana's week."""
    app.add_ticket("1000001", "ACME", "technical", term_accepted="2026-10-01")
    app.add_ticket("1000002", "Beta", "support", term_accepted="2026-10-01")
    app.add_ticket("1000003", "ACME", "standard")
    app.add_ticket("1000004", "Gama", "support", term_accepted="2026-10-01")
    add = app.add_session
    add("1000001", "2026-11-02T09:00", "2026-11-02T09:04")  # 4 min: the 10-minute minimum
    add("1000001", "2026-11-03T09:00", "2026-11-03T09:03:10")  # 3 min 10 s more: still 10
    add("1000002", "2026-11-02T10:00", "2026-11-02T10:40")  # support, waived by a defect
    app.flag_defect("1000002", "product", "BUG-1")
    add("1000003", "2026-11-03T10:00", "2026-11-03T11:00")  # standard: never billed
    add("1000004", "2026-11-03T11:00", "2026-11-03T11:20:30")  # support: 21 minutes
    add("1000001", "2026-10-30T09:00", "2026-10-30T10:00")  # last week: outside
    app.settings.set("role", "billing")
    app.set_rate("technical", "240.00", "2026-01-01")
    app.set_rate("support", "180.00", "2026-01-01")
    app.settings.set("role", "consultant")
    return app


def test_this_week_by_day_follows_the_billing_rules_once_per_atendimento(week: Tracker) -> None:
    r = week.report()
    assert (r.first, r.last, r.by) == (date(2026, 11, 2), date(2026, 11, 8), "day")
    monday, tuesday = r.groups
    assert monday.key == "2026-11-02" and tuesday.key == "2026-11-03"
    assert (monday.sessions, monday.recorded_seconds, monday.billable_seconds, monday.standard_seconds) == (
        2, 240 + 2400, 240 + 2400, 0)  # fmt: skip
    # Monday: the technical minimum (10) and 40 support minutes, waived: only 10 x 240 / 60.
    assert (monday.billable_minutes, monday.amount) == (10 + 40, Decimal("40.00"))
    # Tuesday adds nothing to the technical atendimento (3 min 10 s still within its 10),
    # and 21 support minutes at 180/h.
    assert (tuesday.billable_minutes, tuesday.amount) == (21, Decimal("63.00"))
    assert tuesday.standard_seconds == 3600 and tuesday.billable_seconds == 190 + 1230
    assert (r.total.billable_minutes, r.total.amount, r.total.sessions) == (71, Decimal("103.00"), 5)
    assert r.missing_rates == []


def test_by_ticket_type_and_customer(week: Tracker) -> None:
    tickets = {g.key: g for g in week.report(by="ticket").groups}
    assert tickets["1000001"].customer == "ACME"
    assert (tickets["1000001"].billable_minutes, tickets["1000001"].amount) == (10, Decimal("40.00"))
    assert (tickets["1000002"].billable_minutes, tickets["1000002"].amount) == (40, Decimal("0.00"))
    assert (tickets["1000003"].billable_minutes, tickets["1000003"].standard_seconds) == (0, 3600)
    types = week.report(by="type").groups
    assert [g.key for g in types] == ["technical", "support", "standard"]
    assert [g.amount for g in types] == [Decimal("40.00"), Decimal("63.00"), Decimal("0.00")]
    customers = {g.key: g for g in week.report(by="customer").groups}
    assert customers["ACME"].recorded_seconds == 240 + 190 + 3600
    assert customers["ACME"].billable_minutes == 10 and customers["Gama"].amount == Decimal("63.00")


def test_minutes_with_no_rate_are_counted_and_left_out_of_the_amount(app: Tracker) -> None:
    app.add_ticket("1000001", "ACME", "technical", term_accepted="2026-10-01")
    app.add_ticket("1000002", "Beta", "support", term_accepted="2026-10-01")
    app.add_session("1000001", "2026-11-03T09:00", "2026-11-03T09:30")
    app.add_session("1000002", "2026-11-03T10:00", "2026-11-03T10:30")
    assert app.report().total.amount is None  # no rate at all
    app.settings.set("role", "billing")
    app.set_rate("technical", "240.00", "2026-01-01")
    r = app.report(by="type")
    technical, support = r.groups
    assert technical.amount == Decimal("120.00") and technical.unpriced_minutes == 0
    assert support.amount is None and support.unpriced_minutes == 30
    assert (r.total.amount, r.total.unpriced_minutes) == (Decimal("120.00"), 30)
    assert r.missing_rates == [(ConsultancyType.SUPPORT, date(2026, 10, 1))]


def test_the_span_defaults_and_refusals(week: Tracker) -> None:
    assert (week.report("2026-10-30").first, week.report("2026-10-30").last) == (
        date(2026, 10, 30),
        date(2026, 11, 3),
    )
    assert week.report(last="2026-10-30").first == date(2026, 10, 26)  # that week's Monday
    assert week.report("2026-10-30", "2026-10-30").total.recorded_seconds == 3600
    for first, last, by, field in (("2026-11-03", "2026-11-01", "day", "to"), ("3/11", None, "day", "from"),
                                   (None, None, "month", "by")):  # fmt: skip
        with pytest.raises(BadInput) as err:
            week.report(first, last, by)
        assert err.value.field == field
