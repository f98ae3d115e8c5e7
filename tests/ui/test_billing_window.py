"""The billing window: statement preview, filters, totals and exports over a real export."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.crafted_export import World, build
from tracker.store import Store
from ui.billing.billing_window import BillingWindow
from ui.billing.exports import ExportFileDialog
from ui.billing.statement_models import (
    HELD_BACKGROUND,
    L_AMOUNT,
    L_HELD,
    L_REASON,
    L_TICKET,
    L_TYPE,
    T_AMOUNT,
    T_PARTY,
    brl,
)
from ui.common.rows_model import SortRole

ROOT = Path(__file__).resolve().parents[2]
NOVEMBER = date(2026, 11, 1)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build(tmp_path_factory.mktemp("billing") / "world")


@pytest.fixture
def opened() -> Iterator[list[Store]]:
    stores: list[Store] = []
    yield stores
    for s in stores:
        s.close()


@pytest.fixture
def home_of(opened: list[Store]) -> Any:
    def open_home(world: World, login: str) -> Any:
        app, store = world.open(login)
        opened.append(store)
        return app

    return open_home


def shown(qtbot: Any, app: Any) -> BillingWindow:
    window = BillingWindow(app, month=NOVEMBER)
    qtbot.addWidget(window)
    window.show()
    assert not window.busy_bar.isHidden(), "a busy bar shows while the statement is built"
    assert not window.export_buttons["csv"].isEnabled()
    with qtbot.waitSignal(window.built, timeout=20_000):
        pass
    assert window.busy_bar.isHidden()
    return window


@pytest.fixture
def saved_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, Path]]:
    """The file dialog answers with a file in tmp_path named after the suggestion."""
    asked: list[tuple[str, Path]] = []

    def ask(cls: type, parent: Any, title: str, suggested: str, file_filter: str) -> Path:
        path = tmp_path / "out" / suggested
        path.parent.mkdir(exist_ok=True)
        asked.append((suggested, path))
        return path

    monkeypatch.setattr(ExportFileDialog, "ask", classmethod(ask))
    return asked


def test_held_lines_are_highlighted_and_the_totals_are_the_sum_of_the_others(
    qtbot, qtmodeltester, world, home_of
) -> None:
    window = shown(qtbot, home_of(world, "fatima"))
    model = window.lines
    qtmodeltester.check(model)
    qtmodeltester.check(window.totals)
    assert model.rowCount() == 7
    st = window.statement
    assert st is not None
    held_rows = [r for r in range(7) if model.line_at(r).held]
    # 40112244 has no term; ana and bruno recorded 40112233's customer apart: held, never chosen.
    assert [model.line_at(r).ticket for r in held_rows] == ["40112233", "40112244"]
    held = model.index(held_rows[1], L_TICKET)
    assert held.data(Qt.ItemDataRole.BackgroundRole).color() == HELD_BACKGROUND
    assert "no term acceptance" in held.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(held_rows[1], L_HELD).data() == "HELD"
    assert "no term acceptance" in model.index(held_rows[1], L_REASON).data()
    assert "recorded the ticket differently (customer: ana, bruno)" in model.index(held_rows[0], L_REASON).data()
    plain = next(r for r in range(7) if not model.line_at(r).held)
    assert model.index(plain, L_TICKET).data(Qt.ItemDataRole.BackgroundRole) is None
    # Money as pt-BR writes it, type in Portuguese.
    row = next(r for r in range(7) if model.line_at(r).ticket == "40112300")
    assert model.index(row, L_AMOUNT).data() == "R$\xa01.365,00"
    assert model.index(row, L_TYPE).data() == "Consultoria de Suporte"
    assert model.index(row, L_AMOUNT).data(SortRole) == 1365.0
    # Totals: the sum of the lines that are not held, per party and overall.
    not_held = sum((x.amount or Decimal(0) for x in st.lines if not x.held), Decimal("0.00"))
    assert window.totals.grand_total() == not_held == Decimal("3565.00")
    last = window.totals.rowCount() - 1
    assert window.totals.index(last, T_PARTY).data() == "TOTAL"
    assert window.totals.index(last, T_AMOUNT).data() == brl(not_held)
    parties = [window.totals.index(r, T_PARTY).data() for r in range(last)]
    assert "Metalúrgica São Jorge S.A." not in parties  # only a held line: no total
    assert "FRQ-SP01" in parties
    assert "3.565,00" in window.status.text()
    assert "never billed" in window.problems.text()


def test_the_preview_filters_by_party_and_by_type(qtbot, world, home_of) -> None:
    window = shown(qtbot, home_of(world, "fatima"))
    assert len(window.visible_lines()) == 7
    window.party_filter.setCurrentIndex(window.party_filter.findData("unit:FRQ-SP01"))
    assert [x.ticket for x in window.visible_lines()] == ["40112266"]
    window.party_filter.setCurrentIndex(0)
    window.type_filter.setCurrentIndex(window.type_filter.findData("support"))
    assert sorted(x.ticket for x in window.visible_lines()) == ["40112244", "40112277", "40112300"]
    window.party_filter.setCurrentIndex(window.party_filter.findData("customer:Farmácia Bem Estar"))
    assert [(x.ticket, x.waived) for x in window.visible_lines()] == [("40112277", True)]
    window.type_filter.setCurrentIndex(window.type_filter.findData("technical"))
    assert window.visible_lines() == []
    # Sorting by amount uses the value, not the text.
    window.party_filter.setCurrentIndex(0)
    window.type_filter.setCurrentIndex(0)
    window.view.sortByColumn(L_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert window.visible_lines()[0].ticket == "40112300"


def test_approved_days_only_counts_the_days_a_lead_approved(qtbot, world, home_of, tmp_path) -> None:
    mine = world.copy(tmp_path / "world")
    lead = home_of(mine, "lead1")
    lead.decide_day("2026-11-03", "bruno", "approve", "ok")
    lead.sync()
    window = shown(qtbot, home_of(mine, "fatima"))
    assert len(window.visible_lines()) == 7
    with qtbot.waitSignal(window.built, timeout=20_000):
        window.approved_only.setChecked(True)
    lines = window.visible_lines()
    assert sorted(x.ticket for x in lines) == ["40112233", "40112266", "40112288"]
    assert all(x.consultants == ("bruno",) for x in lines)


def test_csv_xlsx_and_json_exports_are_written_through_the_file_dialog(
    qtbot, world, home_of, saved_to
) -> None:
    window = shown(qtbot, home_of(world, "fatima"))
    with qtbot.waitSignal(window.exported) as done:
        qtbot.mouseClick(window.export_buttons["csv"], Qt.MouseButton.LeftButton)
    name, path = saved_to[-1]
    assert name == "extrato-2026-11.csv" and done.args[0] == str(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][0] == "Chamado" and rows[0][10] == "Valor (R$)"
    lines = [r for r in rows[1:] if not r[0].startswith("TOTAL")]
    assert len(lines) == 7
    assert next(r for r in lines if r[0] == "40112300")[10] == "1.365,00"
    assert next(r for r in lines if r[0] == "40112244")[13] == "sim"
    totals = [r for r in rows[1:] if r[0] == "TOTAL"]
    assert len(totals) == window.totals.rowCount() - 1

    qtbot.mouseClick(window.export_buttons["xlsx"], Qt.MouseButton.LeftButton)
    _, xlsx_path = saved_to[-1]
    book = openpyxl.load_workbook(xlsx_path)
    summary = book["Resumo"]
    last = [c.value for c in summary[summary.max_row]]
    assert last[0] == "TOTAL" and last[4] == pytest.approx(3565.00)

    qtbot.mouseClick(window.export_buttons["json"], Qt.MouseButton.LeftButton)
    _, json_path = saved_to[-1]
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    assert doc["totals"]["amount"] == "3565.00" and doc["totals"]["held_lines"] == 2
    # Written atomically: no temp file is left next to the exports; a second export replaces the first.
    qtbot.mouseClick(window.export_buttons["csv"], Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "extrato-2026-11.csv",
        "extrato-2026-11.json",
        "extrato-2026-11.xlsx",
    ]


def test_an_export_to_a_folder_that_is_gone_says_so_and_writes_nothing(
    qtbot, world, home_of, monkeypatch, tmp_path
) -> None:
    window = shown(qtbot, home_of(world, "fatima"))
    target = tmp_path / "missing" / "extrato.csv"
    monkeypatch.setattr(ExportFileDialog, "ask", classmethod(lambda cls, *a: target))
    assert window.export("csv") is None
    assert "was not written" in window.error.text()
    assert not target.parent.exists()


def test_screenshot_of_the_month(qtbot, world, home_of, tmp_path) -> None:
    window = shown(qtbot, home_of(world, "fatima"))
    window.view.setFocus()
    QApplication.processEvents()
    picture = window.grab()
    assert picture.width() >= 1000
    target = (
        ROOT / "docs" / "screenshot-billing.png"
        if os.environ.get("TRACKER_SCREENSHOTS")
        else tmp_path / "b.png"
    )
    assert picture.save(str(target))
