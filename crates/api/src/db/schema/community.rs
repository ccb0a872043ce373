//! Contact visits: the rules and duties, the visits with who came along and
//! the problems raised, and the follow-ups units answer.

diesel::table! {
    visit_rules (id) {
        id -> Text,
        duty -> Text,
        per -> Text,
        minimum -> Integer,
        counts -> Text,
        effective_from -> Date,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    visit_duties (id) {
        id -> Text,
        user_id -> Text,
        duty -> Text,
        community_id -> Nullable<Text>,
        unit_id -> Nullable<Text>,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        version -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    visits (id) {
        id -> Text,
        visitor_id -> Text,
        recorded_by -> Text,
        at -> Timestamp,
        day -> Date,
        place_id -> Text,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        kind -> Text,
        students_met -> Integer,
        note -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    visit_companions (visit_id, user_id) {
        visit_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    follow_ups (id) {
        id -> Text,
        visit_id -> Nullable<Text>,
        text -> Text,
        raised_by -> Text,
        unit_id -> Text,
        due_on -> Date,
        state -> Text,
        answer -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        place_id -> Text,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        talk_id -> Nullable<Text>,
    }
}

diesel::table! {
    visit_problems (id) {
        id -> Text,
        visit_id -> Text,
        position -> Integer,
        text -> Text,
        request_id -> Nullable<Text>,
        follow_up_id -> Nullable<Text>,
    }
}

diesel::table! {
    visit_photos (id) {
        id -> Text,
        visit_id -> Text,
        sha256 -> Text,
        size -> BigInt,
        content_type -> Text,
        filename -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(visit_companions -> visits (visit_id));
diesel::joinable!(visit_problems -> visits (visit_id));
diesel::joinable!(visit_photos -> visits (visit_id));

diesel::table! {
    visit_reminders (duty_id, period) {
        duty_id -> Text,
        period -> Text,
        sent_at -> Timestamp,
    }
}
