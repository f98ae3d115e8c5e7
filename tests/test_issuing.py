"""Issued months through the real CLI: frozen statements, adjustments, late sessions.

Two consultants (ana, and bruno who works offline), billing (fatima) and a lead (lena)
share one export folder.  Ana bills 25 minutes on 5000001 and on 6000001 in October;
bruno worked 3 minutes on 5000001 and 3 hours on 6000001 in October too, but syncs only
in November, after fatima issued October.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli, Result, share_home
from tracker.billing import Atendimento, DefectInfo, HeldKind, Rate, price
from tracker.issuing import (
    _difference,
    _SoFar,
    adjusted_by,
    first_open_after,
    line_from_record,
    line_record,
)
from tracker.model import ConsultancyType

OCTOBER_END = "2026-10-30T18:00:00-03:00"
ISSUE_DAY = "2026-11-02T10:00:00-03:00"
NOVEMBER = "2026-11-03T10:00:00-03:00"


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


home = partial(share_home, now=OCTOBER_END)


@dataclass
class World:
    share: Path
    ana: Cli
    bruno: Cli
    fatima: Cli
    lena: Cli


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The homes and the share before October is issued: built once, it is slow."""
    tmp_path = tmp_path_factory.mktemp("issuing")
    share = tmp_path / "share"
    share.mkdir()
    ana, bruno = home(tmp_path, share, "ana"), home(tmp_path, share, "bruno")
    fatima = home(tmp_path, share, "fatima", "billing")
    home(tmp_path, share, "lena", "lead", now=NOVEMBER)
    for number, day in (("5000001", "05"), ("6000001", "06")):
        for who in (ana, bruno):
            ok(
                who(
                    "ticket",
                    "add",
                    number,
                    "--customer",
                    "ACME",
                    "--type",
                    "technical",
                    "--term-accepted",
                    "2026-09-01",
                )
            )
        ok(ana("add", number, "--start", f"2026-10-{day}T09:00", "--end", f"2026-10-{day}T09:25"))
        ok(ana("finalize", number, "--at", "2026-10-30T17:00:00-03:00"))
    # Bruno, offline: 3 minutes on one ticket, 3 hours on the other, in October.
    ok(bruno("add", "5000001", "--start", "2026-10-30T16:00", "--end", "2026-10-30T16:03"))
    ok(bruno("add", "6000001", "--start", "2026-10-20T09:00", "--end", "2026-10-20T12:00"))
    ok(ana("sync"))
    ok(fatima("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(fatima("sync"))
    return tmp_path


@pytest.fixture
def world(built: Path, tmp_path: Path) -> World:
    """A private copy of the built homes and share, each home pointed at the copy."""
    root = tmp_path / "world"
    shutil.copytree(built, root)
    share = root / "share"
    homes = {}
    for login, now in (
        ("ana", OCTOBER_END),
        ("bruno", OCTOBER_END),
        ("fatima", ISSUE_DAY),
        ("lena", NOVEMBER),
    ):
        homes[login] = Cli(root / login, now=now)
        ok(homes[login]("config", "set", "export-dir", str(share)))
    return World(share, homes["ana"], homes["bruno"], homes["fatima"], homes["lena"])


def lines_of(doc: dict) -> dict[str, tuple[int, str]]:
    return {x["ticket"]: (x["billable_minutes"], x["amount"]) for x in doc["lines"]}


def adjustments_of(doc: dict, key: str = "adjustments") -> dict[str, tuple[int, str, str]]:
    return {x["ticket"]: (x["billable_minutes"], x["amount"], x["adjusts_month"]) for x in doc[key]}


def bruno_syncs_in_november(world: World) -> None:
    world.bruno.now = NOVEMBER
    ok(world.bruno("sync"))
    world.fatima.now = NOVEMBER


def test_an_issued_month_is_reproduced_exactly_and_late_minutes_are_adjusted_in_the_first_open_month(
    world: World, tmp_path: Path
) -> None:
    issued = ok(world.fatima("bill", "--month", "2026-10", "--issue", "--format", "json")).json()
    assert issued["issued"]["by"] == "fatima" and issued["issued"]["at"] == ISSUE_DAY
    assert lines_of(issued) == {"5000001": (25, "100.00"), "6000001": (25, "100.00")}
    assert issued["totals"]["amount"] == "200.00" and issued["late_changes"] == []
    # Kept in the export as an immutable batch with its manifest, in billing's own folder.
    files = sorted(p.name for p in (world.share / "statements" / "fatima").iterdir())
    assert len(files) == 2 and files[0].startswith("2026-10-") and files[1].endswith(".manifest.json")
    record = json.loads((world.share / "statements" / "fatima" / files[0]).read_text(encoding="utf-8"))
    assert (record["kind"], record["month"], record["sha256"]) == (
        "statement",
        "2026-10",
        issued["issued"]["sha256"],
    )

    bruno_syncs_in_november(world)
    again = ok(world.fatima("bill", "--month", "2026-10", "--format", "json")).json()
    for key in ("month", "issued", "lines", "adjustments", "totals", "not_billed"):
        assert again[key] == issued[key], key
    assert adjustments_of(again, "late_changes") == {
        "5000001": (3, "12.00", "2026-10"),  # 28 min now, 25 billed: +3 min, +R$ 12,00 at R$ 240/h
        "6000001": (180, "720.00", "2026-10"),
    }
    assert "late change: 5000001 technical +3 min R$ +12.00" in again_err(world)

    november = ok(world.fatima("bill", "--month", "2026-11", "--format", "json")).json()
    assert november["issued"] is None and november["lines"] == []
    assert adjustments_of(november) == {
        "5000001": (3, "12.00", "2026-10"),
        "6000001": (180, "720.00", "2026-10"),
    }
    assert november["adjustments"][0]["consultants"] == ["ana", "bruno"]
    assert (
        november["adjustments"][0]["sessions"] == 1 and november["adjustments"][0]["recorded_seconds"] == 180
    )
    assert november["totals"]["amount"] == "732.00" and november["totals"]["lines"] == 2

    out = tmp_path / "novembro.csv"
    ok(world.fatima("bill", "--month", "2026-11", "--format", "csv", "--out", str(out)))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    title = rows.index(["AJUSTES DE MESES JÁ EMITIDOS"])
    assert rows[title + 1][-1] == "Mês ajustado"
    adjusted = {r[0]: r for r in rows[title + 2 :] if r[0] != "TOTAL"}
    assert (adjusted["5000001"][8], adjusted["5000001"][10], adjusted["5000001"][-1]) == (
        "3",
        "12,00",
        "10/2026",
    )
    assert [r[10] for r in rows if r[0] == "TOTAL"] == ["732,00"]

    book = tmp_path / "novembro.xlsx"
    ok(world.fatima("bill", "--month", "2026-11", "--format", "xlsx", "--out", str(book)))
    sheet = load_workbook(book)["Ajustes"]
    assert sheet.cell(1, 18).value == "Mês ajustado" and sheet.cell(2, 18).value == "10/2026"
    assert sheet.cell(sheet.max_row, 11).value == pytest.approx(732.0)


def again_err(world: World) -> str:
    return world.fatima("bill", "--month", "2026-10", "--format", "json").err


def test_bobs_offline_october_work_is_billed_in_november_and_the_lead_sees_it_late(world: World) -> None:
    """Issue 11, case 8: before, October's statement silently went from 100,00 to 820,00."""
    ok(world.fatima("bill", "--month", "2026-10", "--issue"))
    bruno_syncs_in_november(world)
    october = ok(world.fatima("bill", "--month", "2026-10", "--format", "json")).json()
    assert lines_of(october)["6000001"] == (25, "100.00")
    assert adjustments_of(october, "late_changes")["6000001"] == (180, "720.00", "2026-10")
    november = ok(world.fatima("bill", "--month", "2026-11", "--format", "json")).json()
    assert adjustments_of(november)["6000001"] == (180, "720.00", "2026-10")

    review = ok(world.lena("review", "--day", "2026-10-20", "--json")).json()
    bruno = next(c for c in review["consultants"] if c["consultant"] == "bruno")
    assert [s["flags"] for s in bruno["sessions"]] == [["late"]]
    text = world.lena("review", "--day", "2026-10-20", "--consultant", "bruno").out
    assert "!late" in text
    ana_day = ok(world.lena("review", "--day", "2026-10-06", "--consultant", "ana", "--json")).json()
    assert "late" not in ana_day["consultants"][0]["sessions"][0]["flags"]  # it was issued


def test_a_month_is_issued_once_and_an_issued_adjustment_is_not_billed_again(world: World) -> None:
    ok(world.fatima("bill", "--month", "2026-10", "--issue"))
    r = world.fatima("bill", "--month", "2026-10", "--issue")
    assert r.code == 2 and "issue" in r.err and "already issued" in r.err
    bruno_syncs_in_november(world)
    world.fatima.now = "2026-12-01T09:00:00-03:00"
    november = ok(world.fatima("bill", "--month", "2026-11", "--issue", "--format", "json")).json()
    assert november["totals"]["amount"] == "732.00" and len(november["adjustments"]) == 2
    # October stays as issued, its late changes now billed in November: nothing pending.
    october = ok(world.fatima("bill", "--month", "2026-10", "--format", "json")).json()
    assert october["totals"]["amount"] == "200.00" and october["late_changes"] == []
    december = ok(world.fatima("bill", "--month", "2026-12", "--format", "json")).json()
    assert december["adjustments"] == [] and december["totals"]["amount"] == "0.00"
    again = ok(world.fatima("bill", "--month", "2026-11", "--format", "json")).json()
    assert again["adjustments"] == november["adjustments"] and again["issued"] == november["issued"]


def test_only_billing_issues_and_a_missing_folder_issues_nothing(world: World, tmp_path: Path) -> None:
    r = world.ana("bill", "--month", "2026-10", "--issue")
    assert r.code == 2 and "role" in r.err
    assert not (world.share / "statements").exists()
    moved = tmp_path / "unmounted"
    world.share.rename(moved)
    r = world.fatima("bill", "--month", "2026-10", "--issue")
    assert r.code == 1 and "not there" in r.err
    moved.rename(world.share)
    assert not (world.share / "statements").exists()
    doc = ok(world.fatima("bill", "--month", "2026-10", "--format", "json")).json()
    assert doc["issued"] is None  # nothing counts as issued: the month can still be issued
    assert ok(world.fatima("bill", "--month", "2026-10", "--issue", "--format", "json")).json()["issued"]


def test_a_statement_issued_by_someone_not_listed_as_billing_is_ignored_and_reported(
    world: World, tmp_path: Path
) -> None:
    gil = home(tmp_path, world.share, "gil", "billing", now=ISSUE_DAY)
    ok(world.fatima("central", "grant", "fatima", "--role", "billing"))
    ok(gil("bill", "--month", "2026-10", "--issue"))  # his own app believes him
    assert (world.share / "statements" / "gil").is_dir()
    doc = ok(world.fatima("bill", "--month", "2026-10", "--format", "json")).json()
    assert doc["issued"] is None
    assert any("statements/gil" in p and "not listed as billing" in p for p in doc["problems"])
    assert (
        ok(world.fatima("bill", "--month", "2026-10", "--issue", "--format", "json")).json()["issued"]["by"]
        == "fatima"
    )


# ----- the arithmetic of adjustments, on lines as the issued record keeps them ---------------


RATES = [Rate(ConsultancyType.SUPPORT, 1, Decimal("240.00"), date(2026, 1, 1))]


def support_line(seconds: tuple[int, ...], term: date | None = date(2026, 9, 1), defect: bool = False):
    a = Atendimento(
        "8000001",
        ConsultancyType.SUPPORT,
        "ACME",
        "FR-1",
        "unit",
        ("ana",),
        seconds,
        term,
        date(2026, 10, 30),
        (DefectInfo("product", "BUG-1", False),) if defect else (),
        {"cost_center": "CC-1"},
    )
    return price(a, RATES)


def issued_so_far(*lines) -> _SoFar:
    records = [line_record(x) for x in lines]
    so = _SoFar(records[0])
    for r in records:
        so.add(r)
    return so


def test_a_line_survives_the_issued_record_whole_held_reasons_and_accounting_included() -> None:
    for line in (support_line((450,)), support_line((450,), term=None), support_line((2400,), defect=True)):
        assert line_from_record(json.loads(json.dumps(line_record(line)))) == line


def test_a_held_line_released_later_is_billed_whole_and_an_unchanged_one_not_at_all() -> None:
    held = support_line((1200,), term=None)
    assert held.held and held.held_reasons[0].kind is HeldKind.NO_TERM
    assert _difference(support_line((1200,), term=None), issued_so_far(held)) is None
    released = _difference(support_line((1200,)), issued_so_far(held))
    assert released is not None and not released.held
    assert (released.sessions, released.billable_minutes, released.amount) == (0, 20, Decimal("80.00"))
    more_held = _difference(support_line((1200, 120), term=None), issued_so_far(held))
    assert more_held is not None and more_held.held and more_held.billable_minutes == 2


def test_a_late_waiver_or_deleted_sessions_credit_what_was_billed() -> None:
    billed = support_line((450,))  # 8 min, R$ 32,00
    waived = _difference(support_line((450,), defect=True), issued_so_far(billed))
    assert waived is not None and (waived.billable_minutes, waived.amount, waived.waived) == (
        0,
        Decimal("-32.00"),
        True,
    )
    gone = _difference(None, issued_so_far(billed))
    assert gone is not None and (gone.sessions, gone.billable_minutes, gone.amount) == (
        -1,
        -8,
        Decimal("-32.00"),
    )


def test_late_changes_go_to_the_first_month_not_issued() -> None:
    assert first_open_after("2026-10", ["2026-10", "2026-11"]) == "2026-12"
    assert first_open_after("2026-12", []) == "2027-01"
    assert adjusted_by("2027-01", ["2026-08", "2026-11", "2026-12"]) == ["2026-11", "2026-12"]
    assert adjusted_by("2026-09", ["2026-08", "2026-11"]) == ["2026-08"]
    assert adjusted_by("2026-10", ["2026-08"]) == []
