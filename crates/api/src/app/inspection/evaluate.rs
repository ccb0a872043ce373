//! The month's ranking: as it stands while the month runs, closed for good
//! once it has ended (by 学生处, or by the job on the first day after), the
//! room's own months for its residents, and the list for publicity as CSV.
//!
//! A zone's ranks need every room of the zone, beyond a counsellor's
//! building, so the ranking is computed over whole zones and only then
//! narrowed to the caller's scope; a closed month's stored rows are read
//! with the scope in the query.

use super::views::{rectification_views, result_row, result_views, Places};
use super::Inspector;
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::residency;
use crate::db::repo::inspection::{months, rectifications as fixes, visits};
use crate::db::rows::{from_db, to_db, EvaluationMonthRow, EvaluationResultRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::scope::Place;
use onestop_domain::grid::{local_date, Scope};
use onestop_domain::inspection::evaluation::{evaluate, RoomMonth};
use onestop_domain::inspection::wire::{MonthEvaluationView, MyRoomEvaluation, RoomResultView};
use onestop_domain::inspection::{month_bounds, month_of, month_over, InspectionKind, Title};
use onestop_domain::problem::ProblemCode;
use onestop_domain::reform::period::Period;
use onestop_domain::NodeId;
use std::collections::HashMap;

/// How many closed months a resident sees of their room.
const MY_MONTHS: i64 = 6;

pub fn parse_month(s: &str, now: DateTime<Utc>) -> AppResult<Period> {
    let m = Period::parse(s)
        .ok_or_else(|| AppError::field("month", "pattern", "a month written YYYY-MM"))?;
    if m > month_of(now) {
        return Err(AppError::field(
            "month",
            "future",
            "this month has not begun",
        ));
    }
    Ok(m)
}

/// Every room inspected in the month (of one zone) or with a safety problem
/// open in it, ranked: stored-row shaped, whatever the month's state.
fn compute(
    c: &mut DbConn,
    month: Period,
    zone: Option<NodeId>,
) -> AppResult<Vec<EvaluationResultRow>> {
    let key = month.to_string();
    let mut rooms: HashMap<NodeId, (RoomMonth, NodeId)> = HashMap::new();
    fn entry(
        rooms: &mut HashMap<NodeId, (RoomMonth, NodeId)>,
        (room, building, zone, community): fixes::RoomPlace,
    ) -> &mut RoomMonth {
        &mut rooms
            .entry(room)
            .or_insert_with(|| {
                let month = RoomMonth {
                    room,
                    building,
                    zone,
                    hygiene: Vec::new(),
                    reading: Vec::new(),
                    safety_open: false,
                };
                (month, community)
            })
            .0
    }
    for (room, building, z, community, kind, tenths) in visits::month_scores(c, &key, zone)? {
        let r = entry(&mut rooms, (room, building, z, community));
        match kind {
            InspectionKind::Hygiene => r.hygiene.push(tenths),
            InspectionKind::Reading => r.reading.push(tenths),
            InspectionKind::Safety => {}
        }
    }
    let (start, end) = month_bounds(month);
    for place in fixes::safety_open_during(c, start, end, zone)? {
        entry(&mut rooms, place).safety_open = true;
    }
    let (input, communities): (Vec<RoomMonth>, Vec<NodeId>) = rooms.into_values().unzip();
    Ok(evaluate(&input)
        .iter()
        .zip(communities)
        .map(|(r, community)| result_row(&key, community, r))
        .collect())
}

fn covers(scope: &Scope, r: &EvaluationResultRow) -> bool {
    scope.covers(&Place {
        community: r.community_id,
        zone: r.zone_id,
        building: Some(r.building_id),
        room: Some(r.room_id),
    })
}

pub fn month_view(
    c: &mut DbConn,
    caller: &Caller,
    month: &str,
    building: Option<NodeId>,
    now: DateTime<Utc>,
) -> AppResult<MonthEvaluationView> {
    let month = parse_month(month, now)?;
    let who = Inspector::of(c, caller, local_date(now))?;
    who.require_reach()?;
    let closed = months::find(c, &month.to_string())?;
    let rows = match &closed {
        Some(_) => months::results(c, &month.to_string(), &who.scope, building)?,
        None => compute(c, month, None)?
            .into_iter()
            .filter(|r| covers(&who.scope, r) && building.is_none_or(|b| r.building_id == b))
            .collect(),
    };
    Ok(MonthEvaluationView {
        month: month.to_string(),
        closed: closed.is_some(),
        closed_at: closed.map(|m| from_db(m.closed_at)),
        rooms: result_views(c, rows)?,
    })
}

/// Close an ended month: its ranking is stored and no longer moves.
pub fn close(
    c: &mut DbConn,
    caller: &Caller,
    month: &str,
    now: DateTime<Utc>,
) -> AppResult<MonthEvaluationView> {
    let period = parse_month(month, now)?;
    let who = Inspector::of(c, caller, local_date(now))?;
    who.require_keeper()?;
    if !month_over(period, now) {
        return Err(AppError::Conflict {
            code: ProblemCode::MonthNotOver,
            detail: format!("{period} has not ended on campus yet; close it from the 1st"),
        });
    }
    if !close_month(c, period, Some(caller.id), now)? {
        return Err(AppError::Conflict {
            code: ProblemCode::MonthClosed,
            detail: format!("{period} was closed already; its ranking stays as it was"),
        });
    }
    // The whole school is closed; the answer shows the closer's scope (a
    // keeper without grid posts sees the month closed, with no rooms).
    let head = months::find(c, &period.to_string())?;
    let rows = months::results(c, &period.to_string(), &who.scope, None)?;
    Ok(MonthEvaluationView {
        month: period.to_string(),
        closed: true,
        closed_at: head.map(|m| from_db(m.closed_at)),
        rooms: result_views(c, rows)?,
    })
}

fn close_month(
    c: &mut DbConn,
    month: Period,
    by: Option<onestop_domain::UserId>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let rows = compute(c, month, None)?;
    let head = EvaluationMonthRow {
        month: month.to_string(),
        closed_at: to_db(now),
        closed_by: by,
    };
    Ok(months::close(c, &head, &rows)?)
}

/// The job: close the month that has just ended, once.
pub fn close_due(c: &mut DbConn, now: DateTime<Utc>) -> AppResult<bool> {
    let last = month_of(now).prev();
    if months::find(c, &last.to_string())?.is_some() {
        return Ok(false);
    }
    close_month(c, last, None, now)
}

/// The caller's room: this month so far, the closed months, and what is still to put right.
pub fn mine(c: &mut DbConn, caller: &Caller, now: DateTime<Utc>) -> AppResult<MyRoomEvaluation> {
    let Some(stay) = residency::current_of_student(c, caller.id)? else {
        return Ok(MyRoomEvaluation {
            room: None,
            building: None,
            months: Vec::new(),
            open: Vec::new(),
        });
    };
    let places = Places::load(c, [stay.room_id, stay.building_id])?;
    let month = month_of(now);
    let mut rows: Vec<EvaluationResultRow> = if months::find(c, &month.to_string())?.is_some() {
        Vec::new()
    } else {
        compute(c, month, Some(stay.zone_id))?
            .into_iter()
            .filter(|r| r.room_id == stay.room_id)
            .collect()
    };
    rows.extend(months::of_room(c, stay.room_id, MY_MONTHS)?);
    let mut months_seen: Vec<RoomResultView> = result_views(c, rows)?;
    months_seen.sort_by(|a, b| b.month.cmp(&a.month));
    let open = fixes::open_in_room(c, stay.room_id)?;
    Ok(MyRoomEvaluation {
        room: Some(places.get(stay.room_id)),
        building: Some(places.get(stay.building_id)),
        months: months_seen,
        open: rectification_views(c, open, local_date(now))?,
    })
}

/// The month's list for publicity: UTF-8 with a BOM, so Excel opens it in Chinese.
pub fn csv(view: &MonthEvaluationView) -> AppResult<Vec<u8>> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "月份",
        "楼栋",
        "寝室",
        "卫生得分",
        "书香得分",
        "安全隐患未整改",
        "楼栋排名",
        "包干区排名",
        "书香排名",
        "称号",
        "状态",
    ])
    .map_err(err)?;
    let num = |v: Option<f64>| v.map_or_else(String::new, |x| format!("{x:.1}"));
    let rank = |v: Option<i32>| v.map_or_else(String::new, |x| x.to_string());
    for r in &view.rooms {
        let titles: Vec<&str> = r.titles.iter().map(|t: &Title| t.name_zh()).collect();
        w.write_record([
            r.month.clone(),
            r.building.name.clone(),
            r.room.name.clone(),
            num(r.hygiene),
            num(r.reading),
            if r.safety_blocked { "是" } else { "否" }.to_owned(),
            rank(r.building_rank),
            rank(r.zone_rank),
            rank(r.reading_rank),
            titles.join("、"),
            if view.closed {
                "已评定"
            } else {
                "本月进行中"
            }
            .to_owned(),
        ])
        .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| AppError::internal(e.to_string()))
}
