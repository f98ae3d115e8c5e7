"""The statement as a Brazilian spreadsheet reads it: ``;``, decimal comma, UTF-8 with BOM.

Numbers are formatted by Babel for pt_BR (imported when writing: it is an optional,
heavy dependency), and every text cell is protected against formula injection: a cell
starting with = + - @ TAB or CR gets a leading apostrophe.  Every row ends with the
statement's month; after the lines come one ``TOTAL`` row per party billed and the
``TOTAL GERAL`` of the statement.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any, TextIO

from tracker.billing import Line
from tracker.export import COLUMNS, DANGEROUS, policy_pt, rate_pt, reason_pt
from tracker.statement import Statement

__all__ = ["DANGEROUS", "LOCALE", "MONTH_HEADING", "month_pt", "number", "safe_text", "write_csv"]

LOCALE = "pt_BR"
MONTH_HEADING = "Mês"
ADJUSTMENTS_TITLE = "AJUSTES DE MESES JÁ EMITIDOS"
ADJUSTS_HEADING = "Mês ajustado"


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS) else value


def number(value: Decimal | int | None, money: bool = False) -> str:
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.00" if money else "#,##0", locale=LOCALE)


def month_pt(month: str) -> str:
    """``2026-11`` as a Brazilian reads it: ``11/2026``."""
    year, _sep, number_ = month.partition("-")
    return f"{number_}/{year}"


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
        "rate_version": safe_text(rate_pt(line.rate_version)),
        "policy_version": safe_text(policy_pt(line.policy_version)),
    }
    return [values[key] for key, _ in COLUMNS]


def _total(label: str, minutes: int, amount: Decimal, bill_to: str = "", kind: str = "") -> list[str]:
    row = [""] * len(COLUMNS)
    row[0] = label
    row[3] = safe_text(bill_to)
    row[4] = kind
    row[8] = number(minutes)
    row[10] = number(amount, money=True)
    return row


def write_csv(st: Statement, out: TextIO) -> None:
    """Write to a text file opened with ``newline=""``; the BOM is written here."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    month = month_pt(st.month)
    writer.writerow([*(heading for _, heading in COLUMNS), MONTH_HEADING])
    for line in st.lines:
        writer.writerow([*_row(line), month])
    if st.adjustments:
        writer.writerow([ADJUSTMENTS_TITLE])
        writer.writerow([*(heading for _, heading in COLUMNS), ADJUSTS_HEADING])
        for a in st.adjustments:
            writer.writerow([*_row(a.line), month_pt(a.adjusts_month)])
    for party in st.totals:
        kind = "unidade" if party.bill_to_kind == "unit" else "cliente"
        writer.writerow([*_total("TOTAL", party.billable_minutes, party.amount, party.bill_to, kind), month])
    grand = sum((p.amount for p in st.totals), Decimal("0.00"))
    minutes = sum(p.billable_minutes for p in st.totals)
    writer.writerow([*_total("TOTAL GERAL", minutes, grand), month])
