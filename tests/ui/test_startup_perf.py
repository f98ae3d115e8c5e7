"""A fast start with a big history: nothing before the first paint reads a history table whole.

The timing itself is measured by tests/benchmarks/run.py (a million sessions); here
every statement the window runs on its own connection until it is shown is traced,
and SQLite's query plan for each must use an index on the tables that grow with the
history.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import tracker.store
import ui.app
from tracker.app import Tracker
from tracker.clock import FixedClock
from tracker.store import Store, open_store
from ui.consultant.main_window import MainWindow

HISTORY_TABLES = {
    "sessions",
    "tickets",
    "ticket_events",
    "defects",
    "audit",
    "outbox",
    "outbox_items",
    "reviews",
    "review_inbox",
}


def _history(app: Tracker, tmp_path: Path, days: int = 60) -> None:
    """Two months of sessions over 30 tickets, some of them today, and a running timer."""
    lines: list[dict[str, Any]] = [
        {"kind": "ticket", "number": str(5_000_000 + n), "customer": f"Cliente {n}", "type": "standard"}
        for n in range(30)
    ]
    first = date(2026, 11, 3) - timedelta(days=days)
    for d in range(days):
        day = first + timedelta(days=d)
        for h in range(8, 12):
            lines.append(
                {
                    "kind": "session",
                    "ticket": str(5_000_000 + (d + h) % 30),
                    "start": f"{day.isoformat()}T{h:02d}:00:00-03:00",
                    "end": f"{day.isoformat()}T{h:02d}:40:00-03:00",
                    "consultant": "ana",
                }
            )
    source = tmp_path / "history.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    app.import_file(source)
    app.add_session("5000001", "2026-11-03T09:00:00", "2026-11-03T10:00:00")
    app.start("5000002")


def _whole_scans(store: Store, statements: list[str]) -> list[tuple[str, str]]:
    scans = []
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = str(row[3])
            words = detail.split()
            if words[0] == "SCAN" and words[1] in HISTORY_TABLES:
                scans.append((sql, detail))
    return scans


def test_nothing_before_the_first_paint_reads_a_history_table_whole(
    app: Tracker, store: Store, tmp_path: Path, qtbot: Any, notices: list[str]
) -> None:
    _history(app, tmp_path)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        w = MainWindow(app, startup_check=True)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.first_painted, timeout=10_000):
            w.show()
    finally:
        store.conn.set_trace_callback(None)
    assert any("sessions" in s for s in statements)  # the trace saw the day's log
    assert w.model.rowCount() == 2  # today's session and the running timer
    assert _whole_scans(store, statements) == []
    assert not any("quick_check" in s.lower() for s in statements)  # that is the worker's


def test_the_window_shows_the_running_ticket_without_the_full_ticket_list(
    app: Tracker, tmp_path: Path, qtbot: Any, notices: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(app, tmp_path, days=5)
    calls: list[bool] = []
    real = Tracker.list_tickets
    monkeypatch.setattr(
        Tracker,
        "list_tickets",
        lambda self, open_only=False: calls.append(open_only) or real(self, open_only),
    )
    w = MainWindow(app, startup_check=True)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.first_painted, timeout=10_000):
        w.show()
    assert calls == []  # read in a worker, after the check
    assert w.panel.current_number() == "5000002"
    assert w.panel.combo.findData("5000002") >= 0 and w.panel.combo.findData("5000001") >= 0
    assert w.running_label.text().startswith("Running on 5000002 — Cliente 2")


def test_the_app_opens_the_database_without_the_full_check(
    qapp: Any, home: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(home) as s:
        Tracker(s, clock, home).settings.set("consultant", "ana")
    opened: list[bool | None] = []
    real = tracker.store.open_store

    def spy(where: Path, **kwargs: Any) -> Store:
        opened.append(kwargs.get("check"))
        return real(where, **kwargs)

    monkeypatch.setattr(tracker.store, "open_store", spy)
    monkeypatch.setenv("TRACKER_HOME", str(home))
    monkeypatch.setenv("TRACKER_EXIT_WHEN_SHOWN", "1")
    assert ui.app.run_app([]) == 0
    assert opened[0] is False
