"""The statement as a Brazilian spreadsheet reads it: ``;``, decimal comma, UTF-8 with BOM.

Numbers are formatted by Babel for pt_BR, and every text cell is protected against
formula injection: a cell starting with = + - @ TAB or CR gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any, TextIO

from babel.numbers import format_decimal

from tracker.billing import Line
from tracker.export import COLUMNS, reason_pt
from tracker.statement import Statement

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
LOCALE = "pt_BR"
ADJUSTMENTS_TITLE = "AJUSTES DE MESES JÁ EMITIDOS"
ADJUSTS_HEADING = "Mês ajustado"


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS) else value


def number(value: Decimal | int | None, money: bool = False) -> str:
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.00" if money else "#,##0", locale=LOCALE)


def _row(line: Line) -> list[str]:
    values: dict[str, Any] = {
        "ticket": safe_text(line.ticket),
        "type": line.type.portuguese,
        "customer": safe_text(line.customer),
        "bill_to": safe_text(line.bill_to),
        "bill_to_kind": "unidade" if line.bill_to_kind == "unit" else "cliente",
        "consultants": safe_text(", ".join(line.consultants)),
        "sessions": number(line.sessions),
        "recorded_seconds": number(line.recorded_seconds),
        "billable_minutes": number(line.billable_minutes),
        "hourly_rate": number(line.hourly_rate, money=True),
        "amount": number(line.amount, money=True),
        "waived": "sim" if line.waived else "não",
        "defect_ref": safe_text(line.defect_ref),
        "held": "sim" if line.held else "não",
        "held_reason": safe_text(reason_pt(line.held_reasons)),
        "rate_version": safe_text(line.rate_version),
        "policy_version": safe_text(line.policy_version),
    }
    return [values[key] for key, _ in COLUMNS]


def month_pt(month: str) -> str:
    """2026-10 as a Brazilian reads it: 10/2026."""
    return f"{month[5:7]}/{month[:4]}"


def write_csv(st: Statement, out: TextIO) -> None:
    """Write to a text file opened with ``newline=""``; the BOM is written here.

    Adjustments (late work on months already issued) follow the lines under a heading
    of their own, with the month each adjusts; the totals count both.
    """
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([heading for _, heading in COLUMNS])
    for line in st.lines:
        writer.writerow(_row(line))
    if st.adjustments:
        writer.writerow([ADJUSTMENTS_TITLE])
        writer.writerow([*(heading for _, heading in COLUMNS), ADJUSTS_HEADING])
        for a in st.adjustments:
            writer.writerow([*_row(a.line), month_pt(a.adjusts_month)])
    for party in st.totals:
        total = [""] * len(COLUMNS)
        total[0] = "TOTAL"
        total[3] = safe_text(party.bill_to)
        total[4] = "unidade" if party.bill_to_kind == "unit" else "cliente"
        total[8] = number(party.billable_minutes)
        total[10] = number(party.amount, money=True)
        writer.writerow(total)
