"""Hourly rate versions, a new rate, and the yearly inflation adjustment.

Old versions are never rewritten: both forms add versions through Tracker.set_rate and
Tracker.adjust_rates.  Bad input is shown in red naming the field, the field is
outlined, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import QDate, Signal
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

from tracker.app import KNOWN_INDEXES, Rate, Tracker
from tracker.errors import BadInput, TrackerError
from tracker.model import ConsultancyType
from ui.common.fmt import ERROR_STYLE, FIELD_ERROR_STYLE, type_label
from ui.common.rows_model import RIGHT, Column, RowsModel

R_TYPE = 0
R_VERSION = 1
R_HOURLY = 2
R_FROM = 3
R_INDEX = 4
R_PERCENT = 5
R_WHO = 6
R_WHEN = 7


def brl(value: Decimal) -> str:
    return format_currency(value, "BRL", locale="pt_BR")


def when_text(r: Rate) -> str:
    """dd/mm/yyyy hh:mm of the version's creation; empty when unknown."""
    when = r.created_at[:16].replace("T", " ") if r.created_at else ""
    return f"{when[8:10]}/{when[5:7]}/{when[0:4]} {when[11:16]}" if when else ""


def percent_text(r: Rate) -> str:
    return "" if r.percent is None else format_decimal(r.percent, locale="pt_BR") + " %"


class RatesModel(RowsModel[Rate]):
    """Every rate version, by type and version."""

    def columns(self) -> list[Column[Rate]]:
        return [
            Column(self.tr("Type"), lambda r: r.type.portuguese, sort=lambda r: r.type.value),
            Column(self.tr("Version"), lambda r: f"v{r.version}", sort=lambda r: r.version, align=RIGHT),
            Column(self.tr("Hourly"), lambda r: brl(r.hourly), sort=lambda r: float(r.hourly), align=RIGHT),
            Column(
                self.tr("From"),
                lambda r: r.effective_from.strftime("%d/%m/%Y"),
                sort=lambda r: r.effective_from.isoformat(),
            ),
            Column(self.tr("Index"), lambda r: r.index_name),
            Column(
                self.tr("Percent"),
                percent_text,
                sort=lambda r: float(r.percent) if r.percent is not None else 0.0,
                align=RIGHT,
            ),
            Column(self.tr("Who"), lambda r: r.created_by),
            Column(self.tr("When"), when_text, sort=lambda r: r.created_at),
        ]

    def rate_at(self, row: int) -> Rate | None:
        return self.row_at(row)


class RatesDialog(QDialog):
    """Rate versions and the two ways to add one.  ``changed`` follows every version added."""

    changed = Signal()

    # The last start date typed in each form, per data folder, while the app runs: the
    # next opening starts from it instead of a default that would not fit.
    typed: dict[tuple[str, str], date] = {}

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
        layout.addWidget(self._rates_view(), 1)
        forms = QHBoxLayout()
        forms.addWidget(self._set_form(self._start("set")))
        forms.addWidget(self._adjust_form(self._start("adjust")))
        layout.addLayout(forms)
        self._remember(self.set_from, "set")
        self._remember(self.adj_from, "adjust")
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
        self.reload()

    def _start(self, form: str) -> QDate:
        """The last date typed in ``form``; at first, the first day of the current month
        (a rate from next year would leave this month's lines held for want of a rate)."""
        day = self.typed.get((str(self.app.home), form)) or self.app.now().date().replace(day=1)
        return QDate(day.year, day.month, day.day)

    def _remember(self, edit: QDateEdit, form: str) -> None:
        key = (str(self.app.home), form)

        def keep(value: QDate) -> None:
            self.typed[key] = date(value.year(), value.month(), value.day())

        edit.dateChanged.connect(keep)

    def _rates_view(self) -> QTableView:
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
        return self.view

    def _set_form(self, start: QDate) -> QGroupBox:
        """Set a rate: a type, an hourly amount, the day it starts."""
        box = QGroupBox(self.tr("Set a rate"))
        form = QFormLayout(box)
        self.set_type = QComboBox()
        self._type_items(self.set_type, with_both=False)
        self.hourly = QLineEdit()
        self.hourly.setPlaceholderText(self.tr("for example 240,00"))
        self.set_from = self._date_edit(start)
        form.addRow(self.tr("Type:"), self.set_type)
        form.addRow(self.tr("Hourly (R$):"), self.hourly)
        form.addRow(self.tr("From:"), self.set_from)
        self.set_button = QPushButton(self.tr("Add rate version"))
        self.set_button.clicked.connect(self.set_rate)
        form.addRow(self.set_button)
        self.set_fields: dict[str, tuple[str, QWidget]] = {
            "type": (self.tr("Type"), self.set_type),
            "hourly": (self.tr("Hourly (R$)"), self.hourly),
            "from": (self.tr("From"), self.set_from),
        }
        return box

    def _adjust_form(self, start: QDate) -> QGroupBox:
        """The yearly adjustment: an index, a percent, the day it starts, the types."""
        box = QGroupBox(self.tr("Yearly adjustment"))
        form = QFormLayout(box)
        self.index = QComboBox()
        self.index.setEditable(True)
        self.index.addItems(list(KNOWN_INDEXES))
        self.index.setToolTip(self.tr("The inflation index of the contract; type another name if needed"))
        self.percent = QLineEdit()
        self.percent.setPlaceholderText(self.tr("for example 4,62"))
        self.adj_from = self._date_edit(start)
        self.adj_type = QComboBox()
        self._type_items(self.adj_type, with_both=True)
        form.addRow(self.tr("Index:"), self.index)
        form.addRow(self.tr("Percent:"), self.percent)
        form.addRow(self.tr("From:"), self.adj_from)
        form.addRow(self.tr("Types:"), self.adj_type)
        self.adjust_button = QPushButton(self.tr("Apply adjustment"))
        self.adjust_button.clicked.connect(self.adjust)
        form.addRow(self.adjust_button)
        self.adjust_fields: dict[str, tuple[str, QWidget]] = {
            "index": (self.tr("Index"), self.index),
            "percent": (self.tr("Percent"), self.percent),
            "from": (self.tr("From"), self.adj_from),
            "type": (self.tr("Types"), self.adj_type),
        }
        return box

    def _type_items(self, combo: QComboBox, with_both: bool) -> None:
        if with_both:
            combo.addItem(self.tr("Both billed types"), "")
        for kind in (ConsultancyType.TECHNICAL, ConsultancyType.SUPPORT):
            combo.addItem(type_label(kind), kind.value)

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
                hourly=brl(rate.hourly),
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
                rates="; ".join(f"{r.type.portuguese} v{r.version} {brl(r.hourly)}" for r in rates),
            )
        )
        self.reload()
        self.changed.emit()
        return rates
