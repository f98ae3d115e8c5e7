"""Sync in the window, the review banner, the ticket picker at scale, the start-up check."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import NOW, Cli
from tests.conftest_pg import Central
from tracker import backup
from tracker.app import Decision, Tracker
from tracker.clock import FixedClock
from tracker.store import open_store
from ui.consultant.dialogs import DamagedDatabaseDialog
from ui.consultant.main_window import MainWindow
from ui.consultant.sessions_model import COL_SYNCED
from ui.consultant.sync_jobs import SyncOutcome
from ui.consultant.sync_status import ReviewBanner
from ui.consultant.ticket_panel import RECENT_LIMIT

DOCS = Path(__file__).resolve().parents[2] / "docs"
WAIT = 15_000


def _shot(window: MainWindow, name: str, tmp_path: Path, height: int = 560) -> None:
    """A picture of the window: into docs/ with TRACKER_SCREENSHOTS=1, else a temp file."""
    window.resize(980, height)
    QApplication.processEvents()
    target = DOCS / name if os.environ.get("TRACKER_SCREENSHOTS") else tmp_path / name
    assert window.grab().save(str(target))


def _work(app: Tracker, share: Path) -> None:
    app.settings.set("export-dir", str(share))
    app.add_ticket("12345678", "Padaria Pão Quente", "technical", term_accepted="2026-11-01")
    app.add_session("12345678", "2026-11-03T09:00:00", "2026-11-03T10:30:00", note="pão de queijo no forno")
    app.add_session("12345678", "2026-11-03T11:00:00", "2026-11-03T11:20:00")


def _status(window: MainWindow, qtbot: Any, text: str = "Never synced · 3 pending") -> None:
    """Wait for the indicator to show ``text``: the status is read in a worker."""
    label = window.sync.indicator.state_label
    qtbot.waitUntil(lambda: label.text() == text, timeout=WAIT)


def _marks(window: MainWindow) -> list[tuple[str, str]]:
    model = window.day.table.model()
    cells = [model.index(r, COL_SYNCED) for r in range(model.rowCount())]
    return [(str(c.data()), str(c.data(Qt.ItemDataRole.ToolTipRole))) for c in cells]


def _sync(window: MainWindow, qtbot: Any, click: Callable[[Any], None]) -> SyncOutcome:
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        click(window.sync.indicator.button)
        assert not window.sync.action.isEnabled()  # never two syncs at once
    outcome = done.args[0]
    assert isinstance(outcome, SyncOutcome)
    return outcome


def test_the_sync_button_sends_everything_and_the_indicator_shows_the_last_sync(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any, click: Callable[[Any], None]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _work(app, share)
    window.reload()
    _status(window, qtbot)
    assert _marks(window) == [("•", "not yet in the central export")] * 2

    outcome = _sync(window, qtbot, click)
    assert (outcome.sessions, outcome.events, outcome.error) == (2, 1, "")
    assert window.sync.indicator.state_label.text() == "Last sync 03/11/2026 15:00 · 0 pending"
    assert not window.sync.indicator.error_label.isVisible()
    assert not window.sync.indicator.progress.isVisible()
    assert _marks(window) == [("✓", "in the central export")] * 2
    assert window.statusBar().currentMessage() == "Synced: 2 sessions and 1 ticket event sent; 0 pending"
    assert any(share.rglob("*.jsonl*"))
    assert window.sync.action.shortcut().toString() == "Ctrl+Shift+S"


def test_a_missing_export_folder_shows_the_error_in_red_and_keeps_everything_pending(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any, click: Callable[[Any], None]
) -> None:
    _work(app, tmp_path / "unmounted-share")
    window.reload()
    _status(window, qtbot)
    outcome = _sync(window, qtbot, click)
    indicator = window.sync.indicator
    assert outcome.error and "unmounted-share" in outcome.error
    assert indicator.error_label.isVisible()
    assert indicator.error_label.text().startswith("Sync failed: ")
    assert indicator.error_label.toolTip() == outcome.error
    assert "#c0392b" in indicator.error_label.styleSheet()
    assert indicator.state_label.text() == "Never synced · 3 pending"
    assert _marks(window) == [("•", "not yet in the central export")] * 2
    assert window.sync.action.isEnabled()
    _shot(window, "screenshot-sync-error.png", tmp_path)


def test_the_automatic_sync_starts_once_the_export_folder_appears(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any
) -> None:
    share = tmp_path / "share"
    _work(app, share)
    window.reload()
    _status(window, qtbot)
    _shot(window, "screenshot-sync.png", tmp_path)
    window.sync.auto_sync_tick()  # the folder is not there: nothing starts
    assert window.sync.action.isEnabled()

    share.mkdir()
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        window.sync.auto_sync_tick()
        window.sync.auto_sync_tick()  # a second tick while the first runs starts nothing
        window.sync.sync_now()
        assert window.statusBar().currentMessage() == "A sync is running already"
    assert done.args[0].sent and done.args[0].sessions == 2
    assert window.sync.indicator.pending == 0
    batches = sorted(share.rglob("*"))

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as idle:
        window.sync.auto_sync_tick()  # nothing pending: the worker sends nothing
    assert not idle.args[0].sent
    assert sorted(share.rglob("*")) == batches


def test_a_day_returned_by_a_lead_shows_in_a_banner_after_the_next_sync(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any, click: Callable[[Any], None]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _work(app, share)
    # After the sessions were recorded (15:00): nothing changed since the return.
    lead = Cli(tmp_path / "lead", now="2026-11-03T15:40:00-03:00")
    with open_store(lead.home) as s:
        settings = Tracker(s, FixedClock(NOW, "America/Sao_Paulo"), lead.home).settings
        for key, value in (("consultant", "carla.lead"), ("export-dir", str(share)), ("role", "lead")):
            settings.set(key, value)
    comment = "a sessão das 9h não tem nota do cliente; confira"
    for args in (
        ("review", "return", "--day", "2026-11-03", "--consultant", "ana", "--comment", comment),
        ("sync",),
    ):
        r = lead(*args)
        assert r.code == 0, r.err
    window.reload()
    _status(window, qtbot)
    assert not window.day.banner.isVisible()

    _sync(window, qtbot, click)
    assert window.day.banner.isVisible() and window.day.banner.decision == "return"
    assert window.day.banner.label.text() == f"Day returned by carla.lead on 03/11/2026 15:40: {comment}"
    assert window.day.banner.geometry().bottom() < window.day.table.geometry().top()
    _shot(window, "screenshot-returned-day.png", tmp_path, height=600)


def test_an_approved_day_is_a_quiet_note(qtbot: Any) -> None:
    banner = ReviewBanner()
    qtbot.addWidget(banner)
    banner.show_review(
        Decision("u-1", "bruno", "2026-11-03", "approve", "", "carla", "2026-11-04T09:12:00-03:00")
    )
    assert banner.label.text() == "✓ Approved by carla on 04/11/2026 09:12"
    assert not banner.label.font().bold()
    banner.show_review(None)
    assert banner.isHidden()


def test_the_ticket_picker_holds_5000_open_tickets_and_completes_by_customer(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any
) -> None:
    lines = [
        {
            "kind": "ticket",
            "number": str(3_000_000 + i),
            "customer": f"Cliente {i:04d} Ltda",
            "type": "standard",
        }
        for i in range(5000)
    ]
    source = tmp_path / "tickets.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    app.import_file(source)
    with qtbot.waitSignal(window.panel.tickets_loaded, timeout=WAIT, check_params_cb=lambda n: n == 5000):
        window.panel.fetch_tickets()  # what the window does when another process wrote
    panel = window.panel
    assert panel.recent_model.rowCount() == RECENT_LIMIT
    assert panel.all_model.rowCount() == 5000

    line = panel.combo.lineEdit()
    qtbot.keyClicks(line, "cliente 4321")
    popup = panel.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT)
    assert panel.completer.completionCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert line.text() == "3004321 — Cliente 4321 Ltda"
    assert panel.current_number() == "3004321"
    assert panel.customer_label.text() == "Cliente 4321 Ltda"
    assert window.timer_bar.start_button.isEnabled()


def test_writes_are_disabled_until_the_startup_check_passes(
    app: Tracker, qtbot: Any, notices: list[str]
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.add_session("12345678", "2026-11-03T09:00:00", "2026-11-03T10:00:00")
    w = MainWindow(app, startup_check=True)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.check_finished, timeout=WAIT) as checked:
        w.show()
        assert w.statusBar().currentMessage() == "Checking the database…"
        assert w.sync.indicator.state_label.text() == "Checking the database…"
        assert not w.writable
        assert not w.timer_bar.start_button.isEnabled()
        assert not w.panel.new_button.isEnabled() and not w.panel.finalize_button.isEnabled()
        assert not w.sync.action.isEnabled()
        w.day.table.selectRow(0)
        assert not w.day.session_actions.edit_action.isEnabled()
        assert w.day.session_actions.history_action.isEnabled()  # reading is fine
    assert checked.args == [""]
    assert w.writable and w.timer_bar.start_button.isEnabled() and w.sync.action.isEnabled()
    assert w.panel.new_button.isEnabled() and w.panel.finalize_button.isEnabled()
    w.day.table.selectRow(0)
    assert w.day.session_actions.edit_action.isEnabled()


def _break_index(path: Path, index: str = "audit_session") -> None:
    """Scribble over the page header of an index the window never reads: only a check finds it."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size] = 0x42  # no such b-tree page type
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("restore", [False, True], ids=["kept-off", "restored"])
def test_damage_found_by_the_startup_check_keeps_writes_off_and_offers_the_backup(
    home: Path,
    clock: FixedClock,
    qtbot: Any,
    notices: list[str],
    monkeypatch: pytest.MonkeyPatch,
    restore: bool,
) -> None:
    with open_store(home) as s:
        t = Tracker(s, clock, home)
        t.settings.set("consultant", "ana")
        t.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
        good = t.backup(home / "backups" / "tracker-2026-11-02-090000.db")
        t.add_ticket("7654321", "Mercado", "standard")
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _break_index(home / "tracker.db")
    damaged = (home / "tracker.db").read_bytes()
    asked: list[tuple[str, Path]] = []
    monkeypatch.setattr(
        DamagedDatabaseDialog,
        "ask",
        classmethod(lambda cls, parent, text, path: asked.append((text, path)) or restore),
    )
    store = open_store(home, check=False)  # SQLite still reads the header
    w = MainWindow(Tracker(store, clock, home), startup_check=True)
    qtbot.addWidget(w)
    try:
        with qtbot.waitSignal(w.check_finished, timeout=WAIT) as checked:
            w.show()
        assert checked.args[0]  # the problem
        assert len(asked) == 1 and asked[0][1] == good
        assert f"The latest good backup is {good}" in asked[0][0]
        if not restore:
            assert (
                not w.writable and not w.timer_bar.start_button.isEnabled() and not w.sync.action.isEnabled()
            )
            assert w.day.banner.isVisible() and "is damaged" in w.day.banner.label.text()
            w.close()
            assert (home / "tracker.db").read_bytes() == damaged  # never written to
        else:
            assert w.writable and w.sync.action.isEnabled() and w.panel.new_button.isEnabled()
            assert w.statusBar().currentMessage().startswith(f"Restored {good}")
            assert [t.number for t in w.tracker.list_tickets()] == ["12345678"]
            assert backup.check_file(home / "tracker.db") is None
    finally:
        w.close()
        w.tracker.store.close()
        store.close()


def test_the_review_and_billing_menus_follow_the_role(
    window: MainWindow, app: Tracker, qtbot: Any, home: Path, clock: FixedClock
) -> None:
    assert window.review_menu.menuAction().isVisible() is False
    assert window.billing_menu.menuAction().isVisible() is False
    with open_store(home) as other:  # as `tracker config set role lead` does
        Tracker(other, clock, home).settings.set("role", "lead")
    window.poll()
    assert window.review_menu.menuAction().isVisible()
    assert not window.billing_menu.menuAction().isVisible()
    window.review_action.trigger()
    review = window.role_windows.open("review")
    assert type(review).__name__ == "ReviewWindow" and review.isVisible()
    assert window.role_windows.open("review") is review  # raised, not made twice

    app.settings.set("role", "billing")
    window.reload()
    assert not window.review_menu.menuAction().isVisible()
    assert window.billing_menu.menuAction().isVisible()
    window.rates_action.trigger()
    rates = window.role_windows.open("rates")
    assert type(rates).__name__ == "RatesDialog" and rates.isVisible()
    window.billing_action.trigger()
    billing = window.role_windows.open("billing")
    assert type(billing).__name__ == "BillingWindow" and billing.isVisible()


def test_screenshot_of_a_day_partly_sent(
    window: MainWindow,
    app: Tracker,
    clock: FixedClock,
    tmp_path: Path,
    qtbot: Any,
    click: Callable[[Any], None],
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    app.settings.set("export-dir", str(share))
    app.add_ticket(
        "12345678", "Padaria Pão Quente Ltda", "technical", product="Protheus", term_accepted="2026-11-01"
    )
    app.add_ticket("7654321", "Supermercado Bom Preço", "support", term_accepted="2026-10-20")
    app.add_ticket("2233445", "Transportes Rio Claro", "standard")
    clock.set(datetime.fromisoformat("2026-11-03T12:00:00-03:00"))
    app.add_session(
        "12345678", "2026-11-03T08:05:00", "2026-11-03T09:17:30", note="Ajuste de parâmetros do MATA410"
    )
    app.add_session("7654321", "2026-11-03T09:30:00", "2026-11-03T10:02:10", note="Erro na geração do SPED")
    app.add_session("2233445", "2026-11-03T10:40:00", "2026-11-03T11:10:45")
    window.reload()
    _sync(window, qtbot, click)
    clock.set(datetime.fromisoformat("2026-11-03T14:20:00-03:00"))
    app.add_session(
        "12345678", "2026-11-03T13:00:00", "2026-11-03T13:48:05", note="Treinamento rotina de faturamento"
    )
    window.panel.select("12345678")
    window.timer_bar.note_edit.setText("Virada de versão")
    click(window.timer_bar.start_button)
    clock.set(datetime.fromisoformat("2026-11-03T15:02:17-03:00"))
    window.tick()
    _status(window, qtbot, "Last sync 03/11/2026 12:00 · 1 pending")
    assert [m for m, _ in _marks(window)] == ["✓", "✓", "✓", "•", ""]
    window.day.table.clearSelection()
    window.statusBar().clearMessage()
    _shot(window, "screenshot-main.png", tmp_path, height=660)


def test_the_automatic_sync_of_a_server_home_never_waits_for_the_export_folder(
    window: MainWindow, app: Tracker, tmp_path: Path, qtbot: Any, central: Central
) -> None:
    """``central`` names a PostgreSQL server: the export-dir folder, missing, is not its store."""
    missing = tmp_path / "unmounted-share"
    _work(app, missing)
    app.settings.set("central", central.url)
    window.reload()
    _status(window, qtbot)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        window.sync.auto_sync_tick()
    outcome = done.args[0]
    assert (outcome.error, outcome.sessions, outcome.events) == ("", 2, 1)
    assert window.sync.indicator.pending == 0
    assert not missing.exists()  # never looked at, never made
    with central.admin() as owner:
        assert owner.execute("SELECT count(*) FROM sessions WHERE consultant = 'ana'").fetchone() == (2,)
