"""Where the main window stands with its database: nothing is written until it is sound.

The app opens the database without its full check (it reads the whole file); the
check runs in a worker once the window shows.  The stages and the only ways between
them::

    UNCHECKED --shown--> CHECKING --sound--> LIVE
                                  --damaged--> DAMAGED --restored--> LIVE
    READY (no check asked) --shown--> LIVE
    any stage --closed--> CLOSED

Writes (start, stop, tickets, session edits, sync, settings) are allowed in READY and
LIVE only.  LIVE also means shown: the heartbeat, the sync status and the automatic
sync run.  A damaged database is never written to, not even on close.
"""

from __future__ import annotations

import threading
from enum import Enum

from PySide6.QtCore import QObject, Signal

from ui.common.provider import TrackerProvider
from ui.consultant.sync_jobs import CheckResult, check_work


class Stage(Enum):
    UNCHECKED = "unchecked"  # opened without the full check; it runs once the window shows
    CHECKING = "checking"  # the check runs in a worker
    READY = "ready"  # sound (no check was asked), the window not shown yet
    LIVE = "live"  # sound and shown
    DAMAGED = "damaged"  # the check failed: nothing is written; a backup may be restored
    CLOSED = "closed"  # shut down: nothing touches the database any more


TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.UNCHECKED: frozenset({Stage.CHECKING, Stage.CLOSED}),
    Stage.CHECKING: frozenset({Stage.LIVE, Stage.DAMAGED, Stage.CLOSED}),
    Stage.READY: frozenset({Stage.LIVE, Stage.CLOSED}),
    Stage.LIVE: frozenset({Stage.CLOSED}),
    Stage.DAMAGED: frozenset({Stage.LIVE, Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
}
WRITABLE = frozenset({Stage.READY, Stage.LIVE})
RESTORABLE = frozenset({Stage.READY, Stage.LIVE, Stage.DAMAGED})  # not while the check reads the file


class StartupGate(QObject):
    """The window's stage, and the start-up check that moves it."""

    changed = Signal(object)  # the new Stage
    checked = Signal(str)  # the check's verdict: "" when sound, else the problem
    damaged = Signal(str, object)  # the message to show, the latest good backup (a Path) or None

    def __init__(self, provider: TrackerProvider, check: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.provider = provider
        self.stage = Stage.UNCHECKED if check else Stage.READY
        self._cancel = threading.Event()
        self.runner = provider.runner(self)
        self.runner.finished.connect(self._checked)

    @property
    def writable(self) -> bool:
        return self.stage in WRITABLE

    @property
    def restorable(self) -> bool:
        return self.stage in RESTORABLE

    @property
    def live(self) -> bool:
        return self.stage is Stage.LIVE

    def move(self, to: Stage) -> None:
        if to not in TRANSITIONS[self.stage]:
            raise ValueError(f"the window cannot go from {self.stage.name} to {to.name}")
        self.stage = to
        self.changed.emit(to)

    def begin(self) -> None:
        """The window shows: check the database, or go live at once when no check was asked."""
        if self.stage is Stage.UNCHECKED:
            self.move(Stage.CHECKING)
            self.runner.start_plain(check_work(self.provider.tracker.home, self._cancel))
        elif self.stage is Stage.READY:
            self.move(Stage.LIVE)

    def _checked(self, result: CheckResult) -> None:
        if result is None or self.stage is not Stage.CHECKING:  # stopped: the window is closing
            return
        problem, text, good = result
        if problem is None:
            self.move(Stage.LIVE)
            self.checked.emit("")
            return
        self.move(Stage.DAMAGED)
        self.checked.emit(problem)
        self.damaged.emit(text, good)

    def restored(self) -> None:
        """A good backup took the damaged file's place."""
        if self.stage is Stage.DAMAGED:
            self.move(Stage.LIVE)

    def close(self) -> None:
        """Stop a check at once; nothing is written after this."""
        self._cancel.set()
        if self.stage is not Stage.CLOSED:
            self.move(Stage.CLOSED)
