//! For the demo: the community spaces of 任务3、8 in each community, and a
//! week of bookings from tomorrow — approved, waiting for 庠园's office,
//! one refused — made through the same use cases as a person's.

use super::SeedError;
use crate::app::spaces::{bookings, venues};
use crate::app::visits::Caller;
use crate::app::AppError;
use crate::db::repo::grid::{nodes, posts};
use crate::db::repo::users;
use crate::db::DbConn;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use onestop_domain::community::spaces::wire::{
    CreateBookingRequest, CreateSpaceRequest, DecideBookingRequest,
};
use onestop_domain::community::spaces::{Booker, BookingState, SpaceKind};
use onestop_domain::dates::Moment;
use onestop_domain::grid::{local_date, local_midnight_utc, Level, Scope};
use onestop_domain::{NodeId, SpaceId};

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

/// A demo account as the use cases see it, with the scope of its posts.
pub(super) fn caller(
    c: &mut DbConn,
    username: &str,
    today: NaiveDate,
) -> Result<Caller, SeedError> {
    let a = users::find_by_username(c, username)?
        .ok_or_else(|| SeedError::Refused(format!("{username} is not seeded")))?;
    let held = posts::active_for_user(c, a.id(), today)?;
    Ok(Caller {
        id: a.id(),
        scope: Scope::of(&a.roles, &held),
        unit_id: a.unit_id(),
        roles: a.roles,
    })
}

/// A community by its name, a building by its code.
fn place(c: &mut DbConn, level: Level, name: &str) -> Result<NodeId, SeedError> {
    match level {
        Level::Building => nodes::building_by_code(c, name)?
            .map(|n| n.id)
            .ok_or_else(|| SeedError::Refused(format!("no building {name}"))),
        _ => super::visits::community(c, name),
    }
}

/// (place level, place, name, kind, capacity, equipment, hours, open to, needs approval)
type DemoSpace = (
    Level,
    &'static str,
    &'static str,
    SpaceKind,
    i32,
    &'static str,
    (&'static str, &'static str),
    &'static [Booker],
    bool,
);

const BOTH: &[Booker] = &[Booker::Staff, Booker::Students];

const SPACES: &[DemoSpace] = &[
    (
        Level::Community,
        "庠园",
        "庠园党员之家",
        SpaceKind::PartyMembersHome,
        40,
        "投影仪、音响、党旗",
        ("08:00", "22:00"),
        BOTH,
        true,
    ),
    (
        Level::Community,
        "庠园",
        "庠园红色影院",
        SpaceKind::RedCinema,
        120,
        "影院放映设备",
        ("09:00", "22:00"),
        BOTH,
        true,
    ),
    (
        Level::Building,
        "X1",
        "庠园1栋驻楼辅导员办公室",
        SpaceKind::CounsellorOffice,
        6,
        "谈心桌椅",
        ("08:00", "18:00"),
        &[Booker::Staff],
        false,
    ),
    (
        Level::Community,
        "智园",
        "智园社区多功能室",
        SpaceKind::MultiPurpose,
        60,
        "投影仪、白板、可移动桌椅",
        ("08:00", "22:00"),
        BOTH,
        false,
    ),
    (
        Level::Community,
        "智园",
        "智园党建活动室",
        SpaceKind::PartyActivityRoom,
        30,
        "投影仪",
        ("08:00", "21:00"),
        &[Booker::Staff],
        true,
    ),
    (
        Level::Community,
        "慧园",
        "慧园红色书屋",
        SpaceKind::RedLibrary,
        30,
        "图书 2000 册、阅读桌",
        ("08:00", "22:00"),
        BOTH,
        false,
    ),
];

/// (space, who, days from today, campus start hour, hours, purpose, attendees)
type DemoBooking = (usize, &'static str, i64, i64, i64, &'static str, i32);

const BOOKINGS: &[DemoBooking] = &[
    (2, "counsellor1", 1, 14, 2, "新生谈心谈话", 4),
    (2, "counsellor1", 3, 14, 2, "学业困难学生谈心", 4),
    (
        0,
        "office1",
        2,
        19,
        2,
        "支部主题党日：学习党的二十大精神",
        35,
    ),
    (1, "office1", 4, 19, 2, "红色电影展映《长津湖》", 110),
    (0, "student1", 5, 15, 2, "学生党支部组织生活会", 25),
    (1, "student1", 6, 14, 3, "社团观影交流会", 80),
    (3, "counsellor2", 1, 10, 2, "学生干部培训", 40),
    (3, "student2", 2, 19, 2, "读书分享会：《平凡的世界》", 30),
    (4, "counsellor2", 3, 15, 2, "入党积极分子座谈", 20),
    (5, "student2", 4, 19, 2, "红色经典诵读", 20),
];

/// The spaces and this week's bookings. The office approves its own; the
/// students' (and a counsellor's in 智园) wait, so 待审批 has something in it.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let today = local_date(now);
    let admin = caller(c, "admin", today)?;
    let mut ids: Vec<SpaceId> = Vec::new();
    for (level, at, name, kind, capacity, equipment, (opens, closes), open_to, approval) in SPACES {
        let req = CreateSpaceRequest {
            name: (*name).into(),
            kind: *kind,
            place_id: place(c, *level, at)?,
            capacity: *capacity,
            equipment: (*equipment).into(),
            opens: (*opens).into(),
            closes: (*closes).into(),
            open_to: open_to.to_vec(),
            needs_approval: *approval,
        };
        ids.push(venues::create(c, Some(&admin), &req, now).map_err(app)?.id);
    }
    let midnight = local_midnight_utc(today);
    let mut n = 0;
    for (space, who, day, hour, hours, purpose, attendees) in BOOKINGS {
        let starts = midnight + Duration::days(*day) + Duration::hours(*hour);
        let moment =
            |t: DateTime<Utc>| Moment::try_from(t).map_err(|e| SeedError::Refused(e.to_string()));
        let req = CreateBookingRequest {
            space_id: ids[*space],
            starts_at: moment(starts)?,
            ends_at: moment(starts + Duration::hours(*hours))?,
            purpose: (*purpose).into(),
            attendees: *attendees,
        };
        let by = caller(c, who, today)?;
        let made = bookings::create(c, &by, &req, now).map_err(app)?;
        // Who keeps the space approves their own; the rest wait for the office.
        if made.state == BookingState::Pending && made.may_decide {
            let yes = DecideBookingRequest {
                approve: true,
                note: String::new(),
                version: made.version,
            };
            bookings::decide(c, &by, made.id, &yes, now).map_err(app)?;
        }
        n += 1;
    }
    Ok(n)
}
