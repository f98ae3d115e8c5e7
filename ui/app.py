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

from tracker.app import (
    Clock,
    Tracker,
    data_home,
    default_clock,
    latest_good_backup,
    open_tracker,
    os_login,
    restore_backup,
    set_core_language,
)
from tracker.errors import TrackerError
from ui.common import i18n
from ui.common.focus import ActivateOnShow
from ui.common.instance import Acquired, SingleInstance, ask_first_to_raise, debug
from ui.common.pyside_fix import guard_emit_refcount
from ui.consultant.dialogs import DamagedDatabaseDialog, LoginDialog
from ui.consultant.main_window import MainWindow, app_icon

EXIT_WHEN_SHOWN = "TRACKER_EXIT_WHEN_SHOWN"


translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def ensure_consultant(tracker: Tracker, parent: QWidget | None = None) -> str:
    """First run: ask for the login, prefilled with the OS user name, and store it."""
    if not tracker.settings.is_set("consultant"):
        LoginDialog.ask(parent, tracker, os_login())
    return tracker.consultant


def cannot_start(text: str) -> int:
    text = translate("app", "Tracker cannot start.\n\n{0}").format(text)
    QMessageBox.critical(None, translate("app", "Tracker"), text)
    return 1


def open_checked_tracker(home: Path, clock: Clock) -> Tracker | None:
    """The home's tracker, if SQLite can read its database; an unreadable file may be replaced by a backup.

    None means the app must exit: the damaged file was left exactly as it was.  The
    full check (quick_check) is the window's, in a worker thread.
    """
    try:
        return open_tracker(home, clock, check=False)
    except TrackerError as exc:
        damaged = isinstance(exc.__cause__, sqlite3.DatabaseError)
        good = latest_good_backup(home) if damaged else None
        if good is None:
            cannot_start(str(exc))
            return None
        if not DamagedDatabaseDialog.ask(None, str(exc), good):
            return None
        try:
            aside = restore_backup(home, good)  # it checks the backup first
            tracker = open_tracker(home, clock, check=False)
        except TrackerError as again:
            cannot_start(str(again))
            return None
        print(f"tracker: restored {good}; the damaged database was kept as {aside}", file=sys.stderr)
        return tracker


def already_open(home: Path, pid: int | None) -> int:
    """A window on this data folder runs already: bring it to the front, and exit."""
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
        set_core_language(language)
    except Exception as exc:  # an unreadable catalog must not stop the app
        print(f"tracker: the core's {language} messages could not be loaded: {exc}", file=sys.stderr)
        set_core_language("en")
    return language


def run_app(argv: list[str] | None = None) -> int:
    guard_emit_refcount()  # PySide6 6.12.0 would abort the app after some thousand signals
    args = list(sys.argv if argv is None else argv) or ["tracker"]
    qapp = QApplication.instance() or QApplication(args)
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Tracker")
    qapp.setStyle("Fusion")  # the same look on every desktop
    qapp.setWindowIcon(app_icon())
    focus = ActivateOnShow(qapp)  # with no window manager, a dialog still gets what is typed
    qapp.installEventFilter(focus)
    use_language(qapp, "system")  # until the store is open: the start-up messages
    try:
        return _run(qapp)
    finally:
        qapp.removeEventFilter(focus)
        i18n.uninstall(qapp)  # a test runs the app in-process: leave no translator behind
        set_core_language("en")


def _run(qapp: QApplication) -> int:
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
    try:
        instance.listen()
        tracker = open_checked_tracker(home, default_clock())
        if tracker is None:
            return 1
        install_language(qapp, tracker)
        return _run_window(qapp, instance, tracker)
    finally:
        instance.release()


def _run_window(qapp: QApplication, instance: SingleInstance, tracker: Tracker) -> int:
    """The window until it closes; the tracker (or the one a restored backup brought) is closed after."""
    exit_when_shown = os.environ.get(EXIT_WHEN_SHOWN) == "1"
    try:
        if not exit_when_shown:  # a timed start-up must not wait for a person
            ensure_consultant(tracker)
        window = MainWindow(tracker, startup_check=True)
    except TrackerError as exc:
        tracker.store.close()
        QMessageBox.critical(None, translate("app", "Tracker"), str(exc))
        return 1

    def bring_to_front() -> None:
        window.bring_to_front()
        debug("raised")

    def ready() -> None:
        """After the first paint: today's automatic backup, in the background."""
        window.backups.start_auto()
        debug("ready")

    instance.raise_requested.connect(bring_to_front)
    if exit_when_shown:
        window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: qapp.exit(0)))
    else:
        window.first_painted.connect(lambda: QTimer.singleShot(0, ready))
    window.show()
    try:
        return int(qapp.exec())
    finally:
        instance.raise_requested.disconnect(bring_to_front)
        window.shutdown()
        window.tracker.store.close()  # a restored backup brought a Tracker of its own
        window.hide()
        window.deleteLater()
