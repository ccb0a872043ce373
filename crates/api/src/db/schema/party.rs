//! The party organisation on the grid and its points ledger.

diesel::table! {
    party_branches (id) {
        id -> Text,
        kind -> Text,
        node_id -> Text,
        community_id -> Text,
        name -> Text,
        secretary_id -> Nullable<Text>,
        station -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    party_members (id) {
        id -> Text,
        branch_id -> Text,
        user_id -> Text,
        standing -> Text,
        joined_on -> Date,
        ended_on -> Nullable<Date>,
        model_room_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    party_duty_rooms (member_id, room_id) {
        member_id -> Text,
        room_id -> Text,
    }
}

diesel::table! {
    party_rules (id) {
        id -> Text,
        code -> Text,
        category -> Text,
        name_zh -> Text,
        name_en -> Text,
        points -> Integer,
        active -> Bool,
        version -> Integer,
        updated_by -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    party_points (id) {
        id -> Text,
        user_id -> Text,
        branch_id -> Text,
        rule_id -> Text,
        category -> Text,
        points -> Integer,
        occurred_on -> Date,
        note -> Text,
        proposer_id -> Nullable<Text>,
        state -> Text,
        approver_id -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Text,
        corrects_id -> Nullable<Text>,
        activity_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
