"""Billing staff's month: a preview of the statement, its totals per party, and the exports.

The statement is built in a worker thread over a store of its own (Tracker.statement
reads the whole central export).  The preview filters by party and by type through a
QSortFilterProxyModel; held lines are highlighted with their reason as a tooltip and
stay out of the totals, as in the statement.  Exports go through the tracker/export
writers into a temp file in the target folder, then os.replace: a half-written file
never takes the place of a good one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from babel.numbers import format_currency, format_decimal
from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.billing import Line, PartyTotal
from tracker.model import ConsultancyType
from tracker.service import Tracker
from tracker.statement import Statement
from ui.common.fmt import ERROR_STYLE, held_reason_text
from ui.common.table_model import HeaderedTableModel
from ui.common.tracker_job import JobRunner

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
PartyRole = Qt.ItemDataRole.UserRole + 2
TypeRole = Qt.ItemDataRole.UserRole + 3

HELD_BACKGROUND = QColor("#fff2cc")  # the XLSX export's fill for held lines
HELD_TEXT = QColor("#7a4b00")
WARN_STYLE = "color: #9a4d00;"
LOCALE = "pt_BR"


def brl(value: Decimal | None) -> str:
    """R$ 1.234,56 as Brazilian invoices write it; empty for no amount."""
    return "" if value is None else format_currency(value, "BRL", locale=LOCALE)


def party_key(bill_to_kind: str, bill_to: str) -> str:
    return f"{bill_to_kind}:{bill_to}"


def _right() -> int:
    return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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
LINE_COLUMNS = 12


class StatementModel(HeaderedTableModel):
    """The statement's lines; held ones highlighted, their reason as tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []
        self._headers = [
            self.tr("Ticket"),
            self.tr("Type"),
            self.tr("Customer"),
            self.tr("Bill to"),
            self.tr("Consultants"),
            self.tr("Billable min"),
            self.tr("Rate/h"),
            self.tr("Amount"),
            self.tr("Waived"),
            self.tr("Held"),
            self.tr("Why held"),
            self.tr("Rate / policy"),
        ]

    def load(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line_at(self, row: int) -> Line | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else LINE_COLUMNS

    def bill_to_text(self, line: Line) -> str:
        if line.bill_to_kind == "unit":
            return self.tr("unit {code}").format(code=line.bill_to)
        return line.bill_to

    def versions_text(self, line: Line) -> str:
        """'rate v2 · technical-1': the rate version's number and the policy version."""
        rate = line.rate_version.split(" (")[0].rsplit("-", 1)[-1] if line.rate_version else "—"
        return self.tr("rate {rate} · {policy}").format(rate=rate, policy=line.policy_version)

    def held_text(self, line: Line) -> str:
        return self.tr("HELD") if line.held else self.tr("no")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        x, col = self._lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                L_TICKET: x.ticket,
                L_TYPE: x.type.portuguese,
                L_CUSTOMER: x.customer,
                L_BILL_TO: self.bill_to_text(x),
                L_CONSULTANTS: ", ".join(x.consultants),
                L_MINUTES: format_decimal(x.billable_minutes, locale=LOCALE),
                L_RATE: brl(x.hourly_rate),
                L_AMOUNT: brl(x.amount),
                L_WAIVED: (self.tr("yes — {ref}").format(ref=x.defect_ref) if x.waived else self.tr("no")),
                L_HELD: self.held_text(x),
                L_VERSIONS: self.versions_text(x),
                L_REASON: held_reason_text(x.held_reasons),
            }.get(col)
        if role == SortRole:
            return {
                L_TICKET: x.ticket,
                L_TYPE: x.type.value,
                L_CUSTOMER: x.customer,
                L_BILL_TO: x.bill_to,
                L_CONSULTANTS: ", ".join(x.consultants),
                L_MINUTES: x.billable_minutes,
                L_RATE: float(x.hourly_rate or 0),
                L_AMOUNT: float(x.amount or 0),
                L_WAIVED: int(x.waived),
                L_HELD: int(x.held),
                L_VERSIONS: x.rate_version,
                L_REASON: x.held_reason,
            }.get(col)
        if role == PartyRole:
            return party_key(x.bill_to_kind, x.bill_to)
        if role == TypeRole:
            return x.type.value
        if role == Qt.ItemDataRole.BackgroundRole and x.held:
            return QBrush(HELD_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and x.held and col in (L_HELD, L_AMOUNT, L_REASON):
            return QBrush(HELD_TEXT)
        if role == Qt.ItemDataRole.FontRole and x.held and col == L_HELD:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if x.held:
                reason = held_reason_text(x.held_reasons)
                return self.tr("Held back from the totals: {reason}").format(reason=reason)
            if col == L_WAIVED and x.waived:
                return self.tr("Waived: defect {ref} was not yet published").format(ref=x.defect_ref)
            if col == L_VERSIONS:
                return self.tr("Rate version {rate}; policy version {policy}").format(
                    rate=x.rate_version or "—", policy=x.policy_version
                )
            if col == L_BILL_TO and x.accounting:
                return "\n".join(f"{k}: {v}" for k, v in x.accounting.items() if v) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (L_MINUTES, L_RATE, L_AMOUNT):
            return _right()
        return None


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


T_PARTY = 0
T_KIND = 1
T_LINES = 2
T_MINUTES = 3
T_AMOUNT = 4
TOTAL_COLUMNS = 5


class TotalsModel(HeaderedTableModel):
    """Totals per party billed (held lines left out), and a grand total row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._totals: list[PartyTotal] = []
        self._headers = [
            self.tr("Bill to"),
            self.tr("Party"),
            self.tr("Lines"),
            self.tr("Billable min"),
            self.tr("Amount"),
        ]

    def load(self, totals: list[PartyTotal]) -> None:
        self.beginResetModel()
        self._totals = list(totals)
        self.endResetModel()

    def grand_total(self) -> Decimal:
        return sum((t.amount for t in self._totals), Decimal("0.00"))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._totals else len(self._totals) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else TOTAL_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, col = index.row(), index.column()
        grand = row == len(self._totals)
        if role == Qt.ItemDataRole.FontRole and grand:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= T_LINES:
            return _right()
        if role not in (Qt.ItemDataRole.DisplayRole, SortRole):
            return None
        if grand:
            values: dict[int, Any] = {
                T_PARTY: self.tr("TOTAL"),
                T_KIND: "",
                T_LINES: sum(t.lines for t in self._totals),
                T_MINUTES: sum(t.billable_minutes for t in self._totals),
                T_AMOUNT: self.grand_total(),
            }
        else:
            t = self._totals[row]
            values = {
                T_PARTY: t.bill_to,
                T_KIND: self.tr("unit") if t.bill_to_kind == "unit" else self.tr("customer"),
                T_LINES: t.lines,
                T_MINUTES: t.billable_minutes,
                T_AMOUNT: t.amount,
            }
        value = values.get(col)
        if role == SortRole:
            return float(value) if isinstance(value, Decimal) else value
        if col == T_AMOUNT:
            return brl(value)
        if col in (T_LINES, T_MINUTES):
            return format_decimal(value, locale=LOCALE)
        return value


def write_atomically(target: Path, write: Callable[[IO[Any]], None], binary: bool = False) -> None:
    """Write through a temp file in the target's folder, fsync it, then os.replace it over the target."""
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened (Windows)
        return
    try:
        os.fsync(dir_fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dir_fd)


class ExportFileDialog:
    """Where to save an export; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None


class BillingWindow(QWidget):
    """The month's statement preview and exports.  ``built`` follows each finished build."""

    built = Signal()
    build_failed = Signal(str)
    exported = Signal(str)

    def __init__(self, app: Tracker, parent: QWidget | None = None, month: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.app = app
        self.statement: Statement | None = None
        self.setWindowTitle(self.tr("Billing statement"))
        self.resize(1500, 720)
        self.runner = JobRunner(app.home, app.clock, self)
        self.runner.busy_changed.connect(self._busy)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(self._failed)
        self._build(month or app.now().date())
        self.load()

    # ----- building ----------------------------------------------------------------------

    def _build(self, month: date) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month:")))
        self.month_edit = QDateEdit(QDate(month.year, month.month, 1))
        self.month_edit.setDisplayFormat("MM/yyyy")
        self.month_edit.setCalendarPopup(True)
        self.month_edit.dateChanged.connect(self.load)
        bar.addWidget(self.month_edit)
        self.approved_only = QCheckBox(self.tr("Approved days only"))
        self.approved_only.setToolTip(self.tr("Count only the sessions of days a team lead approved"))
        self.approved_only.toggled.connect(self.load)
        bar.addWidget(self.approved_only)
        self.reload_button = QPushButton(self.tr("Rebuild"))
        self.reload_button.setToolTip(self.tr("Read the central export again and price the month"))
        self.reload_button.clicked.connect(self.load)
        bar.addWidget(self.reload_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Bill to:")))
        self.party_filter = QComboBox()
        self.party_filter.setMinimumWidth(220)
        self.party_filter.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.party_filter)
        bar.addWidget(QLabel(self.tr("Type:")))
        self.type_filter = QComboBox()
        self.type_filter.addItem(self.tr("All types"), "")
        for kind in (ConsultancyType.TECHNICAL, ConsultancyType.SUPPORT):
            self.type_filter.addItem(kind.portuguese, kind.value)
        self.type_filter.currentIndexChanged.connect(self._filter_changed)
        bar.addWidget(self.type_filter)
        bar.addStretch(1)
        layout.addLayout(bar)

        status = QHBoxLayout()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        status.addWidget(self.busy_bar)
        self.status = QLabel()
        status.addWidget(self.status, 1)
        layout.addLayout(status)

        split = QSplitter(Qt.Orientation.Vertical)
        self.lines = StatementModel(self)
        self.proxy = StatementFilter(self)
        self.proxy.setSourceModel(self.lines)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(L_TICKET, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(L_REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(L_REASON, 165)
        for col in (L_CUSTOMER, L_BILL_TO):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, 170)
        header.setSectionResizeMode(L_VERSIONS, QHeaderView.ResizeMode.Stretch)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        split.addWidget(self.view)

        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 4, 0, 0)
        heading = QLabel(self.tr("Totals per party (held lines left out)"))
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        bl.addWidget(heading)
        self.totals = TotalsModel(self)
        totals_proxy = QSortFilterProxyModel(self)
        totals_proxy.setSourceModel(self.totals)
        self.totals_view = QTableView()
        self.totals_view.setModel(totals_proxy)
        self.totals_view.verticalHeader().hide()
        self.totals_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.totals_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        th = self.totals_view.horizontalHeader()
        th.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(T_PARTY, QHeaderView.ResizeMode.Stretch)
        bl.addWidget(self.totals_view)
        self.notes = QLabel()
        self.notes.setStyleSheet(WARN_STYLE)
        self.notes.setWordWrap(True)
        bl.addWidget(self.notes)
        split.addWidget(bottom)
        split.setSizes([380, 300])
        layout.addWidget(split, 1)

        exports = QHBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        exports.addWidget(self.error, 1)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.xlsx_button = QPushButton(self.tr("Export XLSX…"))
        self.json_button = QPushButton(self.tr("Export JSON…"))
        for button, fmt in ((self.csv_button, "csv"), (self.xlsx_button, "xlsx"), (self.json_button, "json")):
            button.setToolTip(self.tr("The whole statement of the month, whatever the filters show"))
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            exports.addWidget(button)
        layout.addLayout(exports)

    # ----- building the statement --------------------------------------------------------

    @property
    def month(self) -> str:
        value = self.month_edit.date()
        return f"{value.year():04d}-{value.month():02d}"

    def load(self) -> None:
        """Build the month's statement in the worker thread; ``built`` follows."""
        month, approved = self.month, self.approved_only.isChecked()
        words = {
            "reading the central export": self.tr("Reading the central export…"),
            "pricing": self.tr("Pricing…"),
        }

        def work(tracker: Tracker, progress: Any) -> Statement:
            return tracker.statement(
                month, progress=lambda step: progress(words.get(step, step)), approved_only=approved
            )

        self.error.setText("")
        self.status.setText(self.tr("Building the statement of {month}…").format(month=self._month_text()))
        for button in (self.csv_button, self.xlsx_button, self.json_button):
            button.setEnabled(False)
        self.runner.start(work)

    def _month_text(self) -> str:
        return self.month_edit.date().toString("MM/yyyy")

    def _busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def _progress(self, text: str) -> None:
        self.status.setText(text)

    def _failed(self, text: str) -> None:
        self.status.setText("")
        self.error.setText(self.tr("The statement could not be built: {error}").format(error=text))
        self.build_failed.emit(text)

    def _show(self, st: Statement) -> None:
        self.statement = st
        self.lines.load(st.lines)
        self.totals.load(st.totals)
        self.totals_view.resizeColumnsToContents()
        party = self.party_filter.currentData()
        self.party_filter.blockSignals(True)
        self.party_filter.clear()
        self.party_filter.addItem(self.tr("All parties"), "")
        parties = sorted({(x.bill_to_kind, x.bill_to) for x in st.lines}, key=lambda p: (p[0], p[1].lower()))
        for kind, name in parties:
            label = self.tr("unit {code}").format(code=name) if kind == "unit" else name
            self.party_filter.addItem(label, party_key(kind, name))
        at = self.party_filter.findData(party) if party else 0
        self.party_filter.setCurrentIndex(max(at, 0))
        self.party_filter.blockSignals(False)
        self._filter_changed()
        held = sum(1 for x in st.lines if x.held)
        self.status.setText(
            self.tr("{month}: {lines} lines, {held} held; total {total}").format(
                month=self._month_text(), lines=len(st.lines), held=held, total=brl(self.totals.grand_total())
            )
        )
        notes = []
        if st.not_billed:
            notes.append(
                self.tr("{n} standard-support atendimento(s) recorded and never billed.").format(
                    n=len(st.not_billed)
                )
            )
        if held:
            notes.append(
                self.tr("{n} held line(s), highlighted: see the reason in each tooltip.").format(n=held)
            )
        notes += [self.tr("Problem: {text}").format(text=p) for p in st.problems]
        self.notes.setText("\n".join(notes))
        for button in (self.csv_button, self.xlsx_button, self.json_button):
            button.setEnabled(True)
        self.built.emit()

    def _filter_changed(self, *_: Any) -> None:
        self.proxy.set_party(self.party_filter.currentData() or "")
        self.proxy.set_type(self.type_filter.currentData() or "")

    def visible_lines(self) -> list[Line]:
        """The lines the preview shows now, in their shown order."""
        out = []
        for row in range(self.proxy.rowCount()):
            line = self.lines.line_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            if line is not None:
                out.append(line)
        return out

    # ----- exports ------------------------------------------------------------------------

    def export(self, fmt: str) -> Path | None:
        from tracker.export.csv_pt import write_csv
        from tracker.export.json_out import write_json
        from tracker.export.xlsx import write_xlsx

        st = self.statement
        if st is None:
            return None
        filters = {
            "csv": self.tr("CSV for spreadsheets (*.csv)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "json": self.tr("JSON (*.json)"),
        }
        suffix = "-aprovados" if self.approved_only.isChecked() else ""
        path = ExportFileDialog.ask(
            self, self.tr("Export the statement"), f"extrato-{st.month}{suffix}.{fmt}", filters[fmt]
        )
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(f".{fmt}")
        writers: dict[str, Callable[[IO[Any]], None]] = {
            "csv": lambda f: write_csv(st, f),
            "xlsx": lambda f: write_xlsx(st, f),
            "json": lambda f: write_json(st, f),
        }
        try:
            write_atomically(path, writers[fmt], binary=fmt == "xlsx")
        except OSError as exc:
            self.error.setText(
                self.tr("{path} was not written: {error}").format(path=path, error=exc.strerror or exc)
            )
            return None
        self.error.setText("")
        self.status.setText(self.tr("Exported {path}").format(path=path))
        self.exported.emit(str(path))
        return path

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait()
        super().closeEvent(event)
