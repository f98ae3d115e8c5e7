"""The database schema, as sqlite-utils migrations.

Each migration also bumps ``PRAGMA user_version`` so that a command can tell, with
one cheap pragma and without importing sqlite-utils, that nothing is pending.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

SCHEMA_VERSION = 7

TYPES = "('technical', 'support', 'standard')"

INITIAL = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tickets (
    number TEXT PRIMARY KEY NOT NULL CHECK (length(trim(number)) > 0),
    customer TEXT NOT NULL CHECK (length(trim(customer)) > 0),
    product TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL CHECK (type IN {TYPES}),
    original_type TEXT NOT NULL CHECK (original_type IN {TYPES}),
    scope TEXT NOT NULL DEFAULT '',
    term_accepted TEXT CHECK (term_accepted IS NULL OR term_accepted GLOB
        '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    term_ref TEXT NOT NULL DEFAULT '',
    bill_to_unit TEXT NOT NULL DEFAULT '',
    authorization TEXT NOT NULL DEFAULT '',
    cost_center TEXT NOT NULL DEFAULT '',
    value_class TEXT NOT NULL DEFAULT '',
    accounting_item TEXT NOT NULL DEFAULT '',
    escalated_ts INTEGER,
    escalation_checklist TEXT NOT NULL DEFAULT '[]',
    finalized_ts INTEGER,
    finalized_offset INTEGER,
    created_ts INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (escalated_ts IS NULL OR (original_type = 'standard' AND type = 'support'))
) WITHOUT ROWID;

CREATE TABLE defects (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    ticket TEXT NOT NULL REFERENCES tickets(number),
    kind TEXT NOT NULL CHECK (kind IN ('product', 'documentation')),
    ref TEXT NOT NULL CHECK (length(trim(ref)) > 0),
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    flagged_ts INTEGER NOT NULL,
    consultant TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX defects_ticket ON defects(ticket);

CREATE TABLE ticket_events (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    seq INTEGER NOT NULL UNIQUE,
    ticket TEXT NOT NULL REFERENCES tickets(number),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    consultant TEXT NOT NULL,
    at_ts INTEGER NOT NULL,
    utc_offset INTEGER NOT NULL,
    synced INTEGER NOT NULL DEFAULT 0 CHECK (synced IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX ticket_events_ticket ON ticket_events(ticket, at_ts);
CREATE INDEX ticket_events_pending ON ticket_events(synced) WHERE synced = 0;

CREATE TABLE sessions (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    ticket TEXT NOT NULL CHECK (length(trim(ticket)) > 0) REFERENCES tickets(number),
    consultant TEXT NOT NULL CHECK (length(trim(consultant)) > 0),
    type TEXT NOT NULL CHECK (type IN {TYPES}),
    start_ts INTEGER NOT NULL,
    end_ts INTEGER NOT NULL,
    zone TEXT,
    utc_offset INTEGER NOT NULL,
    local_day TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    synced INTEGER NOT NULL DEFAULT 0 CHECK (synced IN (0, 1)),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    source TEXT NOT NULL DEFAULT 'timer',
    flags TEXT NOT NULL DEFAULT '',
    created_ts INTEGER NOT NULL,
    CHECK (end_ts > start_ts)
) WITHOUT ROWID;
CREATE INDEX sessions_day ON sessions(consultant, local_day, start_ts);
CREATE INDEX sessions_ticket ON sessions(ticket, start_ts);
CREATE INDEX sessions_pending ON sessions(synced) WHERE synced = 0;

CREATE TABLE timers (
    consultant TEXT PRIMARY KEY NOT NULL CHECK (length(trim(consultant)) > 0),
    uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    ticket TEXT NOT NULL CHECK (length(trim(ticket)) > 0) REFERENCES tickets(number),
    type TEXT NOT NULL CHECK (type IN {TYPES}),
    start_ts INTEGER NOT NULL,
    zone TEXT NOT NULL,
    utc_offset INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    heartbeat_ts INTEGER
) WITHOUT ROWID;
"""


AUDIT = """
CREATE TABLE audit (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    seq INTEGER NOT NULL UNIQUE,
    session TEXT NOT NULL,
    revision INTEGER NOT NULL,
    action TEXT NOT NULL,
    who TEXT NOT NULL,
    at_ts INTEGER NOT NULL,
    utc_offset INTEGER NOT NULL,
    why TEXT NOT NULL,
    before TEXT,
    after TEXT
) WITHOUT ROWID;
CREATE INDEX audit_session ON audit(session, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
ALTER TABLE sessions ADD COLUMN sent_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timers ADD COLUMN flags TEXT NOT NULL DEFAULT '';
"""


# The outbox keeps a batch's bytes until it is verified on the export: a rowid table,
# since its rows hold megabytes and WITHOUT ROWID suits only small rows (a foreign-key
# check on a WITHOUT ROWID outbox read the whole blob for every item inserted).
OUTBOX = """
CREATE TABLE outbox (
    batch TEXT PRIMARY KEY NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    area TEXT NOT NULL DEFAULT 'consultants' CHECK (area IN ('consultants', 'reviews')),
    consultant TEXT NOT NULL,
    data BLOB,
    manifest BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    created_ts INTEGER NOT NULL,
    done_ts INTEGER
);
CREATE INDEX outbox_pending ON outbox(done_ts) WHERE done_ts IS NULL;
CREATE TABLE outbox_items (
    batch TEXT NOT NULL REFERENCES outbox(batch),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'event', 'review')),
    uuid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (batch, kind, uuid)
) WITHOUT ROWID;
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""


RATES = """
CREATE TABLE rates (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    type TEXT NOT NULL CHECK (type IN ('technical', 'support')),
    version INTEGER NOT NULL CHECK (version >= 1),
    hourly TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    index_name TEXT NOT NULL DEFAULT '',
    percent TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (type, version)
) WITHOUT ROWID;
CREATE TRIGGER rates_no_update BEFORE UPDATE ON rates
BEGIN
    SELECT RAISE(ABORT, 'rate versions are never rewritten; add a new version');
END;
CREATE TRIGGER rates_no_delete BEFORE DELETE ON rates
BEGIN
    SELECT RAISE(ABORT, 'rate versions are never rewritten; add a new version');
END;
"""


REVIEWS = """
CREATE TABLE reviews (
    uuid TEXT PRIMARY KEY NOT NULL CHECK (length(uuid) = 36),
    consultant TEXT NOT NULL CHECK (length(trim(consultant)) > 0),
    day TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'return')),
    comment TEXT NOT NULL DEFAULT '',
    lead TEXT NOT NULL,
    at_ts INTEGER NOT NULL,
    utc_offset INTEGER NOT NULL,
    synced INTEGER NOT NULL DEFAULT 0 CHECK (synced IN (0, 1)),
    CHECK (decision = 'approve' OR length(trim(comment)) > 0)
) WITHOUT ROWID;
CREATE INDEX reviews_pending ON reviews(synced) WHERE synced = 0;
CREATE TABLE review_inbox (
    uuid TEXT PRIMARY KEY NOT NULL,
    day TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT NOT NULL,
    lead TEXT NOT NULL,
    at TEXT NOT NULL,
    at_ts INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX review_inbox_day ON review_inbox(day, at_ts);
CREATE TABLE review_batches_seen (
    name TEXT PRIMARY KEY NOT NULL,
    size INTEGER NOT NULL
) WITHOUT ROWID;
"""


# Rates become central (sent through the outbox to ``rates/<login>/``): a version may
# now be marked synced, though nothing else of it ever changes; the outbox takes the
# new area and kind (SQLite changes a CHECK only by rebuilding the table: the items,
# which refer to the outbox, are kept aside meanwhile); and the central store's
# versions are kept as the last sync read them, for estimates offline.
CENTRAL_RATES = """
ALTER TABLE rates ADD COLUMN synced INTEGER NOT NULL DEFAULT 0 CHECK (synced IN (0, 1));
DROP TRIGGER rates_no_update;
CREATE TRIGGER rates_no_update
BEFORE UPDATE OF uuid, type, version, hourly, effective_from, index_name, percent, created_by, created_at
ON rates
BEGIN
    SELECT RAISE(ABORT, 'rate versions are never rewritten; add a new version');
END;
CREATE TABLE central_rates (
    uuid TEXT PRIMARY KEY NOT NULL,
    record TEXT NOT NULL
) WITHOUT ROWID;
CREATE TEMP TABLE outbox_items_kept AS SELECT batch, kind, uuid, revision FROM outbox_items;
DROP TABLE outbox_items;
CREATE TABLE outbox_next (
    batch TEXT PRIMARY KEY NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    area TEXT NOT NULL DEFAULT 'consultants' CHECK (area IN ('consultants', 'reviews', 'rates')),
    consultant TEXT NOT NULL,
    data BLOB,
    manifest BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    rows INTEGER NOT NULL,
    created_ts INTEGER NOT NULL,
    done_ts INTEGER
);
INSERT INTO outbox_next (batch, seq, area, consultant, data, manifest, sha256, rows, created_ts, done_ts)
    SELECT batch, seq, area, consultant, data, manifest, sha256, rows, created_ts, done_ts FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(done_ts) WHERE done_ts IS NULL;
CREATE TABLE outbox_items (
    batch TEXT NOT NULL REFERENCES outbox(batch),
    kind TEXT NOT NULL CHECK (kind IN ('session', 'event', 'review', 'rate')),
    uuid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (batch, kind, uuid)
) WITHOUT ROWID;
INSERT INTO outbox_items SELECT batch, kind, uuid, revision FROM temp.outbox_items_kept;
DROP TABLE temp.outbox_items_kept;
"""


# What waits for the central store moves from two flags in every session row to a queue
# of its own, kept in the order the sender reads it (a consultant's sessions by start).
# Marking a batch sent, and then synced, used to rewrite rows scattered over the whole
# sessions table (it is keyed by uuid): at 1,000,000 sessions every batch dirtied a
# third of its pages twice. Now it updates, then deletes, one contiguous range here.
#
# A session is pending while it has a row here. ``sent_revision`` is the highest revision
# of it put into a batch (0: none ever was, so a deletion before then sends nothing);
# ``batch`` names the prepared batch holding its current revision, NULL while none does.
# A session without a row is synced: its current revision is in the central store.
# The sessions' own ``synced`` and ``sent_revision`` columns are no longer read or written.
SYNC_QUEUE = """
CREATE TABLE sync_queue (
    consultant TEXT NOT NULL,
    start_ts INTEGER NOT NULL,
    uuid TEXT NOT NULL,
    sent_revision INTEGER NOT NULL DEFAULT 0,
    batch TEXT,
    PRIMARY KEY (consultant, start_ts, uuid)
) WITHOUT ROWID;
CREATE INDEX sync_queue_batch ON sync_queue(batch) WHERE batch IS NOT NULL;
INSERT INTO sync_queue (consultant, start_ts, uuid, sent_revision, batch)
    SELECT s.consultant, s.start_ts, s.uuid, s.sent_revision,
        (SELECT i.batch FROM outbox_items i JOIN outbox o ON o.batch = i.batch
         WHERE o.done_ts IS NULL AND i.kind = 'session' AND i.uuid = s.uuid AND i.revision = s.revision)
    FROM sessions s
    WHERE s.synced = 0 AND NOT (s.deleted = 1 AND s.sent_revision = 0)
    ORDER BY s.consultant, s.start_ts, s.uuid;
DROP INDEX sessions_pending;
DROP INDEX ticket_events_pending;
CREATE INDEX ticket_events_pending ON ticket_events(consultant, seq) WHERE synced = 0;
"""


def statements(sql: str) -> Iterator[str]:
    """The statements of a script, each whole, as SQLite itself tells where one ends.

    (A trigger body holds semicolons; ``sqlite3.complete_statement`` knows it.)
    """
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        raise ValueError(f"an unfinished statement at the end of the script: {pending.strip()!r}")


def _script(db: Database, sql: str) -> None:
    """Run statements one by one inside the migration's transaction.

    (``executescript`` would commit first.)
    """
    for statement in statements(sql):
        db.execute(statement)


def migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations("tracker")

    @migrations()
    def m001_initial(db: Database) -> None:
        _script(db, INITIAL)
        db.execute("PRAGMA user_version = 1")

    @migrations()
    def m002_audit(db: Database) -> None:
        _script(db, AUDIT)
        db.execute("PRAGMA user_version = 2")

    @migrations()
    def m003_outbox(db: Database) -> None:
        _script(db, OUTBOX)
        db.execute("PRAGMA user_version = 3")

    @migrations()
    def m004_rates(db: Database) -> None:
        _script(db, RATES)
        db.execute("PRAGMA user_version = 4")

    @migrations()
    def m005_reviews(db: Database) -> None:
        _script(db, REVIEWS)
        db.execute("PRAGMA user_version = 5")

    @migrations()
    def m006_central_rates(db: Database) -> None:
        _script(db, CENTRAL_RATES)
        db.execute("PRAGMA user_version = 6")

    @migrations()
    def m007_sync_queue(db: Database) -> None:
        _script(db, SYNC_QUEUE)
        db.execute("PRAGMA user_version = 7")

    return migrations
