"""The moving-in wizard's last page: what will be written and what is left out, by a dry run.

The dry run is the real import in a transaction that is rolled back, so bad input (a
time in the future, a finalized ticket, a session over 24 h) is shown in red naming the
line, and Import stays disabled before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from tracker.app import Tracker, commit_import, plan_import
from ui.common.fmt import duration_text
from ui.consultant.import_models import K_REASON, P_NOTE, PreviewModel, SkippedModel
from ui.consultant.import_pages import ImportPage


class PreviewPage(ImportPage):
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
        wiz.plan = plan_import(wiz.entries, wiz.mapping, wiz.source, self.app.consultant)
        wiz.dry = None
        wiz.error = ""
        self.show_error("")
        customers = {t.number: t.customer for t in self.app.list_tickets()}
        self.sessions.load_sessions(wiz.plan.sessions, customers)
        self.skipped.load(wiz.plan.skipped)
        self.skipped_title.setText(self.tr("Entries left out: {n}").format(n=len(wiz.plan.skipped)))
        self.skipped_title.setVisible(bool(wiz.plan.skipped))
        self.skipped_view.setVisible(bool(wiz.plan.skipped))
        self.summary.setText(self.tr("Checking {n} sessions…").format(n=len(wiz.plan.sessions)))
        plan = wiz.plan

        def check(tracker: Any, _progress: Callable[[str], None]) -> Any:
            return commit_import(tracker, plan, dry_run=True)

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
            return commit_import(tracker, plan)

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
