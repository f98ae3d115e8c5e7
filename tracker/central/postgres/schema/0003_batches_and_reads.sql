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

-- Tickets whose 'created' fields differ between consultants, as the folder reader says:
-- each consultant's first 'created' event of a ticket is compared with the other
-- consultants' first ones.  The server computes a digest of each event's fields (the
-- ticket number aside), keeps every consultant's first digest of each ticket and the
-- tickets whose digests differ, as the events arrive, so that a lead's question costs
-- nothing however many tickets there are.  These tables hold only ticket numbers,
-- logins and digests; consultants cannot read them.
ALTER TABLE ticket_events ADD COLUMN created_digest text GENERATED ALWAYS AS (
    CASE WHEN event = 'created' THEN md5(((payload -> 'payload') - 'number')::text) END
) STORED;

CREATE TABLE ticket_anchors (          -- one row per ticket: locked to compare its digests one at a time
    ticket text PRIMARY KEY
);
CREATE TABLE ticket_digests (
    ticket text NOT NULL,
    consultant text NOT NULL,
    digest text NOT NULL,
    PRIMARY KEY (ticket, consultant)
);
CREATE TABLE ticket_disagreements (
    ticket text PRIMARY KEY
);
REVOKE ALL ON ticket_anchors, ticket_digests, ticket_disagreements FROM PUBLIC;
GRANT SELECT ON ticket_disagreements TO tracker_lead, tracker_billing;

-- Runs as the owner (SECURITY DEFINER), who alone writes these tables.  The ticket's
-- anchor row is locked (a row lock: nothing is held in the server's lock table) before
-- the digest goes in, so two consultants' first 'created' events of one ticket sent at
-- once are compared one after the other, the second seeing the first.
CREATE FUNCTION tracker_note_created() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ticket_digests d WHERE d.ticket = NEW.ticket AND d.consultant = NEW.consultant) THEN
        RETURN NULL;  -- not this consultant's first
    END IF;
    INSERT INTO ticket_anchors (ticket) VALUES (NEW.ticket) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM ticket_anchors a WHERE a.ticket = NEW.ticket FOR UPDATE;
    INSERT INTO ticket_digests (ticket, consultant, digest)
        VALUES (NEW.ticket, NEW.consultant, NEW.created_digest) ON CONFLICT DO NOTHING;
    IF FOUND AND EXISTS (SELECT 1 FROM ticket_digests d
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
