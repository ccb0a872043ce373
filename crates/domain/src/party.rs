//! Party-member points (任务2: 学生党员发展积分制，把社区积分作为党员发展的重要参考).
//!
//! The party organisation sits on the grid: a 社区党工委 on each community and
//! a 楼栋特设党支部 on each building, with its 党员服务站, its members'
//! 党员示范寝室 and 党员责任区 (rooms a member answers for). Each student
//! party member or activist has a points ledger: entries for 学习日
//! attendance, volunteer service, 责任区 duties and second-classroom
//! activities (these credited from attendance), each under a rule of the
//! table the party-affairs unit keeps, with who proposed it and who approved
//! it. The ledger is append-only: an entry's points never change, a
//! correction is a new entry that points at the one it corrects.

pub mod ledger;
pub mod wire;

#[cfg(test)]
mod tests;

use crate::grid::Level;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BranchKind {
    /// 社区党工委, on a community.
    Committee = "committee",
    /// 楼栋特设党支部, on a building.
    Building = "building",
}
}

impl BranchKind {
    /// The kind of branch a grid level holds; other levels hold none.
    pub fn for_level(level: Level) -> Option<BranchKind> {
        match level {
            Level::Community => Some(BranchKind::Committee),
            Level::Building => Some(BranchKind::Building),
            _ => None,
        }
    }
}

crate::string_enum! {
/// How far along a person is, from 入党积极分子 to 正式党员.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyStanding {
    /// 入党积极分子
    Activist = "activist",
    /// 发展对象
    Candidate = "candidate",
    /// 预备党员
    Probationary = "probationary",
    /// 正式党员
    Full = "full",
}
}

crate::string_enum! {
/// What a rule of the points table rewards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointCategory {
    /// 党员“学习日”
    StudyDay = "study_day",
    /// 志愿服务
    Volunteer = "volunteer",
    /// 党员责任区
    Duty = "duty",
    /// 第二课堂: credited from attendance, never proposed by hand.
    SecondClassroom = "second_classroom",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Proposed; waits for the branch secretary.
    Pending = "pending",
    /// Counts towards the totals.
    Approved = "approved",
    /// Not counted; the secretary's note says why.
    Rejected = "rejected",
}
}

impl EntryState {
    /// A decision is taken once; after it only a correction changes the sum.
    pub fn decided(self, approve: bool) -> Result<EntryState, EntryState> {
        match self {
            EntryState::Pending if approve => Ok(EntryState::Approved),
            EntryState::Pending => Ok(EntryState::Rejected),
            s => Err(s),
        }
    }

    pub fn counts(self) -> bool {
        self == EntryState::Approved
    }
}

pub const MAX_NAME_CHARS: usize = 60;
pub const MAX_STATION_CHARS: usize = 100;
pub const MAX_NOTE_CHARS: usize = 500;
/// Points a rule gives (or takes, when negative) at most.
pub const MAX_RULE_POINTS: i32 = 50;
/// What a corrected entry may be set to, either way.
pub const MAX_CORRECTED_POINTS: i32 = 500;
pub const MAX_DUTY_ROOMS: usize = 20;
/// An entry is proposed within this many days of what it records.
pub const PROPOSE_WITHIN_DAYS: i64 = 90;

/// Why an entry's date is refused, if it is: not after `today` (campus
/// time), not more than [`PROPOSE_WITHIN_DAYS`] before it.
pub fn date_refusal(on: NaiveDate, today: NaiveDate) -> Option<&'static str> {
    if on > today {
        Some("future")
    } else if on < today - Duration::days(PROPOSE_WITHIN_DAYS) {
        Some("too_old")
    } else {
        None
    }
}

/// The caller's place in the organisation over one entry or branch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Oversight {
    /// Secretary of the entry's branch.
    pub branch_secretary: bool,
    /// Secretary of the 党工委 of the branch's community.
    pub committee_secretary: bool,
    /// Staff of the party-affairs unit (or the student-work department), or an administrator.
    pub party_office: bool,
}

impl Oversight {
    /// Sees the branch's members and their ledgers.
    pub fn sees(self) -> bool {
        self.branch_secretary || self.committee_secretary || self.party_office
    }
}

/// Who approves an entry: the secretary of the member's branch, or of the
/// 党工委 above it — never for their own points nor for what they proposed
/// (a secretary's own proposals go to the 党工委's secretary).
pub fn may_approve(
    caller: crate::UserId,
    member: crate::UserId,
    proposer: Option<crate::UserId>,
    over: Oversight,
) -> bool {
    caller != member
        && proposer != Some(caller)
        && (over.branch_secretary || over.committee_secretary)
}

/// Who proposes an entry: the member themself (a volunteer service they
/// did), or those who oversee the branch.
pub fn may_propose(caller: crate::UserId, member: crate::UserId, over: Oversight) -> bool {
    caller == member || over.branch_secretary || over.committee_secretary
}

/// What attendance at an activity is worth under a per-hour rule.
pub fn credited(points_per_hour: i32, hours: i32, present: bool) -> i32 {
    if present {
        points_per_hour.saturating_mul(hours)
    } else {
        0
    }
}
