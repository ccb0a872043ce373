//! Evidence on a report: photos or PDFs the reporting unit adds while the
//! report waits for review. Checked before the bytes are read (so a refused
//! upload costs nothing) and again under the report's lock when written.

use super::reports::report_row;
use super::{may_not, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::reform::events::{self, NewEvent};
use crate::db::repo::reform::progress;
use crate::db::rows::{to_db, EvidenceRow, ReportRow};
use crate::db::DbConn;
use crate::files::Received;
use chrono::{DateTime, Utc};
use onestop_domain::problem::ProblemCode;
use onestop_domain::reform::progress::ReviewState;
use onestop_domain::reform::wire::{EvidenceView, ReformEventKind};
use onestop_domain::{EvidenceId, ReportId};

pub const MAX_EVIDENCE: i64 = 10;

/// The report, if the caller may add evidence to it now.
pub fn may_add(c: &mut DbConn, caller: &Caller, id: ReportId) -> AppResult<ReportRow> {
    let r = report_row(c, id)?;
    if caller.unit_id() != Some(r.unit_id) {
        return Err(may_not("evidence is added by the reporting unit"));
    }
    if r.review_state != ReviewState::Pending {
        return Err(AppError::Conflict {
            code: ProblemCode::ReportSettled,
            detail: "this report was already reviewed; file a new report with the evidence".into(),
        });
    }
    if progress::evidence_count(c, r.id)? >= MAX_EVIDENCE {
        return Err(AppError::Conflict {
            code: ProblemCode::TooMuchEvidence,
            detail: format!("a report holds at most {MAX_EVIDENCE} files"),
        });
    }
    Ok(r)
}

/// Record a received file on the report and keep it, inside the caller's
/// transaction: the file is stored only once its row is written.
pub fn add(
    c: &mut DbConn,
    caller: &Caller,
    id: ReportId,
    file: Received,
    now: DateTime<Utc>,
) -> AppResult<EvidenceView> {
    // Uploads in parallel count one after another: the report's row is held.
    progress::lock_report(c, id)?;
    let r = may_add(c, caller, id)?;
    let row = EvidenceRow {
        id: EvidenceId::new(),
        report_id: r.id,
        sha256: file.sha256.clone(),
        size: file.size,
        content_type: file.content_type.to_owned(),
        filename: file.filename.clone(),
        uploaded_by: caller.id,
        created_at: to_db(now),
    };
    progress::insert_evidence(c, &row)?;
    events::add(
        c,
        NewEvent {
            report_id: Some(r.id),
            period: Some(r.period.clone()),
            note: Some(row.filename.clone()),
            ..NewEvent::new(
                r.assignment_id,
                ReformEventKind::EvidenceAdded,
                Some(caller.id),
            )
        },
        now,
    )?;
    file.persist().map_err(AppError::internal)?;
    Ok(EvidenceView {
        id: row.id.0,
        report_id: row.report_id.0,
        filename: row.filename,
        content_type: row.content_type,
        size: row.size,
        uploaded_at: now,
    })
}
