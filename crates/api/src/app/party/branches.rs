//! The party organisation on the grid: a 党工委 per community, a 特设党支部
//! per building, their 党员服务站, members, 示范寝室 and 责任区.

use super::views::{branch_views, member_views};
use super::{branch, forbidden, stale, Position};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::grid::{nodes, residency};
use crate::db::repo::party::branches as repo;
use crate::db::repo::{is_unique_violation, users};
use crate::db::rows::{to_db, BranchRow, MemberRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::{local_date, Level};
use onestop_domain::party::wire::{
    AddMemberRequest, BranchDetail, BranchView, CreateBranchRequest, MemberView,
    UpdateBranchRequest, UpdateMemberRequest,
};
use onestop_domain::party::BranchKind;
use onestop_domain::problem::ProblemCode;
use onestop_domain::{BranchId, FieldError, MemberId, NodeId, ValidationErrors};

pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    community: Option<NodeId>,
) -> AppResult<Vec<BranchView>> {
    let me = Position::of(c, caller)?;
    let rows = repo::list(c, community)?;
    branch_views(c, &me, rows)
}

pub fn get(c: &mut DbConn, caller: &Caller, id: BranchId) -> AppResult<BranchDetail> {
    let me = Position::of(c, caller)?;
    let row = branch(c, id)?;
    let members = if me.over(&row).sees() {
        let rows = repo::members(c, id)?;
        member_views(c, rows)?
    } else {
        Vec::new()
    };
    let branch = branch_views(c, &me, vec![row])?.remove(0);
    Ok(BranchDetail { branch, members })
}

fn require_office(me: &Position) -> AppResult<()> {
    if me.office {
        Ok(())
    } else {
        Err(forbidden(
            "branches are set up by 党群工作部 and 党委学生工作部",
        ))
    }
}

pub fn create(
    c: &mut DbConn,
    caller: &Caller,
    req: &CreateBranchRequest,
    now: DateTime<Utc>,
) -> AppResult<BranchView> {
    req.check()?;
    let me = Position::of(c, caller)?;
    require_office(&me)?;
    let node = nodes::find(c, req.node_id)?
        .filter(|n| n.archived_at.is_none())
        .ok_or_else(|| AppError::field("node_id", "unknown", "no such place in the grid"))?;
    let Some(kind) = BranchKind::for_level(node.level) else {
        return Err(AppError::field(
            "node_id",
            "wrong_level",
            "a 党工委 sits on a community, a 特设党支部 on a building",
        ));
    };
    if repo::on_node(c, node.id)?.is_some() {
        return Err(exists());
    }
    let row = BranchRow {
        id: BranchId::new(),
        kind,
        node_id: node.id,
        community_id: node.community_id,
        name: req.name.trim().to_owned(),
        secretary_id: None,
        station: req.station.trim().to_owned(),
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    match repo::insert(c, &row) {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => return Err(exists()),
        Err(e) => return Err(e.into()),
    }
    Ok(branch_views(c, &me, vec![row])?.remove(0))
}

fn exists() -> AppError {
    AppError::Conflict {
        code: ProblemCode::BranchExists,
        detail: "this place has its party organisation already".into(),
    }
}

pub fn update(
    c: &mut DbConn,
    caller: &Caller,
    id: BranchId,
    req: &UpdateBranchRequest,
    now: DateTime<Utc>,
) -> AppResult<BranchView> {
    req.check()?;
    let me = Position::of(c, caller)?;
    require_office(&me)?;
    branch(c, id)?;
    if let Some(s) = req.secretary_id {
        if repo::current_of(c, s)?.is_none_or(|m| m.branch_id != id) {
            return Err(AppError::field(
                "secretary_id",
                "not_a_member",
                "the secretary is a current member of the branch",
            ));
        }
    }
    let n = repo::update(
        c,
        id,
        req.version,
        req.name.trim(),
        req.secretary_id,
        req.station.trim(),
        now,
    )?;
    if n == 0 {
        return Err(stale("the branch"));
    }
    let row = branch(c, id)?;
    Ok(branch_views(c, &me, vec![row])?.remove(0))
}

/// Members are added and changed by the office and by the branch's (or its
/// 党工委's) secretary.
fn require_keeps(me: &Position, b: &BranchRow) -> AppResult<()> {
    let o = me.over(b);
    if o.party_office || o.branch_secretary || o.committee_secretary {
        Ok(())
    } else {
        Err(forbidden(
            "members are kept by the branch's secretary and the party office",
        ))
    }
}

pub fn add_member(
    c: &mut DbConn,
    caller: &Caller,
    id: BranchId,
    req: &AddMemberRequest,
    now: DateTime<Utc>,
) -> AppResult<MemberView> {
    let b = branch(c, id)?;
    require_keeps(&Position::of(c, caller)?, &b)?;
    if req.joined_on > local_date(now) {
        return Err(AppError::field("joined_on", "future", "not after today"));
    }
    users::find(c, req.user_id)?
        .ok_or_else(|| AppError::field("user_id", "unknown", "no such person"))?;
    if repo::current_of(c, req.user_id)?.is_some() {
        return Err(already());
    }
    let row = MemberRow {
        id: MemberId::new(),
        branch_id: id,
        user_id: req.user_id,
        standing: req.standing,
        joined_on: req.joined_on,
        ended_on: None,
        model_room_id: None,
        version: 1,
        created_at: to_db(now),
        updated_at: to_db(now),
    };
    match repo::insert_member(c, &row) {
        Ok(()) => {}
        Err(e) if is_unique_violation(&e) => return Err(already()),
        Err(e) => return Err(e.into()),
    }
    Ok(member_views(c, vec![row])?.remove(0))
}

fn already() -> AppError {
    AppError::Conflict {
        code: ProblemCode::AlreadyMember,
        detail: "this person is a member of a branch now; end that membership first".into(),
    }
}

pub fn update_member(
    c: &mut DbConn,
    caller: &Caller,
    id: MemberId,
    req: &UpdateMemberRequest,
    now: DateTime<Utc>,
) -> AppResult<MemberView> {
    req.check()?;
    let m = repo::find_member(c, id)?.ok_or_else(|| AppError::not_found("this membership"))?;
    let b = branch(c, m.branch_id)?;
    require_keeps(&Position::of(c, caller)?, &b)?;
    if m.ended_on.is_some() {
        return Err(AppError::Conflict {
            code: ProblemCode::IllegalTransition,
            detail: "this membership has ended; add the person anew".into(),
        });
    }
    let mut errs = ValidationErrors::new();
    if let Some(room) = req.model_room_id {
        let own = residency::current_of_student(c, m.user_id)?;
        if own.is_none_or(|r| r.room_id != room) {
            errs.push(FieldError::new(
                "model_room_id",
                "not_yours",
                "a 示范寝室 is the member's own room",
            ));
        }
    }
    for (i, room) in req.duty_room_ids.iter().enumerate() {
        let ok = nodes::find(c, *room)?.is_some_and(|n| {
            n.level == Level::Room
                && n.archived_at.is_none()
                && match b.kind {
                    BranchKind::Building => n.building_id == Some(b.node_id),
                    BranchKind::Committee => n.community_id == b.community_id,
                }
        });
        if !ok {
            errs.push(FieldError::new(
                format!("duty_room_ids[{i}]"),
                "not_in_building",
                "a room of the branch's own building",
            ));
        }
    }
    if let Some(end) = req.ended_on {
        if end > local_date(now) {
            errs.push(FieldError::new("ended_on", "future", "not after today"));
        } else if end < m.joined_on {
            errs.push(FieldError::new(
                "ended_on",
                "before_start",
                "not before the member joined",
            ));
        }
    }
    if !errs.is_empty() {
        return Err(AppError::Validation(errs));
    }
    let n = repo::update_member(
        c,
        id,
        req.version,
        req.standing,
        req.model_room_id,
        req.ended_on,
        now,
    )?;
    if n == 0 {
        return Err(stale("the membership"));
    }
    repo::set_duty_rooms(
        c,
        id,
        if req.ended_on.is_some() {
            &[]
        } else {
            &req.duty_room_ids
        },
    )?;
    if req.ended_on.is_some() && b.secretary_id == Some(m.user_id) {
        // A secretary who leaves leaves the post open (the branch as it is now).
        let b = branch(c, b.id)?;
        if repo::update(c, b.id, b.version, &b.name, None, &b.station, now)? == 0 {
            return Err(stale("the branch"));
        }
    }
    let row = repo::find_member(c, id)?.ok_or_else(|| AppError::not_found("this membership"))?;
    Ok(member_views(c, vec![row])?.remove(0))
}
