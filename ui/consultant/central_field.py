"""Where the central store is: a folder (a network share) or a server, and a button to test it.

Used by the first-run dialog and by the settings.  The test (Tracker.test_central) runs
in a worker: a share that does not answer must not freeze the window.  A server's
address is checked for its form here (postgresql://user@host/database); whether this
build can reach one is the Tracker's to say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from tracker.app import Tracker, clean_central
from tracker.errors import BadInput
from ui.common.fmt import ERROR_STYLE, error_text
from ui.common.tracker_job import JobRunner

OK_STYLE = "color: #1e8449; font-weight: bold;"
FOLDER, SERVER = "folder", "server"


class FolderDialog:
    """Pick the central folder; tests monkeypatch ``ask``."""

    @classmethod
    def ask(cls, parent: QWidget, start: str) -> str | None:
        title = QCoreApplication.translate("CentralField", "The central export folder")
        chosen = QFileDialog.getExistingDirectory(parent, title, start)
        return chosen or None


class CentralField(QWidget):
    """Folder or server, its place, and "Test connection" with what it found."""

    tested = Signal(bool, str)  # ok, what the test found

    def __init__(
        self, tracker: Tracker, folder: str, server: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self.runner = JobRunner(tracker.home, tracker.clock, self)
        self.runner.finished.connect(lambda text: self._show_test(True, str(text)))
        self.runner.failed.connect(lambda text: self._show_test(False, text))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.folder_choice = QRadioButton(self.tr("Folder"))
        self.server_choice = QRadioButton(self.tr("Server"))
        group = QButtonGroup(self)
        group.addButton(self.folder_choice)
        group.addButton(self.server_choice)
        self.folder = QLineEdit(folder)
        self.folder.setPlaceholderText(self.tr("a shared folder, e.g. /mnt/billing"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        server = "" if server.strip().lower() == FOLDER else server  # the setting's "folder"
        self.server = QLineEdit(server)
        self.server.setPlaceholderText(self.tr("postgresql://login@host/database"))
        grid.addWidget(self.folder_choice, 0, 0)
        grid.addWidget(self.folder, 0, 1)
        grid.addWidget(self.browse_button, 0, 2)
        grid.addWidget(self.server_choice, 1, 0)
        grid.addWidget(self.server, 1, 1, 1, 2)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test)
        row.addWidget(self.test_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row.addWidget(self.result, 1)
        grid.addLayout(row, 2, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        (self.server_choice if server else self.folder_choice).setChecked(True)
        self.folder_choice.toggled.connect(self._choice_changed)
        for edit in (self.folder, self.server):
            edit.textEdited.connect(lambda *_: self.result.clear())
        self._choice_changed()

    def _choice_changed(self) -> None:
        folder = self.folder_choice.isChecked()
        self.folder.setEnabled(folder)
        self.browse_button.setEnabled(folder)
        self.server.setEnabled(not folder)
        self.result.clear()

    @property
    def kind(self) -> str:
        return FOLDER if self.folder_choice.isChecked() else SERVER

    def target(self) -> str:
        """The folder or the server's address, checked for its form (BadInput "central")."""
        if self.kind == FOLDER:
            text = self.folder.text().strip()
            if not text:
                raise BadInput("central", self.tr("is empty; give the folder of the central export"))
            return text
        text = self.server.text().strip()
        try:
            url = clean_central(text)
        except BadInput:
            url = FOLDER
        if url == FOLDER:
            raise BadInput(
                "central",
                self.tr("'{0}' is not a server address; write it as postgresql://login@host/database").format(
                    text
                ),
            )
        return text

    def browse(self) -> None:
        chosen = FolderDialog.ask(self, self.folder.text() or str(Path.home()))
        if chosen:
            self.folder.setText(chosen)
            self.result.clear()

    def test(self) -> None:
        """Try the folder or server in a worker; ``tested`` says what came of it."""
        try:
            target = self.target()
        except BadInput as exc:
            self._show_test(False, exc.message)
            return
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)

        def work(tracker: Tracker, _progress: Any) -> str:
            return tracker.test_central(target)

        self.runner.start(work)

    def _show_test(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        shown = error_text(text)
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.setText(("✓ " if ok else "") + shown)
        self.tested.emit(ok, shown)

    def values(self) -> dict[str, str]:
        """The settings to store: the folder (``export-dir``), or the server (``central``)."""
        target = self.target()
        if self.kind == FOLDER:
            return {"export-dir": target, "central": FOLDER}
        return {"central": target}

    def wait(self) -> None:
        self.runner.wait()
