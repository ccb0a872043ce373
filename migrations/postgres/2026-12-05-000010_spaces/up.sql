-- Community spaces and their bookings (任务3、8). Two bookings that hold a
-- slot (pending or approved) of one space never overlap: the exclusion
-- constraint decides, whatever the servers' transactions do at once.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE spaces (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('counsellor_office', 'multi_purpose', 'party_members_home', 'party_activity_room', 'red_cinema', 'red_library', 'other')),
    place_id TEXT NOT NULL REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL REFERENCES grid_nodes (id),
    zone_id TEXT REFERENCES grid_nodes (id),
    building_id TEXT REFERENCES grid_nodes (id),
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
    equipment TEXT NOT NULL,
    opens TEXT NOT NULL,
    closes TEXT NOT NULL CHECK (closes > opens),
    open_to TEXT NOT NULL,
    needs_approval BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX spaces_community_idx ON spaces (community_id, name);
CREATE INDEX spaces_zone_idx ON spaces (zone_id);
CREATE INDEX spaces_building_idx ON spaces (building_id);

CREATE TABLE bookings (
    id TEXT PRIMARY KEY NOT NULL,
    space_id TEXT NOT NULL REFERENCES spaces (id),
    booked_by TEXT NOT NULL REFERENCES users (id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    purpose TEXT NOT NULL,
    attendees INTEGER NOT NULL CHECK (attendees BETWEEN 1 AND 2000),
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled')),
    note TEXT,
    decided_by TEXT REFERENCES users (id),
    decided_at TIMESTAMP,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at),
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        space_id WITH =,
        tsrange(starts_at, ends_at) WITH &&
    ) WHERE (state IN ('pending', 'approved'))
);
CREATE INDEX bookings_space_idx ON bookings (space_id, starts_at);
CREATE INDEX bookings_booker_idx ON bookings (booked_by, starts_at);
