-- Following the plan: who answers for each assignment, its milestones, the
-- units' monthly progress reports and their review, and a log of what
-- happened (the board's "changed since", a unit's inbox, the reminders).
ALTER TABLE task_assignments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE assignment_milestones (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES task_assignments (id),
    title TEXT NOT NULL,
    due_on DATE NOT NULL,
    done_on DATE,
    -- Set once by the reminders job when the due date passes undone.
    overdue_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX assignment_milestones_assignment_idx ON assignment_milestones (assignment_id, due_on);
CREATE INDEX assignment_milestones_watch_idx ON assignment_milestones (due_on)
    WHERE done_on IS NULL AND overdue_at IS NULL;

-- Append-only: a report's content never changes; rework means a new report.
CREATE TABLE progress_reports (
    id TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES task_assignments (id),
    plan_id TEXT NOT NULL REFERENCES plans (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'blocked', 'done')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    body TEXT NOT NULL,
    review_state TEXT NOT NULL CHECK (review_state IN ('pending', 'accepted', 'returned')),
    filed_by TEXT NOT NULL REFERENCES users (id),
    filed_at TIMESTAMP NOT NULL
);
CREATE INDEX progress_reports_assignment_idx ON progress_reports (assignment_id, filed_at);
CREATE INDEX progress_reports_plan_period_idx ON progress_reports (plan_id, period);

CREATE TABLE report_reviews (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES progress_reports (id),
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    verdict TEXT NOT NULL CHECK (verdict IN ('comment', 'accept', 'rework')),
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_reviews_report_idx ON report_reviews (report_id, created_at);

CREATE TABLE report_evidence (
    id TEXT PRIMARY KEY NOT NULL,
    report_id TEXT NOT NULL REFERENCES progress_reports (id),
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    filename TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX report_evidence_report_idx ON report_evidence (report_id, id);

-- once_key makes a reminder happen once however many servers run the job
-- (NULL for ordinary events; NULLs never collide in a unique index).
CREATE TABLE reform_events (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    assignment_id TEXT NOT NULL REFERENCES task_assignments (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    actor_id TEXT REFERENCES users (id),
    kind TEXT NOT NULL,
    period TEXT,
    milestone_id TEXT,
    report_id TEXT,
    note TEXT,
    once_key TEXT UNIQUE,
    at TIMESTAMP NOT NULL
);
CREATE INDEX reform_events_plan_idx ON reform_events (plan_id, at);
CREATE INDEX reform_events_unit_idx ON reform_events (unit_id, at);
CREATE INDEX reform_events_assignment_idx ON reform_events (assignment_id, at);
