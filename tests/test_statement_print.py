"""The XLSX statement prints as billing staff expect: a sheet of 5 lines is one page.

The print setup is checked through openpyxl, and the workbook is rendered by
LibreOffice to PDF, whose pages pypdf counts (skipped where LibreOffice is missing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracker.billing import HeldKind, HeldReason, Line, totals
from tracker.export.xlsx import write_xlsx
from tracker.model import ConsultancyType
from tracker.statement import Statement

CUSTOMER = "Supermercados Teixeira Comércio e Serviços Ltda"


def five_lines() -> Statement:
    """Five lines for one customer, with long names, a defect and a held line: a month's statement."""
    lines = [
        Line(
            ticket=f"4011230{n}",
            type=ConsultancyType.TECHNICAL,
            customer=CUSTOMER,
            bill_to=CUSTOMER,
            bill_to_kind="customer",
            consultants=("ana.ferreira", "bruno.silva"),
            sessions=12,
            recorded_seconds=40_000 + n,
            billable_minutes=667,
            hourly_rate=Decimal("240.00"),
            amount=Decimal("2668.00"),
            waived=False,
            defect_ref="BUG-1234; DOC-99" if n == 2 else "",
            held_reasons=(HeldReason(HeldKind.NO_RATE, ConsultancyType.TECHNICAL, date(2026, 11, 3)),)
            if n == 4
            else (),
            rate_version="technical-v1 (2026-01-01)",
            policy_version="technical-1",
        )
        for n in range(5)
    ]
    return Statement("2026-11", lines, totals(lines))


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "extrato.xlsx"
    with open(path, "wb") as fh:
        write_xlsx(five_lines(), fh)
    return path


def test_every_sheet_prints_landscape_one_page_wide_with_its_headings_repeated(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb.sheetnames == ["Resumo", CUSTOMER[:28]]
    for ws, heading_row in ((wb["Resumo"], 2), (wb.worksheets[1], 1)):
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == f"${heading_row}:${heading_row}"
        assert ws.print_area.endswith("!$A$1:$E$4" if heading_row == 2 else "!$A$1:$Q$7")  # the totals too
        assert ws.oddFooter.center.text == "Página &P de &N"
    assert wb.worksheets[1].oddHeader.center.text == f"Extrato 2026-11 — {CUSTOMER}"


def test_five_lines_render_on_one_page_per_sheet(workbook: Path, tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    pypdf = pytest.importorskip("pypdf")
    profile = tmp_path / "profile"
    subprocess.run(
        [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(workbook)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    pages = pypdf.PdfReader(tmp_path / "extrato.pdf").pages
    assert len(pages) == 2  # the summary, and the customer's five lines
    text = pages[1].extract_text()
    assert "Extrato 2026-11" in text and "40112304" in text and "Página 2 de 2" in text
