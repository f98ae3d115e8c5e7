-- What the apps and the readers need beyond 0001: each batch's manifest and area (to
-- rebuild the folder's readable format byte for byte), the lines of a batch whose record
-- an earlier batch already brought, and the indexes of the read model's questions.

-- The batch as the app described it: its area in the folder format (consultants,
-- reviews, rates), its manifest exactly as written (sorted keys; re-serialised it gives
-- the same bytes), and the time the app says it was made (the manifest's created_at,
-- the consultant's clock: "last synced" in a lead's review, as the folder reader says).
ALTER TABLE batches
    ADD COLUMN area text NOT NULL DEFAULT 'consultants' CHECK (area ~ '^[a-z]{1,32}$'),
    ADD COLUMN manifest jsonb,
    ADD COLUMN sent_at timestamptz;
-- Everyone who sent a batch, and when last (a skip scan over this index).
CREATE INDEX batches_area_consultant ON batches (area, consultant, sent_at);

-- A record is stored once, with the batch and line that first brought it.  When a later
-- batch carries the same record again (the same uuid, revision and payload), that line
-- is kept here, so the later batch can still be rebuilt whole.
CREATE TABLE batch_refs (
    consultant text NOT NULL,            -- the batch's author
    batch text NOT NULL,
    line integer NOT NULL CHECK (line >= 1),
    kind text NOT NULL CHECK (kind IN ('session', 'ticket_event', 'review', 'rate')),
    uuid uuid NOT NULL,
    revision integer NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (consultant, batch, line)  -- its batch is written in the same transaction
);

REVOKE ALL ON batch_refs FROM PUBLIC;
GRANT SELECT, INSERT ON batch_refs TO tracker_consultant, tracker_lead, tracker_billing;
REVOKE UPDATE, DELETE, TRUNCATE ON batch_refs FROM tracker_consultant, tracker_lead, tracker_billing;
ALTER TABLE batch_refs ENABLE ROW LEVEL SECURITY;
ALTER TABLE batch_refs FORCE ROW LEVEL SECURITY;
CREATE POLICY batch_refs_insert_own ON batch_refs FOR INSERT
    TO tracker_consultant, tracker_lead, tracker_billing WITH CHECK (consultant = current_user);
CREATE POLICY batch_refs_read_own ON batch_refs FOR SELECT
    TO tracker_consultant USING (consultant = current_user);
CREATE POLICY batch_refs_read_all ON batch_refs FOR SELECT TO tracker_lead, tracker_billing USING (true);
CREATE TRIGGER batch_refs_never_change BEFORE UPDATE OR DELETE ON batch_refs
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER batch_refs_never_truncate BEFORE TRUNCATE ON batch_refs
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();

-- Tickets whose 'created' fields differ between consultants: a digest of each 'created'
-- event's fields (the ticket number aside), kept by the server, and an index that
-- answers "which tickets have two digests" without reading a payload.
ALTER TABLE ticket_events ADD COLUMN created_digest text GENERATED ALWAYS AS (
    CASE WHEN event = 'created' THEN md5(((payload -> 'payload') - 'number')::text) END
) STORED;
CREATE INDEX ticket_events_created ON ticket_events (ticket, consultant, at, uuid, created_digest)
    WHERE event = 'created';

-- A consultant's app asks for the decisions about its consultant's days.
CREATE INDEX reviews_consultant ON reviews (consultant, lead, batch);
