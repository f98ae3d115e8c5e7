"""The main window: a ticket, a big start/stop button, and the sessions of the day shown.

It composes its parts and reads the day again when anything changed:

- :class:`~ui.consultant.ticket_panel.TicketPanel`: the ticket picker and its actions;
- :class:`~ui.consultant.timer_bar.TimerBar`: start, stop, switch, the elapsed time;
- :class:`~ui.consultant.day_table.DayTable`: the day picked (today by default), its
  sessions and their actions;
- :class:`~ui.common.message_bar.MessageBar`: long messages, warnings and errors in full;
- :class:`~ui.consultant.returned_banner.ReturnedDaysBanner`: days a lead returned;
- :class:`~ui.consultant.sync_controller.SyncController`: sync, its status, the automatic sync;
- :class:`~ui.consultant.backups.BackupController`, :class:`~ui.consultant.heartbeat.Heartbeat`;
- :class:`~ui.consultant.startup_gate.StartupGate`: nothing writes until the database is sound;
- the tray, reminders, idle watcher and quick switch.

Every part reads the Tracker from one :class:`~ui.common.provider.TrackerProvider`, so a
restored backup is what all of them work on at once.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from tracker.app import Tracker
from tracker.errors import TrackerError
from tracker.model import Session, Ticket
from ui.common.fmt import error_text
from ui.common.looks import restyle
from ui.common.message_bar import MessageBar, fits
from ui.common.provider import TrackerProvider
from ui.consultant.backups import BackupController
from ui.consultant.day_table import DayTable
from ui.consultant.dialogs import CloseNotice, DamagedDatabaseDialog
from ui.consultant.heartbeat import Heartbeat
from ui.consultant.idle import install_idle_watcher
from ui.consultant.palette import install_palette, shortcuts
from ui.consultant.reminders import install_reminders
from ui.consultant.returned_banner import ReturnedDays, ReturnedDaysBanner
from ui.consultant.settings_dialog import SettingsDialog
from ui.consultant.startup_gate import Stage, StartupGate
from ui.consultant.sync_controller import SyncController
from ui.consultant.ticket_panel import TicketPanel
from ui.consultant.timer_bar import TimerBar, app_title
from ui.consultant.tray import icon_path, install_tray
from ui.consultant.window_menus import LanguageMenu, RoleMenus, RoleWindows

# For the status bar's own message only: its permanent widgets (the sync indicator) keep their colours.
STATUS_STYLES = {
    "info": "",
    "warning": "QStatusBar { color: #9a5b00; }",
    "error": "QStatusBar { color: #c0392b; font-weight: bold; }",
}


class MainWindow(QMainWindow):
    first_painted = Signal()
    check_finished = Signal(str)  # the start-up check: "" when sound, else the problem

    def __init__(self, tracker: Tracker, parent: QWidget | None = None, startup_check: bool = False) -> None:
        """``startup_check``: the store was opened without its quick_check; run it in a
        worker once shown, and allow no writes until it passes."""
        super().__init__(parent)
        self.provider = TrackerProvider(tracker, self)
        self.provider.warned.connect(self._warned)
        self.gate = StartupGate(self.provider, startup_check, self)
        self._painted = False
        self._day: date | None = None
        self._version = -1
        self._warnings: list[str] = []  # Tracker warnings not yet shown with a message
        self.setWindowTitle(app_title())
        self.resize(960, 680)
        self._build()
        self._build_menus()
        self._install_companions()
        self.gate.changed.connect(self._stage_changed)
        self.gate.checked.connect(self._checked)
        self.gate.damaged.connect(self._damaged)
        self.reload()
        self._set_writable(self.gate.writable)
        if self.gate.stage is Stage.UNCHECKED:
            self.sync.indicator.show_checking()
            self.show_message(self.tr("Checking the database…"))
        qapp = QGuiApplication.instance()
        if isinstance(qapp, QGuiApplication):
            qapp.applicationStateChanged.connect(self.application_state_changed)
        self.tick_timer = self._every_second(self.tick)
        self.poll_timer = self._every_second(self.poll)

    def _every_second(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(1000)
        timer.timeout.connect(slot)
        timer.start()
        return timer

    @property
    def tracker(self) -> Tracker:
        return self.provider.tracker

    @property
    def writable(self) -> bool:
        return self.gate.writable

    # ----- building --------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.setSpacing(10)
        writable = lambda: self.gate.writable  # noqa: E731
        self.returned_banner = ReturnedDaysBanner()
        self.returned = ReturnedDays(self.provider, self.returned_banner, self)
        self.panel = TicketPanel(self.provider)
        self.day = DayTable(self.provider, writable)
        self.timer_bar = TimerBar(self.provider, self.panel, self.day.model, writable)
        self.message_bar = MessageBar()
        for part in (self.panel, self.day):
            part.changed.connect(self.reload)
        self.timer_bar.changed.connect(self._timer_changed)
        self.day.nav.day_changed.connect(lambda _day: self.reload())
        self.returned_banner.open_day.connect(self.show_day)
        self.panel.message.connect(self.show_message)
        self.panel.selection_changed.connect(self._show_timer)
        self.timer_bar.message.connect(self.show_message)
        self.day.message.connect(self.show_message)
        for widget in (self.returned_banner, self.panel, self.timer_bar, self.message_bar):
            layout.addWidget(widget)
        layout.addWidget(self.day, 1)
        self.setCentralWidget(central)
        self.addActions(self.day.nav.actions_)

        self.sync = SyncController(self.provider, self.gate, self)
        self.backups = BackupController(self.provider, self.gate, self)
        self.heartbeat = Heartbeat(self.provider, self.gate, self.day.model, self)
        self.role_windows = RoleWindows(self.provider, self)
        for worker in (self.sync, self.heartbeat):
            worker.changed.connect(self.reload)
        for teller in (self.sync, self.backups, self.heartbeat, self.role_windows):
            teller.message.connect(self.show_message)
        self.backups.restore_asked.connect(self.restore_backup)
        self.statusBar().addPermanentWidget(self.sync.indicator)
        self.consultant_label = QLabel()
        self.statusBar().addPermanentWidget(self.consultant_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.sync.action)
        file_menu.addSeparator()
        file_menu.addActions([self.backups.action, self.backups.restore_action])
        self.import_action = self._action(self.tr("&Move in from Toggl, Clockify or Watson…"), self.move_in)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.settings_action = self._action(self.tr("S&ettings…"), self.open_settings, "Ctrl+,")
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Close window"), self.close, "Ctrl+Q"))
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addActions(self.day.session_actions.actions)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addActions(self.day.nav.actions_)
        view_menu.addSeparator()
        self.days_action = self._action(self.tr("My &days…"), self.open_days, "Ctrl+Shift+D")
        self.week_action = self._action(
            self.tr("&Week…"), lambda: self.role_windows.open("week"), "Ctrl+Shift+W"
        )
        view_menu.addActions([self.days_action, self.week_action])
        view_menu.addSeparator()
        self.language = LanguageMenu(self.provider, lambda: self.gate.writable, view_menu)
        self.language.message.connect(self.show_message)
        # Shown by role (tracker config set role ...); the windows load only when opened.
        self.role_menus = RoleMenus(self.menuBar(), self.provider, self.role_windows)
        self.review_menu, self.review_action = self.role_menus.review_menu, self.role_menus.review_action
        self.billing_menu, self.billing_action = self.role_menus.billing_menu, self.role_menus.billing_action
        self.rates_action = self.role_menus.rates_action

    def _action(self, text: str, slot: object, keys: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        return action

    def _install_companions(self) -> None:
        """The tray, reminders, idle-time watcher, quick-switch palette and shortcuts."""
        self.tray = install_tray(self, self.provider)
        self.reminders = install_reminders(self.provider, self.tray.notify, self)
        self.idle_watcher = install_idle_watcher(self, self.provider)
        self.palette = install_palette(self, self.provider)
        self.keyboard_actions = shortcuts(
            self,
            {
                "start_stop": self.timer_bar.start_or_stop,
                "quick_switch": self.palette.open_palette,
                "new_ticket": self.panel.new_ticket,
                "sync": self.sync.sync_now,
                "focus_note": self.timer_bar.focus_note,
            },
        )
        self.addActions(self.keyboard_actions)

    def move_in(self) -> None:
        if self.role_windows.move_in():
            self.reload()

    def open_settings(self) -> None:
        """File → Settings…: every setting in one form; nothing is written while checking."""
        if not self.gate.writable:
            self.show_message(self.tr("The database is not writable now; try again in a moment."), "warning")
            return
        changed = SettingsDialog.ask(self, self.tracker)
        if changed is None:
            return
        self.reload()
        if "language" in changed:
            self.show_message(self.tr("Settings saved. The language changes the next time Tracker starts."))
        else:
            self.show_message(self.tr("Settings saved"))

    def open_days(self) -> None:
        """View → My days…: the week's or month's days, each with its total and review."""
        window = self.role_windows.open("days")
        if window is not None and not window.property("connected"):
            window.setProperty("connected", True)
            window.open_day.connect(self.show_day)  # type: ignore[attr-defined]

    def show_day(self, day: date) -> None:
        """Show ``day`` in this window (a returned day, a day picked in the list)."""
        self.day.nav.set_day(day)
        self.bring_to_front()

    def _timer_changed(self) -> None:
        """A timer started or stopped: that is today's work, so today is shown."""
        if self.day.nav.is_today:
            self.reload()
        else:
            self.day.nav.go_today()

    # ----- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the window shows again (after a write, or another process's)."""
        tracker = self.tracker
        now = tracker.clock.now()
        self._day = tracker.now().date()
        shown = self.day.nav.day
        try:
            self._version = tracker.data_version()
            timer = tracker.running()
            flags = list(tracker.status().flags) if timer else []
            sessions = tracker.log(shown)
            # Only the tickets on screen are read: the history may hold tens of thousands.
            tickets = self._tickets([timer.ticket] if timer else [], sessions)
            finalized = {t.number for t in tickets if t.finalized}
            self.day.show_day(sessions, timer, now, flags, finalized, shown)
            self.timer_bar.customer = tickets[0].customer if timer and tickets else ""
            self.panel.reload_tickets(tickets)
            self.day.read_review(shown)
            self.role_menus.refresh()
        except TrackerError as exc:
            self.show_message(error_text(exc), "error")
        self.sync.request_status()
        self.returned.request(shown)
        if not self.panel.current_number():
            self._preselect()
        self.day.show_heading(shown, self._day)
        self.consultant_label.setText(self.tr("Consultant: {0}").format(tracker.consultant))
        self.tick()
        self.heartbeat.keep()

    def _tickets(self, running: list[str], sessions: list[Session]) -> list[Ticket]:
        """The running ticket first, then today's, the latest first."""
        tickets = []
        for number in dict.fromkeys([*running, *(s.ticket for s in reversed(sessions))]):
            try:
                tickets.append(self.tracker.ticket(number))
            except TrackerError:
                continue
        return tickets

    def _preselect(self) -> None:
        """Nothing picked yet: show the running ticket, else the last one worked on today."""
        timer = self.day.model.timer
        number = timer.ticket if timer is not None else self.day.last_ticket()
        if number:
            self.panel.select(number)

    def poll(self) -> None:
        """Reload when another process (the CLI) committed to the database."""
        try:
            version = self.tracker.data_version()
        except Exception:  # the database may be busy for a moment; the next poll retries
            return
        if version != self._version:
            self.reload()
            if self.gate.live and not self.sync.syncing:  # a sync changes no ticket
                self.panel.fetch_tickets()  # a ticket the CLI added or finalized

    def tick(self) -> None:
        """Once a second: elapsed time, the running row, the total and the title."""
        if self._day is not None and self.tracker.now().date() != self._day:
            self.reload()  # a new day: today's sessions are other ones (if today is shown)
            return
        self.day.refresh(self.tracker.clock.now())
        self._show_timer()

    def _show_timer(self) -> None:
        self.setWindowTitle(self.timer_bar.refresh())

    def start_or_stop(self) -> None:
        self.timer_bar.start_or_stop()

    def show_message(self, text: str, kind: str = "info") -> None:
        """A status bar line; the Tracker's warnings of the same action are added to it.

        A warning, an error, or a line the status bar would cut is also shown whole in
        the message bar above the table, until closed or replaced.
        """
        if self._warnings:
            warning = self.tr("Warning: {0}").format("; ".join(self._warnings))
            text = f"{text} — {warning}" if text else warning
            kind = "warning" if kind == "info" else kind
            if text != warning:  # shown with its action's own message: done with them
                self._warnings.clear()
        restyle(self.statusBar(), STATUS_STYLES.get(kind, ""))
        self.statusBar().showMessage(text)
        room = self.statusBar().width() - self.sync.indicator.width() - self.consultant_label.width() - 40
        if text and (kind != "info" or not fits(text, self.statusBar(), room)):
            self.message_bar.show_message(text, kind)
        elif text and self.message_bar.kind == "info":
            self.message_bar.dismiss()  # a short message replaces a long one

    def _warned(self, text: str) -> None:
        self._warnings.append(text)
        self.show_message("")

    # ----- the start-up check and restoring a backup -------------------------------------

    def startup(self) -> None:
        """Once, when the window first shows: the database check, if the app asked for one."""
        if self.gate.stage in (Stage.UNCHECKED, Stage.READY):
            self.gate.begin()

    def _stage_changed(self, stage: Stage) -> None:
        self._set_writable(self.gate.writable)
        if stage is Stage.LIVE:  # sound and shown: a sleep gap since the last run, the sync status
            self.heartbeat.keep()
            self.heartbeat.tick()
            self.panel.fetch_tickets()
            self.sync.request_status()
            self.sync.auto_timer.start()

    def _set_writable(self, writable: bool) -> None:
        """Everything that writes, on or off: start/stop, tickets, session edits, sync."""
        self.panel.set_writable(writable)
        self.sync.set_writable(writable)
        self.day.update_actions()
        self._show_timer()

    def _checked(self, problem: str) -> None:
        if not problem:
            self.show_message(self.tr("Database checked"))
        self.check_finished.emit(problem)

    def _damaged(self, text: str, good: Path | None) -> None:
        self.day.banner.show_problem(text)
        self.sync.indicator.state_label.setText(self.tr("Nothing is written: the database is damaged"))
        self.show_message(self.tr("The database is damaged; nothing is written to it"), "error")
        if good is not None and DamagedDatabaseDialog.ask(self, text, good):
            self.restore_backup(good)

    def restore_backup(self, source: Path) -> None:
        """Put a backup in place of the database; every part of the window carries on with it."""
        if not self.gate.restorable:
            return
        damaged = self.gate.stage is Stage.DAMAGED
        self.poll_timer.stop()
        self.role_windows.close_all()  # made again over the restored data when next opened
        try:
            aside = self.provider.restore(source)
        except TrackerError as exc:
            self.show_message(error_text(exc), "error")
            return
        finally:
            self.poll_timer.start()
        if damaged:
            self.day.banner.show_review(None)
        self.reload()
        self.gate.restored()
        self.idle_watcher.forget()
        self.tray.refresh()
        if damaged:
            text = self.tr("Restored {0}; the damaged database was kept as {1}")
        else:
            text = self.tr("Restored {0}; the previous database was kept as {1}")
        self.show_message(text.format(source, aside))

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        """Back from sleep (or another window): look for a gap at once, not in a minute."""
        if (
            state == Qt.ApplicationState.ApplicationActive
            and self.gate.live
            and self.day.model.timer is not None
        ):
            self.heartbeat.tick()

    def bring_to_front(self) -> None:
        """Another ``tracker`` was started: show this window instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # ----- events ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.gate.stage in (Stage.UNCHECKED, Stage.READY):
            QTimer.singleShot(0, self.startup)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def shutdown(self) -> None:
        """Stop polling; after this the window no longer touches the database.

        A clean exit with a timer running says so (Tracker.quiet): no heartbeat is
        expected while the window is closed, so reopening it is not a sleep gap.
        """
        if self.gate.stage is Stage.CLOSED:
            return
        damaged = self.gate.stage is Stage.DAMAGED
        self.role_windows.close_all()
        for timer in (self.tick_timer, self.poll_timer):
            timer.stop()
        self.heartbeat.stop()
        self.tray.shutdown()
        self.reminders.stop()
        self.idle_watcher.stop()
        self.sync.stop()
        self.gate.close()  # a check stops at once; a sync after its current batch
        qapp = QGuiApplication.instance()
        if isinstance(qapp, QGuiApplication):
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                qapp.applicationStateChanged.disconnect(self.application_state_changed)
        if not damaged:  # never write to a damaged file
            with contextlib.suppress(TrackerError):
                self.tracker.quiet()
        self.provider.wait()  # a backup in flight finishes writing its file

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.gate.stage is Stage.CLOSED:
            event.accept()
            return
        if self.tray.keeps_running_on_close():
            # Closing leaves the app in the tray (setting close-to-tray); Quit is in its menu.
            self.hide()
            self.tray.notify(
                self.tr("Tracker is still running"), self.tr("Open it again from the tray icon.")
            )
            event.ignore()
            return
        try:
            timer = self.tracker.running()
        except TrackerError:
            timer = None
        if timer is not None:
            CloseNotice.ask(
                self,
                self.tr(
                    "The timer on {0} keeps running; it is stored and will be here when you reopen."
                ).format(timer.ticket),
            )
        self.shutdown()
        event.accept()


def app_icon() -> QIcon:
    return QIcon(str(icon_path()))
