-- Second-classroom activities (第二课堂), their sign-ups and who was present.
CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('moral', 'intellectual', 'physical', 'aesthetic', 'labour')),
    level TEXT NOT NULL CHECK (level IN ('school', 'college', 'community', 'building')),
    unit_id TEXT NOT NULL REFERENCES units (id),
    organisation TEXT NOT NULL,
    organiser_id TEXT NOT NULL REFERENCES users (id),
    place_id TEXT NOT NULL REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    location TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 2000),
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 40),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'approved', 'rejected', 'cancelled')),
    -- The check-in code's key: it never leaves the server.
    secret TEXT NOT NULL,
    reviewed_by TEXT REFERENCES users (id),
    reviewed_at TIMESTAMP,
    review_met TEXT NOT NULL,
    review_note TEXT NOT NULL,
    cancel_reason TEXT,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX activities_starts_idx ON activities (starts_at, id);
CREATE INDEX activities_state_idx ON activities (state, starts_at);
CREATE INDEX activities_unit_idx ON activities (unit_id, starts_at);
CREATE INDEX activities_community_idx ON activities (community_id, starts_at);
CREATE INDEX activities_zone_idx ON activities (zone_id);
CREATE INDEX activities_building_idx ON activities (building_id);

-- One sign-up per student and activity, whatever retries or servers do.
CREATE TABLE activity_signups (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities (id),
    student_id TEXT NOT NULL REFERENCES users (id),
    state TEXT NOT NULL CHECK (state IN ('placed', 'waiting', 'withdrawn')),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (activity_id, student_id)
);
CREATE INDEX activity_signups_student_idx ON activity_signups (student_id, activity_id);

-- Present once per student and activity: the hours are credited once.
CREATE TABLE activity_attendance (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities (id),
    student_id TEXT NOT NULL REFERENCES users (id),
    presence TEXT NOT NULL CHECK (presence IN ('code', 'organiser', 'removed')),
    at TIMESTAMP NOT NULL,
    by_id TEXT REFERENCES users (id),
    reason TEXT NOT NULL,
    UNIQUE (activity_id, student_id)
);
CREATE INDEX activity_attendance_student_idx ON activity_attendance (student_id, activity_id);

-- A transcript issued for printing, as it was then: the public verification
-- page shows the name, student number and totals under its code.
CREATE TABLE transcript_issues (
    code TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    student_no TEXT,
    totals TEXT NOT NULL,
    hours INTEGER NOT NULL,
    -- The whole transcript as issued (JSON): the PDF is drawn from it, so a
    -- copy downloaded later still says what the code confirms.
    transcript TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL
);
CREATE INDEX transcript_issues_student_idx ON transcript_issues (student_id, issued_at);
