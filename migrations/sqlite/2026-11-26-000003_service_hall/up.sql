-- The one-stop service hall: requests, their timelines, attachments, SLA
-- rules, and idempotency keys for creating POSTs.
CREATE TABLE service_requests (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    priority TEXT,
    summary TEXT NOT NULL,
    form TEXT NOT NULL,
    student_id TEXT NOT NULL REFERENCES users (id),
    place_id TEXT NOT NULL REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL,
    zone_id TEXT,
    building_id TEXT,
    unit_id TEXT REFERENCES units (id),
    assignee_id TEXT REFERENCES users (id),
    resume_state TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    first_response_due TIMESTAMP NOT NULL,
    resolution_due TIMESTAMP NOT NULL,
    first_responded_at TIMESTAMP,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP,
    paused_since TIMESTAMP,
    paused_seconds BIGINT NOT NULL,
    overdue BOOLEAN NOT NULL,
    escalations INTEGER NOT NULL,
    pickup_code TEXT,
    rating INTEGER,
    rating_comment TEXT
);
-- Queues filter by scope column and state, and page by id (UUIDv7, creation order).
CREATE INDEX service_requests_building_idx ON service_requests (building_id, state, id);
CREATE INDEX service_requests_zone_idx ON service_requests (zone_id, state, id);
CREATE INDEX service_requests_community_idx ON service_requests (community_id, state, id);
CREATE INDEX service_requests_unit_idx ON service_requests (unit_id, state, id);
CREATE INDEX service_requests_student_idx ON service_requests (student_id, id);
CREATE INDEX service_requests_assignee_idx ON service_requests (assignee_id, state, id);
CREATE INDEX service_requests_place_idx ON service_requests (place_id);
CREATE INDEX service_requests_state_idx ON service_requests (state, id);
-- Newest-first pages without a state filter walk these in id order and stop early.
CREATE INDEX service_requests_building_order_idx ON service_requests (building_id, id);
CREATE INDEX service_requests_unit_order_idx ON service_requests (unit_id, id);
CREATE INDEX service_requests_overdue_idx ON service_requests (overdue, id);
-- The deadline watch looks for open requests past a deadline.
CREATE INDEX service_requests_due_idx ON service_requests (state, resolution_due);

CREATE TABLE request_events (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES service_requests (id),
    at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    actor_id TEXT REFERENCES users (id),
    action TEXT,
    from_state TEXT,
    to_state TEXT,
    note TEXT,
    data TEXT NOT NULL
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

CREATE TABLE request_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES service_requests (id),
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    filename TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_attachments_request_idx ON request_attachments (request_id, id);

CREATE TABLE sla_rules (
    kind TEXT NOT NULL,
    priority TEXT NOT NULL,
    first_response_minutes BIGINT NOT NULL,
    resolution_minutes BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, priority)
);

CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, key)
);
