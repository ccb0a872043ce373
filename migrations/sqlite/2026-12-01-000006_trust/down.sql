DROP TABLE deployment;
ALTER TABLE assignment_milestones DROP COLUMN version;
DROP INDEX login_throttle_window_idx;
DELETE FROM login_throttle WHERE subject NOT LIKE 'user:%';
UPDATE login_throttle SET subject = substr(subject, 6);
ALTER TABLE login_throttle RENAME COLUMN subject TO username;
