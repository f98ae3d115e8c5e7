"""The main window: a ticket, a big start/stop button, and today's sessions.

It also syncs with the central export (a worker thread; by hand or every minute when
the folder is there and something is pending), shows the sync status and a lead's
decision about the day, and, opened by the app, waits for the start-up database
check before it lets anything write.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSortFilterProxyModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.model import Session, Ticket
from tracker.app import Tracker
from ui.consultant.backup_worker import BackupJob, BackupSignals
from ui.consultant.dialogs import CloseNotice, DamagedDatabaseDialog
from ui.common.fmt import clock_text, day_text, duration_text
from ui.consultant.session_actions import SessionActions
from ui.consultant.sessions_model import COL_NOTE, COL_START, COL_TICKET, SessionsModel, SortRole
from ui.consultant.sleep_gap import SleepGapDialog
from ui.consultant.sync_jobs import CheckJob, CheckSignals, SyncJob, SyncOutcome, SyncSignals
from ui.consultant.sync_status import ReviewBanner, SyncIndicator
from ui.consultant.ticket_dialog import NewTicketDialog
from ui.consultant.ticket_panel import TicketPanel

APP_TITLE = QT_TRANSLATE_NOOP("MainWindow", "Tracker")
START_STYLE = (
    "QPushButton {{ background: {0}; color: white; border: none; border-radius: 8px;"
    " padding: 10px 22px; font-size: 17pt; font-weight: bold; }}"
    "QPushButton:hover {{ background: {1}; }}"
    "QPushButton:disabled {{ background: #9aa5ad; }}"
)
GREEN = START_STYLE.format("#1e8449", "#196f3d")
RED = START_STYLE.format("#c0392b", "#a93226")
# For the status bar's own message only: its permanent widgets (the sync indicator) keep their colours.
STATUS_STYLES = {
    "info": "",
    "warning": "QStatusBar { color: #9a5b00; }",
    "error": "QStatusBar { color: #c0392b; font-weight: bold; }",
}
HEARTBEAT_MS = 60_000
AUTO_SYNC_MS = 60_000


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


class MainWindow(QMainWindow):
    first_painted = Signal()
    backup_finished = Signal(str)  # the file written ("" when today's automatic one existed)
    backup_failed = Signal(str)
    check_finished = Signal(str)  # the start-up check: "" when sound, else the problem
    sync_finished = Signal(object)  # a sync ran (or was skipped): its SyncOutcome
    status_shown = Signal()  # the sync indicator shows a fresh Tracker.sync_status()

    def __init__(self, tracker: Tracker, parent: QWidget | None = None, startup_check: bool = False) -> None:
        """``startup_check``: the store was opened without its quick_check; run it in a
        worker once shown, and allow no writes until it passes."""
        super().__init__(parent)
        self.tracker = tracker
        self._painted = False
        self._shut = False
        self._check = "pending" if startup_check else "ok"  # then "ok" or "damaged"
        self._writable = not startup_check
        self._check_job: CheckJob | None = None
        self._live = False  # checked and started: heartbeat, sync status, auto sync
        self._backup_when_checked = False
        self._jobs = 0  # numbers the sync and status jobs, to show only the newest status
        self._shown_job = 0
        self._sync_job: SyncJob | None = None
        self._status_running = False
        self._status_again = False
        self._role = ""
        self._role_windows: dict[str, QWidget] = {}  # open review, billing and rates windows
        self._running_customer = ""
        self._day: date | None = None
        self._version = -1
        self._started = False  # the start-up sleep-gap check ran
        self._asking_gap = False
        self._backing_up = False
        self._warnings: list[str] = []  # Tracker warnings not yet shown with a message
        previous_warn = tracker.warn

        def warn(text: str) -> None:
            previous_warn(text)
            self._warnings.append(text)
            self.show_message("")

        tracker.warn = warn
        self.setWindowTitle(self.tr(APP_TITLE))
        self.resize(900, 640)
        self.pool = QThreadPool(self)
        self.backup_signals = BackupSignals(self)
        self.backup_signals.finished.connect(self._backup_done)
        self.backup_signals.failed.connect(self._backup_error)
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.heartbeat_tick)
        self.sync_signals = SyncSignals(self)
        self.sync_signals.progress.connect(self._sync_progress)
        self.sync_signals.finished.connect(self._job_done)
        self.check_signals = CheckSignals(self)
        self.check_signals.finished.connect(self._check_done)
        self.auto_sync_timer = QTimer(self)
        self.auto_sync_timer.setInterval(AUTO_SYNC_MS)
        self.auto_sync_timer.timeout.connect(self.auto_sync_tick)
        self._build()
        self._build_menus()
        self._install_companions()
        self.reload()
        self._set_writable(self._check == "ok")
        if self._check == "pending":
            self.sync_indicator.show_checking()
            self.show_message(self.tr("Checking the database…"))
        qapp = QGuiApplication.instance()
        if isinstance(qapp, QGuiApplication):
            qapp.applicationStateChanged.connect(self.application_state_changed)

        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(1000)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start()

    # ----- building --------------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(14, 12, 14, 8)
        layout.setSpacing(10)

        self.panel = TicketPanel(self.tracker, pool=self.pool)
        self.panel.changed.connect(self.reload)
        self.panel.message.connect(self.show_message)
        self.panel.selection_changed.connect(self._update_timer_widgets)
        layout.addWidget(self.panel)

        timer_row = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.setMinimumSize(220, 64)
        self.start_button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.clicked.connect(self.start_or_stop)
        timer_row.addWidget(self.start_button)
        self.elapsed_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(30)
        mono.setWeight(QFont.Weight.Bold)
        self.elapsed_label.setFont(mono)
        self.elapsed_label.setMinimumWidth(200)
        timer_row.addWidget(self.elapsed_label)
        self.running_label = QLabel()
        running_font = self.running_label.font()
        running_font.setPointSize(running_font.pointSize() + 1)
        self.running_label.setFont(running_font)
        self.running_label.setWordWrap(True)
        timer_row.addWidget(self.running_label, 1)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setMinimumHeight(40)
        self.stop_button.clicked.connect(self.stop)
        timer_row.addWidget(self.stop_button)
        layout.addLayout(timer_row)

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note for the session (optional)"))
        self.note_edit.setClearButtonEnabled(True)
        layout.addWidget(self.note_edit)

        self.day_label = QLabel()
        bold = self.day_label.font()
        bold.setBold(True)
        self.day_label.setFont(bold)
        layout.addWidget(self.day_label)
        self.banner = ReviewBanner()
        layout.addWidget(self.banner)

        self.model = SessionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_START, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        layout.addWidget(self.table, 1)
        self.session_actions = SessionActions(self)
        # After SessionActions' own update: nothing edits while the check runs.
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._gate_session_actions())
        self.table.model().modelReset.connect(self._gate_session_actions)
        self.table.model().layoutChanged.connect(self._gate_session_actions)

        bottom = QHBoxLayout()
        bottom.addLayout(self.session_actions.row, 1)
        self.total_label = QLabel()
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        total_font = self.total_label.font()
        total_font.setBold(True)
        total_font.setPointSize(total_font.pointSize() + 2)
        self.total_label.setFont(total_font)
        bottom.addWidget(self.total_label)
        layout.addLayout(bottom)

        self.setCentralWidget(central)
        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setToolTip(self.tr("Send what is pending to the central export (Ctrl+Shift+S)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_indicator = SyncIndicator()
        self.sync_indicator.button.setDefaultAction(self.sync_action)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.consultant_label = QLabel()
        self.statusBar().addPermanentWidget(self.consultant_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        self.backup_action = QAction(self.tr("&Back up now…"), self)
        self.backup_action.triggered.connect(self.back_up_now)
        file_menu.addAction(self.backup_action)
        self.import_action = QAction(self.tr("&Move in from Toggl, Clockify or Watson…"), self)
        self.import_action.triggered.connect(self.move_in)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Close window"), self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addActions(self.session_actions.actions)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.week_action = QAction(self.tr("&Week…"), self)
        self.week_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.week_action.triggered.connect(lambda: self.open_role_window("week"))
        view_menu.addAction(self.week_action)
        view_menu.addSeparator()
        self._build_language_menu(view_menu)
        # Shown by role (tracker config set role ...); the windows load only when opened.
        self.review_menu = self.menuBar().addMenu(self.tr("&Review"))
        self.review_action = QAction(self.tr("&Day review…"), self)
        self.review_action.triggered.connect(lambda: self.open_role_window("review"))
        self.review_menu.addAction(self.review_action)
        self.billing_menu = self.menuBar().addMenu(self.tr("&Billing"))
        self.billing_action = QAction(self.tr("&Monthly statement…"), self)
        self.billing_action.triggered.connect(lambda: self.open_role_window("billing"))
        self.rates_action = QAction(self.tr("Hourly &rates…"), self)
        self.rates_action.triggered.connect(lambda: self.open_role_window("rates"))
        self.billing_menu.addActions([self.billing_action, self.rates_action])
        self._show_role_menus()

    def _build_language_menu(self, parent: QMenu) -> None:
        """System / Português (Brasil) / English, saved in the ``language`` setting."""
        self.language_menu = parent.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        try:
            current = self.tracker.settings.get("language")
        except TrackerError:
            current = "system"
        self.language_actions: dict[str, QAction] = {}
        # The languages' own names are never translated.
        choices = (("system", self.tr("&System")), ("pt_BR", "&Português (Brasil)"), ("en", "&English"))
        for code, text in choices:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def choose_language(self, code: str) -> None:
        """Save the language; the window is built in it at the next start."""
        if not self._writable:  # being checked, or damaged: nothing is written
            for other, action in self.language_actions.items():
                action.setChecked(other == self.tracker.settings.get("language"))
            text = self.tr("The database is not writable now; the language was not changed.")
            self.show_message(text, "error")
            return
        try:
            self.tracker.settings.set("language", code)
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            return
        self.show_message(self.tr("The language changes the next time Tracker starts."))

    def _install_companions(self) -> None:
        """The tray, reminders, idle-time watcher, quick-switch palette and shortcuts."""
        from ui.consultant.idle import install_idle_watcher
        from ui.consultant.palette import install_palette, shortcuts
        from ui.consultant.reminders import install_reminders
        from ui.consultant.tray import install_tray

        self.tray = install_tray(self, self.tracker)
        self.reminders = install_reminders(self.tracker, self.tray.notify, self)
        self.idle_watcher = install_idle_watcher(self, self.tracker)
        self.palette = install_palette(self, self.tracker)
        self.keyboard_actions = shortcuts(self, self.palette)
        self.addActions(self.keyboard_actions)

    def _show_role_menus(self) -> None:
        """The Review menu for a lead, Billing for billing; read again on every reload."""
        try:
            role = self.tracker.settings.get("role")
        except TrackerError:
            return
        if role == self._role:
            return
        self._role = role
        self.review_menu.menuAction().setVisible(role == "lead")
        self.billing_menu.menuAction().setVisible(role == "billing")

    def open_role_window(self, which: str) -> QWidget | None:
        """The review, billing or rates window, made on first use and raised after that."""
        window = self._role_windows.get(which)
        if window is None:
            try:
                window = self._make_role_window(which)
            except ImportError as exc:  # installed without that window
                self.show_message(self.tr("This window is not available: {0}").format(exc), "error")
                return None
            except TrackerError as exc:
                self.show_message(str(exc), "error")
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self._role_windows.pop(which, None))
            self._role_windows[which] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _make_role_window(self, which: str) -> QWidget:
        # Imported here: the main window starts (and works) without them.
        made: QWidget
        if which == "review":
            from ui.lead.review_window import ReviewWindow

            made = ReviewWindow(self.tracker, self)
            return made
        if which == "billing":
            from ui.billing.billing_window import BillingWindow

            made = BillingWindow(self.tracker, self)
            return made
        if which == "week":
            from ui.consultant.week_view import WeekView

            made = WeekView(self.tracker, self)
            made.setWindowFlag(Qt.WindowType.Window)
            made.setWindowTitle(self.tr("Week"))
            made.resize(900, 560)
            return made
        from ui.billing.rates_dialog import RatesDialog

        made = RatesDialog(self.tracker, self)
        return made

    def move_in(self) -> None:
        """Import history from Toggl Track, Clockify or Watson, with a preview first."""
        from ui.consultant.import_wizard import ImportWizard

        result = ImportWizard.ask(self, self.tracker)
        if result is not None:
            self.reload()

    # ----- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the window shows again (after a write, or another process's)."""
        now = self.tracker.clock.now()
        self._day = self.tracker.now().date()
        try:
            self._version = self.tracker.data_version()
            timer = self.tracker.running()
            flags = self.tracker.status().get("flags", []) if timer else []
            sessions = self.tracker.log()
            # Only the tickets on screen are read: the history may hold tens of thousands.
            tickets = self._tickets([timer.ticket] if timer else [], sessions)
            finalized = {t.number for t in tickets if t.finalized}
            self.model.load(sessions, timer, now, flags, finalized)
            self._running_customer = tickets[0].customer if timer and tickets else ""
            self.panel.reload_tickets(tickets)
            self._show_review()
            self._show_role_menus()
        except TrackerError as exc:
            self.show_message(str(exc), "error")
        self.request_status()
        if not self.panel.current_number():
            self._preselect()
        self.day_label.setText(self.tr("Today, {0}").format(day_text(self._day)))
        self.consultant_label.setText(self.tr("Consultant: {0}").format(self.tracker.consultant))
        self.table.scrollToBottom()
        self.tick()
        self._keep_heartbeat()

    def _tickets(self, running: list[str], sessions: list[Session]) -> list[Ticket]:
        """The running ticket first, then today's, the latest first."""
        tickets = []
        for number in dict.fromkeys([*running, *(s.ticket for s in reversed(sessions))]):
            try:
                tickets.append(self.tracker.ticket(number))
            except TrackerError:
                continue
        return tickets

    def _show_review(self) -> None:
        if self._check == "damaged":
            return  # the banner tells about the damage
        reviews = self.tracker.my_reviews(self._day) if self._day is not None else []
        self.banner.show_review(reviews[-1] if reviews else None)

    def _preselect(self) -> None:
        """Nothing picked yet: show the running ticket, else the last one worked on today."""
        timer = self.model.timer
        rows = self.model.rowCount()
        if timer is not None:
            self.panel.select(timer.ticket)
        elif rows:
            self.panel.select(str(self.model.index(rows - 1, COL_TICKET).data()))

    def poll(self) -> None:
        """Reload when another process (the CLI) committed to the database."""
        try:
            version = self.tracker.data_version()
        except Exception:  # the database may be busy for a moment; the next poll retries
            return
        if version != self._version:
            self.reload()
            if self._live and self._sync_job is None:  # a sync changes no ticket
                self.panel.fetch_tickets()  # a ticket the CLI added or finalized

    def tick(self) -> None:
        """Once a second: elapsed time, the running row, the total and the title."""
        if self._day is not None and self.tracker.now().date() != self._day:
            self.reload()  # a new day: today's sessions are other ones
            return
        self.model.refresh_running(self.tracker.clock.now())
        self.total_label.setText(
            self.tr("Total today: {0}").format(duration_text(self.model.total_seconds()))
        )
        self._update_timer_widgets()

    def _update_timer_widgets(self) -> None:
        timer = self.model.timer
        seconds = self.model.running_seconds()
        selected = self.panel.current_number()
        self.elapsed_label.setText(clock_text(seconds))
        if timer is None:
            self.setWindowTitle(self.tr(APP_TITLE))
            self.start_button.setText(self.tr("▶  Start"))
            self.start_button.setStyleSheet(GREEN)
            self.start_button.setEnabled(bool(selected) and self._writable)
            self.running_label.setText(self.tr("No timer running."))
            self.stop_button.hide()
            return
        self.setWindowTitle(f"● {timer.ticket} — {duration_text(seconds)} — {self.tr(APP_TITLE)}")
        customer = f" — {self._running_customer}" if self._running_customer else ""
        self.running_label.setText(
            self.tr("Running on {0}{1}\nsince {2}").format(
                timer.ticket, customer, timer.start.strftime("%H:%M")
            )
            + (f" · {timer.note}" if timer.note else "")
        )
        if selected and selected != timer.ticket:
            self.start_button.setText(self.tr("▶  Switch to {0}").format(selected))
            self.start_button.setStyleSheet(GREEN)
            self.stop_button.show()
        else:
            self.start_button.setText(self.tr("■  Stop"))
            self.start_button.setStyleSheet(RED)
            self.stop_button.hide()
        self.start_button.setEnabled(self._writable)
        self.stop_button.setEnabled(self._writable)

    # ----- actions -----------------------------------------------------------------------

    def start_or_stop(self) -> None:
        if not self._writable:
            return
        timer = self.model.timer
        selected = self.panel.current_number()
        if timer is not None and (not selected or selected == timer.ticket):
            self.stop()
        else:
            self.start(selected)

    def start(self, number: str) -> None:
        if self.panel.ticket is None:
            ticket = NewTicketDialog.ask(self, self.tracker, number)
            if ticket is None:
                return
            self.reload()
            self.panel.select(ticket.number)
            number = ticket.number
        try:
            result = self.tracker.start(number, self.note_edit.text())
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            return
        self.note_edit.clear()
        if result.stopped is not None:
            s = result.stopped
            self.show_message(
                self.tr("Stopped {0} after {1}; started {2}").format(
                    s.ticket, duration_text(s.seconds), result.timer.ticket
                )
            )
        else:
            self.show_message(self.tr("Started {0}").format(result.timer.ticket))
        self.reload()

    def stop(self) -> None:
        if not self._writable:
            return
        try:
            session = self.tracker.stop(self.note_edit.text())
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            self.reload()
            return
        self.note_edit.clear()
        self.show_message(
            self.tr("Stopped {0} after {1}").format(session.ticket, duration_text(session.seconds))
        )
        self.reload()

    def show_message(self, text: str, kind: str = "info") -> None:
        """A status bar line; the Tracker's warnings of the same action are added to it."""
        if self._warnings:
            warning = self.tr("Warning: {0}").format("; ".join(self._warnings))
            text = f"{text} — {warning}" if text else warning
            kind = "warning" if kind == "info" else kind
            if text != warning:  # shown with its action's own message: done with them
                self._warnings.clear()
        self.statusBar().setStyleSheet(STATUS_STYLES.get(kind, ""))
        self.statusBar().showMessage(text)

    # ----- heartbeat and sleep gaps -------------------------------------------------------

    def startup(self) -> None:
        """Once, when the window first shows: the database check, if the app asked for one."""
        if self._started or self._shut:
            return
        self._started = True
        if self._check == "pending":
            self._check_job = CheckJob(self.tracker.store.path, self.check_signals)
            self.pool.start(self._check_job)
        else:
            self._go_live()

    def _go_live(self) -> None:
        """The database is sound: a sleep gap since the last run, a heartbeat, the sync status."""
        if self._live or self._shut:
            return
        self._live = True
        self._keep_heartbeat()
        self.heartbeat_tick()
        self.panel.fetch_tickets()
        self.request_status()
        self.auto_sync_timer.start()
        if self._backup_when_checked:
            self._backup_when_checked = False
            self._run_backup(None)

    # ----- the start-up check -----------------------------------------------------------

    @property
    def writable(self) -> bool:
        return self._writable

    def _set_writable(self, writable: bool) -> None:
        """Everything that writes, on or off: start/stop, tickets, session edits, sync."""
        self._writable = writable
        self.panel.set_writable(writable)
        self.sync_action.setEnabled(writable and self._sync_job is None)
        self.session_actions.update()  # what the selected row allows
        self._gate_session_actions()
        self._update_timer_widgets()

    def _gate_session_actions(self) -> None:
        if self._writable:
            return
        actions = self.session_actions
        for action in (actions.edit_action, actions.split_action, actions.delete_action):
            action.setEnabled(False)

    def _check_done(self, outcome: tuple[str | None, str, Path | None] | None) -> None:
        self._check_job = None
        if outcome is None or self._shut:  # stopped: the window is closing
            return
        problem, text, good = outcome
        if problem is None:
            self._check = "ok"
            self._set_writable(True)
            self.show_message(self.tr("Database checked"))
            self._go_live()
            self.check_finished.emit("")
            return
        self._check = "damaged"
        self.banner.show_problem(text)
        self.sync_indicator.state_label.setText(self.tr("Nothing is written: the database is damaged"))
        self.show_message(self.tr("The database is damaged; nothing is written to it"), "error")
        self.check_finished.emit(problem)
        if good is not None and DamagedDatabaseDialog.ask(self, text, good):
            self.restore_backup(good)

    def restore_backup(self, good: Path) -> None:
        """Put the latest good backup in place of the damaged file and carry on with it."""
        from tracker import backup
        from tracker.store import open_store

        self.poll_timer.stop()
        self.pool.waitForDone(30_000)
        home = self.tracker.home
        try:
            self.tracker.store.close()
            aside = backup.restore(home, good)
            store = open_store(home, check=False)
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            return
        self.tracker = Tracker(store, self.tracker.clock, home, self.tracker.warn)
        self.panel.tracker = self.tracker
        self._check = "ok"
        self.banner.show_review(None)
        self.reload()
        self._set_writable(True)
        self.poll_timer.start()
        self._go_live()
        self.show_message(self.tr("Restored {0}; the damaged database was kept as {1}").format(good, aside))

    def _keep_heartbeat(self) -> None:
        """The heartbeat QTimer runs exactly while a timer does."""
        if self.model.timer is None:
            self.heartbeat_timer.stop()
        elif self._live and not self._shut and not self.heartbeat_timer.isActive():
            # A timer that just appeared (started here or from the CLI): beat at once,
            # so that a sleep within the next minute is noticed too.
            self.heartbeat_timer.start()
            self.heartbeat_tick()

    def heartbeat_tick(self) -> None:
        """Every minute while a timer runs: first look for a sleep gap, then say we are alive.

        The order matters: a heartbeat written first would hide the gap.
        """
        if self._shut or self._asking_gap:
            return
        if not self.check_sleep_gap():
            self._heartbeat()
        with contextlib.suppress(TrackerError):
            self.model.set_running_flags(self.tracker.status().get("flags", []))

    def _heartbeat(self) -> None:
        try:
            self.tracker.heartbeat()
        except TrackerError as exc:
            self.show_message(str(exc), "error")

    def check_sleep_gap(self) -> bool:
        """Ask what to do when the timer ran through a sleep gap; True when one was resolved."""
        if self._asking_gap:
            return False
        try:
            gap = self.tracker.sleep_gap()
            timer = self.tracker.running()
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            return False
        if gap is None or timer is None:
            return False
        since, until = gap
        zone = timer.start.tzinfo
        self._asking_gap = True
        try:
            choice = SleepGapDialog.ask(self, timer.ticket, since.astimezone(zone), until.astimezone(zone))
            self.tracker.resolve_gap(choice)
        except TrackerError as exc:
            self.show_message(str(exc), "error")
            return False
        finally:
            self._asking_gap = False
        messages = {
            "keep": self.tr("Kept the time across the gap; the timer is flagged for review"),
            "discard": self.tr("Discarded the gap; the session ended at {0} and a new one started"),
            "split": self.tr("Kept the gap as its own session, flagged; a new timer started"),
        }
        self.reload()
        self.show_message(messages[choice].format(since.astimezone(zone).strftime("%H:%M")))
        return True

    def application_state_changed(self, state: Qt.ApplicationState) -> None:
        """Back from sleep (or another window): look for a gap at once, not in a minute."""
        if state == Qt.ApplicationState.ApplicationActive and self._live and self.model.timer is not None:
            self.heartbeat_tick()

    # ----- backups ---------------------------------------------------------------------

    def start_auto_backup(self) -> None:
        """Today's automatic backup, in a worker thread with its own store, once the check passed."""
        if self._check != "ok" or not self._live:
            self._backup_when_checked = self._check != "damaged"
            return
        self._run_backup(None)

    # ----- the central export ------------------------------------------------------------

    def sync_now(self) -> None:
        """The Sync button, menu item and Ctrl+Shift+S."""
        if not self._writable:
            self.show_message(self.tr("Checking the database…"), "warning")
            return
        if self._sync_job is not None:
            self.show_message(self.tr("A sync is running already"), "warning")
            return
        self._start_sync(auto=False)

    def auto_sync_tick(self) -> None:
        """Every minute: sync when the export folder is reachable and something is pending.

        Only the folder is looked at here (cheap); the worker counts what is pending.
        """
        if self._shut or not self._live or not self._writable or self._sync_job is not None:
            return
        from tracker.paths import default_export_dir

        try:
            folder = Path(self.tracker.settings.get("export-dir"))
        except TrackerError:
            return
        # The embedded local folder is made on first use; a share must be mounted.
        if folder.is_dir() or folder == default_export_dir(self.tracker.home):
            self._start_sync(auto=True)

    def _start_sync(self, auto: bool) -> None:
        self._jobs += 1
        self._sync_job = SyncJob(
            self._jobs,
            self.tracker.home,
            self.tracker.clock,
            self.sync_signals,
            send=True,
            only_if_pending=auto,
        )
        self.sync_action.setEnabled(False)
        if not auto:
            self.sync_indicator.show_progress(0, 0)
            self.show_message(self.tr("Syncing…"))
        self.pool.start(self._sync_job)

    def request_status(self) -> None:
        """Read the sync status again, in a worker (one at a time; a sync brings its own)."""
        if not self._live or self._shut:
            return
        if self._status_running or self._sync_job is not None:
            self._status_again = True
            return
        self._status_running = True
        self._status_again = False
        self._jobs += 1
        self.pool.start(
            SyncJob(self._jobs, self.tracker.home, self.tracker.clock, self.sync_signals, send=False)
        )

    def _sync_progress(self, done: int, total: int) -> None:
        self.sync_indicator.show_progress(done, total)
        if total:
            self.show_message(self.tr("Syncing… {0} of {1}").format(done, total))

    def _job_done(self, number: int, outcome: SyncOutcome) -> None:
        if self._shut:
            return
        is_sync = self._sync_job is not None and number == self._sync_job.number
        if number > self._shown_job:
            self._shown_job = number
            if outcome.status:
                self.sync_indicator.show_status(outcome.status)
            elif outcome.error:
                self.sync_indicator.show_error(outcome.error)
        if not is_sync:
            self._status_running = False
            self.status_shown.emit()
        else:
            self._sync_job = None
            self.sync_indicator.hide_progress()
            self.sync_action.setEnabled(self._writable)
            if outcome.error:  # the indicator shows it in red, and all of it in its tooltip
                self.show_message("")
            elif outcome.sent and not outcome.cancelled:
                self.show_message(
                    self.tr("Synced: {0} session(s) and {1} ticket event(s) sent; {2} pending").format(
                        outcome.sessions, outcome.events, outcome.pending
                    )
                )
            self.reload()  # synced marks, and a lead's decision the sync brought
            self.status_shown.emit()
            self.sync_finished.emit(outcome)
        if self._status_again:
            self.request_status()

    def back_up_now(self) -> None:
        stamp = self.tracker.now().strftime("%Y-%m-%d-%H%M%S")
        suggested = self.tracker.home / "backups" / f"tracker-{stamp}.db"
        out = BackupFileDialog.ask(self, suggested)
        if out is not None:
            self._run_backup(out)

    def _run_backup(self, out: Path | None) -> None:
        if self._shut:
            return
        if self._backing_up:
            self.show_message(self.tr("A backup is being written already"), "warning")
            return
        self._backing_up = True
        self.backup_action.setEnabled(False)
        self.show_message(self.tr("Backing up…"))
        self.pool.start(BackupJob(self.tracker.home, self.tracker.clock, self.backup_signals, out))

    def _backup_done(self, path: str) -> None:
        self._backing_up = False
        self.backup_action.setEnabled(True)
        if path:
            self.show_message(self.tr("Backup written to {0}").format(path))
        else:
            self.show_message(
                self.tr("Today's backup is already in {0}").format(self.tracker.home / "backups")
            )
        self.backup_finished.emit(path)

    def _backup_error(self, text: str) -> None:
        self._backing_up = False
        self.backup_action.setEnabled(True)
        self.show_message(self.tr("The backup failed: {0}").format(text), "error")
        self.backup_failed.emit(text)

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
        if not self._started:
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
        if self._shut:
            return
        for window in list(self._role_windows.values()):
            window.close()  # each finishes its own work first
        self.tick_timer.stop()
        self.poll_timer.stop()
        self.heartbeat_timer.stop()
        self.tray.shutdown()
        self.reminders.timer.stop()
        self.idle_watcher.stop()
        self.auto_sync_timer.stop()
        for job in (self._check_job, self._sync_job):
            if job is not None:
                job.cancel.set()  # a check stops at once; a sync after its current batch
        qapp = QGuiApplication.instance()
        if isinstance(qapp, QGuiApplication):
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                qapp.applicationStateChanged.disconnect(self.application_state_changed)
        if self._check != "damaged":  # never write to a damaged file
            with contextlib.suppress(TrackerError):
                self.tracker.quiet()
        self.pool.waitForDone(30_000)  # a backup in flight finishes writing its file
        self._shut = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut:
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
    return QIcon(str(Path(__file__).resolve().parents[2] / "resources" / "icon.svg"))
