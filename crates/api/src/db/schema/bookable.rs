//! Community spaces and their bookings.

diesel::table! {
    spaces (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        place_id -> Text,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        capacity -> Integer,
        equipment -> Text,
        opens -> Text,
        closes -> Text,
        open_to -> Text,
        needs_approval -> Bool,
        active -> Bool,
        version -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    bookings (id) {
        id -> Text,
        space_id -> Text,
        booked_by -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        purpose -> Text,
        attendees -> Integer,
        state -> Text,
        note -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(bookings -> spaces (space_id));
