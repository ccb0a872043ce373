//! What the party endpoints take and answer.

use super::ledger::{CategoryPoints, LedgerTotals};
use super::{
    BranchKind, EntryState, PartyStanding, PointCategory, MAX_CORRECTED_POINTS, MAX_DUTY_ROOMS,
    MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_RULE_POINTS, MAX_STATION_CHARS,
};
use crate::community::wire::{text, PlaceRef};
use crate::grid::wire::PersonRef;
use crate::ids::{ActivityId, BranchId, MemberId, NodeId, PointEntryId, PointRuleId, UserId};
use crate::{FieldError, ValidationErrors};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A rule of the points table (积分细则).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointRuleView {
    pub id: PointRuleId,
    /// Stable code, e.g. `study-day`.
    pub code: String,
    pub category: PointCategory,
    pub name_zh: String,
    pub name_en: String,
    /// Points an entry under it gives (negative: takes); per 学时 when `per_hour`.
    pub points: i32,
    /// Credited per 学时 of a second-classroom activity attended (the second-classroom rules).
    pub per_hour: bool,
    /// Retired rules stay for the entries made under them; new entries need an active rule.
    pub active: bool,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePointRuleRequest {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[a-z][a-z0-9-]{1,39}$"))]
    pub code: String,
    pub category: PointCategory,
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name_zh: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub name_en: String,
    /// Not zero; per 学时 for a second-classroom rule.
    #[cfg_attr(feature = "openapi", schema(minimum = -50, maximum = 50))]
    pub points: i32,
}

fn rule_fields(errs: &mut ValidationErrors, name_zh: &str, name_en: &str, points: i32) {
    text(errs, "name_zh", name_zh, MAX_NAME_CHARS, false);
    text(errs, "name_en", name_en, MAX_NAME_CHARS, true);
    if points.abs() > MAX_RULE_POINTS {
        errs.push(FieldError::new(
            "points",
            "range",
            format!("-{MAX_RULE_POINTS} to {MAX_RULE_POINTS}"),
        ));
    } else if points == 0 {
        errs.push(FieldError::new(
            "points",
            "zero",
            "a rule gives or takes points: not 0",
        ));
    }
}

impl CreatePointRuleRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        let c = &self.code;
        let ok = (2..=40).contains(&c.len())
            && c.starts_with(|ch: char| ch.is_ascii_lowercase())
            && c.chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !ok {
            errs.push(FieldError::new(
                "code",
                "pattern",
                "2 to 40 lower-case letters, digits and hyphens, starting with a letter",
            ));
        }
        rule_fields(&mut errs, &self.name_zh, &self.name_en, self.points);
        errs.finish(|| Some(()))
    }
}

/// The rule's editable parts, all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePointRuleRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name_zh: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub name_en: String,
    /// Not zero. Entries already made keep their points.
    #[cfg_attr(feature = "openapi", schema(minimum = -50, maximum = 50))]
    pub points: i32,
    pub active: bool,
    /// The version read; a stale one is a 409.
    pub version: i32,
}

impl UpdatePointRuleRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        rule_fields(&mut errs, &self.name_zh, &self.name_en, self.points);
        errs.finish(|| Some(()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BranchRef {
    pub id: BranchId,
    pub name: String,
}

/// A party organisation on the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BranchView {
    pub id: BranchId,
    pub kind: BranchKind,
    /// Its community or building.
    pub place: PlaceRef,
    pub name: String,
    pub secretary: Option<PersonRef>,
    /// Where its 党员服务站 is, in words (blank: none yet).
    pub station: String,
    /// The 党工委 over a building's branch.
    pub committee: Option<BranchRef>,
    /// Current members.
    pub members: i32,
    /// Whether the caller sees its members and their ledgers.
    pub oversees: bool,
    pub version: i32,
}

/// A membership, current or ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub id: MemberId,
    pub branch: BranchRef,
    pub person: PersonRef,
    pub standing: PartyStanding,
    pub joined_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// The member's room, when it is a 党员示范寝室.
    pub model_room: Option<PlaceRef>,
    /// The rooms of the member's 党员责任区.
    pub duty_rooms: Vec<PlaceRef>,
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BranchDetail {
    pub branch: BranchView,
    /// Current members, by name; only for those who oversee the branch.
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateBranchRequest {
    /// A community (for its 党工委) or a building (for its 特设党支部).
    pub node_id: NodeId,
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub station: String,
}

impl CreateBranchRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "name", &self.name, MAX_NAME_CHARS, false);
        text(&mut errs, "station", &self.station, MAX_STATION_CHARS, true);
        errs.finish(|| Some(()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateBranchRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 60, pattern = r"\S"))]
    pub name: String,
    /// A current member of the branch; none to leave the post open.
    #[serde(default)]
    pub secretary_id: Option<UserId>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub station: String,
    pub version: i32,
}

impl UpdateBranchRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "name", &self.name, MAX_NAME_CHARS, false);
        text(&mut errs, "station", &self.station, MAX_STATION_CHARS, true);
        errs.finish(|| Some(()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddMemberRequest {
    /// Anyone not a member of a branch now.
    pub user_id: UserId,
    pub standing: PartyStanding,
    /// Not after today.
    pub joined_on: NaiveDate,
}

/// A membership's editable parts, all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    pub standing: PartyStanding,
    /// The member's own room, to mark it a 党员示范寝室; none to unmark.
    #[serde(default)]
    pub model_room_id: Option<NodeId>,
    /// Rooms of the branch's building the member answers for, at most 20, each once.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub duty_room_ids: Vec<NodeId>,
    /// Ends the membership (moved away, graduated); not before it began, not after today.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    pub version: i32,
}

impl UpdateMemberRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        if self.duty_room_ids.len() > MAX_DUTY_ROOMS {
            errs.push(FieldError::new(
                "duty_room_ids",
                "max_items",
                format!("at most {MAX_DUTY_ROOMS} rooms"),
            ));
        }
        let mut ids = self.duty_room_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != self.duty_room_ids.len() {
            errs.push(FieldError::new(
                "duty_room_ids",
                "duplicate",
                "each room once",
            ));
        }
        errs.finish(|| Some(()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleRef {
    pub id: PointRuleId,
    pub code: String,
    pub category: PointCategory,
    pub name_zh: String,
    pub name_en: String,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PointEntryView {
    pub id: PointEntryId,
    pub person: PersonRef,
    pub branch: BranchRef,
    pub rule: RuleRef,
    /// What it adds to the total once approved (a correction: the difference it makes).
    pub points: i32,
    /// The day of what it records (campus date).
    pub occurred_on: NaiveDate,
    pub note: String,
    /// None: credited from second-classroom attendance.
    pub proposer: Option<PersonRef>,
    pub state: EntryState,
    /// None while pending, and for credits from attendance.
    pub approver: Option<PersonRef>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
    /// The entry this one corrects.
    pub corrects: Option<PointEntryId>,
    /// The activity whose attendance it credits.
    pub activity_id: Option<ActivityId>,
    pub created_at: DateTime<Utc>,
    /// Whether the caller may approve or reject it now.
    pub may_review: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProposePointsRequest {
    /// A current member of a branch: yourself, or a member of a branch you are secretary of.
    pub user_id: UserId,
    /// An active rule, not a second-classroom one (those come from attendance).
    pub rule_id: PointRuleId,
    /// Not after today, at most 90 days ago (campus time).
    pub occurred_on: NaiveDate,
    /// What was done: the 学习日's theme, the service and its hours.
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub note: String,
}

impl ProposePointsRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, false);
        errs.finish(|| Some(()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewPointsRequest {
    pub approve: bool,
    /// Required when rejecting.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: String,
}

impl ReviewPointsRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, true);
        if !self.approve && self.note.trim().is_empty() {
            errs.push(FieldError::new(
                "note",
                "reason_required",
                "say why the points are not given",
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// A correction: what the entry (with its corrections so far) should come to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CorrectPointsRequest {
    /// The right amount (0 voids the entry); the new entry holds the difference.
    #[cfg_attr(feature = "openapi", schema(minimum = -500, maximum = 500))]
    pub points: i32,
    #[cfg_attr(feature = "openapi", schema(max_length = 500, pattern = r"\S"))]
    pub note: String,
}

impl CorrectPointsRequest {
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut errs = ValidationErrors::new();
        text(&mut errs, "note", &self.note, MAX_NOTE_CHARS, false);
        if self.points.abs() > MAX_CORRECTED_POINTS {
            errs.push(FieldError::new(
                "points",
                "range",
                format!("-{MAX_CORRECTED_POINTS} to {MAX_CORRECTED_POINTS}"),
            ));
        }
        errs.finish(|| Some(()))
    }
}

/// One person's ledger in an academic year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerView {
    pub person: PersonRef,
    /// The current membership, if any.
    pub membership: Option<MemberView>,
    /// The academic year: August of this year to July of the next.
    pub year: i32,
    /// Newest first.
    pub entries: Vec<PointEntryView>,
    pub totals: LedgerTotals,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberStanding {
    pub member: MemberView,
    pub approved: i32,
    pub pending: i32,
    pub by_category: Vec<CategoryPoints>,
}

/// A branch's members and their points in an academic year, most points first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StandingsView {
    pub branch: BranchView,
    pub year: i32,
    pub members: Vec<MemberStanding>,
}
