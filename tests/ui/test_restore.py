"""Restoring a backup from the window: every part of it carries on with the restored data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.idle import FixedIdle
from tracker.store import open_store
from ui.consultant.backups import RestoreFileDialog
from ui.consultant.main_window import MainWindow
from ui.consultant.sessions_model import COL_TICKET


@pytest.fixture
def restored(
    window: MainWindow, app: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str]:
    """A backup holding only 12345678, restored through File > Restore a backup…; (backup, message)."""
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    good = app.backup(tmp_path / "good.db")
    app.add_ticket("7654321", "Mercado", "standard")  # after the backup: not in the restored data
    window.reload()
    monkeypatch.setattr(RestoreFileDialog, "ask", classmethod(lambda cls, parent, folder: good))
    window.backups.restore_action.trigger()
    return good, window.statusBar().currentMessage()


def _rows(window: MainWindow) -> list[str]:
    model = window.day.table.model()
    return [str(model.index(r, COL_TICKET).data()) for r in range(model.rowCount())]


def test_the_window_says_where_the_replaced_database_was_kept(
    window: MainWindow, app: Tracker, home: Path, restored: tuple[Path, str], clock: FixedClock
) -> None:
    good, message = restored
    aside = [p for p in home.iterdir() if p.name.startswith("tracker.db.before-restore-")]
    assert len(aside) == 1
    assert message == f"Restored {good}; the previous database was kept as {aside[0]}"
    assert window.tracker is not app  # a new Tracker over the restored file
    assert [t.number for t in window.tracker.list_tickets()] == ["12345678"]
    with open_store(aside[0].parent, check=True) as s:  # the file in place is the backup
        assert [t.number for t in Tracker(s, clock, home).list_tickets()] == ["12345678"]
    assert window.writable and window.panel.combo.findData("7654321") < 0


def test_after_a_restore_the_tray_reminders_palette_and_idle_watcher_act_on_the_restored_data(
    window: MainWindow, restored: tuple[Path, str], home: Path, clock: FixedClock, qtbot: Any
) -> None:
    tray = window.tray
    tray.rebuild_menu()
    assert [a.data() for a in tray.ticket_actions] == ["12345678"]
    tray.start("12345678")  # before the provider, this raised "Cannot operate on a closed database"
    assert tray.tooltip().startswith("12345678")
    assert _rows(window) == ["12345678"] and window.timer_bar.running_label.text().startswith(
        "Running on 12345678"
    )

    clock.advance(hours=5)
    assert [(r.kind, r.detail.get("ticket")) for r in window.reminders.check()] == [
        ("long_timer", "12345678")
    ]

    window.palette.open_palette()
    assert window.palette.shown_numbers() == ["12345678"]  # 7654321 was only in the replaced file
    window.palette.hide()

    watcher = window.idle_watcher
    watcher.source = FixedIdle(30 * 60)  # away since 19:30
    asked: list[str] = []
    watcher.ask = lambda parent, ticket, since, until: asked.append(ticket) or "discard"
    watcher.poll()
    clock.advance(seconds=30)
    watcher.source = FixedIdle(10)  # back
    watcher.poll()
    assert asked == ["12345678"]
    with open_store(home) as s:  # what the restored file holds now
        other = Tracker(s, clock, home)
        sessions = [(x.ticket, x.start.strftime("%H:%M"), x.end.strftime("%H:%M")) for x in other.log()]
        timer = other.running()
    assert sessions == [("12345678", "15:00", "19:30")]
    assert timer is not None and timer.ticket == "12345678"

    tray.stop()
    assert window.tracker.running() is None
    assert (
        window.statusBar().currentMessage() != ""
        and "closed database" not in window.statusBar().currentMessage()
    )


def test_a_file_that_is_no_backup_is_refused_and_the_window_keeps_working(
    window: MainWindow, app: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    junk = tmp_path / "notes.db"
    junk.write_text("not a database")
    monkeypatch.setattr(RestoreFileDialog, "ask", classmethod(lambda cls, parent, folder: junk))
    window.backups.restore_action.trigger()
    assert "cannot be restored" in window.statusBar().currentMessage()
    window.tray.start("12345678")
    assert window.tracker.running() is not None
    assert [t.number for t in window.tracker.list_tickets()] == ["12345678"]
