//! The tables of events and what is made of them: the outbox, webhook
//! subscriptions with their deliveries, and notifications.

diesel::table! {
    outbox_events (seq) {
        seq -> BigInt,
        txid -> BigInt,
        id -> Text,
        event_type -> Text,
        request_id -> Nullable<Text>,
        payload -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> Text,
        name -> Text,
        url -> Text,
        event_types -> Text,
        secret -> Text,
        active -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        subscription_id -> Text,
        event_id -> Text,
        event_type -> Text,
        state -> Text,
        attempts -> Integer,
        window_from -> Timestamp,
        next_attempt_at -> Nullable<Timestamp>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        last_latency_ms -> Nullable<Integer>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Text,
        delivery_id -> Text,
        at -> Timestamp,
        status -> Nullable<Integer>,
        error -> Nullable<Text>,
        latency_ms -> Integer,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        event_id -> Text,
        kind -> Text,
        data -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}
