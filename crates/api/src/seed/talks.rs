//! For the demo: 思政课堂 sessions through the same use cases as a person's —
//! a 书记面对面 held two weeks ago (drawn, attended, rated, one question given
//! to logistics), a reading drawn yesterday with a waiting list, and a
//! 我与校长有约 and counsellor office hours still taking applications, with
//! more applicants than places.

use super::spaces::caller;
use super::SeedError;
use crate::app::talks::{after, announce, apply, draw};
use crate::app::visits::Caller;
use crate::app::AppError;
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::spaces::venues;
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use onestop_domain::community::talks::wire::{
    ApplyRequest, AttendanceRequest, CreateTalkRequest, FeedbackRequest, RaiseFollowUpRequest,
};
use onestop_domain::community::talks::{ApplicationState, HostRole, TalkKind};
use onestop_domain::dates::{Day, Moment};
use onestop_domain::grid::{local_date, local_midnight_utc, Level, Scope};
use onestop_domain::{NodeId, Roles, SpaceId};

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

fn moment(t: DateTime<Utc>) -> Result<Moment, SeedError> {
    Moment::try_from(t).map_err(|e| SeedError::Refused(e.to_string()))
}

const QUESTIONS: &[&str] = &[
    "宿舍楼能否增设晚间自习室？",
    "冬天晚上热水供应时间能否延长？",
    "社区食堂夜宵窗口能否多开一些菜品？",
    "希望学校多组织学科竞赛的赛前辅导。",
    "创新创业项目的场地申请流程能否简化？",
    "宿舍快递点离得太远，能否在社区设点？",
    "想了解保研和出国交流的政策。",
    "希望社区多举办读书分享和红色观影活动。",
    "楼道照明晚上太暗，能否检修？",
    "体育场馆晚上开放时间能否延长？",
    "能否在社区开设心理咨询的预约点？",
    "毕业生离校手续能否在服务大厅一次办完？",
];

/// The current residents of a community (by name) or a building (by code), as callers.
pub(super) fn residents(c: &mut DbConn, place: &str, n: u32) -> Result<Vec<Caller>, SeedError> {
    let under = match nodes::building_by_code(c, place)? {
        Some(b) => (Level::Building, b.id),
        None => (Level::Community, super::visits::community(c, place)?),
    };
    let (rows, _) = residency::list(
        c,
        &Scope::everything(),
        &residency::ResidencyFilter {
            under: Some(under),
            current_only: true,
            ..Default::default()
        },
        Some(n),
    )?;
    let mut out = Vec::new();
    for r in rows {
        if let Some(a) = users::find(c, r.student_id)? {
            out.push(Caller {
                id: a.id(),
                roles: a.roles.clone(),
                unit_id: a.unit_id(),
                scope: Scope::of(&a.roles, &[]),
            });
        }
    }
    Ok(out)
}

fn space_named(c: &mut DbConn, name: &str) -> Result<SpaceId, SeedError> {
    venues::list(c, &Default::default())?
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.id)
        .ok_or_else(|| SeedError::Refused(format!("no space {name}")))
}

struct Plan {
    host: &'static str,
    kind: TalkKind,
    host_role: Option<HostRole>,
    topic: &'static str,
    space: &'static str,
    /// Days from today, campus start hour, hours long.
    day: i64,
    hour: i64,
    hours: i64,
    /// Days before the start it was announced; hours before the start applications close.
    announced: i64,
    closes: i64,
    places: i32,
    from: &'static str,
    applicants: u32,
    audience_building: Option<&'static str>,
}

const PLANS: &[Plan] = &[
    Plan {
        host: "leader1",
        kind: TalkKind::SecretaryMeeting,
        host_role: Some(HostRole::SchoolLeader),
        topic: "书记面对面：社区生活与学风建设",
        space: "庠园党员之家",
        day: -14,
        hour: 15,
        hours: 2,
        announced: 7,
        closes: 21,
        places: 5,
        from: "庠园",
        applicants: 9,
        audience_building: None,
    },
    Plan {
        host: "counsellor2",
        kind: TalkKind::Reading,
        host_role: Some(HostRole::Counsellor),
        topic: "读书分享：《平凡的世界》",
        space: "慧园红色书屋",
        day: 6,
        hour: 19,
        hours: 2,
        announced: 14,
        closes: 7 * 24,
        places: 3,
        from: "慧园",
        applicants: 6,
        audience_building: None,
    },
    Plan {
        host: "leader2",
        kind: TalkKind::PrincipalMeeting,
        host_role: Some(HostRole::SchoolLeader),
        topic: "我与校长有约：我心中的一站式学生社区",
        space: "智园社区多功能室",
        day: 5,
        hour: 15,
        hours: 2,
        announced: 7,
        closes: 45,
        places: 5,
        from: "智园",
        applicants: 12,
        audience_building: None,
    },
    Plan {
        host: "counsellor1",
        kind: TalkKind::OfficeHours,
        host_role: Some(HostRole::Counsellor),
        topic: "驻楼辅导员答疑：选课与学业规划",
        space: "庠园1栋驻楼辅导员办公室",
        day: 2,
        hour: 16,
        hours: 1,
        announced: 3,
        closes: 20,
        places: 4,
        from: "X1",
        applicants: 2,
        audience_building: Some("X1"),
    },
];

fn building(c: &mut DbConn, code: Option<&str>) -> Result<Option<NodeId>, SeedError> {
    code.map(|code| {
        nodes::building_by_code(c, code)?
            .map(|n| n.id)
            .ok_or_else(|| SeedError::Refused(format!("no building {code}")))
    })
    .transpose()
}

/// The demo's sessions; how many.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let today = local_date(now);
    let midnight = local_midnight_utc(today);
    let mut n = 0;
    for p in PLANS {
        let starts = midnight + Duration::days(p.day) + Duration::hours(p.hour);
        let announced = starts - Duration::days(p.announced);
        let closes = starts - Duration::hours(p.closes);
        let host = caller(c, p.host, today)?;
        let req = CreateTalkRequest {
            kind: p.kind,
            topic: p.topic.into(),
            description: String::new(),
            host_role: p.host_role,
            hosts: Vec::new(),
            space_id: space_named(c, p.space)?,
            starts_at: moment(starts)?,
            ends_at: moment(starts + Duration::hours(p.hours))?,
            apply_by: moment(closes)?,
            places: p.places,
            audience_unit_id: None,
            audience_building_id: building(c, p.audience_building)?,
        };
        let t = announce::create(c, &host, &req, announced).map_err(app)?;
        approved(c, t.booking_id, today, announced)?;
        for (i, s) in residents(c, p.from, p.applicants)?.iter().enumerate() {
            let ask = ApplyRequest {
                question: QUESTIONS[i % QUESTIONS.len()].into(),
            };
            let at = announced + Duration::hours(2 + i64::try_from(i).unwrap_or(0));
            apply::apply(c, s, t.id, &ask, at).map_err(app)?;
        }
        n += 1;
        if closes > now {
            continue;
        }
        draw::run_once(c, closes + Duration::minutes(1)).map_err(app)?;
        if starts > now {
            continue;
        }
        held(c, &host, t.id, starts, today)?;
    }
    Ok(n)
}

/// 庠园's office approves a session's booking where its space asks for it.
fn approved(
    c: &mut DbConn,
    id: onestop_domain::BookingId,
    day: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), SeedError> {
    let Some(b) = crate::db::repo::spaces::bookings::find(c, id)? else {
        return Ok(());
    };
    if b.state != onestop_domain::community::spaces::BookingState::Pending {
        return Ok(());
    }
    let office = caller(c, "office1", day)?;
    let yes = onestop_domain::community::spaces::wire::DecideBookingRequest {
        approve: true,
        note: String::new(),
        version: b.version,
    };
    crate::app::spaces::bookings::decide(c, &office, id, &yes, at).map_err(app)?;
    Ok(())
}

/// After a session: all but one placed came, two said how it was, and the
/// first question went to logistics.
fn held(
    c: &mut DbConn,
    host: &Caller,
    id: onestop_domain::TalkId,
    starts: DateTime<Utc>,
    today: NaiveDate,
) -> Result<(), SeedError> {
    let later = starts + Duration::hours(2);
    let all = apply::list(c, host, id, later).map_err(app)?;
    let placed: Vec<_> = all
        .iter()
        .filter(|a| a.state == ApplicationState::Placed)
        .collect();
    let present = AttendanceRequest {
        present: placed.iter().skip(1).map(|a| a.id).collect(),
    };
    after::attendance(c, host, id, &present, later).map_err(app)?;
    for (a, rating) in placed.iter().skip(1).zip([5, 4]) {
        let Some(student) = users::find(c, a.student.id)? else {
            continue;
        };
        let me = Caller {
            id: student.id(),
            roles: Roles::one(onestop_domain::Role::Student),
            unit_id: student.unit_id(),
            scope: Scope::default(),
        };
        let said = FeedbackRequest {
            rating,
            comment: "和书记面对面交流，问题得到了回应".into(),
        };
        after::feedback(c, &me, id, a.id, &said, later).map_err(app)?;
    }
    if let Some(a) = placed.get(1) {
        let due = Day::try_from(today + Duration::days(7))
            .map_err(|e| SeedError::Refused(e.to_string()))?;
        let raise = RaiseFollowUpRequest {
            text: a.question.clone(),
            unit: "logistics".into(),
            due_on: due,
        };
        after::raise(c, host, id, a.id, &raise, later).map_err(app)?;
    }
    Ok(())
}
