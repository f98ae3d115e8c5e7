"""Start a window, and print when its first frame was painted and how much memory it held then.

    python window_probe.py bare [WIDTH HEIGHT]   a bare PySide6 QMainWindow (the floor)
    python window_probe.py app                   the desktop app: ``python -m tracker`` with no
                                                 arguments, in this process (TRACKER_HOME from the
                                                 environment; TRACKER_EXIT_WHEN_SHOWN=1 advised)

Prints one JSON line on stdout once the first frame is done, then quits:
``{"painted": T, "rss_kb": N, "hwm_kb": N, "width": W, "height": H}``, where T is
``time.monotonic()`` (CLOCK_MONOTONIC, the same clock in every process of the machine,
so the parent subtracts its own ``time.monotonic()`` taken just before it started this
process) and the memory figures are VmRSS and VmHWM of /proc/self/status at that moment.

"First painted frame": the first QEvent.Paint delivered to a top-level QMainWindow
starts a paint pass in which Qt paints the whole widget tree and flushes the backing
store; a zero-delay timer queued at that event fires once the pass is over, and that
is the time taken.  Both modes install the very same application-wide event filter
(so both pay the same small per-event cost), on a QApplication made here; the app's
``run_app`` reuses the existing instance.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def memory_kb() -> tuple[int, int]:
    """VmRSS and VmHWM of this process, in KiB (0 where /proc is not there)."""
    rss = hwm = 0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    return rss, hwm


class FirstFrame(QObject):
    """Watches every event; at the first paint of a main window, reports once the pass is over."""

    def __init__(self, qapp: QApplication, quit_after: bool) -> None:
        super().__init__()
        self.qapp = qapp
        self.quit_after = quit_after
        self.window: QMainWindow | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self.window is None and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.window = obj
            self.qapp.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False

    def done(self) -> None:
        painted = time.monotonic()
        rss, hwm = memory_kb()
        assert self.window is not None
        size = self.window.size()
        record = {"painted": painted, "rss_kb": rss, "hwm_kb": hwm}
        record.update(width=size.width(), height=size.height())
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()
        if self.quit_after:
            self.qapp.exit(0)


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "bare"
    qapp = QApplication(["tracker"])
    watcher = FirstFrame(qapp, quit_after=mode == "bare")
    qapp.installEventFilter(watcher)
    if mode == "bare":
        window = QMainWindow()
        if len(argv) >= 3:
            window.resize(int(argv[1]), int(argv[2]))
        window.show()
        return qapp.exec()
    if mode != "app":
        raise SystemExit(f"unknown mode {mode!r}: bare or app")
    os.environ.setdefault("TRACKER_EXIT_WHEN_SHOWN", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's tracker and ui
    sys.argv = ["tracker"]
    try:
        runpy.run_module("tracker", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
