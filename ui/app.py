"""Starting the desktop app: ``tracker`` with no arguments calls :func:`run_app`."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker.service import Tracker

EXIT_WHEN_SHOWN = "TRACKER_EXIT_WHEN_SHOWN"


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def ensure_consultant(tracker: Tracker, parent: QWidget | None = None) -> str:
    """First run: ask for the login, prefilled with the OS user name, and store it."""
    from tracker.config import os_login
    from ui.dialogs import LoginDialog

    if not tracker.settings.is_set("consultant"):
        LoginDialog.ask(parent, tracker, os_login())
    return tracker.consultant


def run_app(argv: list[str] | None = None) -> int:
    from tracker.clock import default_clock
    from tracker.errors import TrackerError
    from tracker.paths import data_home
    from tracker.store import open_store
    from ui.main_window import MainWindow, app_icon

    args = list(sys.argv if argv is None else argv) or ["tracker"]
    qapp = QApplication.instance() or QApplication(args)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Tracker")
    qapp.setStyle("Fusion")  # the same look on every desktop
    qapp.setWindowIcon(app_icon())

    home = data_home()
    try:
        store = open_store(home)
    except TrackerError as exc:
        QMessageBox.critical(None, tr("Tracker"), tr("Tracker cannot start.\n\n{0}").format(exc))
        return 1
    try:
        tracker = Tracker(store, default_clock(), home)
        exit_when_shown = os.environ.get(EXIT_WHEN_SHOWN) == "1"
        if not exit_when_shown:  # a timed start-up must not wait for a person
            ensure_consultant(tracker)
        window = MainWindow(tracker)
        if exit_when_shown:
            window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: qapp.exit(0)))
        window.show()
        try:
            return int(qapp.exec())
        finally:
            window.shutdown()
            window.hide()
            window.deleteLater()
    except TrackerError as exc:
        QMessageBox.critical(None, tr("Tracker"), str(exc))
        return 1
    finally:
        store.close()
