//! Filing and reviewing progress reports (对标校准). The handlers and the demo
//! seed both go through here, so a seeded report obeys the same rules.

use super::effects::{self, News};
use super::{assignment, may_not, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::reform::events::{self, NewEvent};
use crate::db::repo::reform::progress;
use crate::db::rows::{to_db, ReportRow, ReviewRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::reform::progress::{NewReport, ReviewError, ReviewState, Verdict, MAX_TEXT};
use onestop_domain::reform::wire::{ReformEventKind, ReportView};
use onestop_domain::{AssignmentId, ReportId, ReviewId};

pub fn report_row(c: &mut DbConn, id: ReportId) -> AppResult<ReportRow> {
    progress::report(c, id)?.ok_or_else(|| AppError::not_found("this report"))
}

pub fn report_view(c: &mut DbConn, r: &ReportRow) -> AppResult<ReportView> {
    progress::reports(c, r.assignment_id, Some(r.id))?
        .pop()
        .ok_or_else(|| AppError::internal("report vanished"))
}

/// File a checked report on an assignment, as one of its unit's staff. A
/// report is never edited: to correct one, or after it is sent back, file another.
pub fn file(
    c: &mut DbConn,
    caller: &Caller,
    assignment_id: AssignmentId,
    report: NewReport,
    now: DateTime<Utc>,
) -> AppResult<ReportView> {
    let a = assignment(c, assignment_id)?;
    if !caller.rules().may_report(a.unit_id) {
        return Err(may_not(
            "reports are filed by the assigned unit's own staff",
        ));
    }
    let row = ReportRow {
        id: ReportId::new(),
        assignment_id: a.id,
        plan_id: a.plan_id,
        unit_id: a.unit_id,
        period: report.period.to_string(),
        status: report.status,
        percent: report.percent,
        body: report.text,
        review_state: ReviewState::Pending,
        filed_by: caller.id,
        filed_at: to_db(now),
    };
    progress::insert_report(c, &row)?;
    events::add(
        c,
        NewEvent {
            period: Some(row.period.clone()),
            report_id: Some(row.id),
            note: Some(format!("{} {}%", row.status.as_str(), row.percent)),
            ..NewEvent::new(a.id, ReformEventKind::ReportFiled, Some(caller.id))
        },
        now,
    )?;
    let news = News::Filed {
        report: row.id,
        period: &row.period,
    };
    effects::record(c, a.id, Some(caller.id), news, now)?;
    report_view(c, &row)
}

/// Review a report: a calibration comment, accept it, or send it back for
/// rework with the reason. Admins and the part's lead unit review; a lead's
/// own report is reviewed by an admin. Two reviewers at once: one settles it.
pub fn review(
    c: &mut DbConn,
    caller: &Caller,
    report_id: ReportId,
    verdict: Verdict,
    text: &str,
    now: DateTime<Utc>,
) -> AppResult<ReportView> {
    if text.chars().count() > MAX_TEXT {
        return Err(AppError::field(
            "text",
            "too_long",
            "at most 4000 characters",
        ));
    }
    let text = text.trim().to_owned();
    if verdict == Verdict::Comment && text.is_empty() {
        return Err(AppError::field("text", "required", "write the comment"));
    }
    let r = report_row(c, report_id)?;
    let a = assignment(c, r.assignment_id)?;
    if !caller.may_review(c, &a)? {
        return Err(may_not(
            "reports are reviewed by admins and by the lead unit of the part (not by the reporting unit itself)",
        ));
    }
    let from = r.review_state;
    let to = from.after(verdict, !text.is_empty()).map_err(|e| match e {
        ReviewError::ReasonRequired => AppError::field("text", "required", e.to_string()),
        ReviewError::Settled(_) => AppError::Conflict {
            code: ProblemCode::ReportSettled,
            detail: e.to_string(),
        },
    })?;
    if to != from && !progress::settle(c, r.id, from, to)? {
        return Err(AppError::Conflict {
            code: ProblemCode::ReportSettled,
            detail: "another supervisor reviewed this report first; reload it".into(),
        });
    }
    progress::insert_review(
        c,
        &ReviewRow {
            id: ReviewId::new(),
            report_id: r.id,
            reviewer_id: caller.id,
            verdict,
            body: text.clone(),
            created_at: to_db(now),
        },
    )?;
    let kind = match verdict {
        Verdict::Comment => ReformEventKind::ReportCommented,
        Verdict::Accept => ReformEventKind::ReportAccepted,
        Verdict::Rework => ReformEventKind::ReportReturned,
    };
    events::add(
        c,
        NewEvent {
            period: Some(r.period.clone()),
            report_id: Some(r.id),
            note: (!text.is_empty()).then_some(text.clone()),
            ..NewEvent::new(r.assignment_id, kind, Some(caller.id))
        },
        now,
    )?;
    let news = News::Reviewed {
        report: r.id,
        period: &r.period,
        verdict,
        filer: r.filed_by,
        text: &text,
    };
    effects::record(c, r.assignment_id, Some(caller.id), news, now)?;
    report_view(c, &r)
}
