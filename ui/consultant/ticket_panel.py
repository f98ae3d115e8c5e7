"""Find or create a ticket, see its details, and act on it.

The picker is model-based: the drop-down lists the ~200 most recent open tickets, and
typing searches every open ticket (by number or customer) through a QCompleter over
one QStringListModel.  Both models are filled in one go; with tens of thousands of
tickets, one addItem per ticket is slow and crashed PySide6.  The full list of open
tickets is read in a worker thread (a second with 60,000 tickets), never while the
window starts; tickets of today and those changed here are known at once.
"""

from __future__ import annotations

from itertools import chain

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Tracker
from tracker.errors import TrackerError
from tracker.model import ConsultancyType, Ticket
from ui.common.fmt import counted, day_text, scope_text, type_label
from ui.common.looks import restyle
from ui.common.provider import TrackerProvider
from ui.common.tracker_job import Progress, Work
from ui.consultant.dialogs import AcceptTermDialog, DefectDialog, EscalateDialog, FinalizeDialog
from ui.consultant.ticket_dialog import NewTicketDialog

TicketDialog = AcceptTermDialog | DefectDialog | EscalateDialog | FinalizeDialog

SEPARATOR = " — "
HELD_STYLE = "color: #b35c00; font-weight: bold;"
RECENT_LIMIT = 200  # tickets in the drop-down; typing searches all of them


def number_of(text: str) -> str:
    """The ticket number in a combo text such as '12345678 — Padaria'."""
    return text.split(SEPARATOR, 1)[0].strip()


def open_tickets_work(number: int) -> Work:
    """(fetch number, [(number, customer)] of every open ticket, newest first), in a worker."""

    def work(tracker: Tracker, progress: Progress) -> tuple[int, list[tuple[str, str]]]:
        return number, [(t.number, t.customer) for t in tracker.list_tickets(True)]

    return work


class TicketPanel(QWidget):
    """The ticket picker, the selected ticket's details, and its action buttons."""

    changed = Signal()  # something was written: the window reloads
    message = Signal(str)  # a line for the status bar
    selection_changed = Signal()
    tickets_loaded = Signal(int)  # the full list of open tickets arrived: how many

    def __init__(self, provider: TrackerProvider, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provider = provider
        self._ticket: Ticket | None = None
        self._writable = True
        # Open tickets: the last full list (newest first), and what is known since.
        self._base: dict[str, str] = {}
        self._known: dict[str, tuple[int, str]] = {}  # number -> (fetch number, customer)
        self._closed: dict[str, int] = {}  # finalized here: number -> fetch number
        self._fetch = 0
        self._fetching = False
        self._fetch_again = False
        self._shown: list[str] = []
        # What the lists were last made from: a reload that changes none of it (every
        # click does one) costs nothing, whatever the number of open tickets.
        self._base_read = 0
        self._made_from: tuple[object, ...] = ()
        self.runner = provider.runner(self)
        self.runner.finished.connect(lambda result: self._loaded(*result))
        # The window keeps what it knows; the next change fetches again.
        self.runner.failed.connect(lambda _text: self._loaded(self._fetch, None))
        provider.changed.connect(self._restored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._picker())
        layout.addWidget(self._details())
        self.new_button.clicked.connect(self.new_ticket)
        self.accept_button.clicked.connect(lambda: self._act(AcceptTermDialog, self.tr("Term accepted")))
        self.defect_button.clicked.connect(lambda: self._act(DefectDialog, self.tr("Defect flagged")))
        self.escalate_button.clicked.connect(
            lambda: self._act(EscalateDialog, self.tr("Escalated to support"))
        )
        self.finalize_button.clicked.connect(lambda: self._act(FinalizeDialog, self.tr("Finalized")))
        self.combo.currentTextChanged.connect(self._text_changed)
        self.refresh_details()

    def _picker(self) -> QHBoxLayout:
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Ticket:")))
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(34)
        self.combo.setMaxVisibleItems(15)
        self.recent_model = QStandardItemModel(self)
        self.combo.setModel(self.recent_model)
        line = self.combo.lineEdit()
        assert line is not None  # the combo is editable
        line.setPlaceholderText(self.tr("type a number or a customer"))
        self.all_model = QStringListModel(self)
        self.completer = QCompleter(self.all_model, self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        # On the line edit, not through QComboBox.setCompleter: the combo would look the
        # completion up among its own (recent) items and clear the text when it is not one.
        line.setCompleter(self.completer)
        picker.addWidget(self.combo, 1)
        self.new_button = QPushButton(self.tr("New ticket…"))
        picker.addWidget(self.new_button)
        return picker

    def _details(self) -> QGroupBox:
        self.details = QGroupBox(self.tr("Selected ticket"))
        form = QFormLayout(self.details)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.customer_label = QLabel()
        self.type_label = QLabel()
        self.term_label = QLabel()
        self.bill_to_label = QLabel()
        self.state_label = QLabel()
        for label in (
            self.customer_label,
            self.type_label,
            self.term_label,
            self.bill_to_label,
            self.state_label,
        ):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        form.addRow(self.tr("Customer:"), self.customer_label)
        form.addRow(self.tr("Type:"), self.type_label)
        form.addRow(self.tr("Term:"), self.term_label)
        form.addRow(self.tr("Bill to:"), self.bill_to_label)
        form.addRow(self.tr("State:"), self.state_label)
        actions = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept term…"))
        self.defect_button = QPushButton(self.tr("Flag defect…"))
        self.escalate_button = QPushButton(self.tr("Escalate…"))
        self.finalize_button = QPushButton(self.tr("Finalize…"))
        for button in (self.accept_button, self.defect_button, self.escalate_button, self.finalize_button):
            actions.addWidget(button)
        actions.addStretch(1)
        form.addRow(actions)
        return self.details

    @property
    def tracker(self) -> Tracker:
        return self.provider.tracker

    def _restored(self) -> None:
        """Another database (a restored backup): forget its tickets, read them again."""
        self._base, self._known, self._closed = {}, {}, {}
        self._base_read += 1
        self._render()
        self.fetch_tickets()

    # ----- selection ---------------------------------------------------------------

    def current_number(self) -> str:
        index = self.combo.findText(self.combo.currentText())
        if index >= 0:
            return str(self.combo.itemData(index))
        return number_of(self.combo.currentText())

    @property
    def ticket(self) -> Ticket | None:
        return self._ticket

    def select(self, number: str) -> None:
        index = self.combo.findData(number)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(number)
        self.refresh_details()

    def reload_tickets(self, known: list[Ticket] | None = None) -> None:
        """Show the open tickets again, keeping what the user typed.

        ``known``: tickets just read (today's, the running one) put first; the full
        list is read by :meth:`fetch_tickets`, in a worker.
        """
        for t in known or ():
            self._note(t)
        self._render()
        self.refresh_details()

    def note_ticket(self, number: str) -> None:
        """A ticket was added or changed here: show it at once, or drop it once finalized."""
        try:
            self._note(self.tracker.ticket(number))
        except TrackerError:
            return
        self._render()

    def _note(self, t: Ticket) -> None:
        if t.finalized:
            self._known.pop(t.number, None)
            self._closed[t.number] = self._fetch
        else:
            self._closed.pop(t.number, None)
            self._known.pop(t.number, None)  # to the front
            self._known = {t.number: (self._fetch, t.customer), **self._known}

    def open_tickets(self) -> list[tuple[str, str]]:
        """(number, customer) of every open ticket known, the most recent first."""
        seen: set[str] = set()
        result = []
        known = ((n, c) for n, (_, c) in self._known.items())
        for number, customer in chain(known, self._base.items()):
            if number not in seen and number not in self._closed:
                seen.add(number)
                result.append((number, customer))
        return result

    def _render(self) -> None:
        made_from = (
            self._base_read,
            tuple((n, c) for n, (_, c) in self._known.items()),
            tuple(self._closed),
        )
        if made_from == self._made_from:
            return
        self._made_from = made_from
        tickets = self.open_tickets()
        texts = [f"{n}{SEPARATOR}{c}" for n, c in tickets]
        if texts == self._shown:
            return
        self._shown = texts
        text = self.combo.currentText()
        self.combo.blockSignals(True)
        self.recent_model.clear()
        items = []
        for (number, _), label in zip(tickets[:RECENT_LIMIT], texts, strict=False):
            item = QStandardItem(label)
            item.setData(number, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            items.append(item)
        self.recent_model.invisibleRootItem().appendRows(items)
        self.all_model.setStringList(texts)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText(text)
        self.combo.blockSignals(False)

    def fetch_tickets(self) -> None:
        """Read every open ticket again, in a worker; a request during a read reads once more after it."""
        if self._fetching:
            self._fetch_again = True
            return
        self._fetching = True
        self._fetch_again = False
        self._fetch += 1
        self.runner.start(open_tickets_work(self._fetch))

    def _loaded(self, number: int, pairs: list[tuple[str, str]] | None) -> None:
        self._fetching = False
        if pairs is not None:
            self._base = dict(pairs)
            self._base_read += 1
            # What was noted before this read began is in it now.
            self._known = {n: v for n, v in self._known.items() if v[0] >= number}
            self._closed = {n: f for n, f in self._closed.items() if f >= number}
            self._render()
            self.refresh_details()
            self.tickets_loaded.emit(len(pairs))
        if self._fetch_again:
            self.fetch_tickets()

    def _text_changed(self, _: str) -> None:
        self.refresh_details()
        self.selection_changed.emit()

    # ----- details -------------------------------------------------------------------

    def refresh_details(self) -> None:
        number = self.current_number()
        self._ticket = None
        if number:
            try:
                self._ticket = self.tracker.ticket(number)
            except TrackerError:
                self._ticket = None
        t = self._ticket
        if t is None:
            blank = self.tr("—")
            self.customer_label.setText(
                self.tr(
                    "No ticket {0} yet: Start offers the open tickets that match it, or a new one."
                ).format(number)
                if number
                else self.tr("Pick a ticket above, or add one with New ticket…")
            )
            for label in (self.type_label, self.term_label, self.bill_to_label, self.state_label):
                label.setText(blank)
                restyle(label, "")
        else:
            self._show(t)
        self._enable(t)

    def _show(self, t: Ticket) -> None:
        self.details.setTitle(self.tr("Ticket {0}").format(t.number))
        product = f" · {t.product}" if t.product else ""
        self.customer_label.setText(f"{t.customer}{product}")
        kind = type_label(t.type)
        if t.escalated_at is not None:
            kind += self.tr(" (escalated from standard)")
        if t.scope:
            kind += "\n" + self.tr("Scope: {0}").format(scope_text(t.scope))
        self.type_label.setText(kind)
        if not t.type.billed and not t.original_type.billed:
            self.term_label.setText(self.tr("not needed: standard support is never billed"))
            restyle(self.term_label, "")
        elif t.term_accepted is None:
            self.term_label.setText(self.tr("no term accepted — billable time held"))
            restyle(self.term_label, HELD_STYLE)
        else:
            ref = f" ({t.term_ref})" if t.term_ref else ""
            self.term_label.setText(self.tr("accepted on {0}").format(day_text(t.term_accepted)) + ref)
            restyle(self.term_label, "")
        if t.bill_to_unit:
            extras = [v for v in (t.authorization, t.cost_center, t.value_class, t.accounting_item) if v]
            more = f" · {' / '.join(extras)}" if extras else ""
            self.bill_to_label.setText(self.tr("unit {0}").format(t.bill_to_unit) + more)
        else:
            self.bill_to_label.setText(self.tr("the customer"))
        state = []
        if t.finalized_at is not None:
            state.append(self.tr("finalized on {0}").format(day_text(t.finalized_at.date())))
        else:
            state.append(self.tr("open"))
        if t.defects:
            kinds = {"product": self.tr("product"), "documentation": self.tr("documentation")}
            defects = ", ".join(f"{kinds.get(d.kind.value, d.kind.value)} {d.ref}" for d in t.defects)
            n = len(t.defects)
            state.append(counted(n, self.tr("{0} defect: {1}"), self.tr("{0} defects: {1}"), defects))
        self.state_label.setText("; ".join(state))

    def set_writable(self, writable: bool) -> None:
        """False while the start-up check runs (or found damage): nothing here writes."""
        self._writable = writable
        self.new_button.setEnabled(writable)
        self._enable(self._ticket)

    def _enable(self, t: Ticket | None) -> None:
        buttons = (self.accept_button, self.defect_button, self.escalate_button, self.finalize_button)
        if t is None or not self._writable:
            if t is None:
                self.details.setTitle(self.tr("Selected ticket"))
            for button in buttons:
                button.setEnabled(False)
            self.escalate_button.setVisible(t is None or t.type is ConsultancyType.STANDARD)
            return
        open_ = not t.finalized
        standard = t.type is ConsultancyType.STANDARD
        self.accept_button.setEnabled(open_ and (t.type.billed or t.original_type.billed))
        self.defect_button.setEnabled(True)
        self.escalate_button.setVisible(standard)  # only standard support escalates
        self.escalate_button.setEnabled(open_ and standard)
        self.finalize_button.setEnabled(open_)

    # ----- actions ---------------------------------------------------------------------

    def new_ticket(self) -> Ticket | None:
        number = self.current_number() if self._ticket is None else ""
        ticket = NewTicketDialog.ask(self.window(), self.tracker, number)
        if ticket is not None:
            self.note_ticket(ticket.number)
            self.changed.emit()
            self.select(ticket.number)
            self.message.emit(self.tr("Ticket {0} added").format(ticket.number))
        return ticket

    def _act(self, dialog: type[TicketDialog], done: str) -> None:
        if self._ticket is None:
            return
        number = self._ticket.number
        if dialog.ask(self.window(), self.tracker, self._ticket) is not None:
            self.note_ticket(number)
            self.message.emit(f"{done}: {number}")
            self.changed.emit()
            self.select(number)
