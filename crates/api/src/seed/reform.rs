//! Demo progress on the plan: a liaison (联络员) in every unit, responsible
//! persons and due dates, roadmap milestones for the leads, and two months of
//! reports — some late, some at risk, some sent back — so the board has
//! something true-looking to show. Only seeded once, on a plan with no reports.

use super::{SeedError, DEMO_PASSWORD};
use crate::app::reform::{edits, reports, Caller};
use crate::app::AppError;
use crate::auth::password;
use crate::db::repo::reform::assignments;
use crate::db::repo::users;
use crate::db::rows::{to_db, AssignmentRow, UnitRow};
use crate::db::schema::{progress_reports, task_assignments, units};
use crate::db::DbConn;
use chrono::{DateTime, Days, Duration, Utc};
use diesel::prelude::*;
use onestop_domain::grid::{local_date, local_midnight_utc};
use onestop_domain::reform::period::Period;
use onestop_domain::reform::progress::{check_milestone, check_report, ReportStatus, Verdict};
use onestop_domain::reform::UnitRole;
use onestop_domain::{ReportId, Role, Roles, UnitId, UserId};
use std::collections::HashMap;

/// Named demo staff who answer for their unit's assignments.
const NAMED: &[(&str, &str)] = &[
    ("youth-league", "league1"),
    ("logistics", "handler1"),
    ("general-office", "handler3"),
    ("student-affairs", "office1"),
    ("college-economics", "counsellor1"),
    ("college-computing", "counsellor2"),
];

pub fn build(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let any: i64 = progress_reports::table.count().get_result(c)?;
    if any > 0 {
        return Ok(0);
    }
    let people = liaisons(c, now)?;
    let rows: Vec<AssignmentRow> = task_assignments::table
        .order((
            task_assignments::task_id,
            task_assignments::part_id,
            task_assignments::unit_id,
        ))
        .select(AssignmentRow::as_select())
        .load(c)?;
    let today = local_date(now);
    let closed = Period::last_closed(today);
    let reviewer = users::find_by_username(c, "admin")?
        .map(|a| Caller::new(a.row.id, &Roles::one(Role::Admin), None));
    let mut filed = 0;
    for (i, a) in rows.iter().enumerate() {
        let Some(&person) = people.get(&a.unit_id) else {
            continue;
        };
        let lead = a.role == UnitRole::Lead;
        let due = lead.then(|| today + Days::new(45) - Days::new(30 * (i as u64 % 3)));
        assignments::update(c, a.id, a.version, Some(person), due, to_db(now))?;
        let unit_staff = Caller::new(person, &Roles::one(Role::Office), Some(a.unit_id));
        if lead {
            milestones(c, &unit_staff, a, i, now)?;
        }
        // One in five stays silent for the month that just ended.
        let months: &[Period] = if i.is_multiple_of(5) {
            &[closed.prev()]
        } else {
            &[closed.prev(), closed]
        };
        for (m, period) in months.iter().enumerate() {
            let status = match (i + m) % 9 {
                _ if i % 29 == 3 => ReportStatus::Blocked,
                1 | 2 => ReportStatus::AtRisk,
                8 if m == 1 => ReportStatus::Done,
                _ => ReportStatus::OnTrack,
            };
            let percent = if status == ReportStatus::Done {
                100
            } else {
                i32::try_from(15 + (i * 7) % 40 + m * 25).unwrap_or(50)
            };
            let at = local_midnight_utc(period.last_day()) + Duration::hours(10 + (i % 6) as i64);
            let checked = check_report(
                &period.to_string(),
                status,
                percent,
                &report_text(status, percent),
                local_date(at),
            )
            .map_err(|e| SeedError::Refused(AppError::from(e).to_string()))?;
            let report = reports::file(c, &unit_staff, a.id, checked, at).map_err(refused)?;
            filed += 1;
            if let Some(admin) = &reviewer {
                let verdict = match i % 4 {
                    0 if m == 0 => Some(Verdict::Accept),
                    1 if i % 3 == 0 => Some(Verdict::Rework),
                    _ => None,
                };
                if let Some(v) = verdict {
                    // Two days after filing, unless that is still to come (early in a month).
                    let reviewed = (at + Duration::days(2)).min(now);
                    let text = match v {
                        Verdict::Rework => "材料不完整：请补充时间表和责任人分工后重新报送。",
                        _ => "进度与路线图一致，同意。",
                    };
                    reports::review(c, admin, ReportId(report.id), v, text, reviewed)
                        .map_err(refused)?;
                }
            }
        }
    }
    Ok(filed)
}

fn report_text(status: ReportStatus, percent: i32) -> String {
    match status {
        ReportStatus::Done => "任务书、路线图、时间表均已完成并通过复盘，成果材料已归档。".into(),
        ReportStatus::Blocked => {
            format!("已完成约{percent}%。场地与经费尚未落实，需要牵头单位协调。")
        }
        ReportStatus::AtRisk => {
            format!("已完成约{percent}%。人员调整导致进度滞后，已制定追赶计划。")
        }
        ReportStatus::OnTrack => format!("已完成约{percent}%。按时间表推进，下月完成阶段复盘。"),
    }
}

/// The seed files and reviews through the application layer; a refusal there is a bug in the seed.
fn refused(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

fn milestones(
    c: &mut DbConn,
    unit_staff: &Caller,
    a: &AssignmentRow,
    i: usize,
    now: DateTime<Utc>,
) -> Result<(), SeedError> {
    let today = local_date(now);
    let steps = [
        (
            "制定任务书，明确责任人",
            today - Days::new(60),
            Some(today - Days::new(62)),
        ),
        (
            "形成路线图和时间表",
            today - Days::new(10),
            (!i.is_multiple_of(3)).then(|| today - Days::new(12)),
        ),
        ("阶段复盘与对标校准", today + Days::new(30), None),
    ];
    for (title, due_on, done_on) in steps {
        let title = check_milestone(title, done_on, today)
            .map_err(|e| SeedError::Refused(AppError::from(e).to_string()))?;
        edits::add_milestone(c, unit_staff, a.id, title, due_on, done_on, now).map_err(refused)?;
    }
    Ok(())
}

/// One liaison account per unit (password as every demo account), or the named demo staff.
fn liaisons(c: &mut DbConn, now: DateTime<Utc>) -> Result<HashMap<UnitId, UserId>, SeedError> {
    let all: Vec<UnitRow> = units::table.select(UnitRow::as_select()).load(c)?;
    let hash = password::hash(DEMO_PASSWORD).map_err(|e| SeedError::Hash(e.to_string()))?;
    let roles = Roles::one(Role::Office);
    let mut out = HashMap::new();
    for u in &all {
        let named = NAMED
            .iter()
            .find(|(code, _)| *code == u.code)
            .map(|(_, n)| *n);
        let username = named.map_or_else(|| format!("liaison-{}", u.code), str::to_owned);
        let id = match users::find_by_username(c, &username)? {
            Some(a) => a.row.id,
            None => users::insert(
                c,
                users::NewAccount {
                    username: &username,
                    display_name: &format!("{} 联络员", u.name_zh),
                    password_hash: &hash,
                    unit_id: Some(u.id),
                    roles: &roles,
                    student_no: None,
                    gender: None,
                },
                now,
            )?,
        };
        out.insert(u.id, id);
    }
    Ok(out)
}
