-- The central store's tables: what the folder's batches hold, one row per record.
--
-- Every record table keeps `payload`, the record exactly as the app sent it (jsonb), and
-- the columns the server filters, sorts and checks on.  Rows are never changed: a
-- correction is a new revision (see 0002_security.sql for who may insert what).
-- `batch` and `line` say which batch first brought the record and where in it, so the
-- folder's readable format can be rebuilt from the server.

CREATE TABLE batches (
    consultant text NOT NULL,            -- the batch's author: a consultant, a lead or billing
    batch text NOT NULL,                 -- <sequence>-<install id>, as the folder names it
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    rows integer NOT NULL CHECK (rows >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consultant, batch)
);

CREATE TABLE sessions (
    uuid uuid NOT NULL,
    revision integer NOT NULL CHECK (revision >= 1),
    consultant text NOT NULL,
    ticket text NOT NULL,
    type text NOT NULL CHECK (type IN ('technical', 'support', 'standard')),
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL CHECK (end_at >= start_at),
    start_text text NOT NULL,            -- the local time with its offset, as recorded
    end_text text NOT NULL,
    zone text NOT NULL,                  -- the IANA zone the session was recorded in
    day date NOT NULL,                   -- the local date of the start, in that zone
    -- The exact duration, computed by the server from the two instants.
    seconds integer GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (end_at - start_at))::integer) STORED,
    deleted boolean NOT NULL,
    note text NOT NULL,
    flags text[] NOT NULL,
    source text NOT NULL,
    batch text NOT NULL,
    line integer NOT NULL,
    payload jsonb NOT NULL,
    PRIMARY KEY (uuid, revision)         -- also finds a session's latest revision (uuid, revision DESC)
);
-- A day across consultants (a lead's review, the daily log).
CREATE INDEX sessions_day ON sessions (day, consultant, start_at);
-- A ticket's sessions from every consultant (the statement's atendimentos).
CREATE INDEX sessions_ticket ON sessions (ticket, start_at);

CREATE TABLE ticket_events (
    uuid uuid PRIMARY KEY,               -- events never change: their revision is always 1
    ticket text NOT NULL,
    event text NOT NULL,                 -- created, term_accepted, escalated, defect_flagged, finalized
    consultant text NOT NULL,
    at timestamptz NOT NULL,
    batch text NOT NULL,
    line integer NOT NULL,
    payload jsonb NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket, at);
-- Finalized tickets of a month: the month is the local date of the finalization's own
-- time (the event's payload.at, with its offset), not when the event was recorded.
CREATE INDEX ticket_events_finalized_month
    ON ticket_events ((left(payload #>> '{payload,at}', 7)), ticket)
    WHERE event = 'finalized';

CREATE TABLE reviews (
    uuid uuid PRIMARY KEY,
    consultant text NOT NULL,
    day date NOT NULL,
    decision text NOT NULL CHECK (decision IN ('approve', 'return')),
    comment text NOT NULL,
    lead text NOT NULL,
    at timestamptz NOT NULL,
    batch text NOT NULL,
    line integer NOT NULL,
    payload jsonb NOT NULL
);
CREATE INDEX reviews_day ON reviews (day, consultant, at);

CREATE TABLE rates (
    uuid uuid NOT NULL,
    revision integer NOT NULL CHECK (revision >= 1),
    type text NOT NULL CHECK (type IN ('technical', 'support')),
    version integer NOT NULL CHECK (version >= 1),
    hourly numeric(12, 2) NOT NULL CHECK (hourly > 0),
    effective_from date NOT NULL,
    index_name text NOT NULL,
    percent numeric,
    made_by text NOT NULL,
    at timestamptz NOT NULL,
    batch text NOT NULL,
    line integer NOT NULL,
    payload jsonb NOT NULL,
    PRIMARY KEY (uuid, revision)
);
CREATE INDEX rates_type ON rates (type, effective_from);

CREATE TABLE statements (
    month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    lines jsonb NOT NULL,
    totals jsonb NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    issued_by text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (month, sha256)          -- re-issuing the same statement changes nothing
);
