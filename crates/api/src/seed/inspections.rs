//! For the demo: two months of the dorm evaluation in buildings X1 and Z1
//! through the same use cases as people's — last month's 安检, two rounds of
//! 卫生检查 and a 书香 round, its problems mostly re-checked and the month
//! closed with its titles; this month's first rounds so far, with open
//! problems, one of them a safety problem in student1's room X1-101.

use super::spaces::caller;
use super::SeedError;
use crate::app::inspection::{evaluate, record, rectify};
use crate::app::AppError;
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::inspection::{items, visits};
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::grid::{local_date, local_midnight_utc, Level, Scope};
use onestop_domain::inspection::wire::{
    CreateInspectionRequest, ItemScore, ProblemFound, RecheckRequest,
};
use onestop_domain::inspection::{month_of, InspectionKind};
use onestop_domain::NodeId;

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

/// The kind's form with a few points off, varied by `n`: `off` points from one line.
fn form(
    c: &mut DbConn,
    kind: InspectionKind,
    room_id: NodeId,
    n: usize,
    off: i32,
) -> Result<CreateInspectionRequest, SeedError> {
    let lines: Vec<_> = items::list(c, Some(kind))?
        .into_iter()
        .filter(|l| l.active)
        .collect();
    let hit = n % lines.len().max(1);
    Ok(CreateInspectionRequest {
        room_id,
        kind,
        scores: lines
            .iter()
            .enumerate()
            .map(|(i, l)| ItemScore {
                item_id: l.id,
                score: if i == hit {
                    (l.max_score - off).max(0)
                } else {
                    l.max_score
                },
            })
            .collect(),
        note: String::new(),
        problems: Vec::new(),
    })
}

fn problem(text: &str, at: DateTime<Utc>, days: i64) -> ProblemFound {
    ProblemFound {
        description: text.into(),
        due_on: local_date(at) + Duration::days(days),
    }
}

/// How many inspections were recorded.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    if !visits::list(c, &Scope::everything(), &Default::default(), 1)?.is_empty() {
        return Ok(0);
    }
    let today = local_date(now);
    let admin = caller(c, "admin", today)?;
    let this = month_of(now);
    let last = this.prev();
    let day = |d: i64, h: i64| {
        local_midnight_utc(last.first_day()) + Duration::days(d) + Duration::hours(h)
    };
    // student1's room: a clean record last month, a safety problem open now.
    let star = match users::find_by_username(c, "student1")? {
        Some(u) => residency::current_of_student(c, u.id())?.map(|r| r.room_id),
        None => None,
    };
    let mut n = 0;
    for (code, inspector) in [("X1", "counsellor1"), ("Z1", "counsellor2")] {
        let building = nodes::building_by_code(c, code)?
            .ok_or_else(|| SeedError::Refused(format!("no building {code}")))?;
        let rooms: Vec<NodeId> = nodes::subtree(c, &building, Level::Room, false)?
            .into_iter()
            .filter(|r| r.level == Level::Room)
            .map(|r| r.id)
            .collect();
        let who = caller(c, inspector, today)?;
        let mut record = |c: &mut DbConn, req: &CreateInspectionRequest, at| {
            n += 1;
            record::create(c, &who, req, at).map_err(app)
        };
        for (i, &room) in rooms.iter().enumerate() {
            // Last month: 安检 on the 5th, 卫生 on the 10th and 24th, 书香 for every third room.
            let mut safety = form(c, InspectionKind::Safety, room, i, 0)?;
            if i % 7 == 3 {
                safety.scores[0].score = 0;
                safety
                    .problems
                    .push(problem("发现违规电器（热得快），已当场收缴", day(4, 2), 3));
            }
            let s = record(c, &safety, day(4, 2))?;
            for fix in &s.rectifications {
                let req = RecheckRequest {
                    passed: true,
                    note: "复查已整改".into(),
                    due_on: None,
                    version: fix.version,
                };
                rectify::recheck(c, &admin, fix.id, &req, day(6, 3)).map_err(app)?;
            }
            let shine = Some(room) == star;
            let first = if shine { 0 } else { (i % 5) as i32 * 3 };
            let first = form(c, InspectionKind::Hygiene, room, i, first)?;
            record(c, &first, day(9, 3))?;
            let off = if shine { 0 } else { (i % 4) as i32 * 4 };
            let mut second = form(c, InspectionKind::Hygiene, room, i + 2, off)?;
            if i % 6 == 5 {
                second
                    .problems
                    .push(problem("阳台杂物堆放，影响通行", day(23, 3), 5));
            }
            record(c, &second, day(23, 3))?;
            if i % 3 == 0 {
                let reading = form(c, InspectionKind::Reading, room, i, (i % 4) as i32 * 5)?;
                record(c, &reading, day(17, 6))?;
            }
        }
        // This month so far, an hour ago (or at the month's first minutes).
        let at = (now - Duration::hours(1))
            .max(local_midnight_utc(this.first_day()) + Duration::minutes(5));
        for (i, &room) in rooms.iter().enumerate().take(6) {
            let mut hygiene = form(c, InspectionKind::Hygiene, room, i + 1, (i % 3) as i32 * 5)?;
            if i == 2 {
                hygiene
                    .problems
                    .push(problem("卫生间下水不畅，请报修并保持清洁", at, 4));
            }
            record(c, &hygiene, at)?;
        }
        if let Some(room) = star.filter(|r| rooms.contains(r)) {
            let mut safety = form(c, InspectionKind::Safety, room, 1, 25)?;
            safety
                .problems
                .push(problem("插排串接使用，请于三日内整改", at, 3));
            record(c, &safety, at)?;
        }
    }
    crate::db::repo::inspection::months::forget_if_empty(c, &last.to_string())?;
    evaluate::close(c, &admin, &last.to_string(), now).map_err(app)?;
    Ok(n)
}
