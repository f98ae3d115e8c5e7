"""The moving-in wizard's first two pages: the file to move in from, and the mapping to tickets.

Each page has a red error line and a busy bar; a page reads and sets the state of its
wizard (:class:`ui.consultant.import_wizard.ImportWizard`) through :class:`MoveIn`,
and runs its work through ``MoveIn.run``: inline for a small file, in the worker for a
large one.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tracker.app import ForeignEntry, ImportResult, Plan, Tracker, foreign_labels, read_foreign
from tracker.errors import BadInput
from ui.common.fmt import ERROR_STYLE, FIELD_ERROR_STYLE, duration_text

Work = Callable[[Any, Callable[[str], None]], Any]


class MoveIn(Protocol):
    """What the pages read and set on their wizard, and how they run work through it."""

    INLINE_MAX_BYTES: int
    entries: list[ForeignEntry]
    labels: dict[str, tuple[int, int]]
    loaded_key: tuple[str, str, str, bool] | None
    source: str
    mapping: dict[str, str]
    plan: Plan | None
    dry: ImportResult | None
    result: ImportResult | None
    error: str
    large: bool
    busy: bool
    then_next: Callable[[], bool] | None
    then_accept: bool

    def run(self, work: Work, done: Callable[[Any], None], failed: Callable[[str, str], None]) -> bool: ...

    def report(self, result: ImportResult) -> None: ...


class ImportFileDialog:
    """Which file to move in from; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
        return Path(name) if name else None


class ImportPage(QWizardPage):
    """A page with a red error line and a busy bar under its content.

    Whether Next/Finish is enabled goes through a hidden mandatory field ("1" when the
    page is ready) rather than an ``isComplete()`` override: PySide6 6.12 on Python
    3.11 drops a reference to True/False on every call of a Python ``isComplete``, and
    the interpreter aborts once the count runs out.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = QLineEdit(self)
        self._ready.hide()
        self.registerField(f"{name}_ready*", self._ready)
        self.layout_ = QVBoxLayout(self)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(8)
        self.busy_bar.hide()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.busy_bar)

    @property
    def wiz(self) -> MoveIn:
        return cast(MoveIn, self.wizard())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def ready(self) -> bool:
        return not self.wiz.busy

    def update_ready(self) -> None:
        """Enable Next/Finish when :meth:`ready`; the wizard follows the hidden field."""
        if self.wizard() is not None:
            self._ready.setText("1" if self.ready() else "")


class SourcePage(ImportPage):
    """Page 1: which tracker the file comes from, the file, its zone and date order."""

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__("source", parent)
        self.setTitle(self.tr("Where is your time now?"))
        self.setSubTitle(
            self.tr(
                "Choose the export of your old time tracker. "
                "Nothing is written until you press Import on the last page."
            )
        )
        self.source = QComboBox()
        self.source.addItem(self.tr("Toggl Track — detailed report (CSV)"), "toggl")
        self.source.addItem(self.tr("Clockify — detailed report (CSV)"), "clockify")
        self.source.addItem(self.tr("Watson — frames file"), "watson")
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("The exported file"))
        self.browse = QPushButton(self.tr("Browse…"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(sorted(zoneinfo.available_timezones()))
        self.zone.setCurrentText(app.clock.zone())
        self.zone.setToolTip(self.tr("The time zone the times in the file were written in"))
        self.day_first = QCheckBox(self.tr("Dates are dd/mm/yyyy"))
        self.day_first.setToolTip(
            self.tr("Tick it when the export writes 02/11/2026 for 2 November (a Brazilian locale).")
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Source:"), self.source)
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Time zone:"), self.zone)
        form.addRow("", self.day_first)
        self.layout_.addLayout(form)
        self.layout_.addStretch(1)
        self.finish_layout()

        self.browse.clicked.connect(self._browse)
        self.path.textChanged.connect(self.update_ready)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()

    def _source_changed(self) -> None:
        self.day_first.setEnabled(self.source.currentData() != "watson")  # Watson stores timestamps

    def _browse(self) -> None:
        filters = {
            "toggl": self.tr("Toggl Track CSV (*.csv);;All files (*)"),
            "clockify": self.tr("Clockify CSV (*.csv);;All files (*)"),
            "watson": self.tr("Watson frames (frames);;All files (*)"),
        }
        path = ImportFileDialog.ask(
            self, self.tr("Choose the file to move in from"), filters[self.source.currentData()]
        )
        if path is not None:
            self.path.setText(str(path))

    def key(self) -> tuple[str, str, str, bool]:
        return (
            str(self.source.currentData()),
            self.path.text().strip(),
            self.zone.currentText().strip(),
            self.day_first.isChecked() and self.day_first.isEnabled(),
        )

    def ready(self) -> bool:
        return bool(self.path.text().strip()) and not self.wiz.busy

    def highlight(self, field: str) -> None:
        """Outline what a BadInput names: the zone, or the file (its lines, frames); '' clears."""
        self.path.setStyleSheet(FIELD_ERROR_STYLE if field not in ("", "zone") else "")
        self.zone.setStyleSheet(FIELD_ERROR_STYLE if field == "zone" else "")

    def validatePage(self) -> bool:
        wiz = self.wiz
        key = self.key()
        if wiz.loaded_key == key and wiz.entries:
            return True
        self.show_error("")
        self.highlight("")
        source, text, zone_name, day_first = key
        path = Path(text).expanduser()

        def read(_tracker: Any, _progress: Callable[[str], None]) -> Any:
            entries = read_foreign(source, path, zone_name, day_first)
            return entries, foreign_labels(entries)

        def done(result: Any) -> None:
            entries, labels = result
            if not entries:
                self.highlight("FILE")
                self.show_error(self.tr("{path} has no time entries.").format(path=path))
                return
            wiz.entries, wiz.labels, wiz.loaded_key = entries, labels, key
            wiz.source = source

        def failed(text: str, field: str) -> None:
            self.highlight(field)
            self.show_error(text)

        try:
            wiz.large = path.stat().st_size > wiz.INLINE_MAX_BYTES
        except OSError:
            wiz.large = False  # read() names the problem
        if wiz.run(read, done, failed):
            return wiz.loaded_key == key
        # In the worker: go on when it is done.
        wiz.then_next = lambda: wiz.loaded_key == key
        return False


class MappingPage(ImportPage):
    """Page 2: each project and tag of the file goes to a ticket, or is skipped."""

    C_LABEL, C_COUNT, C_TIME, C_TICKET = range(4)

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__("mapping", parent)
        self.app = app
        self.setTitle(self.tr("Which ticket is each project?"))
        self.setSubTitle(
            self.tr(
                "An entry goes to its project's ticket, else to the ticket of its first mapped tag. "
                "Entries with nothing mapped are left out."
            )
        )
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Project or tag"), self.tr("Entries"), self.tr("Time"), self.tr("Ticket")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.C_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.C_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.C_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.C_TICKET, QHeaderView.ResizeMode.Stretch)
        self.layout_.addWidget(self.table, 1)
        self.finish_layout()
        self.combos: dict[str, QComboBox] = {}

    @property
    def skip_text(self) -> str:
        return self.tr("(skip)")

    def label_text(self, label: str) -> str:
        kind, _, name = label.partition(":")
        if kind == "project":
            return self.tr("Project: {name}").format(name=name)
        return self.tr("Tag: {name}").format(name=name)

    def initializePage(self) -> None:
        wiz = self.wiz
        self.show_error("")
        tickets = self.app.list_tickets(open_only=True)
        self.table.setRowCount(0)
        self.combos.clear()
        for label, (count, seconds) in wiz.labels.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, self.C_LABEL, QTableWidgetItem(self.label_text(label)))
            for col, text in ((self.C_COUNT, str(count)), (self.C_TIME, duration_text(seconds))):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem(self.skip_text, "")
            for t in tickets:
                combo.addItem(f"{t.number} — {t.customer}", t.number)
            combo.setAccessibleName(self.tr("Ticket for {label}").format(label=self.label_text(label)))
            chosen = wiz.mapping.get(label) or self._suggest(label, tickets)
            if chosen:
                found = combo.findData(chosen)
                if found >= 0:
                    combo.setCurrentIndex(found)
                else:
                    combo.setCurrentText(chosen)
            self.table.setCellWidget(row, self.C_TICKET, combo)
            self.combos[label] = combo
        self.update_ready()

    @staticmethod
    def _suggest(label: str, tickets: list[Any]) -> str:
        """A ticket whose number appears in the label, or whose customer is the label."""
        name = label.partition(":")[2].casefold()
        for t in tickets:
            if t.number in name or t.customer.casefold() == name:
                return str(t.number)
        return ""

    def set_ticket(self, label: str, number: str) -> None:
        """Map ``label`` to ``number`` (as the consultant would pick it); '' to skip."""
        combo = self.combos[label]
        found = combo.findData(number)
        if found >= 0:
            combo.setCurrentIndex(found)
        else:
            combo.setCurrentText(number)

    def choice(self, label: str) -> str:
        text = self.combos[label].currentText().strip()
        if not text or text == self.skip_text:
            return ""
        return text.split("—", 1)[0].strip()

    def validatePage(self) -> bool:
        self.show_error("")
        mapping: dict[str, str] = {}
        for label, combo in self.combos.items():
            combo.setStyleSheet("")
            number = self.choice(label)
            if not number:
                continue
            try:
                mapping[label] = self.app.ticket(number).number
            except BadInput as exc:
                combo.setStyleSheet(FIELD_ERROR_STYLE)
                combo.setFocus()
                self.show_error(f"{self.label_text(label)}: {exc.message}")
                return False
        if not mapping:
            self.show_error(self.tr("Map at least one project or tag to a ticket."))
            return False
        self.wiz.mapping = mapping
        return True
