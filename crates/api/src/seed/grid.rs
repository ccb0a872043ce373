//! The demo grid of the plan: 3 communities, 12 college zones, 23 buildings,
//! rooms with beds, residents in most beds, and posts at every level.

use super::{SeedError, DEMO_PASSWORD};
use crate::auth::password;
use crate::db::repo::grid::{duties, nodes, posts, residency};
use crate::db::repo::{units, users};
use crate::db::rows::NodeRow;
use crate::db::DbConn;
use chrono::{DateTime, NaiveDate, Utc};
use onestop_domain::grid::node::{NodeFields, MAX_BEDS};
use onestop_domain::grid::wire::DutyInput;
use onestop_domain::grid::{Gender, Level, PostType};
use onestop_domain::{NodeId, Role, Roles, UnitId, UserId};

/// How big a demo grid to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoScale {
    pub floors: i32,
    pub rooms_per_floor: i32,
    pub beds: i32,
    /// Percent of beds with a resident.
    pub fill_percent: u32,
    /// Demo service-hall requests.
    pub requests: usize,
    /// Unit liaisons and two months of progress on the reform plan.
    pub reform_progress: bool,
    /// 思政课堂 sessions with applicants, draws and attendance.
    pub sessions: bool,
}

impl DemoScale {
    /// What `onestop seed --demo` builds: 1,380 rooms, 5,520 beds, ~5,000 residents.
    pub const FULL: DemoScale = DemoScale {
        floors: 5,
        rooms_per_floor: 12,
        beds: 4,
        fill_percent: 90,
        requests: 400,
        reform_progress: true,
        sessions: true,
    };
    /// The same shape, small enough to build for every test.
    pub const TINY: DemoScale = DemoScale {
        floors: 1,
        rooms_per_floor: 2,
        beds: 4,
        fill_percent: 50,
        requests: 0,
        reform_progress: false,
        sessions: false,
    };
}

pub const COMMUNITIES: [(&str, &str); 3] = [("庠园", "X"), ("智园", "Z"), ("慧园", "H")];

/// College codes in zone order: four zones per community.
pub const ZONE_COLLEGES: [&str; 12] = [
    "college-economics",
    "college-management",
    "college-law",
    "college-literature",
    "college-computing",
    "college-engineering",
    "college-architecture",
    "college-foreign-languages",
    "college-music",
    "college-fine-arts",
    "college-nursing",
    "college-sports",
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "慧", "佳怡", "子涵", "浩然", "思远", "雨桐", "欣怡", "宇轩", "梓萱",
];

/// Where the demo accounts sit in the grid.
pub struct Placements<'a> {
    /// (username, building code) of resident counsellors.
    pub counsellors: &'a [(&'a str, &'a str)],
    /// (username, building code, room number, bed) of students.
    pub students: &'a [(&'a str, &'a str, &'a str, i32)],
    /// (username, community name) of community heads.
    pub community_heads: &'a [(&'a str, &'a str)],
}

fn fields(
    name: String,
    code: Option<String>,
    floor: Option<i32>,
    capacity: Option<i32>,
    gender: Option<Gender>,
) -> NodeFields {
    NodeFields {
        name,
        code,
        floor,
        capacity,
        gender,
    }
}

/// Build the grid unless one exists. Returns the number of beds created.
pub fn build(
    c: &mut DbConn,
    scale: DemoScale,
    placements: &Placements<'_>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<usize, SeedError> {
    if nodes::child_by(c, None, Level::Community, COMMUNITIES[0].0)?.is_some() {
        return Ok(0);
    }
    // One hash for every generated account: hashing thousands would take minutes.
    let hash = password::hash(DEMO_PASSWORD).map_err(|e| SeedError::Hash(e.to_string()))?;
    let beds = scale.beds.clamp(1, MAX_BEDS);
    let mut buildings: Vec<(NodeRow, UnitId)> = Vec::new();
    let mut building_no = 0;
    for (ci, (cname, prefix)) in COMMUNITIES.iter().enumerate() {
        let community = nodes::insert(
            c,
            Level::Community,
            None,
            &fields(cname.to_string(), None, None, None, None),
            None,
            now,
        )?;
        for zi in 0..4 {
            let college_code = ZONE_COLLEGES[ci * 4 + zi];
            let college = units::find_by_ref(c, college_code)?.ok_or(SeedError::Account(
                "zone",
                format!("college {college_code} missing"),
            ))?;
            let zone_name = format!("{}包干区", college.name_zh);
            let zone = nodes::insert(
                c,
                Level::CollegeZone,
                Some(&community),
                &fields(zone_name, None, None, None, None),
                Some(college.id),
                now,
            )?;
            // 23 buildings over 12 zones: every zone has two but the last, which has one.
            let count = if ci == 2 && zi == 3 { 1 } else { 2 };
            for _ in 0..count {
                building_no += 1;
                let n = buildings
                    .iter()
                    .filter(|(b, _)| b.community_id == community.id)
                    .count()
                    + 1;
                let code = format!("{prefix}{n}");
                let gender = if building_no % 2 == 1 {
                    Gender::Male
                } else {
                    Gender::Female
                };
                let b = nodes::insert(
                    c,
                    Level::Building,
                    Some(&zone),
                    &fields(
                        format!("{cname}{n}栋"),
                        Some(code),
                        None,
                        None,
                        Some(gender),
                    ),
                    None,
                    now,
                )?;
                buildings.push((b, college.id));
            }
        }
    }

    let student_role = Roles::one(Role::Student);
    let mut seq = 0u32;
    let mut total_beds = 0;
    for (b, college_id) in &buildings {
        let gender = b.gender;
        for floor in 1..=scale.floors {
            for r in 1..=scale.rooms_per_floor {
                let number = format!("{floor}{r:02}");
                let room = nodes::insert(
                    c,
                    Level::Room,
                    Some(b),
                    &fields(
                        number.clone(),
                        Some(number.clone()),
                        Some(floor),
                        Some(beds),
                        gender,
                    ),
                    None,
                    now,
                )?;
                let reserved: Vec<i32> = placements
                    .students
                    .iter()
                    .filter(|s| Some(s.1) == b.code.as_deref() && s.2 == number)
                    .map(|s| s.3)
                    .collect();
                let mut first_resident = None;
                for bed in 1..=beds {
                    total_beds += 1;
                    seq += 1;
                    if reserved.contains(&bed) || (seq * 37 % 100) >= scale.fill_percent {
                        continue;
                    }
                    let no = format!("2026{seq:05}");
                    let name = format!(
                        "{}{}",
                        SURNAMES[seq as usize % SURNAMES.len()],
                        GIVEN[(seq as usize / SURNAMES.len()) % GIVEN.len()]
                    );
                    let id = users::insert(
                        c,
                        users::NewAccount {
                            username: &no,
                            display_name: &name,
                            password_hash: &hash,
                            unit_id: Some(*college_id),
                            roles: &student_role,
                            student_no: Some(&no),
                            gender,
                        },
                        now,
                    )?;
                    residency::insert(c, id, &room, bed, None, now)?;
                    first_resident.get_or_insert(id);
                }
                if let Some(head) = first_resident {
                    posts::insert(c, &room, head, PostType::DormHead, today, None, now)?;
                    posts::insert(c, &room, head, PostType::StudentCadre, today, None, now)?;
                }
            }
        }
    }

    // Leaders: the demo accounts where placed, generated staff everywhere else.
    let staff = |c: &mut DbConn,
                 username: &str,
                 name: String,
                 role: Role,
                 unit: Option<UnitId>|
     -> Result<UserId, SeedError> {
        if let Some(a) = users::find_by_username(c, username)? {
            return Ok(a.row.id);
        }
        Ok(users::insert(
            c,
            users::NewAccount {
                username,
                display_name: &name,
                password_hash: &hash,
                unit_id: unit,
                roles: &Roles::one(role),
                student_no: None,
                gender: None,
            },
            now,
        )?)
    };
    let student_affairs = units::find_by_ref(c, "student-affairs")?.map(|u| u.id);
    for (i, (cname, _)) in COMMUNITIES.iter().enumerate() {
        let community = nodes::child_by(c, None, Level::Community, cname)?
            .ok_or(SeedError::Account("grid", "community vanished".into()))?;
        let head = match placements.community_heads.iter().find(|h| h.1 == *cname) {
            Some((u, _)) => staff(c, u, String::new(), Role::Office, None)?,
            None => staff(
                c,
                &format!("community-head{}", i + 1),
                format!("{cname}社区负责人"),
                Role::Office,
                student_affairs,
            )?,
        };
        posts::insert(
            c,
            &community,
            head,
            PostType::CommunityHead,
            today,
            None,
            now,
        )?;
    }
    let mut zones_done: Vec<NodeId> = Vec::new();
    for (b, college_id) in &buildings {
        let zone_id = b.zone_id.ok_or(SeedError::Account(
            "grid",
            "a building without its zone".into(),
        ))?;
        if !zones_done.contains(&zone_id) {
            let zone = nodes::find(c, zone_id)?
                .ok_or(SeedError::Account("grid", "zone vanished".into()))?;
            let head = staff(
                c,
                &format!("college-head{}", zones_done.len() + 1),
                format!("{}学工负责人", zone.name.trim_end_matches("包干区")),
                Role::Office,
                Some(*college_id),
            )?;
            posts::insert(c, &zone, head, PostType::CollegeHead, today, None, now)?;
            zones_done.push(zone_id);
        }
        let code = b.code.clone().unwrap_or_default();
        let counsellor = match placements.counsellors.iter().find(|p| p.1 == code) {
            Some((u, _)) => staff(c, u, String::new(), Role::Counsellor, None)?,
            None => staff(
                c,
                &format!("counsellor-{}", code.to_lowercase()),
                format!("{code}栋驻楼辅导员"),
                Role::Counsellor,
                Some(*college_id),
            )?,
        };
        posts::insert(
            c,
            b,
            counsellor,
            PostType::ResidentCounsellor,
            today,
            None,
            now,
        )?;
    }
    for (username, code, number, bed) in placements.students {
        let Some(student) = users::find_by_username(c, username)? else {
            continue;
        };
        let building = nodes::building_by_code(c, code)?
            .ok_or(SeedError::Account("grid", format!("no building {code}")))?;
        let room = nodes::child_by(c, Some(building.id), Level::Room, number)?.ok_or(
            SeedError::Account("grid", format!("no room {code}-{number}")),
        )?;
        residency::insert(c, student.row.id, &room, *bed, None, now)?;
    }
    Ok(total_beds)
}

/// A starting service item list per level, from the plan's description of each post.
pub fn default_duties(c: &mut DbConn, now: DateTime<Utc>) -> Result<(), SeedError> {
    if !duties::list(c, None)?.is_empty() {
        return Ok(());
    }
    let d = |p: PostType, t: &str, desc: &str| DutyInput {
        post_type: p,
        title: t.into(),
        description: desc.into(),
    };
    let lists = [
        (
            Level::Community,
            vec![
                d(
                    PostType::CommunityHead,
                    "统筹社区网格工作",
                    "统筹本社区各级网格的建设、人员配备和工作例会。",
                ),
                d(
                    PostType::CommunityHead,
                    "召开社区网格工作例会",
                    "每月至少一次，通报问题、研究解决措施。",
                ),
                d(
                    PostType::Volunteer,
                    "平安社区志愿服务",
                    "参与社区巡逻、安全宣传和环境整治。",
                ),
            ],
        ),
        (
            Level::CollegeZone,
            vec![
                d(
                    PostType::CollegeHead,
                    "负责包干区学生工作",
                    "指导包干楼栋的学生管理、思想教育和服务工作。",
                ),
                d(
                    PostType::CollegeHead,
                    "每月深入社区开展工作",
                    "按方案要求每月至少一次深入社区。",
                ),
            ],
        ),
        (
            Level::Building,
            vec![
                d(
                    PostType::ResidentCounsellor,
                    "受理和分派楼栋服务事项",
                    "处理本楼学生的报修、入住等一站式服务申请。",
                ),
                d(
                    PostType::ResidentCounsellor,
                    "走访寝室",
                    "定期走访寝室，了解学生学习生活情况。",
                ),
                d(
                    PostType::PartyPioneer,
                    "党员先锋岗值守",
                    "在楼栋党员服务站值守，服务同学。",
                ),
            ],
        ),
        (
            Level::Room,
            vec![
                d(
                    PostType::StudentCadre,
                    "寝室网格信息员",
                    "及时反映寝室同学的困难和安全隐患。",
                ),
                d(
                    PostType::DormHead,
                    "寝室日常管理",
                    "组织寝室卫生、作息和安全自查。",
                ),
            ],
        ),
    ];
    for (level, items) in lists {
        duties::replace(c, level, &items, now)?;
    }
    Ok(())
}
