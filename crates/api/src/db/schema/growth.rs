//! Second-classroom activities, their sign-ups and attendance.

diesel::table! {
    activities (id) {
        id -> Text,
        title -> Text,
        description -> Text,
        category -> Text,
        level -> Text,
        unit_id -> Text,
        organisation -> Text,
        organiser_id -> Text,
        place_id -> Text,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        location -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        capacity -> Integer,
        hours -> Integer,
        state -> Text,
        secret -> Text,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        review_met -> Text,
        review_note -> Text,
        cancel_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    activity_signups (id) {
        id -> Text,
        activity_id -> Text,
        student_id -> Text,
        state -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    activity_attendance (id) {
        id -> Text,
        activity_id -> Text,
        student_id -> Text,
        presence -> Text,
        at -> Timestamp,
        by_id -> Nullable<Text>,
        reason -> Text,
    }
}

diesel::joinable!(activity_signups -> activities (activity_id));
diesel::joinable!(activity_attendance -> activities (activity_id));

diesel::table! {
    transcript_issues (code) {
        code -> Text,
        student_id -> Text,
        name -> Text,
        student_no -> Nullable<Text>,
        totals -> Text,
        hours -> Integer,
        transcript -> Text,
        issued_at -> Timestamp,
    }
}
