-- The reform plan as data: plans, sections, tasks, parts, and one
-- assignment per (part, unit) with the unit's role on it.
CREATE TABLE plans (
    id TEXT PRIMARY KEY NOT NULL,
    doc_number TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    approved_on DATE,
    issued_on DATE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE plan_sections (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    no INTEGER NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    UNIQUE (plan_id, no)
);

CREATE TABLE plan_tasks (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    section_id TEXT NOT NULL REFERENCES plan_sections (id),
    no INTEGER NOT NULL,
    title_zh TEXT NOT NULL,
    title_en TEXT NOT NULL,
    UNIQUE (plan_id, no)
);
CREATE INDEX plan_tasks_section_idx ON plan_tasks (section_id, no);

CREATE TABLE task_parts (
    id TEXT PRIMARY KEY NOT NULL,
    task_id TEXT NOT NULL REFERENCES plan_tasks (id),
    position INTEGER NOT NULL,
    summary_zh TEXT NOT NULL,
    UNIQUE (task_id, position)
);

CREATE TABLE task_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    task_id TEXT NOT NULL REFERENCES plan_tasks (id),
    part_id TEXT NOT NULL REFERENCES task_parts (id),
    unit_id TEXT NOT NULL REFERENCES units (id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
    responsible_id TEXT REFERENCES users (id),
    due_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (part_id, unit_id)
);
CREATE INDEX task_assignments_unit_idx ON task_assignments (unit_id, role, task_id);
CREATE INDEX task_assignments_task_idx ON task_assignments (task_id, part_id);
