//! `onestop seed`: the plan's units, the colleges, and demo accounts.
//! Every step is idempotent, so seeding twice leaves the same data.

pub mod activities;
pub mod bulk;
pub mod grid;
pub mod inspections;
pub mod party;
pub mod plan;
pub mod reform;
pub mod requests;
pub mod spaces;
pub mod talks;
pub mod visits;

use crate::auth::password;
use crate::clock::Clock;
use crate::db::repo::{units, users};
use crate::db::{Db, DbError};
use onestop_domain::grid::{local_date, Gender};
use onestop_domain::unit::UnitKind;
use onestop_domain::user::{DisplayName, Username};
use onestop_domain::{Role, Roles};
use serde::Deserialize;

const PLAN_JSON: &str = include_str!("../../seed/plan.json");
const COLLEGES_JSON: &str = include_str!("../../seed/colleges.json");

/// The password of every demo account, documented in the README.
pub const DEMO_PASSWORD: &str = "demo1234";

#[derive(Deserialize)]
struct UnitDef {
    code: String,
    name_zh: String,
    name_en: String,
}

#[derive(Deserialize)]
struct PlanUnits {
    units: Vec<UnitDef>,
}

#[derive(Deserialize)]
struct Colleges {
    colleges: Vec<UnitDef>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed data is malformed: {0}")]
    Data(#[from] serde_json::Error),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("cannot hash a demo password: {0}")]
    Hash(String),
    #[error("demo account `{0}` is invalid: {1}")]
    Account(&'static str, String),
    #[error("{0}")]
    Refused(String),
}

impl From<diesel::result::Error> for SeedError {
    fn from(e: diesel::result::Error) -> Self {
        SeedError::Db(DbError::Query(e))
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub units: usize,
    /// Demo accounts created this time.
    pub users_created: usize,
    /// Beds of the grid created this time (0 when it existed).
    pub beds: usize,
}

/// The default deadline rules, where none is stored yet; admins edit them afterwards.
pub fn sla_defaults(db: &Db, clock: &dyn Clock) -> Result<(), SeedError> {
    use onestop_domain::service::sla::default_rule;
    use onestop_domain::service::{Kind, Priority};
    let now = clock.now();
    db.write_now(|c| -> Result<(), SeedError> {
        if !crate::db::repo::service::sla::stored(c)?.is_empty() {
            return Ok(());
        }
        for kind in Kind::ALL {
            for priority in Priority::ALL {
                crate::db::repo::service::sla::set(c, &default_rule(kind, priority), now)?;
            }
        }
        Ok(())
    })
}

/// Units of the plan (departments) and the demo's illustrative colleges.
pub fn units(db: &Db, clock: &dyn Clock, plan_json: &str) -> Result<usize, SeedError> {
    units_from(db, clock, plan_json, Some(COLLEGES_JSON))
}

/// Units of the plan (departments) and the colleges of `colleges_json`, if any.
pub fn units_from(
    db: &Db,
    clock: &dyn Clock,
    plan_json: &str,
    colleges_json: Option<&str>,
) -> Result<usize, SeedError> {
    let plan: PlanUnits = serde_json::from_str(plan_json)?;
    let colleges: Colleges = match colleges_json {
        Some(json) => serde_json::from_str(json)?,
        None => Colleges {
            colleges: Vec::new(),
        },
    };
    let now = clock.now();
    db.write_now(|c| -> Result<usize, SeedError> {
        let departments = plan.units.iter().map(|u| (u, UnitKind::Department));
        let colleges = colleges.colleges.iter().map(|u| (u, UnitKind::College));
        let mut n = 0;
        for (u, kind) in departments.chain(colleges) {
            units::upsert(c, &u.code, &u.name_zh, &u.name_en, kind, now)?;
            n += 1;
        }
        Ok(n)
    })
}

struct DemoUser {
    username: &'static str,
    display_name: &'static str,
    roles: &'static [Role],
    unit: &'static str,
    gender: Option<Gender>,
}

const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        username: "admin",
        display_name: "系统管理员",
        roles: &[Role::Admin],
        unit: "student-affairs",
        gender: None,
    },
    DemoUser {
        username: "office1",
        display_name: "社区办公室 周老师",
        roles: &[Role::Office],
        unit: "student-affairs",
        gender: None,
    },
    DemoUser {
        username: "counsellor1",
        display_name: "驻楼辅导员 陈老师",
        roles: &[Role::Counsellor],
        unit: "college-economics",
        gender: None,
    },
    DemoUser {
        username: "counsellor2",
        display_name: "驻楼辅导员 刘老师",
        roles: &[Role::Counsellor],
        unit: "college-computing",
        gender: None,
    },
    DemoUser {
        username: "handler1",
        display_name: "后勤维修 王师傅",
        roles: &[Role::Handler],
        unit: "logistics",
        gender: None,
    },
    DemoUser {
        username: "student1",
        display_name: "张三",
        roles: &[Role::Student],
        unit: "college-economics",
        gender: Some(Gender::Male),
    },
    DemoUser {
        username: "student2",
        display_name: "李四",
        roles: &[Role::Student],
        unit: "college-computing",
        gender: Some(Gender::Male),
    },
    DemoUser {
        username: "handler2",
        display_name: "学生处 宿管与保险 赵老师",
        roles: &[Role::Handler],
        unit: "student-affairs",
        gender: None,
    },
    DemoUser {
        username: "league1",
        display_name: "校团委 吴老师",
        roles: &[Role::Office],
        unit: "youth-league",
        gender: None,
    },
    DemoUser {
        username: "leader1",
        display_name: "校党委书记 黄书记",
        roles: &[Role::Leader],
        unit: "general-office",
        gender: None,
    },
    DemoUser {
        username: "leader2",
        display_name: "校长 马校长",
        roles: &[Role::Leader],
        unit: "general-office",
        gender: None,
    },
    DemoUser {
        username: "leader3",
        display_name: "副校长 林副校长",
        roles: &[Role::Leader],
        unit: "general-office",
        gender: None,
    },
    DemoUser {
        username: "head1",
        display_name: "后勤处 钱处长",
        roles: &[Role::Leader],
        unit: "logistics",
        gender: None,
    },
    DemoUser {
        username: "head2",
        display_name: "经济学院 何院长",
        roles: &[Role::Leader],
        unit: "college-economics",
        gender: None,
    },
    DemoUser {
        username: "handler3",
        display_name: "党政办公室 用印 孙老师",
        roles: &[Role::Handler],
        unit: "general-office",
        gender: None,
    },
];

/// Where the demo accounts are placed: counsellor1 and counsellor2 lead
/// buildings in different communities, and each student lives in one of them.
pub const PLACEMENTS: grid::Placements<'static> = grid::Placements {
    counsellors: &[("counsellor1", "X1"), ("counsellor2", "Z1")],
    students: &[("student1", "X1", "101", 1), ("student2", "Z1", "101", 1)],
    community_heads: &[("office1", "庠园")],
};

/// Units, colleges, demo accounts (password [`DEMO_PASSWORD`]) and the demo
/// grid. Refused on a database that holds anything but the demo.
pub fn demo(db: &Db, clock: &dyn Clock, scale: grid::DemoScale) -> Result<SeedReport, SeedError> {
    db.write_now(|c| crate::setup::claim(c, crate::setup::Purpose::Demo))
        .map_err(|e| SeedError::Refused(e.to_string()))?;
    let units = units(db, clock, PLAN_JSON)?;
    sla_defaults(db, clock)?;
    let plan_now = clock.now();
    db.write_now(|c| plan::load(c, PLAN_JSON, plan_now))?;
    let now = clock.now();
    let users_created = db.write_now(|c| -> Result<usize, SeedError> {
        let mut created = 0;
        for d in DEMO_USERS {
            let username = Username::parse("username", d.username)
                .map_err(|e| SeedError::Account(d.username, e.message))?;
            if users::find_by_username(c, username.as_str())?.is_some() {
                continue;
            }
            let name = DisplayName::parse("display_name", d.display_name)
                .map_err(|e| SeedError::Account(d.username, e.message))?;
            let roles = Roles::new(d.roles.iter().copied())
                .map_err(|e| SeedError::Account(d.username, e.to_string()))?;
            let unit = units::find_by_ref(c, d.unit)?;
            let hash = password::hash(DEMO_PASSWORD).map_err(|e| SeedError::Hash(e.to_string()))?;
            users::insert(
                c,
                users::NewAccount {
                    username: username.as_str(),
                    display_name: name.as_str(),
                    password_hash: &hash,
                    unit_id: unit.as_ref().map(|u| u.id),
                    roles: &roles,
                    student_no: None,
                    gender: d.gender,
                },
                now,
            )?;
            created += 1;
        }
        Ok(created)
    })?;
    let beds = db.write_now(|c| -> Result<usize, SeedError> {
        let beds = grid::build(c, scale, &PLACEMENTS, now, local_date(now))?;
        grid::default_duties(c, now)?;
        // Demo requests come with a new grid only, so seeding again adds none.
        if beds > 0 {
            requests::build(c, scale.requests, now)?;
        }
        Ok(beds)
    })?;
    if scale.reform_progress {
        db.write_now(|c| reform::build(c, now))?;
    }
    // The demo's leaders come with a new grid only, so seeding again adds none.
    if beds > 0 {
        db.write_now(|c| visits::demo(c, now))?;
        db.write_now(|c| spaces::demo(c, now))?;
        if scale.sessions {
            db.write_now(|c| talks::demo(c, now))?;
            db.write_now(|c| party::demo(c, now))?;
            db.write_now(|c| activities::demo(c, now))?;
            db.write_now(|c| inspections::demo(c, now))?;
        }
    }
    Ok(SeedReport {
        units,
        users_created,
        beds,
    })
}
