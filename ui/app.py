"""Starting the desktop app: ``tracker`` with no arguments calls :func:`run_app`.

One window per data folder (ui/instance.py).  The database is opened without its
full check, which reads the whole file (seconds for a large history): a file SQLite
cannot read at all is refused here, and ``PRAGMA quick_check`` runs in a worker once
the window shows, which writes nothing until it passes.  A damaged database is
never written to: the consultant may restore the latest good backup.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tracker import i18n as core_i18n
from tracker.app import Tracker
from tracker.errors import TrackerError
from tracker.store import Store
from ui.common import i18n

EXIT_WHEN_SHOWN = "TRACKER_EXIT_WHEN_SHOWN"


translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def ensure_consultant(tracker: Tracker, parent: QWidget | None = None) -> str:
    """First run: ask for the login, prefilled with the OS user name, and store it."""
    from tracker.config import os_login
    from ui.consultant.dialogs import LoginDialog

    if not tracker.settings.is_set("consultant"):
        LoginDialog.ask(parent, tracker, os_login())
    return tracker.consultant


def cannot_start(text: str) -> int:
    text = translate("app", "Tracker cannot start.\n\n{0}").format(text)
    QMessageBox.critical(None, translate("app", "Tracker"), text)
    return 1


def open_checked_store(home: Path) -> Store | None:
    """The store, if SQLite can read it; an unreadable file may be replaced by a backup.

    None means the app must exit: the damaged file was left exactly as it was.  The
    full check (quick_check) is the window's, in a worker thread.
    """
    from tracker import backup
    from tracker.store import open_store
    from ui.consultant.dialogs import DamagedDatabaseDialog

    try:
        return open_store(home, check=False)
    except TrackerError as exc:
        damaged = isinstance(exc.__cause__, sqlite3.DatabaseError)
        good = backup.latest_good_backup(home) if damaged else None
        if good is None:
            cannot_start(str(exc))
            return None
        if not DamagedDatabaseDialog.ask(None, str(exc), good):
            return None
        try:
            aside = backup.restore(home, good)  # it checks the backup first
            store = open_store(home, check=False)
        except TrackerError as again:
            cannot_start(str(again))
            return None
        print(f"tracker: restored {good}; the damaged database was kept as {aside}", file=sys.stderr)
        return store


def already_open(home: Path, pid: int | None) -> int:
    """A window on this data folder runs already: bring it to the front, and exit."""
    from ui.common.instance import ask_first_to_raise

    if ask_first_to_raise(home):
        print("Tracker is already open; it was brought to the front", file=sys.stderr)
        return 0
    text = translate("app", "Tracker is already open (process {0})").format(pid if pid else "?")
    print(text, file=sys.stderr)
    QMessageBox.information(None, translate("app", "Tracker"), text)
    return 1


def install_language(qapp: QApplication, tracker: Tracker) -> str:
    """The translations the ``language`` setting asks for; the system's when unreadable."""
    try:
        setting = tracker.settings.get("language")
    except TrackerError:
        setting = "system"
    return use_language(qapp, setting)


def use_language(qapp: QCoreApplication, setting: str) -> str:
    """One language for everything shown: the windows' texts (Qt) and the core's messages.

    The core (tracker/, no Qt) has its own gettext catalog; it follows the language
    the windows were given.  Returns that language, ``pt_BR`` or ``en``.
    """
    language = i18n.install(qapp, setting)
    try:
        core_i18n.set_language(language)
    except Exception as exc:  # an unreadable catalog must not stop the app
        print(f"tracker: the core's {language} messages could not be loaded: {exc}", file=sys.stderr)
        core_i18n.set_language("en")
    return language


def run_app(argv: list[str] | None = None) -> int:
    from ui.consultant.main_window import app_icon

    args = list(sys.argv if argv is None else argv) or ["tracker"]
    qapp = QApplication.instance() or QApplication(args)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Tracker")
    qapp.setStyle("Fusion")  # the same look on every desktop
    qapp.setWindowIcon(app_icon())
    use_language(qapp, "system")  # until the store is open: the start-up messages
    try:
        return _run(qapp)
    finally:
        i18n.uninstall(qapp)  # a test runs the app in-process: leave no translator behind
        core_i18n.set_language("en")


def _run(qapp: QApplication) -> int:
    from tracker.clock import default_clock
    from tracker.paths import data_home
    from ui.common.instance import Acquired, SingleInstance, debug
    from ui.consultant.main_window import MainWindow

    home = data_home()
    instance = SingleInstance(home)
    acquired = instance.acquire()
    if acquired is Acquired.HELD:
        return already_open(home, instance.holder_pid())
    if acquired is Acquired.ERROR:
        return cannot_start(
            translate(
                "app",
                "cannot open the data folder {0}: the lock file {1} cannot be created. "
                "Check that the folder exists and that you may write to it, or set TRACKER_HOME.",
            ).format(home, instance.lock.fileName())
        )
    window: MainWindow | None = None

    def bring_to_front() -> None:
        if window is not None:
            window.bring_to_front()
            debug("raised")

    def ready() -> None:
        """After the first paint: today's automatic backup, in the background."""
        if window is not None:
            window.start_auto_backup()
        debug("ready")

    try:
        instance.listen()
        instance.raise_requested.connect(bring_to_front)
        store = open_checked_store(home)
        if store is None:
            return 1
        tracker = Tracker(store, default_clock(), home)
        install_language(qapp, tracker)
        try:
            exit_when_shown = os.environ.get(EXIT_WHEN_SHOWN) == "1"
            if not exit_when_shown:  # a timed start-up must not wait for a person
                ensure_consultant(tracker)
            window = MainWindow(tracker, startup_check=True)
            if exit_when_shown:
                window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: qapp.exit(0)))
            else:
                window.first_painted.connect(lambda: QTimer.singleShot(0, ready))
            window.show()
            try:
                return int(qapp.exec())
            finally:
                window.shutdown()
                tracker = window.tracker  # a restored backup brings a store of its own
                window.hide()
                window.deleteLater()
                window = None
        except TrackerError as exc:
            QMessageBox.critical(None, translate("app", "Tracker"), str(exc))
            return 1
        finally:
            tracker.store.close()
            store.close()  # closing twice does no harm
    finally:
        instance.release()
