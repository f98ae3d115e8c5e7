"""Moving in from Toggl Track, Clockify or Watson: choose the file, map, preview, import.

Three pages over tracker/'s moving-in reader (through :mod:`tracker.app`): the source
and file (:class:`~ui.consultant.import_pages.SourcePage`); a table mapping each project
and tag to a ticket (:class:`~ui.consultant.import_pages.MappingPage`); a preview of the
sessions that will be written and the entries left out with the reason
(:class:`~ui.consultant.import_preview.PreviewPage`).  Finish writes with the same
all-or-nothing transaction as ``tracker import``.

A large file is read, checked and written in a worker thread with a store of its own
(:class:`ui.common.tracker_job.JobRunner`); a small one inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from tracker.app import ForeignEntry, ImportResult, Plan, Tracker
from tracker.errors import BadInput, TrackerError
from ui.common.fmt import duration_text
from ui.common.tracker_job import JobRunner
from ui.consultant.import_pages import MappingPage, SourcePage, Work
from ui.consultant.import_preview import PreviewPage


class ImportReport:
    """What the import wrote, after Finish; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, text: str) -> None:
        QMessageBox.information(parent, QCoreApplication.translate("ImportWizard", "Import finished"), text)


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
