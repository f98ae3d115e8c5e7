"""The rates dialog: versions listed, a new rate, the yearly adjustment, bad input refused."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from tracker.app import Tracker
from ui.billing.rates_dialog import (
    R_FROM,
    R_HOURLY,
    R_INDEX,
    R_PERCENT,
    R_TYPE,
    R_VERSION,
    R_WHO,
    RatesDialog,
)
from ui.common.rows_model import SortRole

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def billing(app: Tracker) -> Tracker:
    app.settings.set("consultant", "fatima")
    app.settings.set("role", "billing")
    return app


def opened(qtbot: Any, app: Tracker) -> RatesDialog:
    dialog = RatesDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_negative_rate_is_refused_naming_the_field_and_nothing_is_written(qtbot, billing) -> None:
    dialog = opened(qtbot, billing)
    dialog.set_type.setCurrentIndex(dialog.set_type.findData("technical"))
    dialog.hourly.setText("-240,00")
    dialog.set_from.setDate(QDate(2026, 1, 1))
    click(qtbot, dialog.set_button)
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("Hourly (R$):")
    assert "positive" in dialog.error.text()
    assert "border" in dialog.hourly.styleSheet()
    assert billing.rates() == []
    assert dialog.model.rowCount() == 0


def test_a_rate_then_a_yearly_adjustment_add_versions_to_the_list(qtbot, qtmodeltester, billing) -> None:
    dialog = opened(qtbot, billing)
    seen: list[int] = []
    dialog.changed.connect(lambda: seen.append(1))
    for kind, hourly in (("technical", "240,00"), ("support", "210.00")):
        dialog.set_type.setCurrentIndex(dialog.set_type.findData(kind))
        dialog.hourly.setText(hourly)
        dialog.set_from.setDate(QDate(2026, 1, 1))
        click(qtbot, dialog.set_button)
        assert dialog.error.isHidden(), dialog.error.text()
    assert dialog.model.rowCount() == 2
    assert "v2" not in dialog.done_label.text() and "R$\xa0210,00" in dialog.done_label.text()

    dialog.index.setCurrentText("IPCA")
    dialog.percent.setText("4,62")
    dialog.adj_from.setDate(QDate(2027, 1, 1))
    dialog.adj_type.setCurrentIndex(dialog.adj_type.findData(""))  # both billed types
    click(qtbot, dialog.adjust_button)
    assert dialog.error.isHidden(), dialog.error.text()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 4
    rows = [
        [model.index(r, c).data() for c in (R_TYPE, R_VERSION, R_HOURLY, R_FROM, R_INDEX, R_PERCENT, R_WHO)]
        for r in range(4)
    ]
    assert rows[1] == [
        "Consultoria de Suporte",
        "v2",
        "R$\xa0219,70",
        "01/01/2027",
        "IPCA",
        "4,62 %",
        "fatima",
    ]
    assert rows[3] == ["Consultoria Técnica", "v2", "R$\xa0251,09", "01/01/2027", "IPCA", "4,62 %", "fatima"]
    assert model.index(3, R_HOURLY).data(SortRole) == pytest.approx(251.09)
    stored = {(r.type.value, r.version): r.hourly for r in billing.rates()}
    assert stored[("technical", 2)] == Decimal("251.09")
    assert seen == [1, 1, 1]
    assert "IPCA" in dialog.done_label.text()


def test_an_adjustment_that_would_rewrite_history_or_has_a_bad_percent_is_refused(qtbot, billing) -> None:
    billing.set_rate("technical", "240.00", "2026-01-01")
    dialog = opened(qtbot, billing)
    dialog.percent.setText("4,62")
    dialog.adj_from.setDate(QDate(2025, 6, 1))
    dialog.adj_type.setCurrentIndex(dialog.adj_type.findData("technical"))
    click(qtbot, dialog.adjust_button)
    assert dialog.error.text().startswith("From:") and "never rewritten" in dialog.error.text()
    assert "border" in dialog.adj_from.styleSheet()
    dialog.percent.setText("muito")
    dialog.adj_from.setDate(QDate(2027, 1, 1))
    click(qtbot, dialog.adjust_button)
    assert dialog.error.text().startswith("Percent:")
    assert "border" in dialog.percent.styleSheet() and dialog.adj_from.styleSheet() == ""
    dialog.percent.setText("4,62")
    dialog.adj_type.setCurrentIndex(dialog.adj_type.findData(""))  # support has no rate to adjust
    click(qtbot, dialog.adjust_button)
    assert dialog.error.text().startswith("Types:")
    assert [r.version for r in billing.rates()] == [1]
    assert dialog.index.findText("IGP-M") >= 0 and dialog.index.findText("INPC") >= 0


def test_screenshot_of_rate_versions(qtbot, billing, tmp_path) -> None:
    billing.set_rate("technical", "220.00", "2024-01-01")
    billing.set_rate("support", "190.00", "2024-01-01")
    billing.adjust_rates("IPCA", "4.83", "2025-01-01")
    billing.adjust_rates("IGP-M", "3.89", "2026-01-01", "technical")
    billing.adjust_rates("INPC", "4.77", "2026-01-01", "support")
    dialog = opened(qtbot, billing)
    dialog.index.setCurrentText("IPCA")
    dialog.percent.setText("-75")
    click(qtbot, dialog.adjust_button)  # shows how a refused value looks
    QApplication.processEvents()
    picture = dialog.grab()
    target = (
        ROOT / "docs" / "screenshot-rates.png"
        if os.environ.get("TRACKER_SCREENSHOTS")
        else tmp_path / "x.png"
    )
    assert picture.save(str(target))


def test_a_first_rate_starts_this_month_and_the_last_date_typed_is_kept(qtbot, billing) -> None:
    # A first user who keeps the default date prices this month's lines; a date in the
    # next year would have left them held for want of a rate.
    dialog = opened(qtbot, billing)
    today = billing.now().date()
    assert dialog.set_from.date() == qdate(today.replace(day=1))
    assert dialog.adj_from.date() == qdate(today.replace(day=1))
    dialog.set_type.setCurrentIndex(dialog.set_type.findData("technical"))
    dialog.hourly.setText("240,00")
    click(qtbot, dialog.set_button)
    assert dialog.error.isHidden(), dialog.error.text()
    assert [r.effective_from for r in billing.rates()] == [today.replace(day=1)]

    dialog.set_from.setDate(QDate(2026, 12, 15))
    dialog.close()
    again = opened(qtbot, billing)
    assert again.set_from.date() == QDate(2026, 12, 15)  # kept, not reset
    assert again.adj_from.date() == qdate(today.replace(day=1))
