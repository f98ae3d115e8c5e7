"""Moving in from Toggl Track, Clockify or Watson: choose the file, map, preview, import.

Three pages over :mod:`tracker.moving_in`: the source and file; a table mapping each
project and tag to a ticket; a preview of the sessions that will be written and the
entries left out with the reason.  The preview runs the real import as a dry run, so
bad input (a time in the future, a finalized ticket, a session over 24 h) is shown in
red, naming the line, and Finish stays disabled before anything is written.  Finish
writes with the same all-or-nothing transaction as ``tracker import``.

A large file is read, checked and written in a worker thread with a store of its own
(:class:`ui.common.tracker_job.JobRunner`); a small one inline.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor
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
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tracker import moving_in
from tracker.app import ImportResult, Tracker
from tracker.errors import BadInput, TrackerError
from tracker.moving_in import ForeignEntry, Plan
from ui.common.fmt import ERROR_STYLE, FIELD_ERROR_STYLE, duration_text
from ui.common.table_model import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
SKIPPED_COLOR = QColor("#9a4d00")
Work = Callable[[Any, Callable[[str], None]], Any]


def _right() -> int:
    return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


# ----- dialogs tests replace ------------------------------------------------------------


class ImportFileDialog:
    """Which file to move in from; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), file_filter)
        return Path(name) if name else None


class ImportReport:
    """What the import wrote, after Finish; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> None:
        QMessageBox.information(parent, QCoreApplication.translate("ImportWizard", "Import finished"), text)


# ----- preview models -------------------------------------------------------------------

P_DATE = 0
P_TIME = 1
P_DURATION = 2
P_TICKET = 3
P_NOTE = 4
PREVIEW_COLUMNS = 5


class PreviewModel(HeaderedTableModel):
    """The sessions an import will write, as :func:`tracker.moving_in.plan` built them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._customers: dict[str, str] = {}
        self._headers = [
            self.tr("Date"),
            self.tr("Time"),
            self.tr("Duration"),
            self.tr("Ticket"),
            self.tr("Note"),
        ]

    def load(self, sessions: list[dict[str, Any]], customers: dict[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(sessions)
        self._customers = dict(customers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else PREVIEW_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            start, end = datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])
            customer = self._customers.get(s["ticket"], "")
            return {
                P_DATE: start.strftime("%d/%m/%Y"),
                P_TIME: f"{start:%H:%M}–{end:%H:%M}" + ("" if end.date() == start.date() else " (+1)"),
                P_DURATION: duration_text(int(s["_seconds"])),
                P_TICKET: f"{s['ticket']} — {customer}" if customer else s["ticket"],
                P_NOTE: s.get("note", ""),
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col == P_DATE:
            return self.tr("Line {line} of the file").format(line=s["_line"])
        if role == Qt.ItemDataRole.TextAlignmentRole and col == P_DURATION:
            return _right()
        return None


K_LINE = 0
K_DATE = 1
K_TIME = 2
K_LABELS = 3
K_REASON = 4
SKIPPED_COLUMNS = 5


class SkippedModel(HeaderedTableModel):
    """The entries an import leaves out, with the reason in plain words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[ForeignEntry, str]] = []
        self._headers = [
            self.tr("Line"),
            self.tr("Date"),
            self.tr("Time"),
            self.tr("Project / tags"),
            self.tr("Why it is left out"),
        ]
        # The core's reasons, so the translation files carry them.
        self._reasons = {
            "its project and tags are not mapped to a ticket": self.tr(
                "its project and tags are not mapped to a ticket"
            ),
            "it ends before it starts": self.tr("it ends before it starts"),
        }

    def load(self, skipped: list[tuple[ForeignEntry, str]]) -> None:
        self.beginResetModel()
        self._rows = list(skipped)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else SKIPPED_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e, reason = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            labels = ", ".join(([e.project] if e.project else []) + [f"#{t}" for t in e.tags]) or "—"
            return {
                K_LINE: str(e.line),
                K_DATE: e.start.strftime("%d/%m/%Y"),
                K_TIME: f"{e.start:%H:%M}–{e.end:%H:%M}",
                K_LABELS: labels,
                K_REASON: self._reasons.get(reason, reason),
            }.get(col)
        if role == Qt.ItemDataRole.ForegroundRole and col == K_REASON:
            return QBrush(SKIPPED_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == K_LINE:
            return _right()
        return None


# ----- pages ---------------------------------------------------------------------------


class _Page(QWizardPage):
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
    def wiz(self) -> ImportWizard:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def ready(self) -> bool:
        return not self.wiz.busy

    def update_ready(self) -> None:
        """Enable Next/Finish when :meth:`ready`; the wizard follows the hidden field."""
        if self.wizard() is not None:
            self._ready.setText("1" if self.ready() else "")


class SourcePage(_Page):
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
            entries = moving_in.read(source, path, zone_name, day_first)
            return entries, moving_in.labels(entries)

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


class MappingPage(_Page):
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


class PreviewPage(_Page):
    """Page 3: what will be written, what is left out, checked by a dry run."""

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__("preview", parent)
        self.app = app
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr("These sessions will be written in one go: all of them or, if one is refused, none.")
        )
        self.setFinalPage(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.sessions = PreviewModel(self)
        self.skipped = SkippedModel(self)
        self.sessions_view = self._view(self.sessions, P_NOTE)
        self.skipped_view = self._view(self.skipped, K_REASON)
        self.skipped_title = QLabel()
        self.layout_.addWidget(self.summary)
        self.layout_.addWidget(self.sessions_view, 3)
        self.layout_.addWidget(self.skipped_title)
        self.layout_.addWidget(self.skipped_view, 1)
        self.finish_layout()

    @staticmethod
    def _view(model: QAbstractTableModel, stretch: int) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return view

    def initializePage(self) -> None:
        wiz = self.wiz
        wiz.plan = moving_in.plan(wiz.entries, wiz.mapping, wiz.source, self.app.consultant)
        wiz.dry = None
        wiz.error = ""
        self.show_error("")
        customers = {t.number: t.customer for t in self.app.list_tickets()}
        self.sessions.load(wiz.plan.sessions, customers)
        self.skipped.load(wiz.plan.skipped)
        self.skipped_title.setText(self.tr("Entries left out: {n}").format(n=len(wiz.plan.skipped)))
        self.skipped_title.setVisible(bool(wiz.plan.skipped))
        self.skipped_view.setVisible(bool(wiz.plan.skipped))
        self.summary.setText(self.tr("Checking {n} sessions…").format(n=len(wiz.plan.sessions)))
        plan = wiz.plan

        def check(tracker: Any, _progress: Callable[[str], None]) -> Any:
            return moving_in.commit(tracker, plan, dry_run=True)

        def done(result: Any) -> None:
            wiz.dry = result
            self._summarize()

        def failed(text: str, _field: str) -> None:
            wiz.error = text
            self.summary.setText(
                self.tr("{n} sessions were built from the file, but the import would be refused.").format(
                    n=len(plan.sessions)
                )
            )
            self.show_error(self.tr("Nothing can be imported: {error}").format(error=text))

        wiz.run(check, done, failed)

    def _summarize(self) -> None:
        wiz = self.wiz
        assert wiz.plan is not None and wiz.dry is not None
        self.summary.setText(
            self.tr(
                "New sessions to write: {new} · Already stored: {stored} · "
                "Entries left out: {skipped} · Time of the mapped entries: {time}"
            ).format(
                new=wiz.dry.sessions_added,
                time=duration_text(wiz.plan.seconds),
                stored=wiz.dry.sessions_skipped,
                skipped=len(wiz.plan.skipped),
            )
        )
        if not wiz.plan.sessions:
            self.show_error(self.tr("No entry is mapped to a ticket: go back and map a project or tag."))

    def ready(self) -> bool:
        wiz = self.wiz
        return (
            not wiz.busy
            and wiz.dry is not None
            and not wiz.error
            and wiz.plan is not None
            and bool(wiz.plan.sessions)
        )

    def validatePage(self) -> bool:
        wiz = self.wiz
        if wiz.result is not None:
            return True
        plan = wiz.plan
        assert plan is not None

        def write(tracker: Any, _progress: Callable[[str], None]) -> Any:
            return moving_in.commit(tracker, plan)

        def done(result: Any) -> None:
            wiz.result = result
            wiz.report(result)

        def failed(text: str, _field: str) -> None:
            wiz.error = text
            self.show_error(self.tr("Nothing was imported: {error}").format(error=text))

        if wiz.run(write, done, failed):
            return wiz.result is not None
        wiz.then_accept = True
        return False


# ----- the wizard -----------------------------------------------------------------------


class ImportWizard(QWizard):
    """Move in from Toggl Track, Clockify or Watson.  ``imported`` carries the ImportResult.

    ``job_done`` follows each piece of work (read, check, write), inline or in the worker.
    """

    imported = Signal(object)
    job_done = Signal()

    INLINE_MAX_BYTES = 256 * 1024  # larger files are read, checked and written in a worker

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Move in from another time tracker"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))
        self.resize(920, 600)

        self.entries: list[ForeignEntry] = []
        self.labels: dict[str, tuple[int, int]] = {}
        self.loaded_key: tuple[str, str, str, bool] | None = None
        self.source = "toggl"
        self.mapping: dict[str, str] = {}
        self.plan: Plan | None = None
        self.dry: ImportResult | None = None
        self.result: ImportResult | None = None
        self.error = ""
        self.summary = ""
        self.large = False
        self.busy = False
        self.then_next: Callable[[], bool] | None = None
        self.then_accept = False

        from ui.common.tracker_job import JobRunner

        self.runner = JobRunner(app.home, app.clock, self)
        self.runner.finished.connect(self._job_finished)
        self.runner.failed.connect(self._job_failed)
        self._done: Callable[[Any], None] | None = None
        self._failed: Callable[[str, str], None] | None = None

        self.source_page = SourcePage(app)
        self.mapping_page = MappingPage(app)
        self.preview_page = PreviewPage(app)
        self.addPage(self.source_page)
        self.addPage(self.mapping_page)
        self.addPage(self.preview_page)

    @classmethod
    def ask(cls, parent: QWidget | None, app: Tracker) -> ImportResult | None:
        wizard = cls(app, parent)
        wizard.exec()
        return wizard.result

    # ----- running work ---------------------------------------------------------------------

    def run(self, work: Work, done: Callable[[Any], None], failed: Callable[[str, str], None]) -> bool:
        """Run ``work(tracker, progress)``: inline (True, already done) or in the worker (False)."""
        if not self.large:
            try:
                result = work(self.app, lambda _text: None)
            except BadInput as exc:
                failed(str(exc), exc.field)
            except TrackerError as exc:
                failed(str(exc), "")
            else:
                done(result)
            self._set_busy(False)
            self.job_done.emit()
            return True
        self._done, self._failed = done, failed
        self._set_busy(True)
        self.runner.start(work)
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for page in (self.source_page, self.mapping_page, self.preview_page):
            page.busy_bar.setVisible(busy and page is self.currentPage())
            page.update_ready()
        self.button(QWizard.WizardButton.BackButton).setEnabled(not busy and self.currentId() > 0)

    def _job_finished(self, result: object) -> None:
        done, self._done, self._failed = self._done, None, None
        if done is not None:
            done(result)
        self._set_busy(False)
        self._continue()
        self.job_done.emit()

    def _job_failed(self, text: str) -> None:
        failed, self._done, self._failed = self._failed, None, None
        self.then_next, self.then_accept = None, False
        if failed is not None:
            # The worker reports "field: message"; the field decides what is outlined.
            failed(text, "zone" if text.startswith("zone:") else "FILE")
        self._set_busy(False)
        self.job_done.emit()

    def _continue(self) -> None:
        then_next, self.then_next = self.then_next, None
        if then_next is not None and then_next():
            self.next()
        if self.then_accept:
            self.then_accept = False
            if self.result is not None:
                self.accept()

    # ----- the end ------------------------------------------------------------------------

    def report(self, result: ImportResult) -> None:
        assert self.plan is not None
        self.summary = self.tr(
            "New sessions written: {added} · Already stored: {stored} · "
            "Entries left out: {skipped} · Time of the mapped entries: {time}"
        ).format(
            added=result.sessions_added,
            time=duration_text(self.plan.seconds),
            stored=result.sessions_skipped,
            skipped=len(self.plan.skipped),
        )
        self.imported.emit(result)
        ImportReport.ask(self, self.summary)

    def done(self, result: int) -> None:
        if self.runner.busy:
            self.runner.wait()  # a write in flight finishes (all or nothing) before the window goes
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait()
        super().closeEvent(event)
