//! Second-classroom points come from attendance: when a party member or
//! activist is recorded present, the ledger gets the activity's 学时 times the
//! active second-classroom rule, approved (the attendance is the proof); when
//! the organiser removes them, a correction takes it back, and adding them
//! again restores it. Called by the growth area inside its own transaction.

use crate::app::AppResult;
use crate::db::repo::party::{branches, points, rules};
use crate::db::rows::{from_db, to_db, ActivityRow, PointRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::party::ledger::correction;
use onestop_domain::party::{credited, EntryState};
use onestop_domain::{PointEntryId, UserId};

pub fn attendance(
    c: &mut DbConn,
    activity: &ActivityRow,
    student: UserId,
    present: bool,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let lines = points::of_activity(c, activity.id, student)?;
    let root = lines.iter().find(|l| l.corrects_id.is_none()).cloned();
    let current: i32 = lines
        .iter()
        .filter(|l| l.state.counts())
        .map(|l| l.points)
        .sum();
    let (rule_id, category, branch_id, target) = match &root {
        // What was credited first is what presence is worth for this activity.
        Some(r) => (
            r.rule_id,
            r.category,
            r.branch_id,
            if present { r.points } else { 0 },
        ),
        None => {
            if !present {
                return Ok(());
            }
            let (Some(member), Some(rule)) = (
                branches::current_of(c, student)?,
                rules::second_classroom(c)?,
            ) else {
                return Ok(());
            };
            (
                rule.id,
                rule.category,
                member.branch_id,
                credited(rule.points, activity.hours, true),
            )
        }
    };
    let Some(delta) = correction(current, target) else {
        return Ok(());
    };
    let row = PointRow {
        id: PointEntryId::new(),
        user_id: student,
        branch_id,
        rule_id,
        category,
        points: delta,
        occurred_on: local_date(from_db(activity.starts_at)),
        note: format!("{}（{} 学时）", activity.title, activity.hours),
        proposer_id: None,
        state: EntryState::Approved,
        approver_id: None,
        decided_at: Some(to_db(now)),
        decision_note: String::new(),
        corrects_id: root.map(|r| r.id),
        activity_id: Some(activity.id),
        created_at: to_db(now),
    };
    points::insert(c, &row)?;
    Ok(())
}
