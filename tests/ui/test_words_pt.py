# ruff: noqa: F811  (the Portuguese fixtures of test_translations are imported and used by name)
"""No English in the Portuguese app: the texts the app wrote itself, Qt's own dialogs, the new windows.

The history's actions, reasons and change lines, a ticket's defects, Qt's file dialog, and
every window this release added (settings, my days, the first run, add session, which
ticket, the returned-day banner and the message bar) are walked in Portuguese.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from tests.ui.test_translations import (  # noqa: F401 - fixtures
    assert_portuguese,
    busy_day,
    committed,
    english,
    portuguese,
    qm_cache,
    shown,
)
from tracker.app import Decision, Tracker
from tracker.clock import FixedClock
from ui.consultant.day_state import CORRECTED, RETURNED, ReturnedDay
from ui.consultant.days_view import DaysView
from ui.consultant.dialogs import LoginDialog
from ui.consultant.main_window import MainWindow
from ui.consultant.returned_banner import ReturnedDaysBanner
from ui.consultant.session_dialogs import AddSessionDialog, HistoryDialog
from ui.consultant.settings_dialog import SettingsDialog
from ui.consultant.ticket_chooser import TicketChooser


def test_the_history_speaks_portuguese_with_dates_as_dates(
    portuguese, english, qtbot, app: Tracker, clock: FixedClock
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-10-01")
    s = app.add_session("12345678", "2026-11-03T08:00", "2026-11-03T09:00", note="ajuste")
    app.edit_session(s.uuid, note="ajuste do SPED", end="2026-11-03T09:30", reason="faltou a rotina")
    first, second = app.split_session(s.uuid, "2026-11-03T08:45:10")  # no reason: the CLI's default
    dialog = shown(qtbot, HistoryDialog(None, "Histórico", app.session_history(s.uuid)))
    rows = dialog.rows()
    assert [r[0] for r in rows] == ["r1", "r1", "r1"]
    assert [r[3] for r in rows] == ["criada", "alterada", "dividida"]
    assert rows[0][4] == "digitada à mão"
    assert rows[2][4] == "dividida às 03/11/2026 08:45:10"
    assert "fim: 03/11/2026 09:00:00 → 03/11/2026 09:30:00" in rows[1][5]
    assert "observação: ajuste → ajuste do SPED" in rows[1][5]
    assert "duração: 1:00:00 → 1:30:00" in rows[1][5]
    assert_portuguese(english, dialog)
    other = shown(qtbot, HistoryDialog(None, "Histórico", app.session_history(second.uuid)))
    assert other.rows()[0][3] == "criada por uma divisão"
    assert other.rows()[0][4] == f"dividida às 03/11/2026 08:45:10; a segunda parte de {s.uuid[:8]}"


def test_a_tickets_defects_are_counted_and_named_in_portuguese(
    portuguese, qtbot, app: Tracker, notices: list[str]
) -> None:
    app.add_ticket("12345678", "Padaria", "support", term_accepted="2026-10-01")
    app.flag_defect("12345678", "product", "DTSERWF-4821")
    window = shown(qtbot, MainWindow(app))
    assert isinstance(window, MainWindow)
    window.panel.select("12345678")
    assert window.panel.state_label.text() == "aberto; 1 defeito: produto DTSERWF-4821"
    app.flag_defect("12345678", "documentation", "KB-77")
    window.panel.select("12345678")
    text = window.panel.state_label.text()
    assert text.startswith("aberto; 2 defeitos: ")  # stored at the same second: in either order
    assert "produto DTSERWF-4821" in text and "documentação KB-77" in text


def test_qts_file_dialog_speaks_portuguese(portuguese, qtbot) -> None:
    dialog = QFileDialog(None, "Salvar", str(Path.home()), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {w.text() for w in dialog.findChildren(QLabel) if w.text()}
    texts |= {w.text() for w in dialog.findChildren(QAbstractButton) if w.text()}
    assert {"&Procurar em:", "Arquivos do &tipo:", "&Nome do arquivo:"} <= texts
    assert not {"&Look in:", "Files of &type:"} & texts


def test_the_new_windows_speak_portuguese(
    portuguese, english, qtbot, app: Tracker, clock: FixedClock, tmp_path: Path, notices: list[str]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    busy_day(app, clock, share)
    clock.set(datetime.fromisoformat("2026-11-03T15:00:00-03:00"))
    settings = shown(qtbot, SettingsDialog(None, app))
    assert isinstance(settings, SettingsDialog)
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
        assert_portuguese(english, settings)
    settings.central.server_choice.setChecked(True)
    settings.central.server.setText("db.exemplo")
    settings.accept()
    assert settings.error_label.text().startswith("Armazenamento central: 'db.exemplo' não é um endereço")
    for dialog in (
        LoginDialog(None, app, "ana"),
        AddSessionDialog(None, app, date(2026, 11, 2)),
        TicketChooser(None, "pada", [("12345678", "Padaria Pão Quente Ltda")]),
    ):
        assert_portuguese(english, shown(qtbot, dialog))
    days = DaysView(app, day=date(2026, 11, 3))
    qtbot.addWidget(days)
    with qtbot.waitSignal(days.loaded, timeout=15_000):
        days.show()
    assert days.view.model().index(0, 0).data() == "Ter 03/11/2026"
    assert days.view.model().index(0, 4).data() == "não revisado"
    assert_portuguese(english, days)

    window = shown(qtbot, MainWindow(app))
    assert isinstance(window, MainWindow)
    window.day.nav.previous_day()
    assert window.day.day_label.text() == "Segunda-feira, 02/11/2026"
    window.tick()
    assert window.day.total_label.text() == "Total do dia: 0:00:00"
    window.show_message("x" * 300, "warning")
    assert_portuguese(english, window)


def test_the_returned_day_banner_speaks_portuguese(portuguese, english, qtbot) -> None:
    banner = ReturnedDaysBanner()
    qtbot.addWidget(banner)
    review = Decision(
        uuid="d1",
        consultant="ana",
        day="2026-11-02",
        decision="return",
        comment="confira",
        lead="carla",
        at="2026-11-03T10:00-03:00",
    )
    banner.show_days(
        [
            ReturnedDay(date(2026, 11, 2), review, RETURNED),
            ReturnedDay(date(2026, 10, 30), review._replace(day="2026-10-30"), RETURNED),
        ],
        date(2026, 11, 3),
    )
    assert (
        banner.label.text()
        == "Seu dia 30/10/2026 foi devolvido por carla: confira\nTambém devolvidos: 02/11/2026"
    )
    assert banner.open_button.text() == "Abrir 30/10/2026"
    assert_portuguese(english, banner)
    banner.show_days([ReturnedDay(date(2026, 11, 2), review, CORRECTED)], date(2026, 11, 3))
    assert banner.label.text() == "Dia 02/11/2026: corrigido, aguardando revisão"
