"""The "New ticket…" dialog."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from tracker.app import Tracker
from tracker.errors import BadInput, TrackerError
from tracker.model import SCOPES, ConsultancyType, Ticket
from ui.common.fmt import scope_text, type_label
from ui.consultant.dialogs import FormDialog, qdate_to_date

UNIT_FIELDS = {"bill-to-unit", "authorization", "cost-center", "value-class", "accounting-item"}


class NewTicketDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, tracker: Tracker, number: str = "", customer: str = ""
    ) -> None:
        super().__init__(parent, self.tr("New ticket"))
        self.tracker = tracker
        self.setMinimumWidth(520)
        self.number = QLineEdit(number)
        self.number.setPlaceholderText(self.tr("7–8 digits, e.g. 12345678"))
        self.customer = QLineEdit(customer)
        self.type = QComboBox()
        for kind in ConsultancyType:
            self.type.addItem(type_label(kind), kind.value)
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(["", *tracker.settings.products])
        self.scope = QComboBox()
        today = tracker.now().date()
        qtoday = QDate(today.year, today.month, today.day)
        self.term_checked = QCheckBox(self.tr("Term accepted on"))
        self.term_date = QDateEdit(qtoday)
        self.term_date.setCalendarPopup(True)
        self.term_date.setDisplayFormat("dd/MM/yyyy")
        self.term_date.setMaximumDate(qtoday)
        self.term_date.setEnabled(False)
        term_row = QWidget()
        term_layout = QHBoxLayout(term_row)
        term_layout.setContentsMargins(0, 0, 0, 0)
        term_layout.addWidget(self.term_checked)
        term_layout.addWidget(self.term_date, 1)
        self.term_ref = QLineEdit()
        self.term_ref.setPlaceholderText(self.tr("e-mail, protocol or document number"))

        self.add_field("number", self.tr("Number:"), self.number)
        self.add_field("customer", self.tr("Customer:"), self.customer)
        self.add_field("type", self.tr("Type:"), self.type)
        self.add_field("product", self.tr("Product:"), self.product)
        self.add_field("scope", self.tr("Scope:"), self.scope)
        self.add_field("term-accepted", self.tr("Term:"), term_row)
        self.add_field("term-ref", self.tr("Term reference:"), self.term_ref)
        self._build_unit_group()
        self.type.currentIndexChanged.connect(self._type_changed)
        self.term_checked.toggled.connect(self.term_date.setEnabled)
        self._type_changed()
        self.ok_button.setText(self.tr("Create ticket"))

    def _build_unit_group(self) -> None:
        """Billing a unit instead of the customer is the exception: a secondary group."""
        self.unit_toggle = QToolButton()
        self.unit_toggle.setText(self.tr("Bill to a unit (franchise, project, homologated, AMS)"))
        self.unit_toggle.setCheckable(True)
        self.unit_toggle.setArrowType(self._arrow(False))
        self.unit_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.unit_toggle.setAutoRaise(True)
        self.unit_toggle.toggled.connect(self._toggle_unit)
        self.form.addRow(self.unit_toggle)
        self.unit_box = QWidget()
        unit_form = QFormLayout(self.unit_box)
        unit_form.setContentsMargins(16, 0, 0, 0)
        self.bill_to_unit = QLineEdit()
        self.authorization = QLineEdit()
        self.cost_center = QLineEdit()
        self.value_class = QLineEdit()
        self.accounting_item = QLineEdit()
        for name, label, widget in (
            ("bill-to-unit", self.tr("Unit code:"), self.bill_to_unit),
            ("authorization", self.tr("Authorization:"), self.authorization),
            ("cost-center", self.tr("Cost center:"), self.cost_center),
            ("value-class", self.tr("Value class:"), self.value_class),
            ("accounting-item", self.tr("Accounting item:"), self.accounting_item),
        ):
            unit_form.addRow(label, widget)
            self.fields[name] = (label.rstrip(":"), widget)
        self.form.addRow(self.unit_box)
        self.unit_box.hide()

    @staticmethod
    def _arrow(open_: bool) -> Qt.ArrowType:
        return Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow

    def _toggle_unit(self, on: bool) -> None:
        self.unit_toggle.setArrowType(self._arrow(on))
        self.unit_box.setVisible(on)
        self.adjustSize()

    def kind(self) -> ConsultancyType:
        return ConsultancyType(str(self.type.currentData()))

    def set_type(self, kind: ConsultancyType) -> None:
        self.type.setCurrentIndex(self.type.findData(kind.value))

    def _type_changed(self) -> None:
        kind = self.kind()
        self.scope.clear()
        options = SCOPES.get(kind, ())
        self.scope.addItem(self.tr("(none)") if options else self.tr("(no scope for this type)"), "")
        for option in options:
            self.scope.addItem(scope_text(option), option)
        self.scope.setEnabled(bool(options))
        billed = kind.billed
        self.term_checked.setEnabled(billed)
        self.term_ref.setEnabled(billed)
        if not billed:
            self.term_checked.setChecked(False)
            self.term_ref.clear()

    def perform(self) -> Ticket:
        term = qdate_to_date(self.term_date.date()) if self.term_checked.isChecked() else None
        return self.tracker.add_ticket(
            self.number.text(),
            self.customer.text(),
            self.kind().value,
            product=self.product.currentText(),
            scope=str(self.scope.currentData() or ""),
            term_accepted=term,
            term_ref=self.term_ref.text(),
            bill_to_unit=self.bill_to_unit.text(),
            authorization=self.authorization.text(),
            cost_center=self.cost_center.text(),
            value_class=self.value_class.text(),
            accounting_item=self.accounting_item.text(),
        )

    def show_error(self, exc: TrackerError) -> None:
        if isinstance(exc, BadInput) and exc.field in UNIT_FIELDS:
            self.unit_toggle.setChecked(True)
        super().show_error(exc)

    @classmethod
    def ask(
        cls, parent: QWidget | None, tracker: Tracker, number: str = "", customer: str = ""
    ) -> Ticket | None:
        return cls.run(cls(parent, tracker, number, customer))  # type: ignore[no-any-return]
