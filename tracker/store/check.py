"""The full check of a database file, ``PRAGMA quick_check``, that a thread can stop.

Apart from :mod:`tracker.store.files` because only the desktop app's start-up check and
``tracker.backup`` use it: a command never loads ``threading`` for it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.store.files import _read_only


class _Watcher:
    """Interrupts a connection from a thread of its own once ``ask()`` says so."""

    def __init__(self, conn: sqlite3.Connection, ask: Callable[[], bool]) -> None:
        self.done = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self._watch, args=(conn, ask), name="quick-check-stop", daemon=True
        )
        self.thread.start()

    def _watch(self, conn: sqlite3.Connection, ask: Callable[[], bool]) -> None:
        # The check spends up to a second inside one table without calling back, so
        # it is interrupted from outside: sqlite3_interrupt is safe from any thread.
        while not self.done.wait(0.02):
            if ask():
                self.stopped.set()
                conn.interrupt()
                return

    def finish(self) -> None:
        self.done.set()
        self.thread.join()


def quick_check(path: Path, stop: Callable[[], bool] | None = None) -> str | None:
    """``PRAGMA quick_check`` of the database file at ``path``, on a read-only connection of its own.

    None when the file is sound, else what is wrong with it.  It reads the whole file
    (seconds for a few hundred MiB), so the desktop app runs it in a worker thread
    after the window is shown.  ``stop`` is asked every few milliseconds from a
    watcher thread; a True interrupts the check at once and raises TrackerError.
    """
    if stop is not None and stop():
        raise TrackerError(_("the check of {path} was stopped before it began").format(path=path))
    try:
        conn = _read_only(path, threads=True)
    except sqlite3.Error as exc:  # pragma: no cover - a path sqlite cannot open
        return str(exc)
    watcher = _Watcher(conn, stop) if stop is not None else None
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if watcher is not None and watcher.stopped.is_set():
            raise TrackerError(
                _("the check of {path} was stopped before it finished").format(path=path)
            ) from exc
        return _("it is not a readable database ({error})").format(error=exc)
    except sqlite3.DatabaseError as exc:
        return _("it is not a readable database ({error})").format(error=exc)
    finally:
        if watcher is not None:
            watcher.finish()
        conn.close()
    problems = [str(r[0]) for r in rows]
    if problems == ["ok"]:
        return None
    more = _(" (and {count} more)").format(count=len(problems) - 3) if len(problems) > 3 else ""
    return "; ".join(problems[:3]) + more
