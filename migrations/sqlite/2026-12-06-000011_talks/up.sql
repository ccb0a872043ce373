-- 思政课堂 sessions (任务6) and students' applications for their places.
-- A session's time is a booking of its space, so it never overlaps another
-- booking there. Its place comes from the space (no copy for a grid move to
-- leave behind).
CREATE TABLE talks (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('principal_meeting', 'secretary_meeting', 'reading', 'competition', 'entrepreneurship', 'office_hours')),
    topic TEXT NOT NULL,
    description TEXT NOT NULL,
    host_role TEXT CHECK (host_role IN ('school_leader', 'counsellor', 'ideology_teacher', 'subject_teacher', 'academic_tutor', 'class_adviser', 'expert')),
    space_id TEXT NOT NULL REFERENCES spaces (id),
    booking_id TEXT NOT NULL UNIQUE REFERENCES bookings (id),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    apply_by TIMESTAMP NOT NULL,
    places INTEGER NOT NULL CHECK (places BETWEEN 1 AND 500),
    audience_unit_id TEXT REFERENCES units (id),
    audience_building_id TEXT REFERENCES grid_nodes (id),
    state TEXT NOT NULL CHECK (state IN ('open', 'drawn', 'cancelled')),
    seed TEXT NOT NULL,
    seed_sha256 TEXT NOT NULL,
    drawn_at TIMESTAMP,
    cancel_reason TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (apply_by <= starts_at),
    CHECK (audience_unit_id IS NULL OR audience_building_id IS NULL),
    CHECK (state = 'cancelled' OR (state = 'drawn') = (drawn_at IS NOT NULL))
);
CREATE INDEX talks_space_idx ON talks (space_id, starts_at);
CREATE INDEX talks_due_idx ON talks (state, apply_by);

CREATE TABLE talk_hosts (
    talk_id TEXT NOT NULL REFERENCES talks (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (talk_id, user_id)
);
CREATE INDEX talk_hosts_user_idx ON talk_hosts (user_id, talk_id);

-- One application per student and session, whatever retries or servers do.
CREATE TABLE talk_applications (
    id TEXT PRIMARY KEY NOT NULL,
    talk_id TEXT NOT NULL REFERENCES talks (id),
    student_id TEXT NOT NULL REFERENCES users (id),
    question TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('applied', 'placed', 'waiting', 'withdrawn')),
    rank INTEGER,
    weight INTEGER CHECK (weight BETWEEN 1 AND 4),
    placed_by_draw BOOLEAN,
    placed_at TIMESTAMP,
    attended BOOLEAN,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    feedback TEXT,
    follow_up_id TEXT UNIQUE REFERENCES follow_ups (id),
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (talk_id, student_id),
    UNIQUE (talk_id, rank)
);
CREATE INDEX talk_applications_student_idx ON talk_applications (student_id, id);

-- A question from a session becomes a follow-up like a visit's problem.
ALTER TABLE follow_ups ADD COLUMN talk_id TEXT REFERENCES talks (id);
