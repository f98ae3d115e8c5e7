"""The week's PDF: pages, the tickets, the customers, the totals, the defects."""

from __future__ import annotations

import os
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from tests.ui.test_week_view import LAST_WEEK, TICKETS, brl, realistic_week
from tracker import report
from tracker.app import Tracker
from ui.consultant.report_pdf import week_html, write_week_pdf

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _gui(qapp: object) -> None:
    """Fonts and the PDF writer need a QGuiApplication."""


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    # NFKC undoes the fi/fl ligatures the PDF's fonts use.
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def week_pdf(app: Tracker, clock, tmp_path: Path) -> tuple[report.WeekReport, Path]:
    week = report.week(realistic_week(app, clock), LAST_WEEK)
    path = write_week_pdf(week, tmp_path / "semana.pdf")
    return week, path


def test_the_pdf_names_the_consultant_the_week_the_tickets_and_customers(week_pdf) -> None:
    _, path = week_pdf
    pages, text = pdf_text(path)
    assert pages >= 1
    assert "Weekly report — ana" in text
    assert "Week 26/10/2026 – 01/11/2026" in text
    for number, customer, _ in TICKETS:
        assert number in text and customer in text
    assert "Consultoria Técnica" in text and "Consultoria de Suporte" in text and "Suporte Padrão" in text


def test_the_pdf_has_the_totals_and_the_estimated_amount(week_pdf) -> None:
    week, path = week_pdf
    _, text = pdf_text(path)
    assert (week.total, week.billable) == (1760 * 60, 1460 * 60)
    assert "Recorded 29:20" in text
    assert "Billable (technical + support) 24:20" in text
    assert "Standard support (not billed) 5:00" in text
    assert "Estimated amount " + unicodedata.normalize("NFKC", brl("5025.00")) in text
    # The ticket with the most time comes first; its row carries sessions and h:mm.
    assert "23456789 Metalúrgica São José Ltda Consultoria de Suporte 3 7:05" in text


def test_the_pdf_lists_the_defects_flagged_that_week(week_pdf) -> None:
    _, path = week_pdf
    _, text = pdf_text(path)
    assert "23456789 product DT-4521 NF-e rejeitada na transmissão" in text


def test_a_week_without_rates_has_no_amount(app: Tracker, clock, tmp_path: Path) -> None:
    week = report.week(realistic_week(app, clock, rates=False), LAST_WEEK)
    _, text = pdf_text(write_week_pdf(week, tmp_path / "x.pdf"))
    assert "Estimated amount" not in text and "R$" not in text
    assert "Recorded 29:20" in text


def test_an_empty_week_still_makes_a_pdf(app: Tracker, tmp_path: Path) -> None:
    week = report.week(app, date(2026, 11, 3))
    pages, text = pdf_text(write_week_pdf(week, tmp_path / "empty.pdf"))
    assert pages == 1
    assert "No sessions were recorded this week." in text and "No defects were flagged this week." in text


def test_customer_text_is_escaped_not_taken_as_html(app: Tracker, tmp_path: Path) -> None:
    app.add_ticket("99887766", "Irmãos <b>Souza</b> & Cia", "standard")
    app.add_session("99887766", "2026-11-03T09:00:00-03:00", "2026-11-03T09:30:00-03:00")
    week = report.week(app, date(2026, 11, 3))
    assert "Irmãos &lt;b&gt;Souza&lt;/b&gt; &amp; Cia" in week_html(week)
    _, text = pdf_text(write_week_pdf(week, tmp_path / "e.pdf"))
    assert "Irmãos <b>Souza</b> & Cia" in text


def test_rewriting_leaves_one_whole_file_and_no_temp_file(week_pdf, tmp_path: Path) -> None:
    week, path = week_pdf
    write_week_pdf(week, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "semana.pdf"]
    assert path.read_bytes().startswith(b"%PDF") and path.read_bytes().rstrip().endswith(b"%%EOF")


def test_render_of_the_first_page(week_pdf, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    _, path = week_pdf
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    size = doc.pagePointSize(0)
    image: QImage = doc.render(0, QSize(int(size.width() * 1.5), int(size.height() * 1.5)))
    assert not image.isNull()
    target = (
        ROOT / "docs" / "report-week.png" if os.environ.get("TRACKER_SCREENSHOTS") else tmp_path / "r.png"
    )
    white = QImage(image.size(), QImage.Format.Format_RGB32)
    white.fill(0xFFFFFFFF)
    from PySide6.QtGui import QPainter

    p = QPainter(white)
    p.drawImage(0, 0, image)
    p.end()
    assert white.save(str(target))
    doc.close()
