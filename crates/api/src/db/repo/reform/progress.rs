//! Milestones, progress reports, their reviews and evidence.

use super::super::units;
use crate::db::repo::users::names;
use crate::db::rows::{from_db, EvidenceRow, MilestoneRow, ReportRow, ReviewRow, UnitRow};
use crate::db::schema::{
    assignment_milestones as ms, progress_reports as pr, report_evidence as re,
    report_reviews as rr,
};
use crate::db::DbConn;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::reform::progress::ReviewState;
use onestop_domain::reform::wire::{EvidenceView, MilestoneView, ReportView, ReviewView};
use onestop_domain::{AssignmentId, EvidenceId, MilestoneId, ReportId, UnitId};
use std::collections::HashMap;

pub fn milestone_view(m: &MilestoneRow, today: NaiveDate) -> MilestoneView {
    MilestoneView {
        id: m.id.0,
        assignment_id: m.assignment_id.0,
        title: m.title.clone(),
        due_on: m.due_on,
        done_on: m.done_on,
        overdue_since: m.overdue_at.map(from_db),
        overdue: m.done_on.is_none() && m.due_on < today,
        version: m.version,
    }
}

pub fn milestones(c: &mut DbConn, assignment_id: AssignmentId) -> QueryResult<Vec<MilestoneRow>> {
    ms::table
        .filter(ms::assignment_id.eq(assignment_id))
        .order((ms::due_on, ms::id))
        .select(MilestoneRow::as_select())
        .load(c)
}

pub fn milestone(c: &mut DbConn, id: MilestoneId) -> QueryResult<Option<MilestoneRow>> {
    ms::table
        .find(id)
        .select(MilestoneRow::as_select())
        .first(c)
        .optional()
}

pub fn insert_milestone(c: &mut DbConn, m: &MilestoneRow) -> QueryResult<()> {
    diesel::insert_into(ms::table)
        .values(m)
        .execute(c)
        .map(|_| ())
}

/// Moving the due date or undoing "done" makes a milestone watchable again.
/// A milestone's new title and dates.
pub struct MilestoneChange<'a> {
    pub title: &'a str,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    /// The version the editor saw.
    pub version: i32,
    /// Clear the overdue flag: a new date or an undone milestone may fall overdue again.
    pub rearm: bool,
}

/// Change a milestone if it is still at the version the editor saw (false otherwise).
pub fn update_milestone(
    c: &mut DbConn,
    id: MilestoneId,
    change: &MilestoneChange<'_>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let target = ms::table
        .filter(ms::id.eq(id))
        .filter(ms::version.eq(change.version));
    let n = diesel::update(target)
        .set((
            ms::title.eq(change.title),
            ms::due_on.eq(change.due_on),
            ms::done_on.eq(change.done_on),
            ms::updated_at.eq(now),
            ms::version.eq(ms::version + 1),
        ))
        .execute(c)?;
    if n == 0 {
        return Ok(false);
    }
    if change.rearm {
        diesel::update(ms::table.filter(ms::id.eq(id)))
            .set(ms::overdue_at.eq(None::<NaiveDateTime>))
            .execute(c)?;
    }
    Ok(true)
}

pub fn delete_milestone(c: &mut DbConn, id: MilestoneId) -> QueryResult<()> {
    diesel::delete(ms::table.filter(ms::id.eq(id)))
        .execute(c)
        .map(|_| ())
}

/// Milestones past due and undone that the reminders job has not yet flagged.
/// Hold a report's row until the transaction ends (its evidence count, its review).
pub fn lock_report(c: &mut DbConn, id: ReportId) -> QueryResult<()> {
    crate::lock_rows!(c, pr::table.filter(pr::id.eq(id)), pr::id)
}

pub fn newly_overdue(c: &mut DbConn, today: NaiveDate) -> QueryResult<Vec<MilestoneRow>> {
    ms::table
        .filter(ms::done_on.is_null())
        .filter(ms::overdue_at.is_null())
        .filter(ms::due_on.lt(today))
        .select(MilestoneRow::as_select())
        .load(c)
}

/// Flag one milestone overdue; false when another run already did.
pub fn flag_overdue(c: &mut DbConn, id: MilestoneId, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        ms::table
            .filter(ms::id.eq(id))
            .filter(ms::overdue_at.is_null())
            .filter(ms::done_on.is_null()),
    )
    .set(ms::overdue_at.eq(now))
    .execute(c)?;
    Ok(n == 1)
}

pub fn insert_report(c: &mut DbConn, r: &ReportRow) -> QueryResult<()> {
    diesel::insert_into(pr::table)
        .values(r)
        .execute(c)
        .map(|_| ())
}

pub fn report(c: &mut DbConn, id: ReportId) -> QueryResult<Option<ReportRow>> {
    pr::table
        .find(id)
        .select(ReportRow::as_select())
        .first(c)
        .optional()
}

/// Settle a report's review state if it is still what the reviewer saw.
pub fn settle(
    c: &mut DbConn,
    id: ReportId,
    from: ReviewState,
    to: ReviewState,
) -> QueryResult<bool> {
    let n = diesel::update(
        pr::table
            .filter(pr::id.eq(id))
            .filter(pr::review_state.eq(from)),
    )
    .set(pr::review_state.eq(to))
    .execute(c)?;
    Ok(n == 1)
}

pub fn insert_review(c: &mut DbConn, r: &ReviewRow) -> QueryResult<()> {
    diesel::insert_into(rr::table)
        .values(r)
        .execute(c)
        .map(|_| ())
}

pub fn insert_evidence(c: &mut DbConn, e: &EvidenceRow) -> QueryResult<()> {
    diesel::insert_into(re::table)
        .values(e)
        .execute(c)
        .map(|_| ())
}

pub fn evidence_count(c: &mut DbConn, report_id: ReportId) -> QueryResult<i64> {
    re::table
        .filter(re::report_id.eq(report_id))
        .count()
        .get_result(c)
}

pub fn evidence(
    c: &mut DbConn,
    report_id: ReportId,
    id: EvidenceId,
) -> QueryResult<Option<EvidenceRow>> {
    re::table
        .filter(re::report_id.eq(report_id))
        .filter(re::id.eq(id))
        .select(EvidenceRow::as_select())
        .first(c)
        .optional()
}

/// Reports of an assignment (or the one report `only`), newest first, with reviews and evidence.
pub fn reports(
    c: &mut DbConn,
    assignment_id: AssignmentId,
    only: Option<ReportId>,
) -> QueryResult<Vec<ReportView>> {
    let mut q = pr::table
        .filter(pr::assignment_id.eq(assignment_id))
        .select(ReportRow::as_select())
        .into_boxed();
    if let Some(id) = only {
        q = q.filter(pr::id.eq(id));
    }
    let rows: Vec<ReportRow> = q.order((pr::filed_at.desc(), pr::id.desc())).load(c)?;
    let ids: Vec<ReportId> = rows.iter().map(|r| r.id).collect();
    let reviews: Vec<ReviewRow> = rr::table
        .filter(rr::report_id.eq_any(&ids))
        .order((rr::created_at, rr::id))
        .select(ReviewRow::as_select())
        .load(c)?;
    let files: Vec<EvidenceRow> = re::table
        .filter(re::report_id.eq_any(&ids))
        .order(re::id)
        .select(EvidenceRow::as_select())
        .load(c)?;
    let names = names(
        c,
        rows.iter()
            .map(|r| r.filed_by)
            .chain(reviews.iter().map(|r| r.reviewer_id)),
    )?;
    let unit_ids: Vec<UnitId> = rows.iter().map(|r| r.unit_id).collect();
    let unit_rows: HashMap<UnitId, UnitRow> = units::by_ids(c, &unit_ids)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some(ReportView {
                id: r.id.0,
                assignment_id: r.assignment_id.0,
                unit: units::view(unit_rows.get(&r.unit_id)?),
                period: r.period.clone(),
                status: r.status,
                percent: r.percent,
                text: r.body.clone(),
                review_state: r.review_state,
                filed_by: names.person(r.filed_by),
                filed_at: from_db(r.filed_at),
                reviews: reviews
                    .iter()
                    .filter(|v| v.report_id == r.id)
                    .map(|v| ReviewView {
                        id: v.id.0,
                        report_id: v.report_id.0,
                        reviewer: names.person(v.reviewer_id),
                        verdict: v.verdict,
                        text: v.body.clone(),
                        at: from_db(v.created_at),
                    })
                    .collect(),
                evidence: files
                    .iter()
                    .filter(|e| e.report_id == r.id)
                    .map(|e| EvidenceView {
                        id: e.id.0,
                        report_id: e.report_id.0,
                        filename: e.filename.clone(),
                        content_type: e.content_type.clone(),
                        size: e.size,
                        uploaded_at: from_db(e.created_at),
                    })
                    .collect(),
            })
        })
        .collect())
}

/// (period, id) of every report on these assignments, by assignment.
pub fn report_periods(
    c: &mut DbConn,
    assignment_ids: &[AssignmentId],
) -> QueryResult<HashMap<AssignmentId, Vec<(String, ReportId)>>> {
    let rows: Vec<(AssignmentId, String, ReportId)> = pr::table
        .filter(pr::assignment_id.eq_any(assignment_ids))
        .select((pr::assignment_id, pr::period, pr::id))
        .load(c)?;
    let mut out: HashMap<AssignmentId, Vec<_>> = HashMap::new();
    for (a, period, id) in rows {
        out.entry(a).or_default().push((period, id));
    }
    Ok(out)
}

/// Whether each of these milestones is done; removed ones are absent.
pub fn milestones_done(
    c: &mut DbConn,
    ids: &[MilestoneId],
) -> QueryResult<HashMap<MilestoneId, bool>> {
    let rows: Vec<(MilestoneId, Option<NaiveDate>)> = ms::table
        .filter(ms::id.eq_any(ids))
        .select((ms::id, ms::done_on))
        .load(c)?;
    Ok(rows.into_iter().map(|(id, d)| (id, d.is_some())).collect())
}
