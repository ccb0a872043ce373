DROP TABLE visit_reminders;
DROP TABLE visit_problems;
DROP TABLE follow_ups;
DROP TABLE visit_companions;
DROP TABLE visits;
DROP TABLE visit_duties;
DROP TABLE visit_rules;
DELETE FROM user_roles WHERE role = 'leader';
CREATE TABLE user_roles_old (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('student', 'grid_member', 'counsellor', 'handler', 'office', 'admin')),
    PRIMARY KEY (user_id, role)
);
INSERT INTO user_roles_old (user_id, role) SELECT user_id, role FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_old RENAME TO user_roles;
CREATE INDEX user_roles_role_idx ON user_roles (role, user_id);
