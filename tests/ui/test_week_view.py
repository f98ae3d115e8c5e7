"""The week view: bars proportional to the stored sessions, amounts, the picker, the PDF button."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_currency
from pypdf import PdfReader
from PySide6.QtCore import QDate, QLocale, QPointF, Qt
from PySide6.QtWidgets import QApplication

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.model import ConsultancyType
from ui.common.chart_colors import TYPE_COLORS
from ui.consultant.week_view import WeekPdfFileDialog, WeekView

ROOT = Path(__file__).resolve().parents[2]
LAST_WEEK = date(2026, 10, 26)  # Monday; the clock is Tuesday 03/11/2026 15:00

# (ticket, day of October 2026, start, end) of the realistic week, 26/10 to 01/11.
TICKETS = [
    ("12345678", "Padaria Pão de Açúcar", "technical"),
    ("23456789", "Metalúrgica São José Ltda", "support"),
    ("34567890", "Cooperativa Agrícola Vale do Ribeira", "standard"),
    ("45678901", "Farmácia Drogavida", "technical"),
    ("56789012", "Transportadora Rodosul", "support"),
]
SESSIONS = [
    ("12345678", 26, "08:30", "11:00"),
    ("23456789", 26, "13:00", "14:45"),
    ("34567890", 26, "15:00", "15:40"),
    ("45678901", 27, "09:00", "12:15"),
    ("34567890", 27, "14:00", "15:30"),
    ("56789012", 28, "08:00", "10:00"),
    ("12345678", 28, "10:30", "12:00"),
    ("23456789", 28, "13:30", "17:50"),
    ("45678901", 29, "09:15", "10:05"),
    ("34567890", 29, "10:30", "11:00"),
    ("56789012", 29, "14:00", "18:30"),
    ("12345678", 30, "08:00", "09:30"),
    ("34567890", 30, "10:00", "12:20"),
    ("23456789", 30, "14:00", "15:00"),
    ("45678901", 31, "09:00", "10:10"),
]


def brl(value: str) -> str:
    return format_currency(value, "BRL", locale="pt_BR")


def realistic_week(app: Tracker, clock: FixedClock, rates: bool = True) -> Tracker:
    """Five customers, all three types, rates from January; one defect flagged on Friday."""
    if rates:
        role = app.settings.get("role")
        app.settings.set("role", "billing")  # only billing sets rates
        app.set_rate("technical", "240.00", "2026-01-01")
        app.set_rate("support", "180.00", "2026-01-01")
        app.settings.set("role", role)
    for number, customer, kind in TICKETS:
        term = "2026-10-01" if kind != "standard" else None
        app.add_ticket(number, customer, kind, term_accepted=term)
    for number, day, start, end in SESSIONS:
        app.add_session(number, f"2026-10-{day}T{start}:00-03:00", f"2026-10-{day}T{end}:00-03:00")
    now = clock.now()
    clock.set(datetime.fromisoformat("2026-10-30T16:00:00-03:00"))
    app.flag_defect("23456789", "product", "DT-4521", note="NF-e rejeitada na transmissão")
    clock.set(now)
    return app


def expected_seconds() -> dict[tuple[date, str], int]:
    kinds = {n: k for n, _, k in TICKETS}
    out: dict[tuple[date, str], int] = {}
    for number, day, start, end in SESSIONS:
        sh, sm = map(int, start.split(":"))
        eh, em = map(int, end.split(":"))
        key = (date(2026, 10, day), kinds[number])
        out[key] = out.get(key, 0) + (eh * 60 + em - sh * 60 - sm) * 60
    return out


def shown(qtbot: Any, app: Tracker, day: date = LAST_WEEK) -> WeekView:
    view = WeekView(app, day=day)
    qtbot.addWidget(view)
    view.resize(980, 560)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_segments_are_proportional_to_the_stored_sessions(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    segments = view.chart.segments()
    assert {(s.day, s.type.value): s.seconds for s in segments} == expected_seconds()
    per_second = [s.rect.height() / s.seconds for s in segments]
    assert max(per_second) == pytest.approx(min(per_second))
    assert per_second[0] == pytest.approx(view.chart.pixels_per_second())
    # Stacked bottom up: technical, then support, then standard, each on the one below.
    monday = [s for s in segments if s.day == LAST_WEEK]
    assert [s.type for s in monday] == [
        ConsultancyType.TECHNICAL,
        ConsultancyType.SUPPORT,
        ConsultancyType.STANDARD,
    ]
    assert monday[0].rect.bottom() == pytest.approx(view.chart.plot_rect().bottom())
    for lower, upper in zip(monday, monday[1:], strict=False):
        assert upper.rect.bottom() == pytest.approx(lower.rect.top())


def test_the_longest_day_fits_under_the_top_of_the_scale(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    tops = [s.rect.top() for s in view.chart.segments()]
    assert min(tops) >= view.chart.plot_rect().top() - 0.01
    assert view.chart.scale_hours() == 8  # Wednesday, the longest: 2:00 + 1:30 + 4:20 = 7:50
    # ... and bars are painted in the type's colours.
    image = view.chart.grab().toImage()
    seg = next(s for s in view.chart.segments() if s.type is ConsultancyType.SUPPORT and s.seconds > 3 * 3600)
    ratio = view.chart.devicePixelRatioF()
    centre = seg.rect.center()
    assert image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio)) == TYPE_COLORS[seg.type]


def test_amounts_per_day_are_shown_above_the_bars_when_a_rate_exists(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    labels = {day: text for day, text, _ in view.chart.amount_labels()}
    # Monday: 2:30 technical at 240 + 1:45 support at 180 = 600 + 315.
    assert labels[LAST_WEEK] == brl("915.00")
    # Tuesday: 3:15 technical = 780; Sunday has no time and no amount.
    assert labels[date(2026, 10, 27)] == brl("780.00")
    assert date(2026, 11, 1) not in labels
    for day, _, rect in view.chart.amount_labels():
        bar = view.chart.bar_rect((day - LAST_WEEK).days)
        assert rect.bottom() <= bar.top()
    assert "R$" in view.amount_label.text()
    assert view.recorded_label.text() == "Recorded: <b>29:20</b>"


def test_without_rates_no_amount_is_shown(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock, rates=False))
    assert view.chart.amount_labels() == []
    assert view.amount_label.text() == "Estimated amount: —"
    assert len(view.chart.segments()) == len(expected_seconds())


def test_day_labels_use_the_locale_short_weekday_names(qtbot, app) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("pt_BR"))
    try:
        view = shown(qtbot, app)
        assert view.chart.weekday(LAST_WEEK) == QLocale().dayName(1, QLocale.FormatType.ShortFormat)
        assert view.chart.weekday(LAST_WEEK).lower().startswith("seg")
    finally:
        QLocale.setDefault(before)


def test_the_tooltip_names_the_day_the_type_and_the_time(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    seg = view.chart.segment_at(view.chart.segments()[0].rect.center())
    assert seg is not None and seg.day == LAST_WEEK and seg.type is ConsultancyType.TECHNICAL
    text = view.chart.tooltip_for(seg)
    assert "26/10/2026" in text and "Technical: 2:30 (Consultoria Técnica)" in text
    assert brl("915.00") in text
    assert view.chart.segment_at(QPointF(2, 2)) is None


def test_the_picker_moves_a_week_at_a_time_and_follows_the_date(qtbot, app, clock) -> None:
    view = shown(qtbot, realistic_week(app, clock), day=date(2026, 11, 3))
    assert view.start == date(2026, 11, 2)
    assert view.span_label.text() == "02/11/2026 – 08/11/2026"
    assert not view.next_button.isEnabled(), "no week after the current one"
    assert view.chart.segments() == []
    weeks: list[date] = []
    view.week_changed.connect(weeks.append)
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.start == LAST_WEEK and weeks == [LAST_WEEK]
    assert view.date_edit.displayFormat() == "dd/MM/yyyy"
    assert len(view.chart.segments()) == len(expected_seconds())
    view.date_edit.setDate(QDate(2026, 10, 14))
    assert view.start == date(2026, 10, 12) and view.report is not None and view.report.total == 0
    assert view.next_button.isEnabled()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.start == date(2026, 10, 19)
    qtbot.mouseClick(view.this_week_button, Qt.MouseButton.LeftButton)
    assert view.start == date(2026, 11, 2)


def test_export_writes_the_shown_week_as_a_pdf(qtbot, app, clock, monkeypatch, tmp_path) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    asked: list[str] = []

    def ask(cls: type, parent: Any, suggested: str) -> Path:
        asked.append(suggested)
        return tmp_path / "semana"

    monkeypatch.setattr(WeekPdfFileDialog, "ask", classmethod(ask))
    exported: list[str] = []
    view.exported.connect(exported.append)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert asked == ["semana-2026-10-26-ana.pdf"]
    target = tmp_path / "semana.pdf"
    assert exported == [str(target)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "semana.pdf"], "no temp file is left"
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "26/10/2026 – 01/11/2026" in text and "Farmácia Drogavida" in text


def test_an_export_to_a_folder_that_is_gone_says_so(qtbot, app, clock, monkeypatch, tmp_path) -> None:
    view = shown(qtbot, realistic_week(app, clock))
    target = tmp_path / "gone" / "semana.pdf"
    monkeypatch.setattr(WeekPdfFileDialog, "ask", classmethod(lambda cls, *a: target))
    assert view.export_pdf() is None
    assert "was not written" in view.status.text()
    assert not target.parent.exists()


def test_cancelling_the_export_writes_nothing(qtbot, app, monkeypatch, tmp_path) -> None:
    view = shown(qtbot, app)
    monkeypatch.setattr(WeekPdfFileDialog, "ask", classmethod(lambda cls, *a: None))
    assert view.export_pdf() is None
    assert view.status.text() == ""


def test_screenshot_of_a_week(qtbot, app, clock, tmp_path) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale("pt_BR"))
    try:
        view = shown(qtbot, realistic_week(app, clock))
        view.resize(1000, 560)
        QApplication.processEvents()
        picture = view.grab()
    finally:
        QLocale.setDefault(before)
    target = (
        ROOT / "docs" / "screenshot-week.png" if os.environ.get("TRACKER_SCREENSHOTS") else tmp_path / "w.png"
    )
    assert picture.save(str(target))
