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
-- event's fields (the ticket number aside), computed by the server; every distinct
-- digest of a ticket, and the tickets with more than one, kept as the events arrive, so
-- that a lead's question costs nothing however many tickets there are.  They hold only
-- ticket numbers and digests; consultants cannot read them (their own rows answer).
ALTER TABLE ticket_events ADD COLUMN created_digest text GENERATED ALWAYS AS (
    CASE WHEN event = 'created' THEN md5(((payload -> 'payload') - 'number')::text) END
) STORED;
CREATE INDEX ticket_events_created ON ticket_events (consultant, ticket, created_digest)
    WHERE event = 'created';

-- The first digest of each ticket; a ticket is listed as disagreeing as soon as a
-- 'created' event with another digest arrives.
CREATE TABLE ticket_digests (
    ticket text PRIMARY KEY,
    digest text NOT NULL
);
CREATE TABLE ticket_disagreements (
    ticket text PRIMARY KEY
);
REVOKE ALL ON ticket_digests, ticket_disagreements FROM PUBLIC;
GRANT SELECT ON ticket_disagreements TO tracker_lead, tracker_billing;

-- Runs as the owner (SECURITY DEFINER), who alone writes these two tables.  Two
-- consultants' first 'created' events of one ticket, sent at once, still see each other:
-- the second insert of a ticket waits for the first one's commit on the primary key, then
-- compares with it.
CREATE FUNCTION tracker_note_created() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO ticket_digests (ticket, digest) VALUES (NEW.ticket, NEW.created_digest)
        ON CONFLICT (ticket) DO NOTHING;
    IF NOT FOUND AND EXISTS (SELECT 1 FROM ticket_digests d
                             WHERE d.ticket = NEW.ticket AND d.digest <> NEW.created_digest) THEN
        INSERT INTO ticket_disagreements (ticket) VALUES (NEW.ticket) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tracker_note_created() FROM PUBLIC;
CREATE TRIGGER ticket_events_note_created AFTER INSERT ON ticket_events
    FOR EACH ROW WHEN (NEW.event = 'created') EXECUTE FUNCTION tracker_note_created();

-- A consultant's app asks for the decisions about its consultant's days.
CREATE INDEX reviews_consultant ON reviews (consultant, lead, batch);
