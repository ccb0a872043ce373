//! The visit rules of the plan (`visit_policies` in plan.json), and for the
//! demo: leaders linked to the three communities, unit heads, and this
//! semester's visits — some leaders met the rule, some are behind.

use super::SeedError;
use crate::app::visits::{duties, record, rules, Caller};
use crate::app::AppError;
use crate::db::repo::grid::nodes;
use crate::db::repo::users;
use crate::db::repo::visits::rules as stored_rules;
use crate::db::DbConn;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use onestop_domain::community::period::{CampusPeriod, Per};
use onestop_domain::community::visits::{DutyKind, VisitKind};
use onestop_domain::community::wire::{
    CreateVisitDutyRequest, CreateVisitRuleRequest, FollowUpProblem, ProblemInput,
    RecordVisitRequest,
};
use onestop_domain::dates::{Day, Moment};
use onestop_domain::grid::{local_date, Level, Scope};
use onestop_domain::{Roles, UserId};
use serde::Deserialize;

#[derive(Deserialize)]
struct PlanFile {
    plan: PlanMeta,
    visit_policies: Vec<Policy>,
}

#[derive(Deserialize)]
struct PlanMeta {
    approved_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct Policy {
    who_en: String,
    min_visits: i32,
    per: Per,
}

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

/// The plan's rules, effective from the plan's approval, when there are none yet.
pub fn rules_of_plan(
    c: &mut DbConn,
    plan_json: &str,
    now: DateTime<Utc>,
) -> Result<usize, SeedError> {
    if stored_rules::exists(c)? {
        return Ok(0);
    }
    let file: PlanFile = serde_json::from_str(plan_json)?;
    let from = file.plan.approved_on.unwrap_or_else(|| local_date(now));
    let mut n = 0;
    for p in &file.visit_policies {
        // 校领导: 走访寝室、参与主题活动; heads of units: any work in the community.
        let (duty, counts) = match p.who_en.as_str() {
            "school leader" => (
                DutyKind::SchoolLeader,
                vec![VisitKind::DormVisit, VisitKind::ThemeActivity],
            ),
            _ => (DutyKind::UnitHead, VisitKind::ALL.to_vec()),
        };
        let req = CreateVisitRuleRequest {
            duty,
            per: p.per,
            minimum: p.min_visits,
            counts,
            effective_from: Day::try_from(from).map_err(|e| SeedError::Refused(e.to_string()))?,
        };
        rules::create(c, None, &req, now).map_err(app)?;
        n += 1;
    }
    Ok(n)
}

/// Who, when, where, what, and the problems raised.
type DemoVisit = (
    &'static str,
    DateTime<Utc>,
    onestop_domain::NodeId,
    VisitKind,
    Vec<ProblemInput>,
);

/// The demo leaders: (username, duty, linked community).
pub const LEADERS: &[(&str, DutyKind, Option<&str>)] = &[
    ("leader1", DutyKind::SchoolLeader, Some("庠园")),
    ("leader2", DutyKind::SchoolLeader, Some("智园")),
    ("leader3", DutyKind::SchoolLeader, Some("慧园")),
    ("head1", DutyKind::UnitHead, None),
    ("head2", DutyKind::UnitHead, None),
];

fn person(c: &mut DbConn, username: &str) -> Result<UserId, SeedError> {
    Ok(users::find_by_username(c, username)?
        .ok_or_else(|| SeedError::Refused(format!("{username} is not seeded")))?
        .id())
}

pub(super) fn community(c: &mut DbConn, name: &str) -> Result<onestop_domain::NodeId, SeedError> {
    let only = nodes::NodeFilter {
        level: Some(Level::Community),
        ..Default::default()
    };
    nodes::list(c, &Scope::everything(), &only, 50)?
        .0
        .into_iter()
        .find(|n| n.name == name)
        .map(|n| n.id)
        .ok_or_else(|| SeedError::Refused(format!("no community {name}")))
}

/// Duties from the start of this semester, and visits: leader1 met the
/// rule (and raised a follow-up for logistics; the demo's requests stay the
/// students' own), leader3 only held a forum (which does not count for a
/// school leader), leader2 has not been; head1 worked in the community this
/// month, head2 only last month.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let today = local_date(now);
    let semester = CampusPeriod::containing(Per::Semester, today);
    let starts_on =
        Day::try_from(semester.first_day()).map_err(|e| SeedError::Refused(e.to_string()))?;
    for (username, duty, linked) in LEADERS {
        let user_id = person(c, username)?;
        let community_id = linked.map(|n| community(c, n)).transpose()?;
        let req = CreateVisitDutyRequest {
            user_id,
            duty: *duty,
            community_id,
            starts_on,
            ends_on: None,
        };
        duties::create(c, None, &req, now).map_err(app)?;
    }
    // The semester's first moment in campus time (UTC+8).
    let opens = semester
        .first_day()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        - Duration::hours(8);
    let within = |t: DateTime<Utc>| t.max(opens).min(now - Duration::minutes(1));
    let month_start = CampusPeriod::containing(Per::Month, today).first_day();
    let last_month = month_start
        .pred_opt()
        .unwrap_or(month_start)
        .and_hms_opt(4, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let x1 = nodes::building_by_code(c, "X1")?.ok_or_else(|| SeedError::Refused("no X1".into()))?;
    let huiyuan = community(c, "慧园")?;
    let zhiyuan = community(c, "智园")?;
    let visits: Vec<DemoVisit> = vec![
        (
            "leader1",
            within(now - Duration::days(20)),
            x1.id,
            VisitKind::DormVisit,
            vec![ProblemInput::FollowUp(FollowUpProblem {
                text: "学生反映洗衣房开放时间太短，希望延长到晚上十一点".into(),
                unit: "logistics".into(),
                due_on: Day::try_from(today + Duration::days(14))
                    .map_err(|e| SeedError::Refused(e.to_string()))?,
            })],
        ),
        (
            "leader3",
            within(now - Duration::days(10)),
            huiyuan,
            VisitKind::Forum,
            Vec::new(),
        ),
        (
            "head1",
            within(now),
            zhiyuan,
            VisitKind::FieldWork,
            Vec::new(),
        ),
        (
            "head2",
            within(last_month),
            huiyuan,
            VisitKind::Forum,
            Vec::new(),
        ),
    ];
    let mut n = 0;
    for (username, at, place_id, kind, problems) in visits {
        // In the first minute of a semester there is no time in it yet to visit.
        if at < opens {
            continue;
        }
        let visitor = person(c, username)?;
        let caller = Caller {
            id: visitor,
            roles: Roles::one(onestop_domain::Role::Leader),
            unit_id: None,
            scope: Scope::default(),
        };
        let req = RecordVisitRequest {
            visitor_id: None,
            companions: Vec::new(),
            at: Moment::try_from(at).map_err(|e| SeedError::Refused(e.to_string()))?,
            place_id,
            kind,
            students_met: 6,
            note: "与同学们交流学习生活情况".into(),
            problems,
        };
        record::record(c, &caller, &req, now).map_err(app)?;
        n += 1;
    }
    Ok(n)
}
