//! The 第二课堂成绩单: a student's lines from attendance with the sums by
//! category and semester; issued for printing under a code that a public
//! page confirms, showing the name, the student number and the totals as
//! issued — nothing else.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::growth::attendance;
use crate::db::repo::units;
use crate::db::repo::users::{self, Account};
use crate::db::rows::{from_db, from_json, to_db, IssueRow};
use crate::db::DbConn;
use crate::pdf::FontFile;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::growth::transcript::{
    semester_of, sums, totals_of, totals_text, IssuedTranscript, TranscriptLine, TranscriptView,
    VerifiedTranscript,
};
use onestop_domain::{Role, UserId};

/// Who sees a student's transcript: the student, administrators, the
/// community office, and the staff of the student's college.
fn may_see(caller: &Caller, student: &Account) -> bool {
    caller.id == student.id()
        || caller.roles.contains(Role::Admin)
        || caller.roles.contains(Role::Office)
        || (caller.roles.is_staff()
            && caller.unit_id.is_some()
            && caller.unit_id == student.unit_id())
}

fn build(c: &mut DbConn, student: &Account) -> AppResult<TranscriptView> {
    let lines: Vec<TranscriptLine> = attendance::credits(c, student.id())?
        .into_iter()
        .map(|(activity_id, title, category, hours, starts)| {
            let on = local_date(from_db(starts));
            TranscriptLine {
                activity_id,
                title,
                category,
                hours,
                on,
                semester: semester_of(on),
            }
        })
        .collect();
    let (semesters, totals, hours) = sums(&lines);
    let unit = match student.unit_id() {
        Some(u) => units::by_ids(c, &[u])?.first().map(units::view),
        None => None,
    };
    Ok(TranscriptView {
        student: PersonRef {
            id: student.id(),
            display_name: student.row.display_name.clone(),
        },
        student_no: student.row.student_no.clone(),
        unit,
        lines,
        semesters,
        totals,
        hours,
    })
}

pub fn of(c: &mut DbConn, caller: &Caller, student: UserId) -> AppResult<TranscriptView> {
    let who = users::find(c, student)?
        .filter(|a| a.roles.contains(Role::Student) && may_see(caller, a))
        .ok_or_else(|| AppError::not_found("this student's transcript"))?;
    build(c, &who)
}

/// Twelve capital letters and digits from fresh randomness.
fn new_code() -> String {
    loop {
        let code: String = crate::auth::refresh::generate()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|ch| ch.to_ascii_uppercase())
            .take(12)
            .collect();
        if code.len() == 12 {
            return code;
        }
    }
}

/// Issue the caller's own transcript for printing.
pub fn issue(c: &mut DbConn, caller: &Caller, now: DateTime<Utc>) -> AppResult<IssuedTranscript> {
    let me = users::find(c, caller.id)?
        .filter(|a| a.roles.contains(Role::Student))
        .ok_or_else(|| AppError::Forbidden {
            detail: "a transcript is issued by its student".into(),
        })?;
    let transcript = build(c, &me)?;
    let row = IssueRow {
        code: new_code(),
        student_id: me.id(),
        name: me.row.display_name.clone(),
        student_no: me.row.student_no.clone(),
        totals: totals_text(&transcript.totals),
        hours: transcript.hours,
        transcript: serde_json::to_string(&transcript).map_err(AppError::internal)?,
        issued_at: to_db(now),
    };
    attendance::issue(c, &row)?;
    Ok(IssuedTranscript {
        verify_path: format!("/verify/{}", row.code),
        code: row.code,
        issued_at: from_db(row.issued_at),
        transcript,
    })
}

/// For anyone, signed in or not: what an issued transcript said.
pub fn verify(c: &mut DbConn, code: &str) -> AppResult<VerifiedTranscript> {
    let row = attendance::issued(c, &code.trim().to_ascii_uppercase())?.ok_or_else(|| {
        AppError::NotFound {
            detail: "no transcript was issued under this code".into(),
        }
    })?;
    Ok(VerifiedTranscript {
        code: row.code,
        issued_at: from_db(row.issued_at),
        name: row.name,
        student_no: row.student_no,
        totals: totals_of(&row.totals),
        hours: row.hours,
    })
}

/// A copy the caller issued earlier, whole, as it was then.
pub fn copy(c: &mut DbConn, caller: &Caller, code: &str) -> AppResult<IssuedTranscript> {
    let row = attendance::issued(c, &code.trim().to_ascii_uppercase())?
        .filter(|r| r.student_id == caller.id)
        .ok_or_else(|| AppError::not_found("this issued transcript"))?;
    Ok(IssuedTranscript {
        verify_path: format!("/verify/{}", row.code),
        transcript: from_json(&row.transcript)?,
        code: row.code,
        issued_at: from_db(row.issued_at),
    })
}

/// A PDF to keep or print.
pub struct Pdf {
    /// `第二课堂成绩单-<student number>-<code>.pdf`
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// The caller's issued copy as an A4 PDF; `origin` is this server's address
/// as the caller reached it, for the verification link printed on it.
pub fn pdf(
    c: &mut DbConn,
    caller: &Caller,
    code: &str,
    origin: &str,
    font: Option<&FontFile>,
) -> AppResult<Pdf> {
    let issued = copy(c, caller, code)?;
    let url = format!("{origin}{}", issued.verify_path);
    let bytes = crate::pdf::transcript(&issued, &url, font).map_err(AppError::internal)?;
    let who = issued
        .transcript
        .student_no
        .clone()
        .unwrap_or_else(|| issued.transcript.student.display_name.clone());
    Ok(Pdf {
        filename: format!("第二课堂成绩单-{who}-{}.pdf", issued.code),
        bytes,
    })
}
