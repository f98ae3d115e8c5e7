"""The statement as XLSX: a sheet per party billed, numbers as numbers, a totals row.

Adjustments (late work on months already issued) have a sheet of their own,
"Ajustes", with the month each adjusts; the summary's totals count them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tracker.billing import Line
from tracker.export import COLUMNS, reason_pt
from tracker.export.csv_pt import ADJUSTS_HEADING, DANGEROUS, month_pt
from tracker.statement import Statement

KIND_PT = {"customer": "cliente", "unit": "unidade"}
MONEY_FORMAT = '"R$" #,##0.00'
INT_FORMAT = "#,##0"
HELD_FILL = PatternFill("solid", fgColor="FFF2CC")
MONEY = {"hourly_rate", "amount"}
INTEGER = {"sessions", "recorded_seconds", "billable_minutes"}


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


def write_xlsx(st: Statement, out: BinaryIO) -> None:
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Resumo"
    used = {"resumo"}
    _summary(summary, st)
    parties: dict[tuple[str, str], list[Line]] = {}
    for line in st.lines:
        parties.setdefault((line.bill_to_kind, line.bill_to), []).append(line)
    for (_kind, bill_to), lines in sorted(parties.items()):
        _lines_sheet(wb.create_sheet(_title(bill_to, used)), lines, "TOTAL (sem retidos)")
    if st.adjustments:
        ws = wb.create_sheet(_title("Ajustes", used))
        _lines_sheet(ws, [a.line for a in st.adjustments], "TOTAL DOS AJUSTES (sem retidos)")
        ws.cell(1, len(COLUMNS) + 1, ADJUSTS_HEADING).font = Font(bold=True)
        for row, a in enumerate(st.adjustments, start=2):
            ws.cell(row, len(COLUMNS) + 1, month_pt(a.adjusts_month))
    wb.save(out)


def _summary(summary: Worksheet, st: Statement) -> None:
    summary.append([f"Extrato {st.month}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append(["Faturar para", "Tipo de faturado", "Linhas", "Minutos faturáveis", "Valor (R$)"])
    for party in st.totals:
        summary.append(
            [
                party.bill_to,
                KIND_PT[party.bill_to_kind],
                party.lines,
                party.billable_minutes,
                float(party.amount),
            ]
        )
        summary.cell(summary.max_row, 5).number_format = MONEY_FORMAT
    grand = sum((p.amount for p in st.totals), Decimal("0.00"))
    summary.append(
        [
            "TOTAL",
            "",
            sum(p.lines for p in st.totals),
            sum(p.billable_minutes for p in st.totals),
            float(grand),
        ]
    )
    summary.cell(summary.max_row, 5).number_format = MONEY_FORMAT
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    if st.issued is not None:
        summary.append([f"Emitido por {st.issued.by} em {st.issued.at}; sha256 {st.issued.sha256}"])
    for letter, width in zip("ABCDE", (34, 18, 10, 20, 16), strict=True):
        summary.column_dimensions[letter].width = width
    _protect(summary)


def _lines_sheet(ws: Worksheet, lines: list[Line], total_title: str) -> None:
    """One sheet of lines (a party's, or the adjustments), held ones shaded, and their total."""
    ws.append([heading for _, heading in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in lines:
        ws.append([_cell_value(line, key) for key, _ in COLUMNS])
        for col, (key, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(ws.max_row, col)
            if key in MONEY:
                cell.number_format = MONEY_FORMAT
            elif key in INTEGER:
                cell.number_format = INT_FORMAT
            if line.held:
                cell.fill = HELD_FILL
    counted = [x for x in lines if not x.held]
    total: list[object] = [None] * len(COLUMNS)
    total[0] = total_title
    total[8] = sum(x.billable_minutes for x in counted)
    total[10] = float(sum((x.amount or Decimal(0) for x in counted), Decimal("0.00")))
    ws.append(total)
    ws.cell(ws.max_row, 9).number_format = INT_FORMAT
    ws.cell(ws.max_row, 11).number_format = MONEY_FORMAT
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for col, (_, heading) in enumerate(COLUMNS, start=1):
        longest = max(
            (len(str(c.value)) for c in ws[get_column_letter(col)] if c.value is not None), default=0
        )
        ws.column_dimensions[get_column_letter(col)].width = max(10, min(48, max(longest, len(heading)) + 2))
    ws.freeze_panes = "A2"
    _protect(ws)
