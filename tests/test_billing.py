"""Pricing rules of PRODUCT.md, to the centavo: pure functions, no I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.billing import (
    DEFAULT_POLICIES,
    Atendimento,
    DefectInfo,
    HeldKind,
    HeldReason,
    Policy,
    Rate,
    adjusted,
    policy_for,
    price,
    rate_for,
    totals,
)
from tracker.model import ConsultancyType as T

RATES = [Rate(T.TECHNICAL, 1, Decimal("240.00"), date(2026, 1, 1)), Rate(T.SUPPORT, 1, Decimal("240.00"), date(2026, 1, 1))]


def atendimento(kind: T, seconds: list[int], defects=(), term=date(2026, 10, 1), consultants=("ana",), unit=""):
    return Atendimento(
        ticket="12345678", type=kind, customer="ACME", bill_to=unit or "ACME",
        bill_to_kind="unit" if unit else "customer", consultants=tuple(consultants),
        session_seconds=tuple(seconds), term_accepted=term, finalized_on=date(2026, 11, 3), defects=tuple(defects),
    )


def test_technical_4_min_10_s_is_billed_the_10_minute_minimum() -> None:
    line = price(atendimento(T.TECHNICAL, [250]), RATES)
    assert (line.billable_minutes, line.amount, line.waived, line.held) == (10, Decimal("40.00"), False, False)


def test_technical_three_sessions_of_3_min_by_two_consultants_is_one_10_minute_charge() -> None:
    line = price(atendimento(T.TECHNICAL, [180, 180, 180], consultants=("ana", "bruno")), RATES)
    assert (line.billable_minutes, line.amount, line.sessions) == (10, Decimal("40.00"), 3)
    assert line.consultants == ("ana", "bruno")


def test_technical_25_min_01_s_with_a_new_product_defect_is_not_waived() -> None:
    line = price(atendimento(T.TECHNICAL, [1501], [DefectInfo("product", "BUG-1", False)]), RATES)
    assert (line.billable_minutes, line.amount, line.waived) == (26, Decimal("104.00"), False)
    assert line.defect_ref == "BUG-1"


def test_support_7_min_30_s_is_8_minutes() -> None:
    line = price(atendimento(T.SUPPORT, [450]), RATES)
    assert (line.billable_minutes, line.amount) == (8, Decimal("32.00"))


def test_support_40_min_with_a_new_documentation_defect_is_waived() -> None:
    line = price(atendimento(T.SUPPORT, [2400], [DefectInfo("documentation", "DOC-7", False)]), RATES)
    assert (line.billable_minutes, line.amount, line.waived, line.defect_ref) == (40, Decimal("0.00"), True, "DOC-7")


def test_support_40_min_with_an_already_published_product_defect_is_charged() -> None:
    line = price(atendimento(T.SUPPORT, [2400], [DefectInfo("product", "BUG-2", True)]), RATES)
    assert (line.billable_minutes, line.amount, line.waived) == (40, Decimal("160.00"), False)


def test_support_59_s_is_one_minute() -> None:
    line = price(atendimento(T.SUPPORT, [59]), RATES)
    assert (line.billable_minutes, line.amount) == (1, Decimal("4.00"))


def test_standard_2_h_is_never_billed() -> None:
    line = price(atendimento(T.STANDARD, [7200], term=None), RATES)
    assert (line.billable_minutes, line.amount) == (0, None)


def test_no_term_holds_the_line_with_its_amount_and_reason() -> None:
    line = price(atendimento(T.TECHNICAL, [250], term=None), RATES)
    assert line.held and "no term acceptance" in line.held_reason
    assert line.held_reasons == (HeldReason(HeldKind.NO_TERM),)
    assert line.amount == Decimal("40.00")
    assert totals([line]) == []


def test_no_rate_in_force_holds_the_line() -> None:
    line = price(atendimento(T.TECHNICAL, [250], term=date(2025, 6, 1)), RATES)
    assert line.held and "no technical rate in force on 2025-06-01" in line.held_reason
    assert line.held_reasons == (HeldReason(HeldKind.NO_RATE, T.TECHNICAL, date(2025, 6, 1)),)
    assert line.amount is None and line.rate_version == ""


def test_a_line_with_no_term_and_no_rate_says_both_in_the_statement_json_words() -> None:
    line = price(atendimento(T.SUPPORT, [250], term=None), RATES[:1])
    assert [r.kind for r in line.held_reasons] == [HeldKind.NO_TERM, HeldKind.NO_RATE]
    assert line.held_reason == "no term acceptance recorded; no support rate in force on 2026-11-03"


def test_the_rate_is_the_one_in_force_on_the_term_date_across_an_adjustment() -> None:
    rates = RATES + [Rate(T.TECHNICAL, 2, adjusted(Decimal("240.00"), Decimal("4.62")), date(2026, 11, 1), "IPCA",
                          Decimal("4.62"))]
    assert rates[-1].hourly == Decimal("251.09")
    before = price(atendimento(T.TECHNICAL, [3600], term=date(2026, 10, 31)), rates)
    after = price(atendimento(T.TECHNICAL, [3600], term=date(2026, 11, 1)), rates)
    assert (before.amount, before.rate_version) == (Decimal("240.00"), "technical-v1 (2026-01-01)")
    assert (after.amount, after.rate_version) == (Decimal("251.09"), "technical-v2 (2026-11-01)")
    assert before.policy_version == "technical-1"


def test_amounts_are_rounded_half_up_once_at_the_end() -> None:
    rates = [Rate(T.SUPPORT, 1, Decimal("100.10"), date(2026, 1, 1))]
    # 7 min × 100.10 / 60 = 11.678333... -> 11.68
    assert price(atendimento(T.SUPPORT, [420]), rates).amount == Decimal("11.68")
    # 3 min × 100.10 / 60 = 5.005 exactly -> half-up 5.01 (banker's rounding would give 5.00)
    assert price(atendimento(T.SUPPORT, [180]), rates).amount == Decimal("5.01")


def test_adjustment_rounds_to_centavos_half_up() -> None:
    assert adjusted(Decimal("240.00"), Decimal("4.625")) == Decimal("251.10")
    assert adjusted(Decimal("240.00"), Decimal("-10")) == Decimal("216.00")


def test_a_unit_is_billed_instead_of_the_customer_and_totals_group_by_party() -> None:
    a = price(atendimento(T.TECHNICAL, [600], unit="FR-042"), RATES)
    b = price(atendimento(T.SUPPORT, [600]), RATES)
    c = price(atendimento(T.SUPPORT, [1200], unit="FR-042"), RATES)
    parties = totals([a, b, c])
    assert [(p.bill_to_kind, p.bill_to, p.lines, p.amount) for p in parties] == [
        ("customer", "ACME", 1, Decimal("40.00")), ("unit", "FR-042", 2, Decimal("120.00"))]


def test_policies_are_versioned_data() -> None:
    newer = Policy("technical-2", T.TECHNICAL, date(2027, 1, 1), True, 15, 60, False)
    policies = (*DEFAULT_POLICIES, newer)
    assert policy_for(T.TECHNICAL, date(2026, 12, 31), policies).minimum_minutes == 10
    assert policy_for(T.TECHNICAL, date(2027, 1, 1), policies).version == "technical-2"
    line = price(atendimento(T.TECHNICAL, [60], term=date(2027, 2, 1)), RATES, policies)
    assert (line.billable_minutes, line.policy_version) == (15, "technical-2")
    with pytest.raises(LookupError):
        policy_for(T.TECHNICAL, date(1999, 1, 1))
    quarter_hours = Policy("support-q", T.SUPPORT, date(2000, 1, 1), True, 0, 900, True)
    assert quarter_hours.billable_minutes(61) == 15
    assert rate_for(T.SUPPORT, date(2025, 1, 1), RATES) is None


seconds = st.lists(st.integers(min_value=1, max_value=4 * 3600), min_size=1, max_size=8)
kinds = st.sampled_from([T.TECHNICAL, T.SUPPORT])


@given(kind=kinds, parts=seconds, cut=st.integers(min_value=1, max_value=4 * 3600))
def test_property_splitting_a_session_never_raises_the_amount(kind: T, parts: list[int], cut: int) -> None:
    whole = price(atendimento(kind, parts), RATES)
    first = parts[0]
    if first > 1:
        k = 1 + cut % (first - 1)
        split = [k, first - k, *parts[1:]]
        assert price(atendimento(kind, split), RATES).amount == whole.amount


@given(kind=kinds, parts=seconds, consultants=st.integers(min_value=1, max_value=5))
def test_property_billable_minutes_do_not_depend_on_how_work_was_split(kind: T, parts: list[int], consultants: int) -> None:
    together = price(atendimento(kind, [sum(parts)]), RATES)
    apart = price(atendimento(kind, parts, consultants=[f"c{i}" for i in range(consultants)]), RATES)
    assert together.billable_minutes == apart.billable_minutes


@given(kind=st.sampled_from(list(T)), parts=st.lists(st.integers(min_value=0, max_value=7200), max_size=5),
       defect=st.sampled_from([None, ("product", False), ("documentation", False), ("product", True)]))
def test_property_an_amount_is_zero_only_when_waived_standard_or_without_time(kind, parts, defect) -> None:
    defects = [DefectInfo(defect[0], "D-1", defect[1])] if defect else []
    line = price(atendimento(kind, parts, defects), RATES)
    if line.amount == Decimal("0.00") or line.amount is None:
        assert line.waived or kind is T.STANDARD or sum(parts) == 0


@given(amounts=st.lists(st.tuples(kinds, seconds, st.booleans(), st.sampled_from(["", "FR-1", "FR-2"])), max_size=8))
def test_property_totals_equal_the_sum_of_lines_not_held(amounts) -> None:
    lines = [price(atendimento(k, s, term=None if held else date(2026, 1, 2), unit=u), RATES)
             for k, s, held, u in amounts]
    assert sum((p.amount for p in totals(lines)), Decimal(0)) == sum(
        (x.amount for x in lines if not x.held and x.amount is not None), Decimal(0))
