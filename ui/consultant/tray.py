"""The tray icon: whether a timer runs, its elapsed time, and the recent tickets to start.

Consultants keep the app open all day beside the customer's screen; the tray lets them
switch tickets without bringing the window up.  When the desktop has no system tray
(some Wayland and minimal desktops, the offscreen platform of the tests), there is no
icon at all and closing the window really quits: ``keeps_running_on_close()`` says so.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

import resources
from tracker.errors import TrackerError
from tracker.model import RunningTimer, Ticket
from ui.common.fmt import duration_text, error_text
from ui.common.provider import TrackerProvider

RECENT = 5
TICK_MS = 1000
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128)


def icon_path() -> Path:
    return Path(resources.__file__).resolve().parent / "icon.svg"


def tray_icons() -> tuple[QIcon, QIcon]:
    """(idle, running): the app icon, and the same with a red dot in its lower right."""
    idle = QIcon(str(icon_path()))
    running = QIcon()
    for size in ICON_SIZES:
        pixmap = idle.pixmap(size, size)
        if pixmap.isNull():  # no SVG support: a plain face, so the dot still shows
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor("#1e8449"))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = size * 0.22
        centre = QPointF(size - radius - size * 0.04, size - radius - size * 0.04)
        painter.setPen(QPen(QColor("white"), max(1.0, size / 16)))
        painter.setBrush(QColor("#e02424"))
        painter.drawEllipse(centre, radius, radius)
        painter.end()
        running.addPixmap(pixmap)
    return idle, running


def _menu_text(text: str) -> str:
    """Menu text shown as is: a customer's '&' is not a keyboard accelerator."""
    return text.replace("&", "&&")


class TrayController(QObject):
    """The tray icon and its menu over the window's Tracker (``provider.tracker``, read each time).

    ``changed`` is emitted after the menu started or stopped a timer: connect the
    window's ``reload`` to it.  ``available`` is injectable for tests; by default it is
    ``QSystemTrayIcon.isSystemTrayAvailable()``.
    """

    changed = Signal()

    def __init__(
        self,
        window: QWidget,
        provider: TrackerProvider,
        parent: QObject | None = None,
        available: bool | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.window = window
        self.provider = provider
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.quitting = False
        self.idle_icon, self.running_icon = tray_icons()
        self.running_now = False
        self.ticket_actions: list[QAction] = []

        self.menu = QMenu(window)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.status_action = QAction(self)
        self.status_action.setEnabled(False)
        self.stop_action = QAction(self.tr("Stop"), self)
        self.stop_action.triggered.connect(self.stop)
        self.show_action = QAction(self.tr("Show window"), self)
        self.show_action.triggered.connect(self.show_window)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.triggered.connect(self.quit)

        self.tray: QSystemTrayIcon | None = None
        if self.available:
            self.tray = QSystemTrayIcon(self.idle_icon, self)
            self.tray.setContextMenu(self.menu)
            self.tray.activated.connect(self._activated)
            self.tray.show()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.refresh)
        if self.available:
            self.tick_timer.start()
        self.rebuild_menu()

    # ----- what the icon shows ---------------------------------------------------------

    def _timer(self) -> RunningTimer | None:
        try:
            return self.provider.tracker.running()
        except (TrackerError, sqlite3.Error):  # the store is busy, or already closed at exit
            return None

    def tooltip_text(self, timer: RunningTimer | None = None) -> str:
        if timer is None:
            return self.tr("No timer running")
        elapsed = timer.elapsed_seconds(self.provider.tracker.clock.now())
        return f"{timer.ticket} — {duration_text(elapsed)}"

    def refresh(self) -> None:
        """Once a second: the tooltip's elapsed time (from the stored start) and the icon."""
        timer = self._timer()
        self.running_now = timer is not None
        text = self.tooltip_text(timer)
        self.status_action.setText(_menu_text(text))
        self.stop_action.setEnabled(self.running_now and self._writable())
        if self.tray is not None:
            self.tray.setToolTip(text)
            self.tray.setIcon(self.running_icon if self.running_now else self.idle_icon)

    def tooltip(self) -> str:
        return self.tray.toolTip() if self.tray is not None else self.status_action.text()

    def icon(self) -> QIcon:
        return self.running_icon if self.running_now else self.idle_icon

    # ----- the menu --------------------------------------------------------------------

    def _writable(self) -> bool:
        # The main window refuses writes until its start-up database check passes.
        return bool(getattr(self.window, "writable", True))

    def _recent(self) -> list[Ticket]:
        try:
            return self.provider.tracker.recent_tickets(RECENT)
        except TrackerError:
            return []

    def rebuild_menu(self) -> None:
        """Read the recent tickets again; the menu does it each time it opens."""
        self.menu.clear()
        self.ticket_actions = []
        self.refresh()
        self.menu.addAction(self.status_action)
        self.menu.addSeparator()
        timer = self._timer()
        writable = self._writable()
        recent = self._recent()
        for ticket in recent:
            action = QAction(_menu_text(f"{ticket.number} — {ticket.customer}"), self.menu)
            action.setData(ticket.number)
            running = timer is not None and timer.ticket == ticket.number
            action.setCheckable(running)
            action.setChecked(running)
            action.setEnabled(writable and not running)
            action.setToolTip(self.tr("Start a timer on {0}").format(ticket.number))
            action.triggered.connect(lambda _=False, number=ticket.number: self.start(number))
            self.menu.addAction(action)
            self.ticket_actions.append(action)
        if not recent:
            none = self.menu.addAction(self.tr("No open tickets"))
            none.setEnabled(False)
        self.menu.addSeparator()
        self.menu.addAction(self.stop_action)
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    # ----- actions ---------------------------------------------------------------------

    def start(self, number: str) -> None:
        if not self._writable():
            return
        try:
            self.provider.tracker.start(number, heartbeat=True)
        except TrackerError as exc:
            self.notify(self.tr("The timer did not start"), error_text(exc))
        self.refresh()
        self.changed.emit()

    def stop(self) -> None:
        if not self._writable():
            return
        try:
            self.provider.tracker.stop()
        except TrackerError as exc:
            self.notify(self.tr("The timer did not stop"), error_text(exc))
        self.refresh()
        self.changed.emit()

    def show_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.show_window()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.toggle_window()

    def quit(self) -> None:
        """Really quit: the window closes (and shuts down), then the application."""
        self.quitting = True
        self.tick_timer.stop()
        self.window.close()
        if self.tray is not None:
            self.tray.hide()
        QCoreApplication.quit()

    def keeps_running_on_close(self) -> bool:
        """True when closing the window should only hide it: a tray to come back from,
        the 'close-to-tray' setting on (the default), and not quitting from the menu."""
        if not self.available or self.quitting:
            return False
        try:
            return self.provider.tracker.settings.get("close-to-tray") == "yes"
        except TrackerError:
            return True

    def notify(self, title: str, text: str) -> None:
        """A desktop notification from the tray; without a tray, the window's status bar."""
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
            return
        show = getattr(self.window, "show_message", None)
        if callable(show):
            with contextlib.suppress(RuntimeError):  # the window is already gone
                show(f"{title}: {text}", "warning")

    def shutdown(self) -> None:
        self.tick_timer.stop()
        if self.tray is not None:
            self.tray.hide()


def install_tray(window: QWidget, provider: TrackerProvider, available: bool | None = None) -> TrayController:
    """The tray for the main window; it reloads the window after a start or stop from the menu."""
    tray = TrayController(window, provider, parent=window, available=available)
    reload = getattr(window, "reload", None)
    if callable(reload):
        tray.changed.connect(reload)
    return tray
