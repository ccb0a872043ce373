//! The deadline watch: marks open requests past a deadline overdue and
//! escalates each breach one grid level further up (building → college zone
//! → community), writing it on the timeline. Safe with several servers on
//! one PostgreSQL: each escalation is claimed by a conditional UPDATE on the
//! escalation count, so exactly one server wins it and writes the event.

use super::effects::{self, Change};
use crate::app::AppError;
use crate::db::repo::grid::{nodes, posts};
use crate::db::repo::service::{events, requests};
use crate::db::rows::RequestRow;
use crate::db::schema::service_requests as sr;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::{local_date, Level};
use onestop_domain::service::wire::EventKind;
use serde_json::json;

/// How many requests one pass looks at; the next pass takes the rest.
const BATCH: i64 = 200;

/// Escalate what is due now; returns how many escalations this call made.
pub fn run_once(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = requests::due_for_escalation(c, now, BATCH)?;
    let mut done = 0;
    for r in due {
        if escalate(c, &r, now)? {
            done += 1;
        }
    }
    Ok(done)
}

/// Escalate `r` one level, as it was loaded: false when it has changed since (another
/// server escalated it, or someone acted on it).
pub fn escalate(c: &mut DbConn, r: &RequestRow, now: DateTime<Utc>) -> Result<bool, AppError> {
    let level = r.escalations + 1;
    // Claimed only as loaded: still escalated this often, unchanged since (a
    // request resolved or paused a moment ago has moved on) and still running.
    let claimed = diesel::update(
        sr::table
            .filter(sr::id.eq(&r.id))
            .filter(sr::escalations.eq(r.escalations))
            .filter(sr::version.eq(r.version))
            .filter(sr::state.eq_any(requests::clock_running())),
    )
    .set((
        sr::escalations.eq(level),
        sr::overdue.eq(true),
        sr::version.eq(sr::version + 1),
    ))
    .execute(c)?;
    if claimed == 0 {
        return Ok(false);
    }
    // Level 1 goes to the college zone above the building, level 2 to the community.
    let target = match level {
        1 => r.zone_id,
        _ => Some(r.community_id),
    };
    let node = match target {
        Some(id) => nodes::find(c, id)?,
        None => None,
    };
    let (node_name, leaders) = match &node {
        Some(n) => {
            let held = posts::active_on_nodes(c, std::slice::from_ref(&n.id), local_date(now))?;
            let views = posts::views(c, &held, local_date(now))?;
            let leaders: Vec<_> = views
                .into_iter()
                .filter(|v| v.post_type.is_leader())
                .map(|v| v.holder)
                .collect();
            (n.name.clone(), leaders)
        }
        None => (String::new(), Vec::new()),
    };
    let holders: Vec<_> = leaders
        .iter()
        .map(|p| json!({"id": p.id, "name": p.display_name}))
        .collect();
    let breach = if r.first_responded_at.is_none() && r.first_response_due.and_utc() <= now {
        "first_response"
    } else {
        "resolution"
    };
    events::add(
        c,
        events::NewEvent {
            request_id: r.id,
            kind: EventKind::Escalated,
            actor: None,
            action: None,
            from: None,
            to: None,
            note: None,
            data: json!({
                "level": level,
                "breach": breach,
                "node_id": node.as_ref().map(|n| n.id),
                "node_name": node_name,
                "node_level": node.as_ref().map(|n| n.level.as_str()).unwrap_or(Level::Community.as_str()),
                "to": holders,
            }),
        },
        now,
    )?;
    let mut after = r.clone();
    after.escalations = level;
    after.overdue = true;
    after.version = r.version + 1;
    let leaders: Vec<_> = leaders.iter().map(|p| p.id).collect();
    let change = Change::Escalated { leaders: &leaders };
    effects::record(c, &after, None, change, now)?;
    Ok(true)
}
