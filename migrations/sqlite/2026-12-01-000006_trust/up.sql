-- Sign-in throttling counts attempts per subject: a username ("user:<name>")
-- or a source address ("addr:<ip>"), so that spraying one password across
-- many usernames is throttled too. Old rows expire (the index serves that).
ALTER TABLE login_throttle RENAME COLUMN username TO subject;
UPDATE login_throttle SET subject = 'user:' || subject;
CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);

-- Milestone edits carry the version the editor saw, like assignment edits:
-- of two people changing one milestone at once, the second is told to reload.
ALTER TABLE assignment_milestones ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- What the database is for: 'demo' (seed --demo) or 'production' (onestop
-- init). The two never mix: every demo account shares a published password.
CREATE TABLE deployment (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
-- Before this table only the demo seed created accounts.
INSERT INTO deployment (name, value) SELECT 'purpose', 'demo' WHERE EXISTS (SELECT 1 FROM users);
