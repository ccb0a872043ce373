//! For the demo: a semester of 第二课堂 activities through the same use cases
//! as a person's — three held (signed up, checked in with the code of the
//! moment, so transcripts have hours), one full with a waiting list, one
//! open, and one proposal waiting for 团委.

use super::spaces::caller;
use super::talks::residents;
use super::SeedError;
use crate::app::growth::{activities, checkin, signups};
use crate::app::AppError;
use crate::db::repo::grid::nodes;
use crate::db::repo::growth::activities as repo;
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::dates::Moment;
use onestop_domain::grid::{local_date, local_midnight_utc};
use onestop_domain::growth::code;
use onestop_domain::growth::wire::{
    ActivityCheckInRequest, ProposeActivityRequest, ReviewActivityRequest,
};
use onestop_domain::growth::{ActivityLevel, Category, Standard};

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

fn moment(t: DateTime<Utc>) -> Result<Moment, SeedError> {
    Moment::try_from(t).map_err(|e| SeedError::Refused(e.to_string()))
}

struct Plan {
    title: &'static str,
    category: Category,
    level: ActivityLevel,
    location: &'static str,
    /// Days from today, campus start hour, hours long, 学时.
    day: i64,
    hour: i64,
    length: i64,
    hours: i32,
    capacity: i32,
    signups: u32,
    /// How many of those placed check in (held ones only).
    present: usize,
    reviewed: bool,
}

const PLANS: &[Plan] = &[
    Plan {
        title: "宿舍楼志愿清扫",
        category: Category::Labour,
        level: ActivityLevel::Building,
        location: "庠园1栋一楼大厅",
        day: -40,
        hour: 19,
        length: 2,
        hours: 2,
        capacity: 30,
        signups: 10,
        present: 8,
        reviewed: true,
    },
    Plan {
        title: "红色经典诵读会",
        category: Category::Moral,
        level: ActivityLevel::Community,
        location: "庠园党员之家",
        day: -25,
        hour: 14,
        length: 3,
        hours: 3,
        capacity: 40,
        signups: 12,
        present: 10,
        reviewed: true,
    },
    Plan {
        title: "社区篮球友谊赛",
        category: Category::Physical,
        level: ActivityLevel::Community,
        location: "庠园篮球场",
        day: -10,
        hour: 15,
        length: 2,
        hours: 2,
        capacity: 20,
        signups: 8,
        present: 8,
        reviewed: true,
    },
    Plan {
        title: "书法体验课",
        category: Category::Aesthetic,
        level: ActivityLevel::Building,
        location: "庠园1栋活动室",
        day: 5,
        hour: 19,
        length: 2,
        hours: 2,
        capacity: 6,
        signups: 9,
        present: 0,
        reviewed: true,
    },
    Plan {
        title: "数学建模入门讲座",
        category: Category::Intellectual,
        level: ActivityLevel::College,
        location: "庠园社区多功能室",
        day: 8,
        hour: 14,
        length: 2,
        hours: 2,
        capacity: 50,
        signups: 5,
        present: 0,
        reviewed: true,
    },
    Plan {
        title: "垃圾分类宣传周",
        category: Category::Labour,
        level: ActivityLevel::Community,
        location: "庠园各楼栋门口",
        day: 12,
        hour: 9,
        length: 4,
        hours: 4,
        capacity: 30,
        signups: 0,
        present: 0,
        reviewed: false,
    },
];

/// The demo's activities; how many.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let today = local_date(now);
    let midnight = local_midnight_utc(today);
    let organiser = caller(c, "counsellor1", today)?;
    let league = caller(c, "league1", today)?;
    let x1 = nodes::building_by_code(c, "X1")?
        .ok_or_else(|| SeedError::Refused("no building X1".into()))?;
    let students = residents(c, "X1", 12)?;
    for p in PLANS {
        let starts = midnight + Duration::days(p.day) + Duration::hours(p.hour);
        // Proposed two weeks ahead, or yesterday for what is still to come.
        let at = (starts - Duration::days(14)).min(now - Duration::days(1));
        let req = ProposeActivityRequest {
            title: p.title.into(),
            description: String::new(),
            category: p.category,
            level: p.level,
            organisation: "经济学院青年志愿者协会".into(),
            place_id: x1.id,
            location: p.location.into(),
            starts_at: moment(starts)?,
            ends_at: moment(starts + Duration::hours(p.length))?,
            capacity: p.capacity,
            hours: p.hours,
        };
        let a = activities::propose(c, &organiser, &req, at).map_err(app)?;
        if !p.reviewed {
            continue;
        }
        let yes = ReviewActivityRequest {
            approve: true,
            met: Standard::ALL.to_vec(),
            note: String::new(),
            version: a.version,
        };
        activities::review(c, &league, a.id, &yes, at + Duration::hours(1)).map_err(app)?;
        for (i, s) in students.iter().take(p.signups as usize).enumerate() {
            let when = at + Duration::hours(2) + Duration::minutes(i64::try_from(i).unwrap_or(0));
            signups::sign_up(c, s, a.id, when).map_err(app)?;
        }
        if starts > now {
            continue;
        }
        let secret = repo::find(c, a.id)?
            .map(|r| r.secret)
            .ok_or_else(|| SeedError::Refused("the activity just proposed".into()))?;
        for (i, s) in students.iter().take(p.present).enumerate() {
            let when =
                starts + Duration::minutes(5) + Duration::seconds(i64::try_from(i).unwrap_or(0));
            let shown = code::code(secret.as_bytes(), a.id, code::window_of(when));
            checkin::check_in(c, s, a.id, &ActivityCheckInRequest { code: shown }, when)
                .map_err(app)?;
        }
    }
    Ok(PLANS.len())
}
