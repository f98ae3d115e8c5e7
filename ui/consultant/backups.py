"""Backups from the window, in a worker so it never freezes while one is written.

Today's automatic backup waits for the start-up check and is never taken of a
damaged database.  "Back up now…" writes where the consultant says; "Restore a
backup…" asks for the file and hands it to the window's restore.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracker.app import Tracker
from ui.common.provider import TrackerProvider
from ui.common.tracker_job import Progress, Work
from ui.consultant.startup_gate import Stage, StartupGate


class BackupFileDialog:
    """Where "Back up now…" writes; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QGuiApplication.translate("BackupFileDialog", "Back up the database to"),
            str(suggested),
            QGuiApplication.translate("BackupFileDialog", "Tracker database (*.db)"),
        )
        return Path(name) if name else None


class RestoreFileDialog:
    """The backup "Restore a backup…" puts in place, once confirmed; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget | None, folder: Path) -> Path | None:
        translate = QGuiApplication.translate
        name, _ = QFileDialog.getOpenFileName(
            parent,
            translate("RestoreFileDialog", "Restore the database from"),
            str(folder),
            translate("BackupFileDialog", "Tracker database (*.db)"),
        )
        if not name:
            return None
        answer = QMessageBox.question(
            parent,
            translate("RestoreFileDialog", "Restore a backup"),
            translate(
                "RestoreFileDialog",
                "Put {0} in place of the current database?\n\n"
                "The current database is kept next to it, as tracker.db.before-restore-….",
            ).format(name),
        )
        return Path(name) if answer == QMessageBox.StandardButton.Yes else None


def backup_work(out: Path | None) -> Work:
    """Tracker.auto_backup() (``out`` None) or Tracker.backup(out): the file written, or ""."""

    def work(tracker: Tracker, progress: Progress) -> str:
        made = tracker.auto_backup() if out is None else tracker.backup(out)
        return str(made) if made else ""

    return work


class BackupController(QObject):
    finished = Signal(str)  # the file written ("" when today's automatic one existed)
    failed = Signal(str)
    restore_asked = Signal(object)  # the backup file to put in place (a Path)
    message = Signal(str, str)  # a status bar line and its kind

    def __init__(self, provider: TrackerProvider, gate: StartupGate, parent: QWidget) -> None:
        super().__init__(parent)
        self.provider, self.gate, self.parent_widget = provider, gate, parent
        self._running = False
        self._when_live = False
        self.action = QAction(self.tr("&Back up now…"), self)
        self.action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore a backup…"), self)
        self.restore_action.triggered.connect(self.ask_restore)
        self.runner = provider.runner(self)
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(self._failed)
        gate.changed.connect(self._stage)

    def start_auto(self) -> None:
        """Today's automatic backup, once the database is checked and the window live."""
        if not self.gate.live:
            self._when_live = self.gate.stage is not Stage.DAMAGED
            return
        self._run(None)

    def _stage(self, stage: Stage) -> None:
        if stage is Stage.LIVE and self._when_live:
            self._when_live = False
            self._run(None)

    def back_up_now(self) -> None:
        tracker = self.provider.tracker
        stamp = tracker.now().strftime("%Y-%m-%d-%H%M%S")
        suggested = tracker.home / "backups" / f"tracker-{stamp}.db"
        out = BackupFileDialog.ask(self.parent_widget, suggested)
        if out is not None:
            self._run(out)

    def ask_restore(self) -> None:
        if not self.gate.restorable:
            self.message.emit(self.tr("Checking the database…"), "warning")
            return
        source = RestoreFileDialog.ask(self.parent_widget, self.provider.tracker.home / "backups")
        if source is not None:
            self.restore_asked.emit(source)

    def _run(self, out: Path | None) -> None:
        if self.gate.stage is Stage.CLOSED:
            return
        if self._running:
            self.message.emit(self.tr("A backup is being written already"), "warning")
            return
        self._running = True
        self.action.setEnabled(False)
        self.message.emit(self.tr("Backing up…"), "info")
        self.runner.start(backup_work(out))

    def _done(self, path: str) -> None:
        self._running = False
        self.action.setEnabled(True)
        if path:
            self.message.emit(self.tr("Backup written to {0}").format(path), "info")
        else:
            folder = self.provider.tracker.home / "backups"
            self.message.emit(self.tr("Today's backup is already in {0}").format(folder), "info")
        self.finished.emit(path)

    def _failed(self, text: str) -> None:
        self._running = False
        self.action.setEnabled(True)
        self.message.emit(self.tr("The backup failed: {0}").format(text), "error")
        self.failed.emit(text)
