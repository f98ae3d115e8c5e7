"""A start/stop click in the window, handled in process: BENCH_CLICKS clicks (100), median < 5 ms.

Run by speed.py (part ``click``), in a copy of a home holding the history::

    BENCH_HOME=DIR BENCH_TICKET=NUMBER BENCH_OUT=FILE \\
        python -m pytest -p no:cacheprovider -o addopts= tests/benchmarks/test_click.py

Skipped without BENCH_HOME (pyproject keeps tests/benchmarks out of the default run anyway).
The window is the app's own, over the home, with the real clock; the ticket is chosen in
the panel, then the big button is clicked (qtbot.mouseClick) and the posted events are
processed (the model's reload, the repaint requests); a click's time is that of both.
Clicks alternate start and stop, so each click either opens a timer or stores a session
with a write and an fsync.  The median, the median of starts and of stops, and the 90th
percentile go to BENCH_OUT as JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

HOME = os.environ.get("BENCH_HOME")
pytestmark = pytest.mark.skipif(not HOME, reason="run by tests/benchmarks/speed.py with BENCH_HOME")


def test_start_stop_clicks(qtbot: Any) -> None:
    from tracker.app import open_tracker
    from ui.consultant.main_window import MainWindow

    assert HOME is not None
    number = os.environ["BENCH_TICKET"]
    clicks = int(os.environ.get("BENCH_CLICKS", "100"))
    tracker = open_tracker(Path(HOME))
    window = MainWindow(tracker)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=60_000):
        window.show()
    qapp = QApplication.instance()
    assert qapp is not None
    # The open tickets are read in a worker after the first paint; let it land before the
    # clicks, so that it does not change the chosen ticket halfway through.
    _wait_jobs(window)
    for _ in range(20):
        qapp.processEvents()
    window.panel.select(number)
    assert window.panel.current_number() == number
    assert window.day.model.timer is None, "the home has a running timer"
    starts: list[float] = []
    stops: list[float] = []
    for i in range(clicks):
        t0 = time.perf_counter()
        qtbot.mouseClick(window.timer_bar.start_button, Qt.MouseButton.LeftButton)
        qapp.processEvents()
        elapsed = time.perf_counter() - t0
        running = window.day.model.timer is not None
        if running != (i % 2 == 0):
            verb = "start" if i % 2 == 0 else "stop"
            problem = f"click {i + 1} did not {verb}: {window.statusBar().currentMessage()}"
            _finish(window, tracker, {"error": problem})
            raise AssertionError(problem)
        (starts if running else stops).append(elapsed)
    both = sorted(starts + stops)
    result = {
        "clicks": clicks,
        "median_ms": statistics.median(both) * 1000,
        "start_ms": statistics.median(starts) * 1000,
        "stop_ms": statistics.median(stops) * 1000,
        "p90_ms": both[int(len(both) * 0.9) - 1] * 1000,
        "max_ms": both[-1] * 1000,
    }
    _finish(window, tracker, result)
    print(json.dumps(result))


def _finish(window: Any, tracker: Any, result: dict[str, Any]) -> None:
    """Stop the window's timers and workers, close the store, write BENCH_OUT."""
    window.shutdown()
    _wait_jobs(window)
    tracker.store.close()
    out = os.environ.get("BENCH_OUT")
    if out:
        Path(out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def _wait_jobs(window: Any) -> None:
    """Every worker of the window done (each JobRunner has its own pool)."""
    from ui.common.tracker_job import JobRunner

    for runner in window.findChildren(JobRunner):
        runner.wait(600_000)
