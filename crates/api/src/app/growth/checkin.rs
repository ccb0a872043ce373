//! Attendance that cannot be given from the dormitory: while the activity
//! runs, its organiser's phone shows a code that changes every 30 seconds;
//! a signed-up student who enters it is present, once, and its hours count
//! on their transcript. The organiser adds or removes a student with a reason.

use super::{found, require_runs, runs, Caller};
use crate::app::{AppError, AppResult};
use crate::db::repo::growth::{activities, attendance, signups};
use crate::db::repo::{is_unique_violation, users};
use crate::db::rows::{from_db, to_db, ActivityRow, AttendanceRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::growth::code::{self, Refused};
use onestop_domain::growth::wire::{
    ActivityCheckInRequest, AttendanceView, CheckInCode, CorrectAttendanceRequest,
};
use onestop_domain::growth::{may_correct, running, ActivityState, Presence, SignupState};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{ActivityId, AttendanceId, Role};

fn not_running() -> AppError {
    AppError::Conflict {
        code: ProblemCode::ActivityNotRunning,
        detail: "the activity is not running: its code is shown and taken only while it runs"
            .into(),
    }
}

fn live(row: &ActivityRow, now: DateTime<Utc>) -> bool {
    row.state == ActivityState::Approved
        && running(from_db(row.starts_at), from_db(row.ends_at), now)
}

/// The code for the organiser's screen now.
pub fn current(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    origin: &str,
    now: DateTime<Utc>,
) -> AppResult<CheckInCode> {
    let row = found(c, caller, id)?;
    require_runs(caller, &row)?;
    if !live(&row, now) {
        return Err(not_running());
    }
    let window = code::window_of(now);
    let digits = code::code(row.secret.as_bytes(), id, window);
    let link = format!("/activities/{id}/check-in?code={digits}");
    let url = format!("{origin}{link}");
    Ok(CheckInCode {
        qr_svg: qr_svg(&url),
        url,
        link,
        code: digits,
        changes_at: code::window_ends(window),
    })
}

pub fn check_in(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    req: &ActivityCheckInRequest,
    now: DateTime<Utc>,
) -> AppResult<AttendanceView> {
    req.check()?;
    if !caller.roles.contains(Role::Student) {
        return Err(AppError::Forbidden {
            detail: "students check in; the organiser adds others by hand".into(),
        });
    }
    found(c, caller, id)?;
    activities::lock(c, id)?;
    let row = activities::find(c, id)?.ok_or_else(|| AppError::not_found("this activity"))?;
    if row.state != ActivityState::Approved {
        return Err(not_running());
    }
    let signed =
        signups::of_student(c, id, caller.id)?.is_some_and(|s| s.state != SignupState::Withdrawn);
    if !signed {
        return Err(AppError::Conflict {
            code: ProblemCode::NotSignedUp,
            detail: "you did not sign up for this activity; the organiser can add you".into(),
        });
    }
    if attendance::of_student(c, id, caller.id)?.is_some() {
        return Err(already());
    }
    let (starts, ends) = (from_db(row.starts_at), from_db(row.ends_at));
    match code::check(row.secret.as_bytes(), id, &req.code, now, starts, ends) {
        Ok(_) => {}
        Err(Refused::NotStarted | Refused::Ended) => return Err(not_running()),
        Err(Refused::Expired) => {
            return Err(AppError::Unprocessable {
                code: ProblemCode::CodeExpired,
                detail: "that code has changed; enter the one on the screen now".into(),
            })
        }
        Err(Refused::Wrong) => {
            return Err(AppError::Unprocessable {
                code: ProblemCode::CodeWrong,
                detail: "that is not this activity's code; check the six digits on the screen"
                    .into(),
            })
        }
    }
    let a = AttendanceRow {
        id: AttendanceId::new(),
        activity_id: id,
        student_id: caller.id,
        presence: Presence::Code,
        at: to_db(now),
        by_id: None,
        reason: String::new(),
    };
    if let Err(e) = attendance::insert(c, &a) {
        return Err(if is_unique_violation(&e) {
            already()
        } else {
            e.into()
        });
    }
    crate::app::party::credit::attendance(c, &row, caller.id, true, now)?;
    Ok(views(c, vec![a])?.remove(0))
}

fn already() -> AppError {
    AppError::Conflict {
        code: ProblemCode::AlreadyCheckedIn,
        detail: "you are recorded at this activity already".into(),
    }
}

pub fn correct(
    c: &mut DbConn,
    caller: &Caller,
    id: ActivityId,
    req: &CorrectAttendanceRequest,
    now: DateTime<Utc>,
) -> AppResult<AttendanceView> {
    req.check()?;
    let row = found(c, caller, id)?;
    require_runs(caller, &row)?;
    if row.state != ActivityState::Approved
        || !may_correct(from_db(row.starts_at), from_db(row.ends_at), now)
    {
        return Err(AppError::Conflict {
            code: ProblemCode::ActivityNotRunning,
            detail: "attendance is corrected from the start until a week after the end".into(),
        });
    }
    let student = users::find(c, req.student_id)?
        .filter(|u| u.roles.contains(Role::Student))
        .ok_or_else(|| AppError::field("student_id", "not_a_student", "no such student"))?;
    activities::lock(c, id)?;
    let a = AttendanceRow {
        id: AttendanceId::new(),
        activity_id: id,
        student_id: student.id(),
        presence: if req.present {
            Presence::Organiser
        } else {
            Presence::Removed
        },
        at: to_db(now),
        by_id: Some(caller.id),
        reason: req.reason.trim().to_owned(),
    };
    attendance::replace(c, &a)?;
    crate::app::party::credit::attendance(c, &row, a.student_id, req.present, now)?;
    Ok(views(c, vec![a])?.remove(0))
}

/// Who was recorded: everyone, for whoever runs it; the caller's own otherwise.
pub fn list(c: &mut DbConn, caller: &Caller, id: ActivityId) -> AppResult<Vec<AttendanceView>> {
    let row = found(c, caller, id)?;
    let all = attendance::of_activity(c, id)?;
    let rows = if runs(caller, &row) {
        all
    } else {
        all.into_iter()
            .filter(|a| a.student_id == caller.id)
            .collect()
    };
    views(c, rows)
}

fn views(c: &mut DbConn, rows: Vec<AttendanceRow>) -> AppResult<Vec<AttendanceView>> {
    let names = users::names(
        c,
        rows.iter()
            .flat_map(|r| std::iter::once(r.student_id).chain(r.by_id)),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| AttendanceView {
            activity_id: r.activity_id,
            student: names.person(r.student_id),
            presence: r.presence,
            at: from_db(r.at),
            by: r.by_id.map(|u| names.person(u)),
            reason: r.reason,
        })
        .collect())
}

/// A QR code of `text` as SVG. Medium error correction: the organiser's
/// phone screen is read from a metre away, often with a glare on it.
fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) {
        Ok(qr) => {
            let doc = qr
                .render::<svg::Color>()
                .quiet_zone(true)
                .min_dimensions(240, 240)
                .build();
            // The element alone, without the XML declaration: it goes into a page.
            doc.find("<svg")
                .map_or(doc.clone(), |at| doc[at..].to_owned())
        }
        // A link of a few dozen characters always fits; the digits remain.
        Err(_) => String::new(),
    }
}
