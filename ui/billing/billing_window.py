"""Billing staff's month: a preview of the statement, its totals per party, and the exports.

The statement is built in a worker thread over a store of its own (Tracker.statement
reads the whole central export).  The preview filters by party and by type through a
QSortFilterProxyModel; held lines are highlighted with their reason as a tooltip and
stay out of the totals, as in the statement.  Exports are the CLI's files, written
whole or not at all (:mod:`ui.billing.exports`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Line, Statement, Tracker
from tracker.model import ConsultancyType
from ui.billing.exports import ask_target, write_export
from ui.billing.statement_models import (
    L_BILL_TO,
    L_CUSTOMER,
    L_REASON,
    L_TICKET,
    L_VERSIONS,
    T_PARTY,
    StatementFilter,
    StatementModel,
    TotalsModel,
    brl,
    party_key,
)
from ui.common.fmt import counted
from ui.common.report_window import ReportWindow


class BillingWindow(ReportWindow):
    """The month's statement preview and exports.  ``built`` follows each finished build."""

    built = Signal()
    build_failed = Signal(str)
    exported = Signal(str)

    def __init__(self, app: Tracker, parent: QWidget | None = None, month: date | None = None) -> None:
        super().__init__(app, parent)
        self.statement: Statement | None = None
        self.setWindowTitle(self.tr("Billing statement"))
        self.resize(1300, 690)
        self._build(month or app.now().date())
        self.load()

    # ----- building ----------------------------------------------------------------------

    def _build(self, month: date) -> None:
        layout = self.main_layout
        layout.addLayout(self._picker_row(month))
        status = QHBoxLayout()
        self.add_status(status)
        layout.addLayout(status)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._lines_view())
        split.addWidget(self._totals_box())
        split.setSizes([380, 300])
        layout.addWidget(split, 1)
        exports = QHBoxLayout()
        self.error = self.error_label()
        exports.addWidget(self.error, 1)
        self.add_exports(
            exports,
            {"csv": self.tr("Export CSV…"), "xlsx": self.tr("Export XLSX…"), "json": self.tr("Export JSON…")},
            self.tr("The whole statement of the month, whatever the filters show"),
        )
        layout.addLayout(exports)

    def _picker_row(self, month: date) -> QHBoxLayout:
        self.month_edit = self.date_picker(month, month=True)
        bar = self.picker_row(self.tr("Month:"), self.month_edit)
        self.approved_only = QCheckBox(self.tr("Approved days only"))
        self.approved_only.setToolTip(self.tr("Count only the sessions of days a team lead approved"))
        self.approved_only.toggled.connect(self.load)
        bar.addWidget(self.approved_only)
        self.reload_button = self.button(
            self.tr("Rebuild"), self.tr("Read the central export again and price the month"), self.load
        )
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
        return bar

    def _lines_view(self) -> QWidget:
        self.lines = StatementModel(self)
        self.view, self.proxy = self.table(self.lines, StatementFilter(self))
        self.view.sortByColumn(L_TICKET, Qt.SortOrder.AscendingOrder)
        self.view.setWordWrap(False)
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
        return self.view

    def _totals_box(self) -> QWidget:
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 4, 0, 0)
        heading = QLabel(self.tr("Totals per party (held lines left out)"))
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        column.addWidget(heading)
        self.totals = TotalsModel(self)
        self.totals_view, _ = self.table(self.totals, sortable=False)
        self.totals_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.totals_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(T_PARTY, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.totals_view)
        column.addWidget(self.problems)
        return bottom

    # ----- building the statement --------------------------------------------------------

    @property
    def month(self) -> str:
        value = self.month_edit.date()
        return f"{value.year():04d}-{value.month():02d}"

    def _month_text(self) -> str:
        return self.month_edit.date().toString("MM/yyyy")

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
        self.set_exports_enabled(False)
        self.start_loading(
            work, self.tr("Building the statement of {month}…").format(month=self._month_text())
        )

    def show_failure(self, text: str) -> None:
        # What an earlier build showed is not shown as if it were current.
        self.statement = None
        self.lines.load([])
        self.totals.load_totals([])
        self.status.setText("")
        self.show_problems([])
        self.error.setText(self.tr("The statement could not be built: {error}").format(error=text))
        self.build_failed.emit(text)

    def show_result(self, st: Statement) -> None:
        self.statement = st
        self.lines.load(st.lines)
        self.totals.load_totals(st.totals)
        self.totals_view.resizeColumnsToContents()
        self._fill_parties(st.lines)
        self._filter_changed()
        held = sum(1 for x in st.lines if x.held)
        self.status.setText(
            self.tr("{month}: {lines} lines, {held} held; total {total}").format(
                month=self._month_text(), lines=len(st.lines), held=held, total=brl(self.totals.grand_total())
            )
        )
        self.show_problems(self.notes(st, held))
        self.set_exports_enabled(True)
        self.built.emit()

    def notes(self, st: Statement, held: int) -> list[str]:
        """What the banner under the totals says about the month."""
        notes = []
        if st.not_billed:
            notes.append(
                counted(
                    len(st.not_billed),
                    self.tr("{0} standard-support atendimento recorded and never billed."),
                    self.tr("{0} standard-support atendimentos recorded and never billed."),
                )
            )
        if held:
            notes.append(
                counted(
                    held,
                    self.tr("{0} held line, highlighted: see the reason in its tooltip."),
                    self.tr("{0} held lines, highlighted: see the reason in each tooltip."),
                )
            )
        return notes + [self.tr("Problem: {text}").format(text=p) for p in st.problems]

    # ----- the filters --------------------------------------------------------------------

    def _fill_parties(self, lines: list[Line]) -> None:
        """The parties of the month, keeping the one chosen when it is still there."""
        party = self.party_filter.currentData()
        self.party_filter.blockSignals(True)
        self.party_filter.clear()
        self.party_filter.addItem(self.tr("All parties"), "")
        parties = sorted({(x.bill_to_kind, x.bill_to) for x in lines}, key=lambda p: (p[0], p[1].lower()))
        for kind, name in parties:
            label = self.tr("unit {code}").format(code=name) if kind == "unit" else name
            self.party_filter.addItem(label, party_key(kind, name))
        at = self.party_filter.findData(party) if party else 0
        self.party_filter.setCurrentIndex(max(at, 0))
        self.party_filter.blockSignals(False)

    def _filter_changed(self, *_: Any) -> None:
        assert isinstance(self.proxy, StatementFilter)
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
        """Ask where, then write the whole statement of the month there as ``fmt``."""
        st = self.statement
        if st is None:
            return None
        path = ask_target(self, st, fmt, self.approved_only.isChecked())
        if path is None:
            return None
        try:
            write_export(st, fmt, path)
        except OSError as exc:
            self.error.setText(
                self.tr("{path} was not written: {error}").format(path=path, error=exc.strerror or exc)
            )
            return None
        self.error.setText("")
        self.status.setText(self.tr("Exported {path}").format(path=path))
        self.exported.emit(str(path))
        return path
