-- The monthly dorm evaluation (任务9): checklists, inspections of rooms,
-- the problems they found (整改项) and their re-checks, and the months
-- closed with their ranking and titles.

-- 检查细则, one list per kind, kept by 学生处.
CREATE TABLE inspection_items (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('safety', 'hygiene', 'reading')),
    label_zh TEXT NOT NULL,
    label_en TEXT NOT NULL,
    max_score INTEGER NOT NULL CHECK (max_score BETWEEN 1 AND 100),
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    updated_by TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX inspection_items_kind_idx ON inspection_items (kind, position);

INSERT INTO inspection_items (id, kind, label_zh, label_en, max_score, position, active, version, updated_by, updated_at) VALUES
    ('0193b000-0000-7000-8000-000000000001', 'safety', '无违规电器（热得快、电热毯等）', 'No banned appliances (immersion heaters, electric blankets…)', 30, 1, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000002', 'safety', '无私拉乱接电线、插排不串接', 'No makeshift wiring or chained power strips', 25, 2, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000003', 'safety', '无明火、无易燃易爆物品', 'No open flames or flammables', 25, 3, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000004', 'safety', '门窗、阳台通道畅通', 'Doors, windows and the balcony kept clear', 20, 4, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000011', 'hygiene', '地面干净、无垃圾堆积', 'Floor clean, no rubbish piled up', 25, 1, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000012', 'hygiene', '床铺整洁、被子叠放', 'Beds made', 20, 2, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000013', 'hygiene', '桌面、书架整齐', 'Desks and shelves tidy', 20, 3, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000014', 'hygiene', '卫生间、阳台清洁', 'Bathroom and balcony clean', 20, 4, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000015', 'hygiene', '空气清新、无异味', 'Fresh air, no smell', 15, 5, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000021', 'reading', '寝室藏书与书架', 'Books and a shelf in the room', 30, 1, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000022', 'reading', '晨读、读书分享记录', 'Morning reading and book-sharing records', 40, 2, TRUE, 1, NULL, '2026-12-01 00:00:00'),
    ('0193b000-0000-7000-8000-000000000023', 'reading', '学习氛围与文化布置', 'A studying atmosphere and decoration', 30, 3, TRUE, 1, NULL, '2026-12-01 00:00:00');

-- One inspection of one room. The grid columns make scope an indexed IN (...).
CREATE TABLE inspections (
    id TEXT PRIMARY KEY NOT NULL,
    room_id TEXT NOT NULL REFERENCES grid_nodes (id),
    building_id TEXT NOT NULL REFERENCES grid_nodes (id),
    zone_id TEXT REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL REFERENCES grid_nodes (id),
    kind TEXT NOT NULL CHECK (kind IN ('safety', 'hygiene', 'reading')),
    inspector_id TEXT NOT NULL REFERENCES users (id),
    inspected_at TIMESTAMP NOT NULL,
    month TEXT NOT NULL,
    score INTEGER NOT NULL,
    max_score INTEGER NOT NULL CHECK (max_score > 0 AND score BETWEEN 0 AND max_score),
    percent_tenths INTEGER NOT NULL CHECK (percent_tenths BETWEEN 0 AND 1000),
    note TEXT NOT NULL,
    -- The lines as scored: their words and points then (JSON).
    lines TEXT NOT NULL
);
CREATE INDEX inspections_building_idx ON inspections (building_id, month, id);
CREATE INDEX inspections_room_idx ON inspections (room_id, month);
CREATE INDEX inspections_month_idx ON inspections (month, kind);
CREATE INDEX inspections_community_idx ON inspections (community_id, month);
CREATE INDEX inspections_zone_idx ON inspections (zone_id, month);

CREATE TABLE rectifications (
    id TEXT PRIMARY KEY NOT NULL,
    inspection_id TEXT NOT NULL REFERENCES inspections (id),
    room_id TEXT NOT NULL REFERENCES grid_nodes (id),
    building_id TEXT NOT NULL REFERENCES grid_nodes (id),
    zone_id TEXT REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL REFERENCES grid_nodes (id),
    kind TEXT NOT NULL,
    safety BOOLEAN NOT NULL,
    description TEXT NOT NULL,
    due_on DATE NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    found_by TEXT NOT NULL REFERENCES users (id),
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    closed_by TEXT REFERENCES users (id),
    version INTEGER NOT NULL,
    CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
    -- Four eyes, whatever the application does.
    CHECK (closed_by IS NULL OR closed_by <> found_by)
);
CREATE INDEX rectifications_building_idx ON rectifications (building_id, state, id);
CREATE INDEX rectifications_room_idx ON rectifications (room_id, state);
CREATE INDEX rectifications_inspection_idx ON rectifications (inspection_id);
CREATE INDEX rectifications_community_idx ON rectifications (community_id, state);
CREATE INDEX rectifications_zone_idx ON rectifications (zone_id, state);

CREATE TABLE rechecks (
    id TEXT PRIMARY KEY NOT NULL,
    rectification_id TEXT NOT NULL REFERENCES rectifications (id),
    by_id TEXT NOT NULL REFERENCES users (id),
    at TIMESTAMP NOT NULL,
    passed BOOLEAN NOT NULL,
    note TEXT NOT NULL,
    due_on DATE
);
CREATE INDEX rechecks_rectification_idx ON rechecks (rectification_id, at);

-- A month closed: its ranking stays as it was computed then.
CREATE TABLE evaluation_months (
    month TEXT PRIMARY KEY NOT NULL,
    closed_at TIMESTAMP NOT NULL,
    closed_by TEXT REFERENCES users (id)
);

CREATE TABLE evaluation_results (
    month TEXT NOT NULL REFERENCES evaluation_months (month),
    room_id TEXT NOT NULL REFERENCES grid_nodes (id),
    building_id TEXT NOT NULL REFERENCES grid_nodes (id),
    zone_id TEXT REFERENCES grid_nodes (id),
    community_id TEXT NOT NULL REFERENCES grid_nodes (id),
    hygiene_tenths INTEGER,
    reading_tenths INTEGER,
    safety_blocked BOOLEAN NOT NULL,
    building_rank INTEGER,
    zone_rank INTEGER,
    reading_rank INTEGER,
    civilized BOOLEAN NOT NULL,
    bookish BOOLEAN NOT NULL,
    PRIMARY KEY (month, room_id)
);
CREATE INDEX evaluation_results_building_idx ON evaluation_results (month, building_id);
CREATE INDEX evaluation_results_room_idx ON evaluation_results (room_id, month);
