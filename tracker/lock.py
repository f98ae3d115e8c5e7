"""Who holds the window's lock file: the CLI refuses a restore under an open window.

The desktop app takes a ``QLockFile`` on ``<data folder>/tracker.lock``.  Qt writes
the holder's process id on its first line; a lock whose process is gone is stale
(Qt clears it too, so a SIGKILLed window never blocks a new one).
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_FILENAME = "tracker.lock"


def lock_path(home: Path) -> Path:
    return home / LOCK_FILENAME


def window_pid(home: Path) -> int | None:
    """The process id of a live window holding the lock, else None."""
    try:
        first = lock_path(home).read_text(encoding="utf-8", errors="replace").splitlines()[0]
        pid = int(first.strip())
    except (OSError, IndexError, ValueError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # pragma: no cover - another user's live process
        return pid
    return pid
