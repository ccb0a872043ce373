//! The monthly dorm evaluation: checklists, inspections, rectifications and closed months.

diesel::table! {
    inspection_items (id) {
        id -> Text,
        kind -> Text,
        label_zh -> Text,
        label_en -> Text,
        max_score -> Integer,
        position -> Integer,
        active -> Bool,
        version -> Integer,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    inspections (id) {
        id -> Text,
        room_id -> Text,
        building_id -> Text,
        zone_id -> Nullable<Text>,
        community_id -> Text,
        kind -> Text,
        inspector_id -> Text,
        inspected_at -> Timestamp,
        month -> Text,
        score -> Integer,
        max_score -> Integer,
        percent_tenths -> Integer,
        note -> Text,
        lines -> Text,
    }
}

diesel::table! {
    rectifications (id) {
        id -> Text,
        inspection_id -> Text,
        room_id -> Text,
        building_id -> Text,
        zone_id -> Nullable<Text>,
        community_id -> Text,
        kind -> Text,
        safety -> Bool,
        description -> Text,
        due_on -> Date,
        state -> Text,
        found_by -> Text,
        opened_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        closed_by -> Nullable<Text>,
        version -> Integer,
    }
}

diesel::table! {
    rechecks (id) {
        id -> Text,
        rectification_id -> Text,
        by_id -> Text,
        at -> Timestamp,
        passed -> Bool,
        note -> Text,
        due_on -> Nullable<Date>,
    }
}

diesel::table! {
    evaluation_months (month) {
        month -> Text,
        closed_at -> Timestamp,
        closed_by -> Nullable<Text>,
    }
}

diesel::table! {
    evaluation_results (month, room_id) {
        month -> Text,
        room_id -> Text,
        building_id -> Text,
        zone_id -> Nullable<Text>,
        community_id -> Text,
        hygiene_tenths -> Nullable<Integer>,
        reading_tenths -> Nullable<Integer>,
        safety_blocked -> Bool,
        building_rank -> Nullable<Integer>,
        zone_rank -> Nullable<Integer>,
        reading_rank -> Nullable<Integer>,
        civilized -> Bool,
        bookish -> Bool,
    }
}
