//! Rows into what the wire shows, with the names of a page in one query each.

use super::Position;
use crate::app::AppResult;
use crate::db::repo::grid::nodes;
use crate::db::repo::party::{branches as repo, rules};
use crate::db::repo::users;
use crate::db::rows::{from_db, BranchRow, MemberRow, PointRow, RuleRow};
use crate::db::DbConn;
use onestop_domain::community::wire::PlaceRef;
use onestop_domain::party::wire::{
    BranchRef, BranchView, MemberView, PointEntryView, PointRuleView, RuleRef,
};
use onestop_domain::party::{may_approve, EntryState, PointCategory};
use onestop_domain::{BranchId, NodeId, UserId};
use std::collections::HashMap;

pub fn rule_view(r: RuleRow) -> PointRuleView {
    PointRuleView {
        id: r.id,
        per_hour: r.category == PointCategory::SecondClassroom,
        code: r.code,
        category: r.category,
        name_zh: r.name_zh,
        name_en: r.name_en,
        points: r.points,
        active: r.active,
        version: r.version,
        updated_at: from_db(r.updated_at),
    }
}

fn places(c: &mut DbConn, ids: Vec<NodeId>) -> AppResult<impl Fn(NodeId) -> PlaceRef> {
    let refs = nodes::refs(c, ids)?;
    Ok(move |id| {
        let (level, name) = refs
            .get(&id)
            .cloned()
            .unwrap_or((onestop_domain::grid::Level::Room, String::new()));
        PlaceRef { id, level, name }
    })
}

pub fn branch_views(
    c: &mut DbConn,
    me: &Position,
    rows: Vec<BranchRow>,
) -> AppResult<Vec<BranchView>> {
    let ids: Vec<BranchId> = rows.iter().map(|b| b.id).collect();
    let counts = repo::member_counts(c, &ids)?;
    let names = users::names(c, rows.iter().filter_map(|b| b.secretary_id))?;
    let place = places(c, rows.iter().map(|b| b.node_id).collect())?;
    let mut committees: HashMap<NodeId, BranchRef> = HashMap::new();
    for b in &rows {
        if b.kind == onestop_domain::party::BranchKind::Building
            && !committees.contains_key(&b.community_id)
        {
            if let Some(k) = repo::on_node(c, b.community_id)? {
                committees.insert(
                    b.community_id,
                    BranchRef {
                        id: k.id,
                        name: k.name,
                    },
                );
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|b| BranchView {
            id: b.id,
            kind: b.kind,
            place: place(b.node_id),
            secretary: b.secretary_id.map(|id| names.person(id)),
            station: b.station.clone(),
            committee: match b.kind {
                onestop_domain::party::BranchKind::Building => {
                    committees.get(&b.community_id).cloned()
                }
                onestop_domain::party::BranchKind::Committee => None,
            },
            members: counts.get(&b.id).copied().unwrap_or(0),
            oversees: me.over(&b).sees(),
            version: b.version,
            name: b.name,
        })
        .collect())
}

pub fn member_views(c: &mut DbConn, rows: Vec<MemberRow>) -> AppResult<Vec<MemberView>> {
    let mut branch_ids: Vec<BranchId> = rows.iter().map(|m| m.branch_id).collect();
    branch_ids.sort_unstable();
    branch_ids.dedup();
    let branches: HashMap<BranchId, String> = repo::by_ids(c, &branch_ids)?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let ids: Vec<_> = rows.iter().map(|m| m.id).collect();
    let duty = repo::duty_rooms(c, &ids)?;
    let names = users::names(c, rows.iter().map(|m| m.user_id))?;
    let rooms = rows
        .iter()
        .filter_map(|m| m.model_room_id)
        .chain(duty.values().flatten().copied())
        .collect::<Vec<_>>();
    let place = places(c, rooms)?;
    Ok(rows
        .into_iter()
        .map(|m| MemberView {
            id: m.id,
            branch: BranchRef {
                id: m.branch_id,
                name: branches.get(&m.branch_id).cloned().unwrap_or_default(),
            },
            person: names.person(m.user_id),
            standing: m.standing,
            joined_on: m.joined_on,
            ended_on: m.ended_on,
            model_room: m.model_room_id.map(&place),
            duty_rooms: duty
                .get(&m.id)
                .map(|r| r.iter().map(|id| place(*id)).collect())
                .unwrap_or_default(),
            version: m.version,
        })
        .collect())
}

pub fn entry_views(
    c: &mut DbConn,
    caller: UserId,
    me: &Position,
    rows: Vec<PointRow>,
) -> AppResult<Vec<PointEntryView>> {
    let mut branch_ids: Vec<BranchId> = rows.iter().map(|p| p.branch_id).collect();
    branch_ids.sort_unstable();
    branch_ids.dedup();
    let branches: HashMap<BranchId, BranchRow> = repo::by_ids(c, &branch_ids)?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let mut rule_ids: Vec<_> = rows.iter().map(|p| p.rule_id).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: HashMap<_, _> = rules::by_ids(c, &rule_ids)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let names = users::names(
        c,
        rows.iter()
            .flat_map(|p| [Some(p.user_id), p.proposer_id, p.approver_id])
            .flatten(),
    )?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let branch = branches.get(&p.branch_id);
            let over = branch.map(|b| me.over(b)).unwrap_or_default();
            let rule = rules.get(&p.rule_id);
            PointEntryView {
                id: p.id,
                person: names.person(p.user_id),
                branch: BranchRef {
                    id: p.branch_id,
                    name: branch.map(|b| b.name.clone()).unwrap_or_default(),
                },
                rule: RuleRef {
                    id: p.rule_id,
                    code: rule.map(|r| r.code.clone()).unwrap_or_default(),
                    category: p.category,
                    name_zh: rule.map(|r| r.name_zh.clone()).unwrap_or_default(),
                    name_en: rule.map(|r| r.name_en.clone()).unwrap_or_default(),
                },
                points: p.points,
                occurred_on: p.occurred_on,
                proposer: p.proposer_id.map(|id| names.person(id)),
                state: p.state,
                approver: p.approver_id.map(|id| names.person(id)),
                decided_at: p.decided_at.map(from_db),
                decision_note: p.decision_note,
                corrects: p.corrects_id,
                activity_id: p.activity_id,
                created_at: from_db(p.created_at),
                may_review: p.state == EntryState::Pending
                    && may_approve(caller, p.user_id, p.proposer_id, over),
                note: p.note,
            }
        })
        .collect())
}
