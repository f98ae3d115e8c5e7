"""Every window fits a 1366×768 laptop screen, and every button in it can be seen whole.

Each language runs tests/ui/fit_check.py in a process of its own, on Qt's offscreen
platform with one 1366×768 screen: the main window (with a long message in its bar),
the week, my days, the settings (every tab), every dialog, the import wizard (every
page), and the lead's review and the billing statement over a real export.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}


@pytest.mark.parametrize("language", ["pt_BR", "en"])
def test_every_window_fits_1366x768_with_its_buttons_visible(language: str, tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "TRACKER_HOME": str(tmp_path / "h"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_check", language, str(tmp_path / "work")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["screen"] == [1366, 768]
    assert {"main window", "week", "my days", "settings", "review", "billing", "import wizard"} <= set(
        report["windows"]
    )
    assert report["problems"] == [], "\n".join(report["problems"])
