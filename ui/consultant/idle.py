"""Time away from the keyboard while a timer runs: noticed while away, asked about on return.

The watcher reads an injected :class:`tracker.app.IdleSource` every 30 seconds.  Once
the idle time passes the 'idle-minutes' setting it remembers when the input stopped;
when input comes back it asks the consultant (the same three choices as after a sleep
gap) and stores the answer with :meth:`Tracker.resolve_idle`.  A source that is not
available (macOS, Wayland) means it never asks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from tracker.app import IdleSource, system_idle_source
from tracker.errors import TrackerError
from ui.common.choice_dialog import ThreeChoiceDialog
from ui.common.fmt import duration_text, error_text
from ui.common.provider import TrackerProvider

POLL_MS = 30_000
BACK_SECONDS = 60  # input within the last minute: the consultant is back


class IdleDialog(ThreeChoiceDialog):
    """Were you working while away?  Closing it keeps the time."""

    def __init__(self, parent: QWidget | None, ticket: str, since: datetime, until: datetime) -> None:
        super().__init__(parent)
        until = until.astimezone(since.tzinfo)
        seconds = int(until.timestamp()) - int(since.timestamp())
        self.build(
            self.tr("Were you working while away?"),
            self.tr("You were away from {0} to {1} while the timer on {2} ran ({3}).").format(
                since.strftime("%H:%M"), until.strftime("%H:%M"), ticket, duration_text(seconds)
            ),
            self.tr(
                "Keep the time: it was work (a call, a meeting); nothing changes.\n"
                "Discard the idle time: the session ends at {0} and a new one starts at {1}.\n"
                "Split: as Discard, and the time away is kept as its own session, flagged idle."
            ).format(since.strftime("%H:%M"), until.strftime("%H:%M")),
            (self.tr("Keep the time"), self.tr("Discard the idle time"), self.tr("Split")),
        )


Ask = Callable[[QWidget | None, str, datetime, datetime], str]


class IdleWatcher(QObject):
    """Polls the idle source while a timer runs and asks about long idle time on return.

    ``resolved`` carries the choice after it was stored: connect the window's reload.
    ``writable`` is the window's gate (no writes until the start-up check passed).
    """

    resolved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        provider: TrackerProvider,
        source: IdleSource,
        ask: Ask | None = None,
        parent: QObject | None = None,
        writable: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.provider = provider
        self.source = source
        self.ask: Ask = ask if ask is not None else IdleDialog.ask
        self.writable = writable if writable is not None else (lambda: True)
        self.idle_from: datetime | None = None
        self._timer_uuid: str | None = None
        self._asking = False
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        if source.available:
            self.poll_timer.start()

    def _threshold(self) -> int:
        return int(self.provider.tracker.settings.get("idle-minutes")) * 60

    def forget(self) -> None:
        self.idle_from = None
        self._timer_uuid = None

    def poll(self) -> None:
        """Read the idle time; remember when a long absence began; ask once it ends."""
        if self._asking or not self.source.available:
            return
        seconds = self.source.idle_seconds()
        if seconds is None:
            return
        try:
            timer = self.provider.tracker.running()
            threshold = self._threshold()
        except TrackerError:
            return
        if timer is None or (self._timer_uuid is not None and timer.uuid != self._timer_uuid):
            self.forget()  # stopped or switched meanwhile (the CLI, a sleep-gap answer)
            if timer is None:
                return
        now = self.provider.tracker.now()
        if self.idle_from is None:
            if seconds >= threshold:
                began = now - timedelta(seconds=seconds)
                self.idle_from = max(began, timer.start)
                self._timer_uuid = timer.uuid
            return
        if seconds < BACK_SECONDS:
            self._returned(timer.ticket, now - timedelta(seconds=seconds))

    def _returned(self, ticket: str, back: datetime) -> None:
        since = self.idle_from
        assert since is not None
        self._asking = True
        try:
            choice = self.ask(self._dialog_parent(), ticket, since, back)
            if choice != "keep" and self.writable():
                self.provider.tracker.resolve_idle(choice, since, back)
        except TrackerError as exc:
            self.failed.emit(error_text(exc))
            return
        finally:
            self._asking = False
            self.forget()
        self.resolved.emit(choice)

    def _dialog_parent(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def stop(self) -> None:
        self.poll_timer.stop()


def install_idle_watcher(
    window: QWidget, provider: TrackerProvider, source: IdleSource | None = None
) -> IdleWatcher:
    """The watcher for the main window, over the system's idle source by default."""
    watcher = IdleWatcher(
        provider,
        source or system_idle_source(),
        parent=window,
        writable=lambda: bool(getattr(window, "writable", True)),
    )
    reload = getattr(window, "reload", None)
    if callable(reload):
        watcher.resolved.connect(lambda _choice: reload())
    return watcher
