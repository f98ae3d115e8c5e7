"""One window per data folder: a lock file, and a local socket to raise the first one.

The first instance holds a ``QLockFile`` on ``tracker.lock`` (the CLI reads its
process id from it) with Qt's default stale detection: a lock whose process is gone
(a SIGKILLed window, a crash) is cleared by the next start, while a live holder
keeps it however long it runs.  It also listens on a ``QLocalServer``; a second
instance connects, sends ``raise`` and exits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from tracker.app import lock_path

DEBUG_IPC = "TRACKER_DEBUG_IPC"
RAISE = b"raise\n"
OK = b"ok\n"
TIMEOUT_MS = 3000


def server_name(home: Path) -> str:
    """A socket name per data folder, so two folders can each have their window."""
    key = str(home.expanduser().absolute()).encode("utf-8", "surrogateescape")
    return "tracker-" + hashlib.sha1(key).hexdigest()[:12]


def debug(text: str) -> None:
    """A line on stderr for the tests that drive real processes (TRACKER_DEBUG_IPC=1)."""
    if os.environ.get(DEBUG_IPC) == "1":
        print(text, file=sys.stderr, flush=True)


class Acquired(Enum):
    YES = "yes"
    HELD = "held"  # another live process holds it
    ERROR = "error"  # the lock file cannot be made (no data folder, no permission)


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.name = server_name(home)
        self.lock = QLockFile(str(lock_path(home)))
        self.server: QLocalServer | None = None

    def acquire(self) -> Acquired:
        with contextlib.suppress(OSError):  # a failure shows as a lock error below
            self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.lock.tryLock(0):
            return Acquired.YES
        if self.lock.error() == QLockFile.LockError.LockFailedError:
            return Acquired.HELD
        return Acquired.ERROR

    def holder_pid(self) -> int | None:
        pid = self.lock.getLockInfo()[0]
        return int(pid) if pid and pid > 0 else None

    def listen(self) -> bool:
        """Start answering second instances; the lock must be held."""
        # A socket file left by a killed first instance would block listen(); the lock
        # proves no live instance owns it.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            debug(f"cannot listen on {self.name}: {server.errorString()}")
            return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if RAISE.strip() in data:
            socket.write(OK)
            socket.flush()
            self.raise_requested.emit()
        socket.disconnectFromServer()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()


def ask_first_to_raise(home: Path, timeout_ms: int = TIMEOUT_MS) -> bool:
    """Ask the running window to come to the front; True when it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(home))
    if not socket.waitForConnected(timeout_ms):
        return False
    try:
        socket.write(RAISE)
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        answer = b""
        while OK.strip() not in answer and socket.waitForReadyRead(timeout_ms):
            answer += bytes(socket.readAll().data())
        return OK.strip() in answer
    finally:
        socket.abort()
