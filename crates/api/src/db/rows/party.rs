//! Rows of the party organisation and its points ledger.

use crate::db::schema::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use onestop_domain::party::{BranchKind, EntryState, PartyStanding, PointCategory};
use onestop_domain::{ActivityId, BranchId, MemberId, NodeId, PointEntryId, PointRuleId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = party_branches)]
pub struct BranchRow {
    pub id: BranchId,
    pub kind: BranchKind,
    pub node_id: NodeId,
    pub community_id: NodeId,
    pub name: String,
    pub secretary_id: Option<UserId>,
    pub station: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = party_members)]
pub struct MemberRow {
    pub id: MemberId,
    pub branch_id: BranchId,
    pub user_id: UserId,
    pub standing: PartyStanding,
    pub joined_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub model_room_id: Option<NodeId>,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = party_rules)]
pub struct RuleRow {
    pub id: PointRuleId,
    pub code: String,
    pub category: PointCategory,
    pub name_zh: String,
    pub name_en: String,
    pub points: i32,
    pub active: bool,
    pub version: i32,
    pub updated_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = party_points)]
pub struct PointRow {
    pub id: PointEntryId,
    pub user_id: UserId,
    pub branch_id: BranchId,
    pub rule_id: PointRuleId,
    pub category: PointCategory,
    pub points: i32,
    pub occurred_on: NaiveDate,
    pub note: String,
    pub proposer_id: Option<UserId>,
    pub state: EntryState,
    pub approver_id: Option<UserId>,
    pub decided_at: Option<NaiveDateTime>,
    pub decision_note: String,
    pub corrects_id: Option<PointEntryId>,
    pub activity_id: Option<ActivityId>,
    pub created_at: NaiveDateTime,
}
