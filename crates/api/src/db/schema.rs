//! Diesel table definitions, kept by hand in step with migrations/ (both dialects).

mod bookable;
mod classroom;
mod community;
mod events;
mod growth;
mod inspection;
mod party;
pub use bookable::*;
pub use classroom::*;
pub use community::*;
pub use events::*;
pub use growth::*;
pub use inspection::*;
pub use party::*;

diesel::table! {
    units (id) {
        id -> Text,
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        unit_id -> Nullable<Text>,
        active -> Bool,
        tokens_valid_after -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        student_no -> Nullable<Text>,
        gender -> Nullable<Text>,
    }
}

diesel::table! {
    user_roles (user_id, role) {
        user_id -> Text,
        role -> Text,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        family_id -> Text,
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    deployment (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    login_throttle (subject) {
        subject -> Text,
        failures -> Integer,
        window_started_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    grid_nodes (id) {
        id -> Text,
        parent_id -> Nullable<Text>,
        level -> Integer,
        name -> Text,
        code -> Nullable<Text>,
        floor -> Nullable<Integer>,
        capacity -> Nullable<Integer>,
        gender -> Nullable<Text>,
        college_id -> Nullable<Text>,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        archived_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    grid_posts (id) {
        id -> Text,
        node_id -> Text,
        user_id -> Text,
        post_type -> Text,
        level -> Integer,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    residencies (id) {
        id -> Text,
        student_id -> Text,
        room_id -> Text,
        bed -> Integer,
        community_id -> Text,
        zone_id -> Text,
        building_id -> Text,
        checked_in_at -> Timestamp,
        checked_out_at -> Nullable<Timestamp>,
        checked_in_by -> Nullable<Text>,
        checked_out_by -> Nullable<Text>,
    }
}

diesel::table! {
    grid_duties (id) {
        id -> Text,
        level -> Integer,
        post_type -> Text,
        title -> Text,
        description -> Text,
        position -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    grid_meetings (id) {
        id -> Text,
        node_id -> Text,
        held_on -> Date,
        title -> Text,
        attendees -> Text,
        minutes -> Text,
        decisions -> Text,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_requests (id) {
        id -> Text,
        kind -> Text,
        state -> Text,
        version -> Integer,
        priority -> Nullable<Text>,
        summary -> Text,
        form -> Text,
        student_id -> Text,
        place_id -> Text,
        community_id -> Text,
        zone_id -> Nullable<Text>,
        building_id -> Nullable<Text>,
        unit_id -> Nullable<Text>,
        assignee_id -> Nullable<Text>,
        resume_state -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        first_response_due -> Timestamp,
        resolution_due -> Timestamp,
        first_responded_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        paused_since -> Nullable<Timestamp>,
        paused_seconds -> BigInt,
        overdue -> Bool,
        escalations -> Integer,
        pickup_code -> Nullable<Text>,
        rating -> Nullable<Integer>,
        rating_comment -> Nullable<Text>,
    }
}

diesel::table! {
    request_events (id) {
        id -> Text,
        request_id -> Text,
        at -> Timestamp,
        kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Nullable<Text>,
        from_state -> Nullable<Text>,
        to_state -> Nullable<Text>,
        note -> Nullable<Text>,
        data -> Text,
    }
}

diesel::table! {
    request_attachments (id) {
        id -> Text,
        request_id -> Text,
        sha256 -> Text,
        size -> BigInt,
        content_type -> Text,
        filename -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sla_rules (kind, priority) {
        kind -> Text,
        priority -> Text,
        first_response_minutes -> BigInt,
        resolution_minutes -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Text,
        key -> Text,
        request_hash -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        doc_number -> Text,
        title_zh -> Text,
        title_en -> Text,
        approved_on -> Nullable<Date>,
        issued_on -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_sections (id) {
        id -> Text,
        plan_id -> Text,
        no -> Integer,
        title_zh -> Text,
        title_en -> Text,
    }
}

diesel::table! {
    plan_tasks (id) {
        id -> Text,
        plan_id -> Text,
        section_id -> Text,
        no -> Integer,
        title_zh -> Text,
        title_en -> Text,
    }
}

diesel::table! {
    task_parts (id) {
        id -> Text,
        task_id -> Text,
        position -> Integer,
        summary_zh -> Text,
    }
}

diesel::table! {
    task_assignments (id) {
        id -> Text,
        plan_id -> Text,
        task_id -> Text,
        part_id -> Text,
        unit_id -> Text,
        role -> Text,
        responsible_id -> Nullable<Text>,
        due_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    service_accounts (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        unit_id -> Text,
        scopes -> Text,
        allowed_addresses -> Text,
        expires_on -> Nullable<Date>,
        active -> Bool,
        created_by -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        last_used_addr -> Nullable<Text>,
    }
}

diesel::table! {
    service_account_secrets (id) {
        id -> Text,
        account_id -> Text,
        secret_hash -> Text,
        hint -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(users -> units (unit_id));
diesel::joinable!(request_events -> service_requests (request_id));
diesel::table! {
    assignment_milestones (id) {
        id -> Text,
        assignment_id -> Text,
        title -> Text,
        due_on -> Date,
        done_on -> Nullable<Date>,
        overdue_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        version -> Integer,
    }
}

diesel::table! {
    progress_reports (id) {
        id -> Text,
        assignment_id -> Text,
        plan_id -> Text,
        unit_id -> Text,
        period -> Text,
        status -> Text,
        percent -> Integer,
        body -> Text,
        review_state -> Text,
        filed_by -> Text,
        filed_at -> Timestamp,
    }
}

diesel::table! {
    report_reviews (id) {
        id -> Text,
        report_id -> Text,
        reviewer_id -> Text,
        verdict -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    report_evidence (id) {
        id -> Text,
        report_id -> Text,
        sha256 -> Text,
        size -> BigInt,
        content_type -> Text,
        filename -> Text,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reform_events (id) {
        id -> Text,
        plan_id -> Text,
        assignment_id -> Text,
        unit_id -> Text,
        actor_id -> Nullable<Text>,
        kind -> Text,
        period -> Nullable<Text>,
        milestone_id -> Nullable<Text>,
        report_id -> Nullable<Text>,
        note -> Nullable<Text>,
        once_key -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::joinable!(request_attachments -> service_requests (request_id));
diesel::joinable!(grid_posts -> grid_nodes (node_id));
diesel::joinable!(grid_posts -> users (user_id));
diesel::joinable!(residencies -> users (student_id));
diesel::joinable!(residencies -> grid_nodes (room_id));
diesel::joinable!(grid_meetings -> grid_nodes (node_id));
diesel::joinable!(user_roles -> users (user_id));
diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(service_account_secrets -> service_accounts (account_id));
diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(talks -> spaces (space_id));
diesel::joinable!(talk_hosts -> talks (talk_id));
diesel::joinable!(talk_applications -> talks (talk_id));
diesel::allow_tables_to_appear_in_same_query!(
    deployment,
    units,
    users,
    user_roles,
    refresh_tokens,
    login_throttle,
    grid_nodes,
    grid_posts,
    residencies,
    grid_duties,
    grid_meetings,
    service_requests,
    request_events,
    request_attachments,
    sla_rules,
    idempotency_keys,
    plans,
    plan_sections,
    plan_tasks,
    task_parts,
    task_assignments,
    assignment_milestones,
    progress_reports,
    report_reviews,
    report_evidence,
    reform_events,
    service_accounts,
    service_account_secrets,
    outbox_events,
    webhook_subscriptions,
    webhook_deliveries,
    webhook_attempts,
    notifications,
    visit_rules,
    visit_duties,
    visits,
    visit_companions,
    follow_ups,
    visit_problems,
    visit_photos,
    visit_reminders,
    spaces,
    bookings,
    talks,
    talk_hosts,
    talk_applications,
    activities,
    activity_signups,
    activity_attendance,
    transcript_issues,
    party_branches,
    party_members,
    party_duty_rooms,
    party_rules,
    party_points,
    inspection_items,
    inspections,
    rectifications,
    rechecks,
    evaluation_months,
    evaluation_results,
);
