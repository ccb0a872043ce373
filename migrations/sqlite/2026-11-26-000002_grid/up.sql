-- The dormitory grid: nodes at four levels, posts on them, residency, the
-- service item lists and grid meetings. Grid-located rows carry the ids of
-- their community, zone and building so that scope is an indexed IN filter.
ALTER TABLE users ADD COLUMN student_no TEXT;
ALTER TABLE users ADD COLUMN gender TEXT CHECK (gender IN ('male', 'female'));
CREATE UNIQUE INDEX users_student_no_idx ON users (student_no);

CREATE TABLE grid_nodes (
    id TEXT PRIMARY KEY NOT NULL,
    parent_id TEXT REFERENCES grid_nodes (id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name TEXT NOT NULL,
    code TEXT,
    floor INTEGER,
    capacity INTEGER,
    gender TEXT CHECK (gender IN ('male', 'female')),
    college_id TEXT REFERENCES units (id),
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    archived_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX grid_nodes_parent_idx ON grid_nodes (parent_id, level);
CREATE INDEX grid_nodes_community_idx ON grid_nodes (community_id, level);
CREATE INDEX grid_nodes_zone_idx ON grid_nodes (zone_id, level);
CREATE INDEX grid_nodes_building_idx ON grid_nodes (building_id, level);
CREATE UNIQUE INDEX grid_communities_name_idx ON grid_nodes (name) WHERE level = 1;
CREATE UNIQUE INDEX grid_buildings_code_idx ON grid_nodes (code) WHERE level = 3;
CREATE UNIQUE INDEX grid_rooms_number_idx ON grid_nodes (parent_id, code) WHERE level = 4;

CREATE TABLE grid_posts (
    id TEXT PRIMARY KEY NOT NULL,
    node_id TEXT NOT NULL REFERENCES grid_nodes (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    post_type TEXT NOT NULL,
    level INTEGER NOT NULL,
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    starts_on DATE NOT NULL,
    ends_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX grid_posts_node_idx ON grid_posts (node_id, post_type);
CREATE INDEX grid_posts_user_idx ON grid_posts (user_id, ends_on);
CREATE INDEX grid_posts_community_idx ON grid_posts (community_id);
CREATE INDEX grid_posts_zone_idx ON grid_posts (zone_id);
CREATE INDEX grid_posts_building_idx ON grid_posts (building_id);

CREATE TABLE residencies (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL REFERENCES users (id),
    room_id TEXT NOT NULL REFERENCES grid_nodes (id),
    bed INTEGER NOT NULL,
    community_id TEXT NOT NULL,
    zone_id TEXT NOT NULL,
    building_id TEXT NOT NULL,
    checked_in_at TIMESTAMP NOT NULL,
    checked_out_at TIMESTAMP,
    checked_in_by TEXT REFERENCES users (id),
    checked_out_by TEXT REFERENCES users (id)
);
-- One student per bed and one bed per student, among current stays.
CREATE UNIQUE INDEX residencies_bed_current_idx ON residencies (room_id, bed) WHERE checked_out_at IS NULL;
CREATE UNIQUE INDEX residencies_student_current_idx ON residencies (student_id) WHERE checked_out_at IS NULL;
CREATE INDEX residencies_student_idx ON residencies (student_id, checked_in_at);
CREATE INDEX residencies_building_idx ON residencies (building_id, room_id);
CREATE INDEX residencies_zone_idx ON residencies (zone_id);
CREATE INDEX residencies_community_idx ON residencies (community_id);

CREATE TABLE grid_duties (
    id TEXT PRIMARY KEY NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    post_type TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX grid_duties_level_idx ON grid_duties (level, position);

CREATE TABLE grid_meetings (
    id TEXT PRIMARY KEY NOT NULL,
    node_id TEXT NOT NULL REFERENCES grid_nodes (id),
    held_on DATE NOT NULL,
    title TEXT NOT NULL,
    attendees TEXT NOT NULL,
    minutes TEXT NOT NULL,
    decisions TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX grid_meetings_node_idx ON grid_meetings (node_id, held_on);
