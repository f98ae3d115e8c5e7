"""The window's resident memory, step by step, in one process.

    .venv/bin/python tests/benchmarks/experiments/window_memory.py HOME

VmRSS after PySide6 and the QApplication, the core, ui.app, the main window's module, the
store, each part of ``MainWindow()`` (_build, _build_menus, _install_companions, reload)
and the first paint.  The per-part figures wrap those methods (a measurement, not a
change).  See FINDINGS.md, section 3.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    marks = [("python", rss())]
    from PySide6.QtWidgets import QApplication

    app = QApplication(["tracker"])
    marks.append(("PySide6.QtWidgets + QApplication", rss()))
    import tracker.service  # noqa: F401


    marks.append(("+ tracker core modules", rss()))
    import ui.app  # noqa: F401

    marks.append(("+ ui.app", rss()))
    import ui.consultant.main_window as mw

    marks.append(("+ ui.consultant.main_window and what it imports", rss()))
    from tracker.app import open_tracker

    tr = open_tracker(Path(sys.argv[1]), check=False)
    marks.append(("+ store opened", rss()))
    steps: list[tuple[str, float]] = []
    for name in ("_build", "_build_menus", "_install_companions", "reload"):
        original = getattr(mw.MainWindow, name)

        def wrapped(self: Any, *a: Any, _o: Any = original, _n: str = name, **k: Any) -> Any:
            before = rss()
            result = _o(self, *a, **k)
            steps.append((_n, rss() - before))
            return result

        setattr(mw.MainWindow, name, wrapped)
    window = mw.MainWindow(tr, startup_check=True)
    marks.append(("+ MainWindow built", rss()))
    window.show()
    for _ in range(30):
        app.processEvents()
    marks.append(("+ shown and painted", rss()))
    previous = 0.0
    for label, value in marks:
        print(f"  {value:6.1f} MB  (+{value - previous:5.1f})  {label}")
        previous = value
    for name, delta in steps:
        print(f"          (+{delta:5.1f})  MainWindow.{name}")
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
