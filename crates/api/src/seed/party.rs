//! For the demo: the party organisation on the grid — a 党工委 per community,
//! a 特设党支部 per building — and building X1's branch with members, a
//! secretary with a 示范寝室 and a 责任区, and a term of points (approved,
//! waiting, rejected, one corrected) through the same use cases as people's.
//! Seeded before the activities, so attendance credits the members too.

use super::spaces::caller;
use super::talks::residents;
use super::SeedError;
use crate::app::party::{branches, points};
use crate::app::visits::Caller;
use crate::app::AppError;
use crate::db::repo::grid::{nodes, residency};
use crate::db::DbConn;
use chrono::{DateTime, Duration, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::party::wire::{
    AddMemberRequest, CorrectPointsRequest, CreateBranchRequest, MemberView, ProposePointsRequest,
    ReviewPointsRequest, UpdateBranchRequest, UpdateMemberRequest,
};
use onestop_domain::party::PartyStanding;
use onestop_domain::PointRuleId;

fn app(e: AppError) -> SeedError {
    SeedError::Refused(e.to_string())
}

/// The starting table's rules (see the migration), by code.
fn rule(c: &mut DbConn, code: &str) -> Result<PointRuleId, SeedError> {
    crate::db::repo::party::rules::list(c)?
        .into_iter()
        .find(|r| r.code == code)
        .map(|r| r.id)
        .ok_or_else(|| SeedError::Refused(format!("no rule {code}")))
}

/// The demo's branches; how many.
pub fn demo(c: &mut DbConn, now: DateTime<Utc>) -> Result<usize, SeedError> {
    let today = local_date(now);
    let office = Caller::system();
    let mut n = 0;
    for community in nodes::communities(c)? {
        let req = CreateBranchRequest {
            node_id: community.id,
            name: format!("{}社区党工委", community.name),
            station: format!("{}社区党员服务站（社区办公室）", community.name),
        };
        branches::create(c, &office, &req, now).map_err(app)?;
        n += 1;
    }
    let mut x1_branch = None;
    for building in nodes::all_buildings(c)? {
        let req = CreateBranchRequest {
            node_id: building.id,
            name: format!("{}特设党支部", building.name),
            station: format!("{}一楼党员服务站", building.name),
        };
        let b = branches::create(c, &office, &req, now).map_err(app)?;
        if building.code.as_deref() == Some("X1") {
            x1_branch = Some(b);
        }
        n += 1;
    }
    let Some(x1) = x1_branch else {
        return Ok(n);
    };

    // The 庠园 党工委's secretary: the resident counsellor.
    let counsellor = caller(c, "counsellor1", today)?;
    let x1_node =
        nodes::find(c, x1.place.id)?.ok_or_else(|| SeedError::Refused("building X1".into()))?;
    let committee = crate::db::repo::party::branches::on_node(c, x1_node.community_id)?
        .ok_or_else(|| SeedError::Refused("the 庠园 党工委".into()))?;
    let joined = today - Duration::days(400);
    let add = |c: &mut DbConn, branch, user, standing| -> Result<MemberView, SeedError> {
        let req = AddMemberRequest {
            user_id: user,
            standing,
            joined_on: joined,
        };
        branches::add_member(c, &office, branch, &req, now).map_err(app)
    };
    add(c, committee.id, counsellor.id, PartyStanding::Full)?;
    appoint(
        c,
        &office,
        committee.id,
        committee.version,
        &committee.name,
        &committee.station,
        counsellor.id,
        now,
    )?;

    let students = residents(c, "X1", 8)?;
    let standings = [
        PartyStanding::Full,
        PartyStanding::Probationary,
        PartyStanding::Candidate,
        PartyStanding::Activist,
        PartyStanding::Activist,
        PartyStanding::Activist,
    ];
    let mut members = Vec::new();
    for (s, standing) in students.iter().zip(standings) {
        members.push((s, add(c, x1.id, s.id, standing)?));
    }
    // The demo's own student (in X1) is an activist, so their home shows points.
    let demo_student = caller(c, "student1", today)?;
    if !members.iter().any(|(s, _)| s.id == demo_student.id) {
        let m = add(c, x1.id, demo_student.id, PartyStanding::Activist)?;
        members.push((&demo_student, m));
    }
    let Some((secretary, sec_member)) = members.first().cloned() else {
        return Ok(n);
    };
    appoint(
        c,
        &office,
        x1.id,
        x1.version,
        &x1.name,
        &x1.station,
        secretary.id,
        now,
    )?;
    // The secretary's room is a 示范寝室; two neighbours' rooms are the 责任区.
    let own = residency::current_of_student(c, secretary.id)?.map(|r| r.room_id);
    let mut duty = Vec::new();
    for s in students.iter().skip(1) {
        if let Some(r) = residency::current_of_student(c, s.id)? {
            if Some(r.room_id) != own && !duty.contains(&r.room_id) && duty.len() < 2 {
                duty.push(r.room_id);
            }
        }
    }
    let req = UpdateMemberRequest {
        standing: PartyStanding::Full,
        model_room_id: own,
        duty_room_ids: duty,
        ended_on: None,
        version: sec_member.version,
    };
    branches::update_member(c, &office, sec_member.id, &req, now).map_err(app)?;

    let study = rule(c, "study-day")?;
    let volunteer = rule(c, "volunteer-half-day")?;
    let duty_month = rule(c, "duty-month")?;
    let sec_caller = (*secretary).clone();
    for (i, (s, _)) in members.iter().enumerate().skip(1) {
        let i = i64::try_from(i).unwrap_or(0);
        // Two study days a month ago and a week ago, approved by the secretary.
        for days in [30 + i, 7 + i] {
            let when = now - Duration::days(days);
            let req = ProposePointsRequest {
                user_id: s.id,
                rule_id: study,
                occurred_on: local_date(when),
                note: "党员“学习日”：学习党的二十大报告".into(),
            };
            points::propose(c, &sec_caller, &req, when).map_err(app)?;
        }
    }
    // What members propose themselves: the committee's secretary approves one
    // the branch's secretary proposed, the branch's secretary the members'.
    let pending = points::list(
        c,
        &sec_caller,
        crate::db::repo::party::points::PointFilter {
            state: Some(onestop_domain::party::EntryState::Pending),
            ..Default::default()
        },
        200,
    )
    .map_err(app)?
    .0;
    for e in pending {
        let yes = ReviewPointsRequest {
            approve: true,
            note: String::new(),
        };
        points::review(c, &counsellor, e.id, &yes, now - Duration::days(1)).map_err(app)?;
    }
    if let Some((s, _)) = members.get(1) {
        let req = ProposePointsRequest {
            user_id: s.id,
            rule_id: volunteer,
            occurred_on: today - Duration::days(3),
            note: "社区图书角整理志愿服务半天".into(),
        };
        points::propose(c, s, &req, now - Duration::days(2)).map_err(app)?;
    }
    if let Some((s, _)) = members.get(2) {
        let req = ProposePointsRequest {
            user_id: s.id,
            rule_id: volunteer,
            occurred_on: today - Duration::days(5),
            note: "迎新志愿服务".into(),
        };
        let e = points::propose(c, s, &req, now - Duration::days(4)).map_err(app)?;
        let no = ReviewPointsRequest {
            approve: false,
            note: "迎新志愿服务已按学院统一记录，请勿重复申报".into(),
        };
        points::review(c, &sec_caller, e.id, &no, now - Duration::days(3)).map_err(app)?;
    }
    // The secretary's own 责任区 month, approved by the 党工委, then corrected.
    let req = ProposePointsRequest {
        user_id: secretary.id,
        rule_id: duty_month,
        occurred_on: today - Duration::days(20),
        note: "责任区寝室月度走访：安全隐患排查 2 间".into(),
    };
    let e = points::propose(c, &sec_caller, &req, now - Duration::days(20)).map_err(app)?;
    let yes = ReviewPointsRequest {
        approve: true,
        note: String::new(),
    };
    points::review(c, &counsellor, e.id, &yes, now - Duration::days(19)).map_err(app)?;
    // A study day recorded twice over: the secretary voids one, the 党工委 approves.
    let first = points::list(
        c,
        &sec_caller,
        crate::db::repo::party::points::PointFilter {
            user: members.get(1).map(|(s, _)| s.id),
            state: Some(onestop_domain::party::EntryState::Approved),
            ..Default::default()
        },
        1,
    )
    .map_err(app)?
    .0;
    if let Some(e) = first.first() {
        let fix = CorrectPointsRequest {
            points: 0,
            note: "同一次“学习日”重复登记，作废此条".into(),
        };
        let f =
            points::correct(c, &sec_caller, e.id, &fix, now - Duration::hours(5)).map_err(app)?;
        points::review(c, &counsellor, f.id, &yes, now - Duration::hours(4)).map_err(app)?;
    }
    Ok(n)
}

#[allow(clippy::too_many_arguments)]
fn appoint(
    c: &mut DbConn,
    office: &Caller,
    branch: onestop_domain::BranchId,
    version: i32,
    name: &str,
    station: &str,
    secretary: onestop_domain::UserId,
    now: DateTime<Utc>,
) -> Result<(), SeedError> {
    let req = UpdateBranchRequest {
        name: name.into(),
        secretary_id: Some(secretary),
        station: station.into(),
        version,
    };
    branches::update(c, office, branch, &req, now).map_err(app)?;
    Ok(())
}
