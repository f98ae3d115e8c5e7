"""What the lead's day review and the billing month share: a window over the central export.

A picker (a day or a month) reloads the report; the reload runs in a worker thread over a
store of its own (:class:`ui.common.tracker_job.JobRunner`) while a busy bar and a status
line say what is being done; a banner lists the problems found in the export; the tables
sort by their real values (``SortRole``); export buttons where the report has exports.
A subclass builds its layout from these pieces and answers :meth:`load`,
:meth:`show_result` and :meth:`show_failure`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.app import Tracker
from ui.common.fmt import ERROR_STYLE
from ui.common.rows_model import SortRole
from ui.common.tracker_job import JobRunner, Work

WARN_STYLE = "color: #9a4d00;"


def close_keys(window: QWidget) -> list[QShortcut]:
    """Esc and Ctrl+W (the platform's Close) close ``window``, as in any other window."""
    keys = [QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")]
    keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Close) if k not in keys]
    made = []
    for key in keys:
        shortcut = QShortcut(key, window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(window.close)
        made.append(shortcut)
    return made


class ReportWindow(QWidget):
    """A top-level window showing one report of the export, reloaded in a worker thread."""

    def __init__(self, app: Tracker, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.app = app
        self.runners: list[JobRunner] = []
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status = QLabel()
        self.problems = self.banner(WARN_STYLE)
        self.problems.hide()
        self.export_buttons: dict[str, QPushButton] = {}
        self.loader = self.job_runner()
        self.loader.progress.connect(self.status.setText)
        self.loader.finished.connect(self.show_result)
        self.loader.failed.connect(self._load_failed)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.setContentsMargins(12, 10, 12, 10)
        self.main_layout.setSpacing(8)
        self.close_shortcuts = close_keys(self)

    # ----- what a report answers ---------------------------------------------------------

    def load(self) -> None:
        """Read the report again (in the worker: :meth:`start_loading`)."""
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        """Show what the worker read."""
        raise NotImplementedError

    def show_failure(self, text: str) -> None:
        """Say that the report could not be read."""
        raise NotImplementedError

    # ----- pieces of the layout -----------------------------------------------------------

    def date_picker(self, value: date, *, month: bool = False) -> QDateEdit:
        """The day (dd/mm/yyyy) or month (mm/yyyy) shown; changing it reloads."""
        edit = QDateEdit(QDate(value.year, value.month, 1 if month else value.day))
        edit.setDisplayFormat("MM/yyyy" if month else "dd/MM/yyyy")
        edit.setCalendarPopup(True)
        if not month:
            edit.setMaximumDate(QDate.currentDate().addYears(1))
        edit.dateChanged.connect(self.load)
        return edit

    def picker_row(self, label: str, picker: QWidget) -> QHBoxLayout:
        """A row starting with ``label`` and the picker; the caller adds the rest."""
        row = QHBoxLayout()
        row.addWidget(QLabel(label))
        row.addWidget(picker)
        return row

    def add_status(self, row: QHBoxLayout) -> None:
        """The busy bar and the status line, taking the rest of ``row``."""
        row.addWidget(self.busy_bar)
        row.addWidget(self.status, 1)

    def button(self, text: str, tip: str, clicked: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(clicked)
        return button

    @staticmethod
    def banner(style: str) -> QLabel:
        """A wrapped line of coloured text (problems, warnings, errors)."""
        label = QLabel()
        label.setStyleSheet(style)
        label.setWordWrap(True)
        return label

    def error_label(self) -> QLabel:
        label = self.banner(ERROR_STYLE)
        label.setObjectName("error")
        return label

    def table(
        self,
        model: QAbstractItemModel,
        proxy: QSortFilterProxyModel | None = None,
        *,
        sortable: bool = True,
        single: bool = False,
        stripes: bool = False,
    ) -> tuple[QTableView, QSortFilterProxyModel]:
        """A read-only view of ``model`` through a proxy sorting by the real values."""
        proxy = proxy or QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortRole)
        view = QTableView(self)
        view.setModel(proxy)
        view.setSortingEnabled(sortable)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if single:
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(stripes)
        view.verticalHeader().hide()
        view.horizontalHeader().setHighlightSections(False)
        return view, proxy

    def add_exports(self, row: QHBoxLayout, labels: dict[str, str], tip: str) -> None:
        """One button per export format, disabled until a report is shown; each calls :meth:`export`."""
        for fmt, text in labels.items():
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            row.addWidget(button)

    def export(self, fmt: str) -> Any:
        raise NotImplementedError

    def set_exports_enabled(self, enabled: bool) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(enabled)

    def show_problems(self, lines: Sequence[str]) -> None:
        """The banner of problems found in the export (hidden when there are none)."""
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    # ----- the worker ----------------------------------------------------------------------

    def job_runner(self) -> JobRunner:
        """A worker for this window; the busy bar shows while any of them works."""
        runner = JobRunner(self.app.home, self.app.clock, self)
        runner.busy_changed.connect(self._busy)
        self.runners.append(runner)
        return runner

    def start_loading(self, work: Work, text: str) -> None:
        """Run ``work(tracker, progress)`` in the worker; :meth:`show_result` gets its result."""
        self.status.setText(text)
        self.loader.start(work)

    def _busy(self, _busy: bool) -> None:
        self.busy_bar.setVisible(any(r.busy for r in self.runners))

    def _load_failed(self, text: str) -> None:
        self.status.setText("")
        self.show_failure(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        for runner in self.runners:
            runner.wait()  # no thread outlives the window
        super().closeEvent(event)
