-- Every event other systems and people hear of, written in the same
-- transaction as the change: webhooks, the changes feed and the live stream
-- all read it, so a crash after commit loses nothing.
CREATE TABLE outbox_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Always 0 here: SQLite has one writer, so seq is already commit order.
    -- (PostgreSQL keeps the writing transaction, see its migration.)
    txid BIGINT NOT NULL DEFAULT 0,
    id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    request_id TEXT,
    payload TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX outbox_events_order_idx ON outbox_events (txid, seq);
CREATE INDEX outbox_events_at_idx ON outbox_events (at);

-- Webhook subscriptions. The secret signs every delivery (HMAC-SHA256), so
-- it is kept as given; it is shown once, when issued.
CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    -- Space-separated event types.
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- One event on its way to one subscription, written with the event. A
-- server claims it by moving next_attempt_at past the time it needs to try
-- (its lease): if it dies mid-send, the lease runs out and another tries.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    event_id TEXT NOT NULL REFERENCES outbox_events (id),
    event_type TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    -- Retries stop 24 hours after this (its creation, or a redelivery).
    window_from TIMESTAMP NOT NULL,
    -- Null once delivered or failed.
    next_attempt_at TIMESTAMP,
    last_status INTEGER,
    last_error TEXT,
    last_latency_ms INTEGER,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at)
    WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);
CREATE INDEX webhook_deliveries_event_idx ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    at TIMESTAMP NOT NULL,
    status INTEGER,
    error TEXT,
    latency_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, at);

-- What a person should know about, written with the change that caused it.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- The event it came with: the live stream finds it by this.
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_event_idx ON notifications (event_id);
