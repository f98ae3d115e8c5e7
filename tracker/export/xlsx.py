"""The statement as XLSX: a summary sheet and a sheet per party billed, numbers as numbers,
a totals row, each sheet ready to print (landscape A4, fitted to the page width, the
heading row repeated on every page, the month and party in the page header).

openpyxl is an optional, heavy dependency: it is imported inside the functions that
write, so that importing this module costs nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, BinaryIO

from tracker.billing import Line
from tracker.export import COLUMNS, DANGEROUS, policy_pt, rate_pt, reason_pt
from tracker.export.csv_pt import ADJUSTS_HEADING, month_pt
from tracker.statement import Statement

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

KIND_PT = {"customer": "cliente", "unit": "unidade"}
MONEY_FORMAT = '"R$" #,##0.00'
INT_FORMAT = "#,##0"
HELD_COLOUR = "FFF2CC"
MONEY = {"hourly_rate", "amount"}
INTEGER = {"sessions", "recorded_seconds", "billable_minutes"}
SUMMARY_HEADINGS = ("Faturar para", "Tipo de faturado", "Linhas", "Minutos faturáveis", "Valor (R$)")
SUMMARY_WIDTHS = (34, 18, 10, 20, 16)
NUMBER_WIDTH = 10  # the narrowest column
TEXT_WIDTH = 26  # longer text wraps
LINE_HEIGHT = 15  # points, a line of text at the default size


def _title(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:28] or "sheet"
    title, n = base, 2
    while title.lower() in used:
        title, n = f"{base[:25]} ({n})", n + 1
    used.add(title.lower())
    return title


def _cell_value(line: Line, key: str) -> object:
    value = {
        "type": line.type.portuguese,
        "consultants": ", ".join(line.consultants),
        "bill_to_kind": "unidade" if line.bill_to_kind == "unit" else "cliente",
        "waived": "sim" if line.waived else "não",
        "held": "sim" if line.held else "não",
        "held_reason": reason_pt(line.held_reasons),
        "rate_version": rate_pt(line.rate_version),
        "policy_version": policy_pt(line.policy_version),
    }.get(key, getattr(line, key))
    if isinstance(value, Decimal):
        return float(value)  # a numeric cell; the value has two decimals exactly
    return value


def _protect(ws: Worksheet) -> None:
    """Text that starts like a formula stays text (formula injection): a string cell with
    Excel's quote prefix, shown as typed and never evaluated."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS):
                cell.data_type = "s"
                cell.quotePrefix = True


def _bold_row(ws: Worksheet, row: int) -> None:
    from openpyxl.styles import Font

    for cell in ws[row]:
        cell.font = Font(bold=True)


def _print_setup(ws: Worksheet, heading_row: int, header: str) -> None:
    """One page wide, landscape A4, the headings repeated on each page, page numbers below."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.print_area = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    ws.print_title_rows = f"{heading_row}:{heading_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the lines need
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    top, bottom = ws.oddHeader, ws.oddFooter
    assert top is not None and bottom is not None  # openpyxl makes both with the sheet
    top.center.text = header
    bottom.center.text = "Página &P de &N"


def _summary(wb: Workbook, st: Statement) -> None:
    from openpyxl.styles import Font

    summary = wb.active
    assert summary is not None
    summary.title = "Resumo"
    summary.append([f"Extrato {st.month}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(list(SUMMARY_HEADINGS))
    _bold_row(summary, 2)
    for party in st.totals:
        kind = KIND_PT[party.bill_to_kind]
        summary.append([party.bill_to, kind, party.lines, party.billable_minutes, float(party.amount)])
        summary.cell(summary.max_row, 5).number_format = MONEY_FORMAT
    grand = sum((p.amount for p in st.totals), Decimal("0.00"))
    lines = sum(p.lines for p in st.totals)
    summary.append(["TOTAL", "", lines, sum(p.billable_minutes for p in st.totals), float(grand)])
    summary.cell(summary.max_row, 5).number_format = MONEY_FORMAT
    _bold_row(summary, summary.max_row)
    widest = min(TEXT_WIDTH * 2, max((len(p.bill_to) + 2 for p in st.totals), default=0))
    for letter, width in zip("ABCDE", SUMMARY_WIDTHS, strict=True):
        summary.column_dimensions[letter].width = max(width, widest) if letter == "A" else width
    _protect(summary)
    _print_setup(summary, 2, f"Extrato {st.month} — resumo")


def _line_rows(ws: Worksheet, lines: list[Line]) -> None:
    from openpyxl.styles import PatternFill

    held_fill = PatternFill("solid", fgColor=HELD_COLOUR)
    for line in lines:
        ws.append([_cell_value(line, key) for key, _ in COLUMNS])
        for col, (key, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(ws.max_row, col)
            if key in MONEY:
                cell.number_format = MONEY_FORMAT
            elif key in INTEGER:
                cell.number_format = INT_FORMAT
            if line.held:
                cell.fill = held_fill


def _shown(value: object, key: str) -> str:
    """About what a cell shows: its width on screen and on paper."""
    if isinstance(value, float) and key in MONEY:
        return f"R$ {value:,.2f}"
    if isinstance(value, int) and key in INTEGER:
        return f"{value:,}"
    return "" if value is None else str(value)


def _widths(ws: Worksheet) -> None:
    """Numbers as wide as they are; text at most TEXT_WIDTH, wrapped; headings wrapped.

    Each row is made as tall as its most wrapped cell: spreadsheets do not all measure
    wrapped text when they open a file.
    """
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    lines = [1] * (ws.max_row + 1)
    for col, (key, heading) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(col)
        cells = list(ws[letter])
        longest = max((len(_shown(c.value, key)) for c in cells[1:]), default=0)
        number = key in MONEY or key in INTEGER
        width = longest + 3 if number else min(TEXT_WIDTH, longest + 2)
        width = max(NUMBER_WIDTH, width, max(len(word) for word in heading.split()) + 2)
        ws.column_dimensions[letter].width = width
        for cell in cells:
            wraps = not number or cell.row == 1
            cell.alignment = wrapped if wraps else top
            if wraps:
                lines[cell.row] = max(lines[cell.row], -(-len(_shown(cell.value, key)) // (width - 2)))
    for row in range(1, ws.max_row + 1):
        if lines[row] > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * lines[row]


def _party(wb: Workbook, st: Statement, bill_to: str, lines: list[Line], used: set[str]) -> None:
    ws = wb.create_sheet(_title(bill_to, used))
    ws.append([heading for _, heading in COLUMNS])
    _bold_row(ws, 1)
    _line_rows(ws, lines)
    counted = [x for x in lines if not x.held]
    total: list[object] = [None] * len(COLUMNS)
    total[0] = "TOTAL (sem retidos)"
    total[8] = sum(x.billable_minutes for x in counted)
    total[10] = float(sum((x.amount or Decimal(0) for x in counted), Decimal("0.00")))
    ws.append(total)
    ws.cell(ws.max_row, 9).number_format = INT_FORMAT
    ws.cell(ws.max_row, 11).number_format = MONEY_FORMAT
    _bold_row(ws, ws.max_row)
    _widths(ws)
    ws.freeze_panes = "A2"
    _protect(ws)
    _print_setup(ws, 1, f"Extrato {st.month} — {bill_to}".replace("&", "&&"))


def _adjustments(wb: Workbook, st: Statement, used: set[str]) -> None:
    """Late work on months already issued: a sheet of its own, with the month each adjusts."""
    from openpyxl.styles import Font

    _party(wb, st, "Ajustes", [a.line for a in st.adjustments], used)
    ws = wb[wb.sheetnames[-1]]
    ws.cell(1, len(COLUMNS) + 1, ADJUSTS_HEADING).font = Font(bold=True)
    for row, a in enumerate(st.adjustments, start=2):
        ws.cell(row, len(COLUMNS) + 1, month_pt(a.adjusts_month))


def write_xlsx(st: Statement, out: BinaryIO) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    _summary(wb, st)
    used = {"resumo"}
    parties: dict[tuple[str, str], list[Line]] = {}
    for line in st.lines:
        parties.setdefault((line.bill_to_kind, line.bill_to), []).append(line)
    for (_kind, bill_to), lines in sorted(parties.items()):
        _party(wb, st, bill_to, lines, used)
    if st.adjustments:
        _adjustments(wb, st, used)
    wb.save(out)
