"""The billing window's tables: the statement's lines (with a party/type filter) and the totals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from tracker.app import Line, PartyTotal, policy_number, rate_label_parts
from ui.common.fmt import day_text, held_reason_text
from ui.common.rows_model import RIGHT, Column, Index, RowsModel, SortRole, bold_font

PartyRole = Qt.ItemDataRole.UserRole + 2
TypeRole = Qt.ItemDataRole.UserRole + 3

HELD_BACKGROUND = QColor("#fff2cc")  # the XLSX export's fill for held lines
HELD_TEXT = QColor("#7a4b00")
LOCALE = "pt_BR"

L_TICKET = 0
L_TYPE = 1
L_CUSTOMER = 2
L_BILL_TO = 3
L_CONSULTANTS = 4
L_MINUTES = 5
L_RATE = 6
L_AMOUNT = 7
L_WAIVED = 8
L_HELD = 9
L_REASON = 10
L_VERSIONS = 11

T_PARTY = 0
T_KIND = 1
T_LINES = 2
T_MINUTES = 3
T_AMOUNT = 4


def brl(value: Decimal | None) -> str:
    """R$ 1.234,56 as Brazilian invoices write it; empty for no amount."""
    return "" if value is None else format_currency(value, "BRL", locale=LOCALE)


def number(value: int) -> str:
    return format_decimal(value, locale=LOCALE)


def party_key(bill_to_kind: str, bill_to: str) -> str:
    return f"{bill_to_kind}:{bill_to}"


def _held_text(x: Line) -> QColor | None:
    return HELD_TEXT if x.held else None


def rate_parts(label: str) -> tuple[str, str]:
    """A rate's label ("technical-v2 (2026-01-01)") as its number and start ("2", "01/01/2026")."""
    parts = rate_label_parts(label)
    if parts is None:
        return ("", "") if not label else (label, "")
    return parts[0], day_text(parts[1])


def policy_text(version: str) -> str:
    """A policy version ("technical-1") as its number ("1"); "—" for none."""
    return (policy_number(version) or version) if version else "—"


class StatementModel(RowsModel[Line]):
    """The statement's lines; held ones highlighted, their reason as tooltip."""

    def columns(self) -> list[Column[Line]]:
        return [
            Column(self.tr("Ticket"), lambda x: x.ticket, tip=self.held_tip),
            Column(
                self.tr("Type"), lambda x: x.type.portuguese, sort=lambda x: x.type.value, tip=self.held_tip
            ),
            Column(self.tr("Customer"), lambda x: x.customer, tip=self.held_tip),
            Column(self.tr("Bill to"), self.bill_to_text, sort=lambda x: x.bill_to, tip=self.bill_to_tip),
            Column(self.tr("Consultants"), lambda x: ", ".join(x.consultants), tip=self.held_tip),
            Column(
                self.tr("Billable min"),
                lambda x: number(x.billable_minutes),
                sort=lambda x: x.billable_minutes,
                tip=self.held_tip,
                align=RIGHT,
            ),
            Column(
                self.tr("Rate/h"),
                lambda x: brl(x.hourly_rate),
                sort=lambda x: float(x.hourly_rate or 0),
                tip=self.held_tip,
                align=RIGHT,
            ),
            Column(
                self.tr("Amount"),
                lambda x: brl(x.amount),
                sort=lambda x: float(x.amount or 0),
                tip=self.held_tip,
                color=_held_text,
                align=RIGHT,
            ),
            Column(self.tr("Waived"), self.waived_text, sort=lambda x: int(x.waived), tip=self.waived_tip),
            Column(
                self.tr("Held"),
                self.held_text,
                sort=lambda x: int(x.held),
                tip=self.held_tip,
                color=_held_text,
                font=lambda x: bold_font() if x.held else None,
            ),
            Column(
                self.tr("Why held"),
                lambda x: held_reason_text(x.held_reasons),
                sort=lambda x: x.held_reason,
                tip=self.held_tip,
                color=_held_text,
            ),
            Column(
                self.tr("Rate / rules"),
                self.versions_text,
                sort=lambda x: x.rate_version,
                tip=self.versions_tip,
            ),
        ]

    def row_background(self, row: Line) -> QColor | None:
        return HELD_BACKGROUND if row.held else None

    def row_roles(self) -> dict[int, Callable[[Line], Any]]:
        return {PartyRole: lambda x: party_key(x.bill_to_kind, x.bill_to), TypeRole: lambda x: x.type.value}

    def line_at(self, row: int) -> Line | None:
        return self.row_at(row)

    # ----- texts ----------------------------------------------------------------------------

    def bill_to_text(self, line: Line) -> str:
        if line.bill_to_kind == "unit":
            return self.tr("unit {code}").format(code=line.bill_to)
        return line.bill_to

    def versions_text(self, line: Line) -> str:
        """'v2 / v1': the rate version's number and the billing rules' (the tooltip says which).

        The ids the files carry ("technical-v2 (2026-01-01)", "technical-1") are not shown.
        """
        number, _since = rate_parts(line.rate_version)
        rate = f"v{number}" if number else "—"
        return f"{rate} / v{policy_text(line.policy_version)}"

    def held_text(self, line: Line) -> str:
        return self.tr("HELD") if line.held else self.tr("no")

    def waived_text(self, line: Line) -> str:
        return self.tr("yes — {ref}").format(ref=line.defect_ref) if line.waived else self.tr("no")

    # ----- tooltips: a held line's reason first, on every cell ------------------------------

    def held_tip(self, line: Line) -> str | None:
        if not line.held:
            return None
        reason = held_reason_text(line.held_reasons)
        return self.tr("Held back from the totals: {reason}").format(reason=reason)

    def waived_tip(self, line: Line) -> str | None:
        if line.held or not line.waived:
            return self.held_tip(line)
        return self.tr("Waived: defect {ref} was not yet published").format(ref=line.defect_ref)

    def versions_tip(self, line: Line) -> str | None:
        if line.held:
            return self.held_tip(line)
        number, since = rate_parts(line.rate_version)
        if not number:
            rate = self.tr("No hourly rate.")
        else:
            rate = self.tr("Hourly rate version {rate}, in force from {since}.").format(
                rate=number, since=since
            )
        rules = self.tr("Billing rules version {policy} of {type}.").format(
            policy=policy_text(line.policy_version), type=line.type.portuguese
        )
        return f"{rate}\n{rules}"

    def bill_to_tip(self, line: Line) -> str | None:
        if line.held or not line.accounting:
            return self.held_tip(line)
        return "\n".join(f"{k}: {v}" for k, v in line.accounting.items() if v) or None


class StatementFilter(QSortFilterProxyModel):
    """Only the lines of one party and/or one type; empty means all."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._party = ""
        self._type = ""
        self.setSortRole(SortRole)

    def set_party(self, key: str) -> None:
        self._refilter(lambda: setattr(self, "_party", key or ""))

    def set_type(self, value: str) -> None:
        self._refilter(lambda: setattr(self, "_type", value or ""))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._party and index.data(PartyRole) != self._party:
            return False
        return not (self._type and index.data(TypeRole) != self._type)


@dataclass(frozen=True)
class TotalRow:
    """A row of the totals table: one party's, or the grand total (``party`` None)."""

    party: PartyTotal | None
    lines: int
    minutes: int
    amount: Decimal


class TotalsModel(RowsModel[TotalRow]):
    """Totals per party billed (held lines left out), and a grand total row."""

    def columns(self) -> list[Column[TotalRow]]:
        return [
            Column(self.tr("Bill to"), lambda t: t.party.bill_to if t.party else self.tr("TOTAL")),
            Column(self.tr("Party"), self.kind_text),
            Column(self.tr("Lines"), lambda t: number(t.lines), sort=lambda t: t.lines, align=RIGHT),
            Column(
                self.tr("Billable min"), lambda t: number(t.minutes), sort=lambda t: t.minutes, align=RIGHT
            ),
            Column(self.tr("Amount"), lambda t: brl(t.amount), sort=lambda t: float(t.amount), align=RIGHT),
        ]

    def load_totals(self, totals: Sequence[PartyTotal]) -> None:
        """The parties' totals, then the grand total; nothing at all for no totals."""
        parties = [TotalRow(t, t.lines, t.billable_minutes, t.amount) for t in totals]
        grand = TotalRow(
            None,
            sum(t.lines for t in parties),
            sum(t.minutes for t in parties),
            sum((t.amount for t in parties), Decimal("0.00")),
        )
        self.load([*parties, grand] if parties else [])

    def row_font(self, row: TotalRow) -> QFont | None:
        return bold_font() if row.party is None else None

    def grand_total(self) -> Decimal:
        return self.rows[-1].amount if self.rows else Decimal("0.00")

    def kind_text(self, t: TotalRow) -> str:
        if t.party is None:
            return ""
        return self.tr("unit") if t.party.bill_to_kind == "unit" else self.tr("customer")
