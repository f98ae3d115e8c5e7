"""Opening the local database with the settings that keep it crash-safe.

The database is one SQLite file in WAL mode with ``synchronous=FULL``: a commit that
returned is on disk, and a killed process never leaves it half-written.  The file and
its -wal and -shm files are private to the user (mode 0600).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.errors import TrackerError
from tracker.i18n import _
from tracker.livefiles import keep_off, release
from tracker.store.files import CACHE_FILENAME, DB_FILENAME, damaged_message
from tracker.store.schema import SCHEMA_VERSION, migrations

if TYPE_CHECKING:  # pragma: no cover
    from sqlite_utils import Database

__all__ = ["BUSY_TIMEOUT_MS", "DB_FILENAME", "QUICK_CHECK_MAX_BYTES", "Store", "open_store"]
BUSY_TIMEOUT_MS = 10_000


class Store:
    """A connection to the local database.

    Reads and writes go through the plain ``sqlite3`` connection; only migrations go
    through sqlite-utils, which is imported when one is due (a new or an old
    database), so that a command over an up-to-date database never loads it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._db: Database | None = None
        self._savepoints = 0
        # Never written over as a plain file while open: the database, and the cache beside it.
        self._kept: tuple[Path, ...] = (path, path.with_name(CACHE_FILENAME))
        for kept in self._kept:
            keep_off(kept)

    @property
    def db(self) -> Database:
        """The connection as sqlite-utils sees it, for the migrations."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._db

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One transaction: every write inside it is kept, or none is.

        The outermost block takes the write lock at once (``BEGIN IMMEDIATE``), so a
        writer beside the open window waits for the busy timeout instead of failing
        on a stale snapshot; inner blocks are savepoints.  It yields the connection,
        whose ``execute`` runs inside the transaction.
        """
        conn = self.conn
        if conn.in_transaction:
            with self._savepoint():
                yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            with self._savepoint():
                yield conn
        except BaseException:
            self._rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        self._savepoints += 1
        name = f"tracker_{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            # An error such as a RAISE(ROLLBACK) trigger can end the whole transaction,
            # savepoints included: rolling back to one then would hide the first error.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {name}")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def one(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params).fetchall())

    def data_version(self) -> int:
        """Changes when another connection commits; cheap to poll."""
        row = self.conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        self.conn.close()
        for kept in self._kept:
            release(kept)
        self._kept = ()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _private_file(path: Path) -> None:
    """Create the file (if missing) readable and writable by its owner only.

    An existing database is never opened here: closing any descriptor of a file
    drops every POSIX lock the process holds on it, SQLite's included.  The open
    window's connection would lose its shared lock, a command beside it could then
    take itself for the last connection and fold the WAL into the file and remove
    it, and the window would read a stale snapshot (and write it back on closing).
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    with contextlib.suppress(OSError):  # pragma: no cover - e.g. a FAT volume
        os.chmod(path, 0o600)


# quick_check reads the whole file (about 5 ms per MiB, a quarter of a second at 45 MiB),
# so a command checks only files this small; the desktop app always checks.
QUICK_CHECK_MAX_BYTES = 4 * 1024 * 1024


def open_store(home: Path, *, migrate: bool = True, check: bool | None = None) -> Store:
    """Open (creating if needed) the database in ``home`` and bring its schema up to date.

    ``check`` runs ``PRAGMA quick_check`` first and refuses a damaged file before
    anything is written to it.  The default (None) checks files up to 4 MiB, which
    costs a few milliseconds; the desktop app always checks, at start.
    """
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = home / DB_FILENAME
        _private_file(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except OSError as exc:
        raise TrackerError(
            _(
                "cannot open the data folder {folder}: {error}. "
                "Check that it exists and that you may write to it, or set TRACKER_HOME."
            ).format(folder=home, error=exc.strerror or exc)
        ) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Check before anything (even the journal mode) could write to a damaged file.
        if check or (check is None and path.stat().st_size <= QUICK_CHECK_MAX_BYTES):
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(result)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":  # pragma: no cover - only on odd file systems
            raise TrackerError(
                _("the database {path} cannot use WAL mode (got {mode})").format(path=path, mode=mode)
            )
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise TrackerError(damaged_message(home, str(exc))) from exc
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, 0o600)
    store = Store(conn, path)
    if migrate and version != SCHEMA_VERSION:
        if version > SCHEMA_VERSION:
            store.close()
            raise TrackerError(
                _(
                    "the database {path} was written by a newer version of tracker "
                    "(schema {version}, this one knows {known}). Update tracker."
                ).format(path=path, version=version, known=SCHEMA_VERSION)
            )
        migrations().apply(store.db)
    return store
