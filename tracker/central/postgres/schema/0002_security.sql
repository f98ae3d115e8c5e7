-- Who may do what: three group roles and row-level security.  The server, not the
-- app, enforces them.
--
--   tracker_consultant  inserts only its own sessions, ticket events (defects are
--                       events) and batches (consultant = current_user); reads its own
--                       rows, the review decisions about it and the rates.
--   tracker_lead        is also a consultant; reads every row and inserts review
--                       decisions signed by itself (lead = current_user).
--   tracker_billing     reads every row; inserts rates (made_by = current_user) and
--                       issued statements (issued_by = current_user).
--   nobody              updates, deletes or truncates a row: a correction is a new
--                       revision.  The privileges are not granted, and a trigger
--                       refuses it even to the tables' owner.
--
-- A login is a role with LOGIN that is a member of one group (tracker central add-user).
-- The groups are created when missing: roles belong to the whole cluster, so several
-- databases on one server share them.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_consultant') THEN
        CREATE ROLE tracker_consultant NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_lead') THEN
        CREATE ROLE tracker_lead NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracker_billing') THEN
        CREATE ROLE tracker_billing NOLOGIN;
    END IF;
END
$$;

-- A lead also records their own work as a consultant.
GRANT tracker_consultant TO tracker_lead;

REVOKE ALL ON batches, sessions, ticket_events, reviews, rates, statements, tracker_schema FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tracker_consultant, tracker_lead, tracker_billing;
GRANT SELECT ON tracker_schema TO tracker_consultant, tracker_lead, tracker_billing;

GRANT SELECT, INSERT ON batches TO tracker_consultant, tracker_lead, tracker_billing;
GRANT SELECT, INSERT ON sessions, ticket_events TO tracker_consultant;
GRANT SELECT ON sessions, ticket_events TO tracker_lead, tracker_billing;
GRANT SELECT ON reviews TO tracker_consultant, tracker_billing;
GRANT SELECT, INSERT ON reviews TO tracker_lead;
GRANT SELECT ON rates TO tracker_consultant, tracker_lead;
GRANT SELECT, INSERT ON rates TO tracker_billing;
GRANT SELECT ON statements TO tracker_lead;
GRANT SELECT, INSERT ON statements TO tracker_billing;
-- Belt and braces: nothing above grants them, and nothing ever may.
REVOKE UPDATE, DELETE, TRUNCATE ON batches, sessions, ticket_events, reviews, rates, statements
    FROM tracker_consultant, tracker_lead, tracker_billing;

-- The owner (who ran tracker central init) never writes records, so the policies bind
-- the owner too (FORCE).  A superuser or a BYPASSRLS role still sees everything.
ALTER TABLE batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE batches FORCE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE ticket_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_events FORCE ROW LEVEL SECURITY;
ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
ALTER TABLE rates ENABLE ROW LEVEL SECURITY;
ALTER TABLE rates FORCE ROW LEVEL SECURITY;
ALTER TABLE statements ENABLE ROW LEVEL SECURITY;
ALTER TABLE statements FORCE ROW LEVEL SECURITY;

-- Batches: everyone publishes their own; a consultant reads their own, leads and billing all.
CREATE POLICY batches_insert_own ON batches FOR INSERT
    TO tracker_consultant, tracker_lead, tracker_billing WITH CHECK (consultant = current_user);
CREATE POLICY batches_read_own ON batches FOR SELECT
    TO tracker_consultant USING (consultant = current_user);
CREATE POLICY batches_read_all ON batches FOR SELECT TO tracker_lead, tracker_billing USING (true);

-- Sessions and ticket events: written by their consultant only.
CREATE POLICY sessions_insert_own ON sessions FOR INSERT
    TO tracker_consultant WITH CHECK (consultant = current_user);
CREATE POLICY sessions_read_own ON sessions FOR SELECT
    TO tracker_consultant USING (consultant = current_user);
CREATE POLICY sessions_read_all ON sessions FOR SELECT TO tracker_lead, tracker_billing USING (true);

CREATE POLICY ticket_events_insert_own ON ticket_events FOR INSERT
    TO tracker_consultant WITH CHECK (consultant = current_user);
CREATE POLICY ticket_events_read_own ON ticket_events FOR SELECT
    TO tracker_consultant USING (consultant = current_user);
CREATE POLICY ticket_events_read_all ON ticket_events FOR SELECT
    TO tracker_lead, tracker_billing USING (true);

-- Review decisions: signed by the lead who made them; a consultant reads those about them.
CREATE POLICY reviews_insert_signed ON reviews FOR INSERT
    TO tracker_lead WITH CHECK (lead = current_user);
CREATE POLICY reviews_read_own ON reviews FOR SELECT
    TO tracker_consultant USING (consultant = current_user);
CREATE POLICY reviews_read_all ON reviews FOR SELECT TO tracker_lead, tracker_billing USING (true);

-- Rates: published by billing, signed; everyone reads them.
CREATE POLICY rates_insert_signed ON rates FOR INSERT
    TO tracker_billing WITH CHECK (made_by = current_user);
CREATE POLICY rates_read_all ON rates FOR SELECT
    TO tracker_consultant, tracker_lead, tracker_billing USING (true);

-- Issued statements: by billing, signed; leads and billing read them.
CREATE POLICY statements_insert_signed ON statements FOR INSERT
    TO tracker_billing WITH CHECK (issued_by = current_user);
CREATE POLICY statements_read_all ON statements FOR SELECT
    TO tracker_lead, tracker_billing USING (true);

-- Not even the owner changes a row by mistake (a superuser can still drop the trigger,
-- knowingly).
CREATE FUNCTION tracker_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never changed or deleted: a correction is a new revision', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER batches_never_change BEFORE UPDATE OR DELETE ON batches
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER batches_never_truncate BEFORE TRUNCATE ON batches
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER sessions_never_change BEFORE UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER sessions_never_truncate BEFORE TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER ticket_events_never_change BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER ticket_events_never_truncate BEFORE TRUNCATE ON ticket_events
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER reviews_never_change BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER reviews_never_truncate BEFORE TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER rates_never_change BEFORE UPDATE OR DELETE ON rates
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER rates_never_truncate BEFORE TRUNCATE ON rates
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER statements_never_change BEFORE UPDATE OR DELETE ON statements
    FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change();
CREATE TRIGGER statements_never_truncate BEFORE TRUNCATE ON statements
    FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change();
