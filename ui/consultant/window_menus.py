"""The main window's menus that open more: the language, the role windows, moving in.

The review, billing, rates and week windows, and the move-in wizard, are loaded by
name when first opened: the main window starts (and works) without them, and an
installation without one of them says so instead of failing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from tracker.errors import TrackerError
from ui.common.fmt import error_text
from ui.common.provider import TrackerProvider

# which -> (module, class); each is made as ``cls(tracker, parent)``
ROLE_WINDOWS = {
    "review": ("ui.lead.review_window", "ReviewWindow"),
    "billing": ("ui.billing.billing_window", "BillingWindow"),
    "rates": ("ui.billing.rates_dialog", "RatesDialog"),
    "week": ("ui.consultant.week_view", "WeekView"),
    "days": ("ui.consultant.days_view", "DaysView"),
}
IMPORT_WIZARD = ("ui.consultant.import_wizard", "ImportWizard")


def load(where: tuple[str, str]) -> type:
    module, name = where
    found: type = getattr(importlib.import_module(module), name)
    return found


class RoleWindows(QObject):
    """The review, billing, rates and week windows: made on first use, raised after that."""

    message = Signal(str, str)  # a status bar line and its kind

    def __init__(self, provider: TrackerProvider, parent: QWidget) -> None:
        super().__init__(parent)
        self.provider, self.parent_widget = provider, parent
        self.windows: dict[str, QWidget] = {}

    def open(self, which: str) -> QWidget | None:
        window = self.windows.get(which)
        if window is None:
            try:
                window = self._make(which)
            except ImportError as exc:  # installed without that window
                self.message.emit(self.tr("This window is not available: {0}").format(exc), "error")
                return None
            except TrackerError as exc:
                self.message.emit(error_text(exc), "error")
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda *_: self.windows.pop(which, None))
            self.windows[which] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _make(self, which: str) -> QWidget:
        made: QWidget = load(ROLE_WINDOWS[which])(self.provider.tracker, self.parent_widget)
        if which == "week":
            made.setWindowFlag(Qt.WindowType.Window)
            made.setWindowTitle(self.tr("Week"))
            made.resize(900, 560)
        return made

    def close_all(self) -> None:
        """Each finishes its own work first; they are made again over the next Tracker."""
        for window in list(self.windows.values()):
            window.close()

    def move_in(self) -> bool:
        """Import history from Toggl Track, Clockify or Watson, with a preview first; True when done."""
        try:
            wizard = load(IMPORT_WIZARD)
        except ImportError as exc:
            self.message.emit(self.tr("This window is not available: {0}").format(exc), "error")
            return False
        return wizard.ask(self.parent_widget, self.provider.tracker) is not None  # type: ignore[attr-defined]


class RoleMenus(QObject):
    """The Review menu for a lead, Billing for billing staff; :meth:`refresh` reads the role again."""

    def __init__(self, bar: QMenuBar, provider: TrackerProvider, windows: RoleWindows) -> None:
        super().__init__(bar)
        self.provider = provider
        self.role = ""
        self.review_menu = bar.addMenu(self.tr("&Review"))
        self.review_action = self._action(self.tr("&Day review…"), lambda: windows.open("review"))
        self.review_menu.addAction(self.review_action)
        self.billing_menu = bar.addMenu(self.tr("&Billing"))
        self.billing_action = self._action(self.tr("&Monthly statement…"), lambda: windows.open("billing"))
        self.rates_action = self._action(self.tr("Hourly &rates…"), lambda: windows.open("rates"))
        self.billing_menu.addActions([self.billing_action, self.rates_action])
        self.refresh()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())
        return action

    def refresh(self) -> None:
        try:
            role = self.provider.tracker.settings.get("role")
        except TrackerError:
            return
        if role == self.role:
            return
        self.role = role
        self.review_menu.menuAction().setVisible(role == "lead")
        self.billing_menu.menuAction().setVisible(role == "billing")


class LanguageMenu(QObject):
    """System / Português (Brasil) / English, saved in the ``language`` setting."""

    message = Signal(str, str)  # a status bar line and its kind

    def __init__(self, provider: TrackerProvider, writable: Callable[[], bool], parent: QMenu) -> None:
        super().__init__(parent)
        self.provider, self.writable = provider, writable
        self.menu = parent.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self._current()
        self.actions: dict[str, QAction] = {}
        # The languages' own names are never translated.
        choices = (("system", self.tr("&System")), ("pt_BR", "&Português (Brasil)"), ("en", "&English"))
        for code, text in choices:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action

    def _current(self) -> str:
        try:
            return self.provider.tracker.settings.get("language")
        except TrackerError:
            return "system"

    def choose(self, code: str) -> None:
        """Save the language; the window is built in it at the next start."""
        if not self.writable():  # being checked, or damaged: nothing is written
            current = self._current()
            for other, action in self.actions.items():
                action.setChecked(other == current)
            text = self.tr("The database is not writable now; the language was not changed.")
            self.message.emit(text, "error")
            return
        try:
            self.provider.tracker.settings.set("language", code)
        except TrackerError as exc:
            self.message.emit(error_text(exc), "error")
            return
        self.message.emit(self.tr("The language changes the next time Tracker starts."), "info")
