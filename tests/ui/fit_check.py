"""Open every window of the app on a 1366×768 screen and report what does not fit.

Run by tests/ui/test_fits_1366.py in a process of its own, whose Qt platform is the
offscreen one with a single 1366×768 screen (``offscreen:configfile=…``), in the
language given on the command line:

    python -m tests.ui.fit_check pt_BR /tmp/work

It prints one JSON object: per window its size and minimum size, and the problems
found — the window (with a title bar and a panel's worth of room) larger than the
screen, or a button outside the window or narrower than its text.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabWidget,
    QWidget,
)

SCREEN_W, SCREEN_H = 1366, 768
# A title bar (~30 px) and a taskbar or top panel (~40 px) take their part of the height.
ROOM_W, ROOM_H = SCREEN_W, SCREEN_H - 70


def visible_buttons(top: QWidget) -> Iterator[QAbstractButton]:
    for button in top.findChildren(QAbstractButton):
        if button.isVisibleTo(top) and button.window() is top and button.text():
            yield button


def problems_of(name: str, top: QWidget) -> list[str]:
    """What does not fit: the window on the screen, each button in the window and its text."""
    QApplication.processEvents()
    found = []
    size, least = top.size(), top.minimumSizeHint()
    if size.width() > ROOM_W or size.height() > ROOM_H:
        found.append(f"{name}: opens at {size.width()}×{size.height()}, more than {ROOM_W}×{ROOM_H}")
    if least.width() > ROOM_W or least.height() > ROOM_H:
        found.append(f"{name}: cannot shrink below {least.width()}×{least.height()}")
    inside = QRect(0, 0, size.width(), size.height())
    for button in visible_buttons(top):
        if not button.isVisible():
            continue  # on a tab or page not shown now: checked when it is shown
        where = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        text = button.text().replace("&", "")
        least = button.minimumSizeHint()
        if not inside.contains(where):
            found.append(f"{name}: button {text!r} at {where.getRect()} is outside {inside.getRect()}")
        elif button.width() < least.width() or button.height() < least.height():
            found.append(
                f"{name}: button {text!r} is {button.width()}×{button.height()}, its text needs more"
            )
        elif button.visibleRegion().boundingRect() != button.rect():  # cut by what holds it
            found.append(f"{name}: button {text!r} is partly hidden")
    for field in top.findChildren(QLineEdit):
        inner = isinstance(field.parentWidget(), (QAbstractSpinBox, QComboBox))  # sized by its box
        if inner or not field.isVisible() or field.window() is not top:
            continue
        if field.height() < field.minimumSizeHint().height():
            found.append(f"{name}: a text field is {field.height()} px high, cut off")
    return found


class Check:
    def __init__(self) -> None:
        self.report: dict[str, Any] = {"windows": {}, "problems": []}
        self.keep: list[QWidget] = []

    def window(self, name: str, top: QWidget, *, each: Callable[[], Iterator[str]] | None = None) -> None:
        """Show ``top`` as the app would and look at it (and at each of its pages or tabs)."""
        self.keep.append(top)
        top.show()
        QApplication.processEvents()
        self.report["windows"][name] = [top.width(), top.height()]
        self.report["problems"] += problems_of(name, top)
        self.shoot(name, top)
        for part in each() if each else ():
            self.report["problems"] += problems_of(f"{name} › {part}", top)
            self.shoot(f"{name} › {part}", top)
        top.hide()

    @staticmethod
    def shoot(name: str, top: QWidget) -> None:
        """With FIT_SHOTS=<folder>, a picture of each window as it was checked (to look at)."""
        folder = os.environ.get("FIT_SHOTS")
        if folder:
            top.grab().save(str(Path(folder) / (name.replace(" › ", "-").replace(" ", "-") + ".png")))


def tabs_of(top: QWidget) -> Callable[[], Iterator[str]]:
    def each() -> Iterator[str]:
        for tabs in top.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                yield tabs.tabText(i)

    return each


def consultant_windows(check: Check, work: Path) -> None:
    from tests.ui.test_translations import busy_day
    from tracker.app import Tracker
    from tracker.clock import FixedClock
    from tracker.store import open_store
    from ui.billing.rates_dialog import RatesDialog
    from ui.consultant.days_view import DaysView
    from ui.consultant.dialogs import (
        AcceptTermDialog,
        DefectDialog,
        EscalateDialog,
        FinalizeDialog,
        LoginDialog,
    )
    from ui.consultant.idle import IdleDialog
    from ui.consultant.import_wizard import ImportWizard
    from ui.consultant.main_window import MainWindow
    from ui.consultant.session_dialogs import (
        AddSessionDialog,
        DeleteSessionDialog,
        EditSessionDialog,
        HistoryDialog,
        SplitSessionDialog,
    )
    from ui.consultant.settings_dialog import SettingsDialog
    from ui.consultant.sleep_gap import SleepGapDialog
    from ui.consultant.ticket_chooser import TicketChooser
    from ui.consultant.ticket_dialog import NewTicketDialog
    from ui.consultant.week_view import WeekView

    home = work / "ana"
    home.mkdir(parents=True)
    share = work / "share-ana"
    share.mkdir()
    clock = FixedClock(datetime.fromisoformat("2026-11-03T15:00:00-03:00"), "America/Sao_Paulo")
    app = Tracker(open_store(home), clock, home)
    app.settings.set("consultant", "ana")
    busy_day(app, clock, share)
    clock.set(datetime.fromisoformat("2026-11-03T15:00:00-03:00"))
    app.start("12345678", "Virada de versão")
    role = app.settings.get("role")
    app.settings.set("role", "billing")  # only billing sets rates; the consultant sees an estimate
    app.set_rate("technical", "240.00", "2026-01-01")
    app.settings.set("role", role)
    session = app.log(date(2026, 11, 3))[0]
    app.edit_session(session.uuid, note="Ajuste de parâmetros do MATA410 e MATA460", reason="faltou a rotina")
    session = app.get_session(session.uuid)

    window = MainWindow(app)
    window.panel.select("4455667")  # a unit to bill, the longest details
    window.show_message("Backup written to " + str(work / "backups" / "tracker-2026-11-03-150000.db"), "info")
    check.window("main window", window)
    since = datetime.fromisoformat("2026-11-03T13:10:00-03:00")
    until = datetime.fromisoformat("2026-11-03T13:55:00-03:00")
    kept: list[QWidget] = [window]
    for name, widget in (
        ("week", WeekView(app, window, day=date(2026, 11, 3))),
        ("my days", DaysView(app, window, day=date(2026, 11, 3))),
        ("rates", RatesDialog(app, window)),
        ("new ticket", NewTicketDialog(window, app, "87654321")),
        ("first run", LoginDialog(window, app, "ana")),
        ("accept term", AcceptTermDialog(window, app, app.ticket("3344556"))),
        ("defect", DefectDialog(window, app, app.ticket("12345678"))),
        ("escalate", EscalateDialog(window, app, app.ticket("2233445"))),
        ("finalize", FinalizeDialog(window, app, app.ticket("12345678"))),
        ("add session", AddSessionDialog(window, app, date(2026, 11, 2))),
        ("edit session", EditSessionDialog(window, app, session)),
        ("split session", SplitSessionDialog(window, app, session)),
        ("delete session", DeleteSessionDialog(window, app, session)),
        ("history", HistoryDialog(window, "Histórico", app.session_history(session.uuid))),
        ("idle", IdleDialog(window, "12345678", since, until)),
        ("sleep gap", SleepGapDialog(window, "12345678", since, until)),
        ("which ticket", TicketChooser(window, "Pada", [("12345678", "Padaria Pão Quente Ltda")])),
    ):
        if name == "week":
            widget.setWindowFlag(Qt.WindowType.Window)
            widget.resize(900, 560)  # as the main window opens it (RoleWindows)
        check.window(name, widget)
        kept.append(widget)
    settings = SettingsDialog(window, app)
    check.window("settings", settings, each=tabs_of(settings))
    wizard = ImportWizard(app, window)

    def pages() -> Iterator[str]:
        from tests.ui.test_import_wizard import TOGGL, choose

        csv = work / "toggl.csv"
        csv.write_text(TOGGL, encoding="utf-8")
        choose(wizard.source_page, "toggl", csv)
        wizard.next()
        QApplication.processEvents()
        yield "mapping"
        wizard.mapping_page.set_ticket("project:Virada Protheus", "12345678")
        wizard.next()
        QApplication.processEvents()
        yield "preview"

    check.window("import wizard", wizard, each=pages)
    check.keep += kept


def role_windows(check: Check, work: Path) -> None:
    from tests.ui.crafted_export import DAY, build
    from ui.billing.billing_window import BillingWindow
    from ui.lead.review_window import ReviewWindow

    world = build(work / "world")
    lead, _ = world.open("lead1")
    comment = "a sessão das 10h30 é do cliente Padaria Pão Quente; confira o chamado e a observação " * 2
    lead.decide_day(DAY, "bruno", "return", comment)  # a long decision: two lines in the panel
    lead.sync()
    review = ReviewWindow(lead, day=date.fromisoformat(DAY))
    review.show()
    wait_for(review.loaded)
    review.select_consultant("bruno")
    check.window("review", review)
    fatima, _ = world.open("fatima")
    billing = BillingWindow(fatima, month=date(2026, 11, 1))
    billing.show()
    wait_for(billing.built)
    check.window("billing", billing)
    check.keep += [review, billing]


def wait_for(signal: Any, seconds: int = 60) -> None:
    """Run the event loop until ``signal`` (a worker's result arrives through it)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(seconds * 1000, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    from ui.common.pyside_fix import guard_emit_refcount

    guard_emit_refcount()
    language, work = argv[1], Path(argv[2])
    qapp = QApplication([argv[0]])
    qapp.setStyle("Fusion")
    from ui.app import use_language

    use_language(qapp, language)
    screen = qapp.primaryScreen().geometry()
    check = Check()
    check.report["screen"] = [screen.width(), screen.height()]
    consultant_windows(check, work)
    role_windows(check, work)
    print(json.dumps(check.report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
