//! The reminders job: when a milestone's date passes undone, and when a
//! reporting period ends without a unit's report, it is written down once, so
//! the board and the unit's inbox show it without anyone chasing by hand.
//!
//! Runs in the server beside the deadline watch. Safe with several servers:
//! milestones are flagged by a conditional UPDATE and each reminder carries a
//! unique once-key (a key already recorded is skipped), so a second run finds
//! nothing left to record. Each item is recorded in a savepoint of its own:
//! one that fails is logged and skipped, and never stops the others.

use super::effects::{self, News};
use crate::db::repo::reform::events::{self, NewEvent};
use crate::db::repo::reform::progress;
use crate::db::rows::to_db;
use crate::db::schema::{plans, progress_reports as pr, task_assignments as ta};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use onestop_domain::grid::local_date;
use onestop_domain::reform::period::Period;
use onestop_domain::reform::progress::{ReportStatus, ReviewState};
use onestop_domain::reform::wire::ReformEventKind;
use onestop_domain::{AssignmentId, PlanId};
use std::collections::HashSet;

/// What one run recorded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recorded {
    pub overdue_milestones: usize,
    pub silent: usize,
}

pub fn run_once(c: &mut DbConn, now: DateTime<Utc>) -> QueryResult<Recorded> {
    let today = local_date(now);
    let mut out = Recorded::default();

    for m in progress::newly_overdue(c, today)? {
        // Done, then undone (or moved and moved back): flagged again, but reminded once.
        let recorded = alone(c, "milestone", &m.id.to_string(), |c| {
            let reminded = progress::flag_overdue(c, m.id, to_db(now))?
                && events::add(
                    c,
                    NewEvent {
                        milestone_id: Some(m.id),
                        note: Some(format!("{} ({})", m.title, m.due_on)),
                        once_key: Some(format!("overdue:{}:{}", m.id, m.due_on)),
                        ..NewEvent::new(m.assignment_id, ReformEventKind::MilestoneOverdue, None)
                    },
                    now,
                )?;
            if reminded {
                let news = News::MilestoneOverdue {
                    milestone: m.id,
                    title: &m.title,
                };
                effects::record(c, m.assignment_id, None, news, now)?;
            }
            Ok(reminded)
        });
        out.overdue_milestones += usize::from(recorded);
    }

    // Silence is counted for the period that has just ended, on plans issued before it ended.
    let period = Period::last_closed(today);
    let label = period.to_string();
    let live_plans: Vec<PlanId> = plans::table
        .filter(
            plans::issued_on
                .is_null()
                .or(plans::issued_on.le(period.last_day())),
        )
        .select(plans::id)
        .load(c)?;
    let assignments: Vec<AssignmentId> = ta::table
        .filter(ta::plan_id.eq_any(&live_plans))
        .select(ta::id)
        .load(c)?;
    let reported: HashSet<AssignmentId> = pr::table
        .filter(pr::plan_id.eq_any(&live_plans))
        .filter(pr::period.eq(&label))
        .select(pr::assignment_id)
        .load(c)?
        .into_iter()
        .collect();
    // Work reported done, and not sent back, needs no more reports.
    let finished: HashSet<AssignmentId> = pr::table
        .filter(pr::plan_id.eq_any(&live_plans))
        .filter(pr::status.eq(ReportStatus::Done))
        .filter(pr::review_state.ne(ReviewState::Returned))
        .filter(pr::period.le(&label))
        .select(pr::assignment_id)
        .load(c)?
        .into_iter()
        .collect();
    let key = |a: AssignmentId| format!("silent:{a}:{label}");
    let candidates: Vec<AssignmentId> = assignments
        .into_iter()
        .filter(|a| !reported.contains(a) && !finished.contains(a))
        .collect();
    let keys: Vec<String> = candidates.iter().map(|a| key(*a)).collect();
    let done: HashSet<String> = events::once_keys(c, &keys)?.into_iter().collect();
    for a in candidates {
        if done.contains(&key(a)) {
            continue;
        }
        let recorded = alone(c, "assignment", &a.to_string(), |c| {
            let reminded = events::add(
                c,
                NewEvent {
                    period: Some(label.clone()),
                    once_key: Some(key(a)),
                    ..NewEvent::new(a, ReformEventKind::Silent, None)
                },
                now,
            )?;
            if reminded {
                effects::record(c, a, None, News::Silent { period: &label }, now)?;
            }
            Ok(reminded)
        });
        out.silent += usize::from(recorded);
    }
    Ok(out)
}

/// Record one item in a savepoint: on failure it alone is rolled back and logged.
fn alone(
    c: &mut DbConn,
    what: &str,
    id: &str,
    f: impl FnOnce(&mut DbConn) -> QueryResult<bool>,
) -> bool {
    c.transaction(f).unwrap_or_else(|error| {
        tracing::warn!(%error, what, id, "reform reminder skipped; tried again next run");
        false
    })
}
