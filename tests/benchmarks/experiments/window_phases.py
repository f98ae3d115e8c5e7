"""Where the window's start spends its CPU, phase by phase, median of 7 processes.

    .venv/bin/python tests/benchmarks/experiments/window_phases.py HOME

PySide6 and the QApplication (what a bare window pays too), the imports of ui.app and of
the main window's module, the store, ``MainWindow()``, then show until ``first_painted``.
See FINDINGS.md, section 3.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CODE = r"""
import json, sys, time
from pathlib import Path
T = {}
c = time.process_time()
def mark(k):
    global c
    n = time.process_time(); T[k] = n - c; c = n
from PySide6.QtWidgets import QApplication
app = QApplication(["tracker"]); mark("PySide6 + QApplication (a bare window pays this too)")
import ui.app; mark("import ui.app (tracker.service and the core with it)")
import ui.consultant.main_window as mw; mark("import ui.consultant.main_window")
from tracker.app import open_tracker
tr = open_tracker(Path(sys.argv[1]), check=False); mark("open the store")
app.setStyle("Fusion"); mark("Fusion style")
w = mw.MainWindow(tr, startup_check=True); mark("MainWindow()")
painted = []
w.first_painted.connect(lambda: painted.append(1))
w.show()
while not painted:
    app.processEvents()
mark("show and first paint")
print(json.dumps(T))
w.shutdown()
"""


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRACKER_TZ="America/Sao_Paulo")
    runs = []
    for _ in range(7):
        out = subprocess.run(
            [sys.executable, "-c", CODE, sys.argv[1]], capture_output=True, text=True, cwd=ROOT, env=env
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key in runs[0]:
        print(f"  {statistics.median(r[key] for r in runs) * 1000:6.1f} ms cpu  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
