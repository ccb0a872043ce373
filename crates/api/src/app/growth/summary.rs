//! A college's students in one academic year (任务7: colleges see who has
//! no 第二课堂 hours in a category): for administrators and the community
//! office, any unit; for staff, their own.

use super::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::growth::attendance;
use crate::db::repo::units;
use crate::db::rows::to_db;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::grid::{local_date, local_midnight_utc};
use onestop_domain::growth::summary::{summarise, AcademicYear, TranscriptSummary};
use onestop_domain::{Role, UnitId};

pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

pub fn of_unit(
    c: &mut DbConn,
    caller: &Caller,
    unit: Option<UnitId>,
    year: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<TranscriptSummary> {
    let everyone = caller.roles.contains(Role::Admin) || caller.roles.contains(Role::Office);
    if !everyone && !caller.roles.is_staff() {
        return Err(AppError::Forbidden {
            detail: "summaries are for the staff of the college".into(),
        });
    }
    let Some(unit) = unit.or(caller.unit_id) else {
        return Err(AppError::field("unit", "required", "name the college"));
    };
    if !everyone && Some(unit) != caller.unit_id {
        return Err(AppError::Forbidden {
            detail: "staff see their own college's students only".into(),
        });
    }
    let year = match year {
        Some(y) if !(FIRST_YEAR..=LAST_YEAR).contains(&y) => {
            return Err(AppError::field("year", "range", "a year from 2000 to 2100"))
        }
        Some(y) => AcademicYear(y),
        None => AcademicYear::containing(local_date(now)),
    };
    let row = units::by_ids(c, &[unit])?
        .pop()
        .ok_or_else(|| AppError::not_found("this unit"))?;
    let students = attendance::students_of_unit(c, unit)?
        .into_iter()
        .map(|(id, display_name, no)| (PersonRef { id, display_name }, no))
        .collect();
    let credits = attendance::credits_of_unit(
        c,
        unit,
        to_db(local_midnight_utc(year.first_day())),
        to_db(local_midnight_utc(year.end())),
    )?;
    let (students, gaps) = summarise(students, &credits);
    Ok(TranscriptSummary {
        unit: units::view(&row),
        year: year.0,
        from: year.first_day(),
        to: year.end() - Duration::days(1),
        students,
        gaps,
    })
}
