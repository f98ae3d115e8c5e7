"""The main window: a ticket, a big start/stop button, and today's sessions."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
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
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.errors import TrackerError
from tracker.service import Tracker
from ui.backup_worker import BackupJob, BackupSignals
from ui.dialogs import CloseNotice
from ui.fmt import clock_text, day_text, duration_text
from ui.session_actions import SessionActions
from ui.sessions_model import COL_NOTE, COL_START, COL_TICKET, SessionsModel, SortRole
from ui.sleep_gap import SleepGapDialog
from ui.ticket_dialog import NewTicketDialog
from ui.ticket_panel import TicketPanel

APP_TITLE = "Tracker"
START_STYLE = (
    "QPushButton {{ background: {0}; color: white; border: none; border-radius: 8px;"
    " padding: 10px 22px; font-size: 17pt; font-weight: bold; }}"
    "QPushButton:hover {{ background: {1}; }}"
    "QPushButton:disabled {{ background: #9aa5ad; }}"
)
GREEN = START_STYLE.format("#1e8449", "#196f3d")
RED = START_STYLE.format("#c0392b", "#a93226")
STATUS_STYLES = {"info": "", "warning": "color: #9a5b00;", "error": "color: #c0392b; font-weight: bold;"}
HEARTBEAT_MS = 60_000


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

    def __init__(self, tracker: Tracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = tracker
        self._painted = False
        self._shut = False
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
        self._build()
        self._build_menus()
        self.reload()
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

        self.panel = TicketPanel(self.tracker)
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
        self.consultant_label = QLabel()
        self.statusBar().addPermanentWidget(self.consultant_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.backup_action = QAction(self.tr("&Back up now…"), self)
        self.backup_action.triggered.connect(self.back_up_now)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Close window"), self)
        quit_action.setShortcut("Ctrl+Q")
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        session_menu = self.menuBar().addMenu(self.tr("&Session"))
        session_menu.addActions(self.session_actions.actions)

    # ----- data --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything the window shows again (after a write, or another process's)."""
        now = self.tracker.clock.now()
        self._day = self.tracker.now().date()
        try:
            self._version = self.tracker.data_version()
            timer = self.tracker.running()
            flags = self.tracker.status().get("flags", []) if timer else []
            finalized = {t.number for t in self.tracker.list_tickets() if t.finalized}
            self.model.load(self.tracker.log(), timer, now, flags, finalized)
            self._running_customer = self.tracker.ticket(timer.ticket).customer if timer else ""
            self.panel.reload_tickets()
        except TrackerError as exc:
            self.show_message(str(exc), "error")
        if not self.panel.current_number():
            self._preselect()
        self.day_label.setText(self.tr("Today, {0}").format(day_text(self._day)))
        self.consultant_label.setText(self.tr("Consultant: {0}").format(self.tracker.consultant))
        self.table.scrollToBottom()
        self.tick()
        self._keep_heartbeat()

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
            self.start_button.setEnabled(bool(selected))
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
        self.start_button.setEnabled(True)

    # ----- actions -----------------------------------------------------------------------

    def start_or_stop(self) -> None:
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
        """Once, when the window first shows: a sleep gap since the last run, then a heartbeat."""
        if self._started or self._shut:
            return
        self._started = True
        self._keep_heartbeat()
        self.heartbeat_tick()

    def _keep_heartbeat(self) -> None:
        """The heartbeat QTimer runs exactly while a timer does."""
        if self.model.timer is None:
            self.heartbeat_timer.stop()
        elif self._started and not self._shut and not self.heartbeat_timer.isActive():
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
        if state == Qt.ApplicationState.ApplicationActive and self._started and self.model.timer is not None:
            self.heartbeat_tick()

    # ----- backups ---------------------------------------------------------------------

    def start_auto_backup(self) -> None:
        """Today's automatic backup, in a worker thread with its own store."""
        self._run_backup(None)

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
        self.tick_timer.stop()
        self.poll_timer.stop()
        self.heartbeat_timer.stop()
        qapp = QGuiApplication.instance()
        if isinstance(qapp, QGuiApplication):
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                qapp.applicationStateChanged.disconnect(self.application_state_changed)
        with contextlib.suppress(TrackerError):
            self.tracker.quiet()
        self.pool.waitForDone(30_000)  # a backup in flight finishes writing its file
        self._shut = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut:
            event.accept()
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
    return QIcon(str(Path(__file__).resolve().parent.parent / "resources" / "icon.svg"))
