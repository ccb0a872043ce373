//! The ledger: proposing points under a rule, the secretary's decision, and
//! corrections — new entries pointing at the one they correct, decided the
//! same way. Nothing here changes an entry's points (the tables' triggers
//! refuse it too).

use super::views::{entry_views, member_views};
use super::{branch, forbidden, Position};
use crate::app::visits::Caller;
use crate::app::{AppError, AppResult};
use crate::db::repo::party::points::{self as repo, PointFilter};
use crate::db::repo::party::{branches, rules};
use crate::db::repo::users;
use crate::db::rows::{to_db, PointRow};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::grid::local_date;
use onestop_domain::growth::summary::AcademicYear;
use onestop_domain::party::ledger::{correction, totals, Line};
use onestop_domain::party::wire::{
    CorrectPointsRequest, LedgerView, MemberStanding, PointEntryView, ProposePointsRequest,
    ReviewPointsRequest, StandingsView,
};
use onestop_domain::party::{date_refusal, may_approve, may_propose, EntryState, PointCategory};
use onestop_domain::problem::ProblemCode;
use onestop_domain::{BranchId, PointEntryId, UserId};
use std::collections::HashMap;

pub fn propose(
    c: &mut DbConn,
    caller: &Caller,
    req: &ProposePointsRequest,
    now: DateTime<Utc>,
) -> AppResult<PointEntryView> {
    req.check()?;
    let member = branches::current_of(c, req.user_id)?.ok_or_else(|| {
        AppError::field("user_id", "not_a_member", "not a member of any branch now")
    })?;
    let b = branch(c, member.branch_id)?;
    let me = Position::of(c, caller)?;
    if !may_propose(caller.id, req.user_id, me.over(&b)) {
        return Err(forbidden(
            "points are proposed by the member or by their branch's secretary",
        ));
    }
    let rule = rules::find(c, req.rule_id)?
        .ok_or_else(|| AppError::field("rule_id", "unknown", "no such rule"))?;
    if !rule.active {
        return Err(AppError::field(
            "rule_id",
            "inactive",
            "this rule is retired",
        ));
    }
    if rule.category == PointCategory::SecondClassroom {
        return Err(AppError::field(
            "rule_id",
            "automatic",
            "second-classroom points come from attendance, not by hand",
        ));
    }
    if let Some(code) = date_refusal(req.occurred_on, local_date(now)) {
        return Err(AppError::field(
            "occurred_on",
            code,
            "not after today, at most 90 days ago",
        ));
    }
    let row = PointRow {
        id: PointEntryId::new(),
        user_id: req.user_id,
        branch_id: b.id,
        rule_id: rule.id,
        category: rule.category,
        points: rule.points,
        occurred_on: req.occurred_on,
        note: req.note.trim().to_owned(),
        proposer_id: Some(caller.id),
        state: EntryState::Pending,
        approver_id: None,
        decided_at: None,
        decision_note: String::new(),
        corrects_id: None,
        activity_id: None,
        created_at: to_db(now),
    };
    repo::insert(c, &row)?;
    Ok(entry_views(c, caller.id, &me, vec![row])?.remove(0))
}

/// An entry the caller sees: their own, or one of a branch they oversee.
fn seen(c: &mut DbConn, caller: &Caller, me: &Position, id: PointEntryId) -> AppResult<PointRow> {
    let row = repo::find(c, id)?.ok_or_else(|| AppError::not_found("this entry"))?;
    if row.user_id == caller.id || me.over(&branch(c, row.branch_id)?).sees() {
        Ok(row)
    } else {
        Err(AppError::not_found("this entry"))
    }
}

pub fn review(
    c: &mut DbConn,
    caller: &Caller,
    id: PointEntryId,
    req: &ReviewPointsRequest,
    now: DateTime<Utc>,
) -> AppResult<PointEntryView> {
    req.check()?;
    repo::lock(c, id)?;
    let me = Position::of(c, caller)?;
    let row = seen(c, caller, &me, id)?;
    let over = me.over(&branch(c, row.branch_id)?);
    if !may_approve(caller.id, row.user_id, row.proposer_id, over) {
        return Err(forbidden(
            "points are approved by the branch's secretary (or the 党工委's), never for oneself nor for one's own proposal",
        ));
    }
    let state = row.state.decided(req.approve).map_err(|_| not_pending())?;
    if repo::decide(c, id, state, caller.id, req.note.trim(), now)? == 0 {
        return Err(not_pending());
    }
    let row = repo::find(c, id)?.ok_or_else(|| AppError::not_found("this entry"))?;
    Ok(entry_views(c, caller.id, &me, vec![row])?.remove(0))
}

fn not_pending() -> AppError {
    AppError::Conflict {
        code: ProblemCode::NotPending,
        detail: "this entry has been decided; a correction changes what it counts".into(),
    }
}

pub fn correct(
    c: &mut DbConn,
    caller: &Caller,
    id: PointEntryId,
    req: &CorrectPointsRequest,
    now: DateTime<Utc>,
) -> AppResult<PointEntryView> {
    req.check()?;
    let me = Position::of(c, caller)?;
    let first = seen(c, caller, &me, id)?;
    // A correction of a correction corrects the entry they both belong to.
    let root_id = first.corrects_id.unwrap_or(first.id);
    repo::lock(c, root_id)?;
    let root = repo::find(c, root_id)?.ok_or_else(|| AppError::not_found("this entry"))?;
    let over = me.over(&branch(c, root.branch_id)?);
    if !(over.branch_secretary || over.committee_secretary) {
        return Err(forbidden("entries are corrected by the branch's secretary"));
    }
    if root.state != EntryState::Approved {
        return Err(AppError::Conflict {
            code: ProblemCode::EntryNotApproved,
            detail: "only an approved entry is corrected; decide a pending one instead".into(),
        });
    }
    let lines = repo::with_corrections(c, root_id)?;
    if lines.iter().any(|l| l.state == EntryState::Pending) {
        return Err(AppError::Conflict {
            code: ProblemCode::CorrectionPending,
            detail: "a correction of this entry waits for its decision".into(),
        });
    }
    let current: i32 = lines
        .iter()
        .filter(|l| l.state.counts())
        .map(|l| l.points)
        .sum();
    let Some(delta) = correction(current, req.points) else {
        return Err(AppError::field(
            "points",
            "unchanged",
            format!("the entry comes to {current} already"),
        ));
    };
    let row = PointRow {
        id: PointEntryId::new(),
        user_id: root.user_id,
        branch_id: root.branch_id,
        rule_id: root.rule_id,
        category: root.category,
        points: delta,
        occurred_on: root.occurred_on,
        note: req.note.trim().to_owned(),
        proposer_id: Some(caller.id),
        state: EntryState::Pending,
        approver_id: None,
        decided_at: None,
        decision_note: String::new(),
        corrects_id: Some(root_id),
        activity_id: root.activity_id,
        created_at: to_db(now),
    };
    repo::insert(c, &row)?;
    Ok(entry_views(c, caller.id, &me, vec![row])?.remove(0))
}

/// A page of the entries the caller sees, newest first, and whether more follow.
pub fn list(
    c: &mut DbConn,
    caller: &Caller,
    mut filter: PointFilter,
    limit: u32,
) -> AppResult<(Vec<PointEntryView>, bool)> {
    let me = Position::of(c, caller)?;
    if filter.user != Some(caller.id) {
        filter.branches = match (me.branches(c)?, filter.branches.take()) {
            (None, asked) => asked,
            (Some(mine), None) => Some(mine),
            (Some(mine), Some(asked)) => {
                Some(asked.into_iter().filter(|b| mine.contains(b)).collect())
            }
        };
    }
    let mut rows = repo::list(c, &filter, Some(limit))?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok((entry_views(c, caller.id, &me, rows)?, more))
}

/// The academic year asked for (2000–2100), or this one.
fn academic(year: Option<i32>, now: DateTime<Utc>) -> AppResult<AcademicYear> {
    match year {
        None => Ok(AcademicYear::containing(local_date(now))),
        Some(y) if (2000..=2100).contains(&y) => Ok(AcademicYear(y)),
        Some(_) => Err(AppError::field("year", "range", "a year from 2000 to 2100")),
    }
}

fn year_filter(year: AcademicYear) -> PointFilter {
    PointFilter {
        from: Some(year.first_day()),
        to: Some(year.end()),
        ..PointFilter::default()
    }
}

fn lines(rows: &[PointRow]) -> Vec<Line> {
    rows.iter()
        .map(|r| Line {
            category: r.category,
            points: r.points,
            state: r.state,
            on: r.occurred_on,
        })
        .collect()
}

/// One person's ledger in an academic year: the caller's own, or a member's
/// of a branch the caller oversees.
pub fn ledger(
    c: &mut DbConn,
    caller: &Caller,
    user: Option<UserId>,
    year: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<LedgerView> {
    let me = Position::of(c, caller)?;
    let user = user.unwrap_or(caller.id);
    let year = academic(year, now)?;
    let membership = branches::current_of(c, user)?;
    let mut filter = year_filter(year);
    filter.user = Some(user);
    if user != caller.id {
        if users::find(c, user)?.is_none() {
            return Err(AppError::not_found("this person's ledger"));
        }
        filter.branches = me.branches(c)?;
        let visible = match (&membership, &filter.branches) {
            (_, None) => true,
            (Some(m), Some(ids)) => ids.contains(&m.branch_id),
            (None, Some(_)) => false,
        };
        if !visible {
            return Err(AppError::not_found("this person's ledger"));
        }
    }
    let rows = repo::list(c, &filter, None)?;
    let totals = totals(year.0, &lines(&rows));
    let person = users::names(c, [user])?.person(user);
    let membership = match membership {
        Some(m) => member_views(c, vec![m])?.pop(),
        None => None,
    };
    Ok(LedgerView {
        person,
        membership,
        year: year.0,
        entries: entry_views(c, caller.id, &me, rows)?,
        totals,
    })
}

/// A branch's current members and their points in an academic year, most first.
pub fn standings(
    c: &mut DbConn,
    caller: &Caller,
    id: BranchId,
    year: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<StandingsView> {
    let me = Position::of(c, caller)?;
    let b = branch(c, id)?;
    if !me.over(&b).sees() {
        return Err(forbidden(
            "a branch's points are seen by its secretary, the 党工委 and the party office",
        ));
    }
    let year = academic(year, now)?;
    let mut filter = year_filter(year);
    filter.branches = Some(vec![id]);
    let rows = repo::list(c, &filter, None)?;
    let mut by_user: HashMap<UserId, Vec<PointRow>> = HashMap::new();
    for r in rows {
        by_user.entry(r.user_id).or_default().push(r);
    }
    let current = branches::members(c, id)?;
    let members = member_views(c, current)?;
    let mut standings: Vec<MemberStanding> = members
        .into_iter()
        .map(|member| {
            let t = totals(
                year.0,
                &lines(by_user.get(&member.person.id).map_or(&[][..], |v| v)),
            );
            MemberStanding {
                member,
                approved: t.approved,
                pending: t.pending,
                by_category: t.by_category,
            }
        })
        .collect();
    standings.sort_by(|a, b| {
        b.approved.cmp(&a.approved).then_with(|| {
            a.member
                .person
                .display_name
                .cmp(&b.member.person.display_name)
        })
    });
    let branch = super::views::branch_views(c, &me, vec![b])?.remove(0);
    Ok(StandingsView {
        branch,
        year: year.0,
        members: standings,
    })
}
