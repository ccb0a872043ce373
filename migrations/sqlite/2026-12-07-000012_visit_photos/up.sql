-- Photos taken on a contact visit, stored like a request's attachments (by hash).
CREATE TABLE visit_photos (
    id TEXT PRIMARY KEY NOT NULL,
    visit_id TEXT NOT NULL REFERENCES visits (id),
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL CHECK (size > 0),
    content_type TEXT NOT NULL CHECK (content_type LIKE 'image/%'),
    filename TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX visit_photos_visit_idx ON visit_photos (visit_id, id);
