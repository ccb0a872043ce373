-- Party-member points (任务2): the party organisation on the grid, its
-- members with their 示范寝室 and 责任区, the points table and the ledger.

-- A 社区党工委 on a community or a 楼栋特设党支部 on a building: one per place.
CREATE TABLE party_branches (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('committee', 'building')),
    node_id TEXT NOT NULL UNIQUE REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL REFERENCES grid_nodes (id),
    name TEXT NOT NULL,
    secretary_id TEXT REFERENCES users (id),
    station TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX party_branches_community_idx ON party_branches (community_id);
CREATE INDEX party_branches_secretary_idx ON party_branches (secretary_id);

CREATE TABLE party_members (
    id TEXT PRIMARY KEY NOT NULL,
    branch_id TEXT NOT NULL REFERENCES party_branches (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    standing TEXT NOT NULL CHECK (standing IN ('activist', 'candidate', 'probationary', 'full')),
    joined_on DATE NOT NULL,
    ended_on DATE,
    model_room_id TEXT REFERENCES grid_nodes (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= joined_on)
);
-- A person belongs to one branch at a time, whatever two servers do.
CREATE UNIQUE INDEX party_members_current_idx ON party_members (user_id) WHERE ended_on IS NULL;
CREATE INDEX party_members_branch_idx ON party_members (branch_id, ended_on);

-- 党员责任区: the rooms a member answers for.
CREATE TABLE party_duty_rooms (
    member_id TEXT NOT NULL REFERENCES party_members (id),
    room_id TEXT NOT NULL REFERENCES grid_nodes (id),
    PRIMARY KEY (member_id, room_id)
);

-- 积分细则, kept by the party-affairs unit.
CREATE TABLE party_rules (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL CHECK (category IN ('study_day', 'volunteer', 'duty', 'second_classroom')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    points INTEGER NOT NULL CHECK (points BETWEEN -50 AND 50 AND points <> 0),
    active BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    updated_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);

-- The starting table, from the plan's 积分制; the party-affairs unit edits it.
INSERT INTO party_rules (id, code, category, name_zh, name_en, points, active, version, updated_by, updated_at) VALUES
    ('0193a000-0000-7000-8000-000000000001', 'study-day', 'study_day', '参加党员“学习日”', 'Attended a party study day', 2, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000002', 'study-day-absent', 'study_day', '无故缺席“学习日”', 'Missed a study day without leave', -2, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000003', 'volunteer-half-day', 'volunteer', '志愿服务（半天）', 'Volunteer service (half a day)', 2, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000004', 'volunteer-day', 'volunteer', '志愿服务（一天）', 'Volunteer service (a day)', 4, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000005', 'duty-month', 'duty', '责任区月度走访与服务', 'Monthly visits and help in one''s duty rooms', 3, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000006', 'duty-model-room', 'duty', '党员示范寝室评比获评', 'Model dorm room title won', 5, TRUE, 1, NULL, '2026-12-09 00:00:00'),
    ('0193a000-0000-7000-8000-000000000007', 'second-classroom', 'second_classroom', '参加第二课堂活动（每学时）', 'Second-classroom activity (per hour)', 1, TRUE, 1, NULL, '2026-12-09 00:00:00');

-- The ledger. Append-only: the triggers below refuse a deletion and any
-- change but the one decision of a pending entry; a correction is a new row
-- pointing at the entry it corrects.
CREATE TABLE party_points (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    branch_id TEXT NOT NULL REFERENCES party_branches (id),
    rule_id TEXT NOT NULL REFERENCES party_rules (id),
    category TEXT NOT NULL,
    points INTEGER NOT NULL,
    occurred_on DATE NOT NULL,
    note TEXT NOT NULL,
    proposer_id TEXT REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
    approver_id TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    decision_note TEXT NOT NULL,
    corrects_id TEXT REFERENCES party_points (id),
    activity_id TEXT REFERENCES activities (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX party_points_user_idx ON party_points (user_id, occurred_on);
CREATE INDEX party_points_branch_idx ON party_points (branch_id, state, occurred_on);
CREATE INDEX party_points_corrects_idx ON party_points (corrects_id);
-- Attendance credits an activity once per person; changes after are corrections.
CREATE UNIQUE INDEX party_points_activity_idx ON party_points (activity_id, user_id)
    WHERE activity_id IS NOT NULL AND corrects_id IS NULL;

CREATE TRIGGER party_points_no_delete BEFORE DELETE ON party_points
BEGIN
    SELECT RAISE(ABORT, 'party_points is append-only');
END;

CREATE TRIGGER party_points_decided_once BEFORE UPDATE ON party_points
WHEN OLD.state <> 'pending'
    OR NEW.id IS NOT OLD.id OR NEW.user_id IS NOT OLD.user_id OR NEW.branch_id IS NOT OLD.branch_id
    OR NEW.rule_id IS NOT OLD.rule_id OR NEW.category IS NOT OLD.category
    OR NEW.points IS NOT OLD.points OR NEW.occurred_on IS NOT OLD.occurred_on
    OR NEW.note IS NOT OLD.note OR NEW.proposer_id IS NOT OLD.proposer_id
    OR NEW.corrects_id IS NOT OLD.corrects_id OR NEW.activity_id IS NOT OLD.activity_id
    OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'party_points is append-only: only a pending entry is decided, once');
END;
