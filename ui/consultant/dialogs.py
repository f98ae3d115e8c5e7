"""The small dialogs of the main window.

Each dialog has an ``ask()`` classmethod that runs it and returns what it did (or
None when cancelled), so tests can monkeypatch ``ask`` (pytest-qt's note_dialogs).
A dialog that changes data calls the Tracker in ``accept()``: bad input is shown in
red next to the form, naming the field, and the dialog stays open with nothing
written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Tracker
from tracker.errors import BadInput, TrackerError
from tracker.model import ESCALATION_CHECKLIST, Defect, DefectKind, Ticket
from ui.common.fmt import ERROR_STYLE, FIELD_ERROR_STYLE, checklist_text, error_text
from ui.consultant.central_field import CentralField


def qdate_to_date(value: QDate) -> Any:
    return value.toPython()


def watch_changes(widget: QWidget, changed: Callable[[], None]) -> None:
    """Call ``changed`` when the user changes ``widget`` or a field inside it."""
    for w in (widget, *widget.findChildren(QWidget)):
        signal = None
        if isinstance(w, QLineEdit):
            signal = w.textEdited
        elif isinstance(w, QComboBox):
            signal = w.currentTextChanged
        elif isinstance(w, QAbstractButton):
            signal = w.toggled
        elif isinstance(w, QPlainTextEdit):
            signal = w.textChanged
        elif isinstance(w, QDateTimeEdit):  # QDateEdit and QTimeEdit too
            signal = w.dateTimeChanged
        elif isinstance(w, QAbstractSpinBox) and hasattr(w, "valueChanged"):
            signal = w.valueChanged
        if signal is not None:
            signal.connect(lambda *_: changed())


class FormDialog(QDialog):
    """A form, a red error line and OK/Cancel; subclasses implement ``perform()``."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.result_value: Any = None
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.layout_.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.fields: dict[str, tuple[str, QWidget]] = {}
        self._error_widget: QWidget | None = None  # the field the error shown is about

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add_field(self, name: str, label: str, widget: QWidget, form: QFormLayout | None = None) -> QWidget:
        """Add a row (to ``form``, the dialog's own by default); ``name`` is the field name
        BadInput uses for it.  Changing the field clears the error it was shown for."""
        (form or self.form).addRow(label, widget)
        self.fields[name] = (label.rstrip(":"), widget)
        watch_changes(widget, lambda: self.field_changed(widget))
        focusable = [
            w for w in (widget, *widget.findChildren(QWidget)) if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        if focusable:  # OK and Cancel come after the fields, not first
            QWidget.setTabOrder(focusable[-1], self.buttons)
        return widget

    def showEvent(self, event: QShowEvent) -> None:
        """The cursor in the first field, unless the dialog put it somewhere itself."""
        super().showEvent(event)
        current = self.focusWidget()
        if current is None or self.buttons.isAncestorOf(current):
            for _label, widget in self.fields.values():
                if widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
                    break

    def show_error(self, exc: TrackerError) -> None:
        self.clear_error()
        if isinstance(exc, BadInput):
            label, widget = self.fields.get(exc.field, (exc.field, None))  # type: ignore[assignment]
            self.error_label.setText(f"{label}: {exc.message}" if label else exc.message)
            if widget is not None:
                self.reveal(widget)
                widget.setStyleSheet(FIELD_ERROR_STYLE)
                widget.setFocus()
                self._error_widget = widget
        else:
            self.error_label.setText(error_text(exc))
        self.error_label.show()

    def reveal(self, widget: QWidget) -> None:
        """Make ``widget`` visible before it is outlined (a tab, a folded group)."""

    def clear_error(self) -> None:
        for _, widget in self.fields.values():
            widget.setStyleSheet("")
        self._error_widget = None
        self.error_label.clear()
        self.error_label.hide()

    def field_changed(self, widget: QWidget) -> None:
        """A field was changed: the error about it (or about no field) is stale now."""
        if not self.error_label.isHidden() and self._error_widget in (widget, None):
            self.clear_error()

    def perform(self) -> Any:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.perform()
        except TrackerError as exc:
            self.show_error(exc)
            return
        super().accept()

    @classmethod
    def run(cls, dialog: FormDialog) -> Any:
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class LoginDialog(FormDialog):
    """First run: who is the consultant (prefilled with the OS user name), and the central store.

    It takes the keyboard focus itself: on a bare X server, with no window manager to
    give it, the typed login would reach nothing.
    """

    def __init__(self, parent: QWidget | None, tracker: Tracker, default: str) -> None:
        super().__init__(parent, self.tr("Welcome to Tracker"))
        self.tracker = tracker
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "Your login names every session you record. The central store is where your "
                "sessions go when you sync, for your lead and billing; ask your lead which one to use. "
                "Check both and press OK."
            )
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.login = QLineEdit(default)
        self.login.selectAll()
        self.add_field("consultant", self.tr("Login:"), self.login)
        values = tracker.settings.all()
        self.central = CentralField(tracker, values["export-dir"], values.get("central", ""))
        self.add_field("central", self.tr("Central store:"), self.central)
        self.fields["export-dir"] = self.fields["central"]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.raise_()
        self.activateWindow()
        self.login.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def perform(self) -> str:
        saved = self.tracker.settings.set_many({"consultant": self.login.text(), **self.central.values()})
        return saved["consultant"]

    def done(self, result: int) -> None:
        self.central.wait()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, default: str) -> str | None:
        return cls.run(cls(parent, tracker, default))  # type: ignore[no-any-return]


class AcceptTermDialog(FormDialog):
    def __init__(self, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> None:
        super().__init__(parent, self.tr("Accept term — {0}").format(ticket.number))
        self.tracker, self.ticket = tracker, ticket
        today = tracker.now().date()
        self.date = QDateEdit(QDate(today.year, today.month, today.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setMaximumDate(QDate(today.year, today.month, today.day))
        if ticket.term_accepted:
            d = ticket.term_accepted
            self.date.setDate(QDate(d.year, d.month, d.day))
        self.ref = QLineEdit(ticket.term_ref)
        self.ref.setPlaceholderText(self.tr("e-mail, protocol or document number"))
        self.add_field("date", self.tr("Accepted on:"), self.date)
        self.add_field("ref", self.tr("Reference:"), self.ref)

    def perform(self) -> Ticket:
        return self.tracker.accept_term(self.ticket.number, qdate_to_date(self.date.date()), self.ref.text())

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> Ticket | None:
        return cls.run(cls(parent, tracker, ticket))  # type: ignore[no-any-return]


class DefectDialog(FormDialog):
    def __init__(self, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> None:
        super().__init__(parent, self.tr("Flag defect — {0}").format(ticket.number))
        self.tracker, self.ticket = tracker, ticket
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Product defect"), DefectKind.PRODUCT.value)
        self.kind.addItem(self.tr("Documentation defect"), DefectKind.DOCUMENTATION.value)
        self.ref = QLineEdit()
        self.ref.setPlaceholderText(self.tr("issue or article number"))
        self.published = QCheckBox(self.tr("Already published in the customer portal"))
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        self.add_field("kind", self.tr("Kind:"), self.kind)
        self.add_field("ref", self.tr("Reference:"), self.ref)
        self.add_field("published", "", self.published)
        self.add_field("note", self.tr("Note:"), self.note)
        hint = QLabel(self.tr("On a support ticket, a defect not yet published waives the whole charge."))
        hint.setWordWrap(True)
        self.layout_.insertWidget(0, hint)

    def perform(self) -> Defect:
        return self.tracker.flag_defect(
            self.ticket.number,
            str(self.kind.currentData()),
            self.ref.text(),
            published=self.published.isChecked(),
            note=self.note.toPlainText(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> Defect | None:
        return cls.run(cls(parent, tracker, ticket))  # type: ignore[no-any-return]


class EscalateDialog(FormDialog):
    """Standard support becomes support, with the customer's confirmations."""

    def __init__(self, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> None:
        super().__init__(parent, self.tr("Escalate to support — {0}").format(ticket.number))
        self.tracker, self.ticket = tracker, ticket
        intro = QLabel(
            self.tr(
                "From now on, new sessions on {0} are Consultoria de Suporte (billed per minute). "
                "Tick what the customer confirmed:"
            ).format(ticket.number)
        )
        intro.setWordWrap(True)
        self.layout_.insertWidget(0, intro)
        self.checks: dict[str, QCheckBox] = {}
        for key in ESCALATION_CHECKLIST:
            box = QCheckBox(checklist_text(key))
            self.checks[key] = box
            self.add_field(f"confirm:{key}", "", box)
        self.fields["confirm"] = (self.tr("Confirmations"), self.checks[next(iter(self.checks))])

    def confirmations(self) -> list[str]:
        return [key for key, box in self.checks.items() if box.isChecked()]

    def perform(self) -> Ticket:
        return self.tracker.escalate(self.ticket.number, confirmations=self.confirmations())

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> Ticket | None:
        return cls.run(cls(parent, tracker, ticket))  # type: ignore[no-any-return]


class FinalizeDialog(FormDialog):
    """Finalizing fixes the billing month; it asks before doing it."""

    def __init__(self, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> None:
        super().__init__(parent, self.tr("Finalize — {0}").format(ticket.number))
        self.tracker, self.ticket = tracker, ticket
        text = QLabel(
            self.tr(
                "Finalize ticket {0} ({1})?\n\nIts charge is computed now and billed this month. "
                "Its time can no longer change."
            ).format(ticket.number, ticket.customer)
        )
        text.setWordWrap(True)
        self.layout_.insertWidget(0, text)
        self.ok_button.setText(self.tr("Finalize"))

    def perform(self) -> Ticket:
        return self.tracker.finalize(self.ticket.number)

    @classmethod
    def ask(cls, parent: QWidget | None, tracker: Tracker, ticket: Ticket) -> Ticket | None:
        return cls.run(cls(parent, tracker, ticket))  # type: ignore[no-any-return]


class CloseNotice:
    """The message shown when the window closes while a timer runs."""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("CloseNotice", "Timer keeps running"))
        box.setText(text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


class DamagedDatabaseDialog:
    """The start-up check found the database damaged: restore the latest good backup?"""

    @classmethod
    def ask(cls, parent: QWidget | None, text: str, backup: Path) -> bool:
        """True when the consultant chose to restore ``backup``."""
        translate = QCoreApplication.translate
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(translate("DamagedDatabaseDialog", "Tracker cannot open your data"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(translate("DamagedDatabaseDialog", "Tracker cannot open your data.") + "\n\n" + text)
        box.setInformativeText(
            translate(
                "DamagedDatabaseDialog",
                "Restore this backup: {0}\n\nThe damaged file is kept next to it, untouched. "
                "Time recorded after that backup was taken is not in it.",
            ).format(backup)
        )
        restore = box.addButton(
            translate("DamagedDatabaseDialog", "Restore this backup"), QMessageBox.ButtonRole.AcceptRole
        )
        quit_text = translate("DamagedDatabaseDialog", "Quit")
        quit_button = box.addButton(quit_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(quit_button)
        box.exec()
        return box.clickedButton() is restore
