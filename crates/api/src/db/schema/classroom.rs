//! 思政课堂 sessions, their hosts and the students' applications.

diesel::table! {
    talks (id) {
        id -> Text,
        kind -> Text,
        topic -> Text,
        description -> Text,
        host_role -> Nullable<Text>,
        space_id -> Text,
        booking_id -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        apply_by -> Timestamp,
        places -> Integer,
        audience_unit_id -> Nullable<Text>,
        audience_building_id -> Nullable<Text>,
        state -> Text,
        seed -> Text,
        seed_sha256 -> Text,
        drawn_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    talk_hosts (talk_id, user_id) {
        talk_id -> Text,
        user_id -> Text,
        position -> Integer,
    }
}

diesel::table! {
    talk_applications (id) {
        id -> Text,
        talk_id -> Text,
        student_id -> Text,
        question -> Text,
        state -> Text,
        rank -> Nullable<Integer>,
        weight -> Nullable<Integer>,
        placed_by_draw -> Nullable<Bool>,
        placed_at -> Nullable<Timestamp>,
        attended -> Nullable<Bool>,
        rating -> Nullable<Integer>,
        feedback -> Nullable<Text>,
        follow_up_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}
