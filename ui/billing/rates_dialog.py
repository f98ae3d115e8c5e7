"""Hourly rate versions, a new rate, and the yearly inflation adjustment.

Old versions are never rewritten: both forms add versions through Tracker.set_rate and
Tracker.adjust_rates.  Bad input is shown in red naming the field, the field is
outlined, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Tracker
from tracker.billing import Rate
from tracker.errors import BadInput, TrackerError
from tracker.rates import KNOWN_INDEXES
from ui.common.fmt import ERROR_STYLE, FIELD_ERROR_STYLE
from ui.common.table_model import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1

R_TYPE = 0
R_VERSION = 1
R_HOURLY = 2
R_FROM = 3
R_INDEX = 4
R_PERCENT = 5
R_WHO = 6
R_WHEN = 7
RATE_COLUMNS = 8


class RatesModel(HeaderedTableModel):
    """Every rate version, by type and version."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rates: list[Rate] = []
        self._headers = [
            self.tr("Type"),
            self.tr("Version"),
            self.tr("Hourly"),
            self.tr("From"),
            self.tr("Index"),
            self.tr("Percent"),
            self.tr("Who"),
            self.tr("When"),
        ]

    def load(self, rates: list[Rate]) -> None:
        self.beginResetModel()
        self._rates = list(rates)
        self.endResetModel()

    def rate_at(self, row: int) -> Rate | None:
        return self._rates[row] if 0 <= row < len(self._rates) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else RATE_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rates):
            return None
        r, col = self._rates[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            when = r.created_at[:16].replace("T", " ") if r.created_at else ""
            if when:
                when = f"{when[8:10]}/{when[5:7]}/{when[0:4]} {when[11:16]}"
            return {
                R_TYPE: r.type.portuguese,
                R_VERSION: f"v{r.version}",
                R_HOURLY: format_currency(r.hourly, "BRL", locale="pt_BR"),
                R_FROM: r.effective_from.strftime("%d/%m/%Y"),
                R_INDEX: r.index_name,
                R_PERCENT: "" if r.percent is None else format_decimal(r.percent, locale="pt_BR") + " %",
                R_WHO: r.created_by,
                R_WHEN: when,
            }.get(col)
        if role == SortRole:
            return {
                R_TYPE: r.type.value,
                R_VERSION: r.version,
                R_HOURLY: float(r.hourly),
                R_FROM: r.effective_from.isoformat(),
                R_INDEX: r.index_name,
                R_PERCENT: float(r.percent) if r.percent is not None else 0.0,
                R_WHO: r.created_by,
                R_WHEN: r.created_at,
            }.get(col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (R_VERSION, R_HOURLY, R_PERCENT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RatesDialog(QDialog):
    """Rate versions and the two ways to add one.  ``changed`` follows every version added."""

    changed = Signal()

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Hourly rates"))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        intro = QLabel(
            self.tr(
                "Each billed type has an hourly rate in versions. A line is priced with the version in force "
                "on the day the customer accepted the term; old versions are never changed."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = RatesModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)

        forms = QHBoxLayout()
        today = app.now().date()
        next_year = QDate(today.year + 1, 1, 1)

        set_box = QGroupBox(self.tr("Set a rate"))
        sf = QFormLayout(set_box)
        self.set_type = QComboBox()
        self._type_items(self.set_type, with_both=False)
        self.hourly = QLineEdit()
        self.hourly.setPlaceholderText(self.tr("for example 240,00"))
        self.set_from = self._date_edit(next_year)
        sf.addRow(self.tr("Type:"), self.set_type)
        sf.addRow(self.tr("Hourly (R$):"), self.hourly)
        sf.addRow(self.tr("From:"), self.set_from)
        self.set_button = QPushButton(self.tr("Add rate version"))
        self.set_button.clicked.connect(self.set_rate)
        sf.addRow(self.set_button)
        forms.addWidget(set_box)

        adj_box = QGroupBox(self.tr("Yearly adjustment"))
        af = QFormLayout(adj_box)
        self.index = QComboBox()
        self.index.setEditable(True)
        self.index.addItems(list(KNOWN_INDEXES))
        self.index.setToolTip(self.tr("The inflation index of the contract; type another name if needed"))
        self.percent = QLineEdit()
        self.percent.setPlaceholderText(self.tr("for example 4,62"))
        self.adj_from = self._date_edit(next_year)
        self.adj_type = QComboBox()
        self._type_items(self.adj_type, with_both=True)
        af.addRow(self.tr("Index:"), self.index)
        af.addRow(self.tr("Percent:"), self.percent)
        af.addRow(self.tr("From:"), self.adj_from)
        af.addRow(self.tr("Types:"), self.adj_type)
        self.adjust_button = QPushButton(self.tr("Apply adjustment"))
        self.adjust_button.clicked.connect(self.adjust)
        af.addRow(self.adjust_button)
        forms.addWidget(adj_box)
        layout.addLayout(forms)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.set_fields: dict[str, tuple[str, QWidget]] = {
            "type": (self.tr("Type"), self.set_type),
            "hourly": (self.tr("Hourly (R$)"), self.hourly),
            "from": (self.tr("From"), self.set_from),
        }
        self.adjust_fields: dict[str, tuple[str, QWidget]] = {
            "index": (self.tr("Index"), self.index),
            "percent": (self.tr("Percent"), self.percent),
            "from": (self.tr("From"), self.adj_from),
            "type": (self.tr("Types"), self.adj_type),
        }
        self.reload()

    def _type_items(self, combo: QComboBox, with_both: bool) -> None:
        if with_both:
            combo.addItem(self.tr("Both billed types"), "")
        combo.addItem(self.tr("Technical — Consultoria Técnica"), "technical")
        combo.addItem(self.tr("Support — Consultoria de Suporte"), "support")

    def _date_edit(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    @staticmethod
    def _iso(edit: QDateEdit) -> str:
        value: date = edit.date().toPython()  # type: ignore[assignment]
        return value.isoformat()

    def reload(self) -> None:
        self.model.load(self.app.rates())

    # ----- the two forms ---------------------------------------------------------------

    def _clear(self) -> None:
        self.error.hide()
        for _, widget in (*self.set_fields.values(), *self.adjust_fields.values()):
            widget.setStyleSheet("")

    def _show_error(self, exc: TrackerError, fields: dict[str, tuple[str, QWidget]]) -> None:
        if isinstance(exc, BadInput):
            label, widget = fields.get(exc.field, (exc.field, None))  # type: ignore[arg-type]
            self.error.setText(f"{label}: {exc.message}")
            if widget is not None:
                widget.setStyleSheet(FIELD_ERROR_STYLE)
                widget.setFocus()
        else:
            self.error.setText(str(exc))
        self.error.show()
        self.done_label.setText("")

    def set_rate(self) -> Rate | None:
        self._clear()
        try:
            rate = self.app.set_rate(
                self.set_type.currentData(), self.hourly.text(), self._iso(self.set_from)
            )
        except TrackerError as exc:
            self._show_error(exc, self.set_fields)
            return None
        self.hourly.clear()
        self.done_label.setText(
            self.tr("Added {type} v{version}: {hourly} from {start}.").format(
                type=rate.type.portuguese,
                version=rate.version,
                hourly=format_currency(rate.hourly, "BRL", locale="pt_BR"),
                start=rate.effective_from.strftime("%d/%m/%Y"),
            )
        )
        self.reload()
        self.changed.emit()
        return rate

    def adjust(self) -> list[Rate] | None:
        self._clear()
        try:
            rates = self.app.adjust_rates(
                self.index.currentText(),
                self.percent.text(),
                self._iso(self.adj_from),
                self.adj_type.currentData() or None,
            )
        except TrackerError as exc:
            self._show_error(exc, self.adjust_fields)
            return None
        self.percent.clear()
        self.done_label.setText(
            self.tr("Adjusted by {index} {percent} %: {rates}.").format(
                index=rates[0].index_name,
                percent=format_decimal(rates[0].percent or 0, locale="pt_BR"),
                rates="; ".join(
                    f"{r.type.portuguese} v{r.version} {format_currency(r.hourly, 'BRL', locale='pt_BR')}"
                    for r in rates
                ),
            )
        )
        self.reload()
        self.changed.emit()
        return rates
