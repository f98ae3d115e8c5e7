-- An issued month is issued once, for good, whoever issues it again.
--
-- 0001 keyed statements by (month, sha256): the same statement sent again (a retry) is a
-- no-op, but a second, different statement of the same month (two billing homes issuing
-- at once, or one that skipped the app's check) was kept beside the first.  From now on
-- the server refuses it: one statement a month, the first.  The app says so ("already
-- issued, by ... at ...") and keeps drawing the month as first issued; later work on its
-- tickets is listed as late changes and billed in the first open month.
--
-- Rows are never changed or deleted (0002), so this can only be added while no month has
-- two statements; IF NOT EXISTS makes running it again harmless.

CREATE UNIQUE INDEX IF NOT EXISTS statements_one_a_month ON statements (month);
