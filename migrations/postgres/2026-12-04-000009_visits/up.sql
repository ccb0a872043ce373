-- School leaders and unit heads (role leader) visit the community.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check CHECK (role IN ('student', 'grid_member', 'counsellor', 'handler', 'office', 'admin', 'leader'));

CREATE TABLE visit_rules (
    id TEXT PRIMARY KEY NOT NULL,
    duty TEXT NOT NULL CHECK (duty IN ('school_leader', 'unit_head')),
    per TEXT NOT NULL CHECK (per IN ('semester', 'month')),
    minimum INTEGER NOT NULL CHECK (minimum BETWEEN 1 AND 31),
    counts TEXT NOT NULL,
    effective_from DATE NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (duty, effective_from)
);

CREATE TABLE visit_duties (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    duty TEXT NOT NULL CHECK (duty IN ('school_leader', 'unit_head')),
    community_id TEXT REFERENCES grid_nodes (id),
    unit_id TEXT REFERENCES units (id),
    starts_on DATE NOT NULL,
    ends_on DATE,
    version INTEGER NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((duty = 'school_leader') = (community_id IS NOT NULL)),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX visit_duties_user_idx ON visit_duties (user_id, starts_on);
CREATE INDEX visit_duties_community_idx ON visit_duties (community_id);

CREATE TABLE visits (
    id TEXT PRIMARY KEY NOT NULL,
    visitor_id TEXT NOT NULL REFERENCES users (id),
    recorded_by TEXT NOT NULL REFERENCES users (id),
    at TIMESTAMP NOT NULL,
    day DATE NOT NULL,
    place_id TEXT NOT NULL REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('dorm_visit', 'theme_activity', 'field_work', 'forum')),
    students_met INTEGER NOT NULL CHECK (students_met BETWEEN 0 AND 10000),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX visits_visitor_idx ON visits (visitor_id, day);
CREATE INDEX visits_day_idx ON visits (day, id);
CREATE INDEX visits_community_idx ON visits (community_id, day);
CREATE INDEX visits_zone_idx ON visits (zone_id, day);
CREATE INDEX visits_building_idx ON visits (building_id, day);
CREATE INDEX visits_place_idx ON visits (place_id);

CREATE TABLE visit_companions (
    visit_id TEXT NOT NULL REFERENCES visits (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (visit_id, user_id)
);
CREATE INDEX visit_companions_user_idx ON visit_companions (user_id, visit_id);

CREATE TABLE follow_ups (
    id TEXT PRIMARY KEY NOT NULL,
    visit_id TEXT REFERENCES visits (id),
    text TEXT NOT NULL,
    raised_by TEXT NOT NULL REFERENCES users (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    due_on DATE NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'answered')),
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at TIMESTAMP,
    place_id TEXT NOT NULL REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX follow_ups_unit_idx ON follow_ups (unit_id, state, due_on);
CREATE INDEX follow_ups_raised_idx ON follow_ups (raised_by, id);
CREATE INDEX follow_ups_community_idx ON follow_ups (community_id, state);
CREATE INDEX follow_ups_zone_idx ON follow_ups (zone_id, state);
CREATE INDEX follow_ups_building_idx ON follow_ups (building_id, state);
CREATE INDEX follow_ups_place_idx ON follow_ups (place_id);

CREATE TABLE visit_problems (
    id TEXT PRIMARY KEY NOT NULL,
    visit_id TEXT NOT NULL REFERENCES visits (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    request_id TEXT REFERENCES service_requests (id),
    follow_up_id TEXT REFERENCES follow_ups (id),
    CHECK ((request_id IS NULL) <> (follow_up_id IS NULL)),
    UNIQUE (visit_id, position)
);

-- A leader behind the rule is reminded once per duty and period, however many servers run the job.
CREATE TABLE visit_reminders (
    duty_id TEXT NOT NULL REFERENCES visit_duties (id),
    period TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (duty_id, period)
);
