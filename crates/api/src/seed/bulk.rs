//! Synthetic load for benchmarks: many requests spread over the demo grid's
//! residents, written in multi-row batches (not through the workflow) so
//! that hundreds of thousands take seconds rather than minutes.

use super::SeedError;
use crate::db::rows::{to_db, RequestRow};
use crate::db::schema::{residencies, service_requests};
use crate::db::{Db, DbConn};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use onestop_domain::service::forms::{RepairCategory, RepairForm};
use onestop_domain::service::{Form, Kind, Priority, State};
use onestop_domain::{NodeId, RequestId, UserId};

const STATES: [State; 8] = [
    State::Submitted,
    State::Triaged,
    State::Assigned,
    State::InProgress,
    State::WaitingOnStudent,
    State::Resolved,
    State::Closed,
    State::Closed,
];

pub fn requests(db: &Db, count: usize, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let stays: Vec<(UserId, NodeId, NodeId, NodeId, NodeId)> = db.write_now(|c: &mut DbConn| {
        residencies::table
            .filter(residencies::checked_out_at.is_null())
            .select((
                residencies::student_id,
                residencies::room_id,
                residencies::community_id,
                residencies::zone_id,
                residencies::building_id,
            ))
            .load(c)
            .map_err(SeedError::from)
    })?;
    if stays.is_empty() {
        return Err(SeedError::Account(
            "bulk",
            "seed the demo grid first".into(),
        ));
    }
    let logistics = db
        .write_now(|c: &mut DbConn| {
            crate::db::repo::units::find_by_ref(c, "logistics").map_err(SeedError::from)
        })?
        .map(|u| u.id);
    let form = serde_json::to_string(&Form::Repair(RepairForm {
        category: RepairCategory::Water,
        description: "压测数据：水龙头漏水".into(),
        place_id: None,
        preferred_time: None,
    }))?;
    let mut made = 0;
    while made < count {
        let n = (count - made).min(2000);
        let rows: Vec<RequestRow> = (made..made + n)
            .map(|i| {
                let (student, room, community, zone, building) = stays[i % stays.len()];
                // A year of history, oldest first, so the UUIDv7 ids follow creation time.
                let created =
                    now - Duration::seconds(((count - i) as i64) * 365 * 86_400 / count as i64);
                let state = STATES[i % STATES.len()];
                let triaged = state != State::Submitted;
                RequestRow {
                    id: RequestId(uuid::Uuid::new_v7(uuid::Timestamp::from_unix(
                        uuid::NoContext,
                        created.timestamp() as u64,
                        created.timestamp_subsec_nanos(),
                    ))),
                    kind: Kind::Repair,
                    state,
                    version: 1,
                    priority: triaged.then(|| Priority::ALL[i % 4]),
                    summary: "压测数据：水龙头漏水".into(),
                    form: form.clone(),
                    student_id: student,
                    place_id: room,
                    community_id: community,
                    zone_id: Some(zone),
                    building_id: Some(building),
                    unit_id: if triaged { logistics } else { None },
                    assignee_id: None,
                    resume_state: None,
                    created_at: to_db(created),
                    updated_at: to_db(created),
                    first_response_due: to_db(created + Duration::hours(8)),
                    resolution_due: to_db(created + Duration::days(3)),
                    first_responded_at: triaged.then(|| to_db(created + Duration::hours(1))),
                    resolved_at: None,
                    closed_at: None,
                    paused_since: None,
                    paused_seconds: 0,
                    overdue: i % 7 == 0,
                    escalations: 0,
                    pickup_code: None,
                    rating: None,
                    rating_comment: None,
                }
            })
            .collect();
        db.write_now(|c: &mut DbConn| -> Result<(), SeedError> {
            // Multi-row inserts need the backend's own connection type.
            match c {
                DbConn::Sqlite(s) => diesel::insert_into(service_requests::table)
                    .values(&rows)
                    .execute(s)?,
                DbConn::Pg(p) => diesel::insert_into(service_requests::table)
                    .values(&rows)
                    .execute(p)?,
            };
            Ok(())
        })?;
        made += n;
    }
    db.optimize()?;
    Ok(made)
}
