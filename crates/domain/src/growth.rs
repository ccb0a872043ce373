//! Student growth (任务2、7、9): second-classroom activities (第二课堂) and the
//! transcript they fill, checked in with a code that cannot be used from the
//! dormitory.
//!
//! An activity is proposed by a unit (or a student organisation under it),
//! approved by 团委 or the organiser's college against the quality standard,
//! and signed up for by students until it starts; places freed go to the
//! waiting list in order. While it runs, the organiser's phone shows a code
//! that changes every 30 seconds ([`code`]); a student who enters it is
//! present, once, and the activity's hours go to their transcript.

pub mod code;
pub mod summary;
pub mod transcript;
pub mod wire;

#[cfg(test)]
mod tests;

use crate::role::{Role, Roles};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
/// 五育: the five kinds of education an activity counts towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 德育
    Moral = "moral",
    /// 智育
    Intellectual = "intellectual",
    /// 体育
    Physical = "physical",
    /// 美育
    Aesthetic = "aesthetic",
    /// 劳育
    Labour = "labour",
}
}

crate::string_enum! {
/// Who the activity is run for, as the quality standard grades it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityLevel {
    /// 校级
    School = "school",
    /// 院级
    College = "college",
    /// 社区级
    Community = "community",
    /// 楼栋级
    Building = "building",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityState {
    /// Waiting for 团委 or the college to review it.
    Proposed = "proposed",
    /// Open for sign-up until it starts.
    Approved = "approved",
    /// Sent back with a reason; propose it anew.
    Rejected = "rejected",
    Cancelled = "cancelled",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupState {
    /// Has a place.
    Placed = "placed",
    /// On the waiting list, in the order of signing up.
    Waiting = "waiting",
    Withdrawn = "withdrawn",
}
}

crate::string_enum! {
/// How a student came to be recorded present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Entered the rotating code while the activity ran.
    Code = "code",
    /// Added by the organiser, with a reason.
    Organiser = "organiser",
    /// Removed by the organiser, with a reason: no hours.
    Removed = "removed",
}
}

pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_ORGANISATION_CHARS: usize = 60;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_CAPACITY: i32 = 2000;
/// 学时 an activity may credit.
pub const MAX_HOURS: i32 = 40;
/// An activity lasts at most this long (one day's event; a series is several).
pub const MAX_LENGTH_HOURS: i64 = 12;

crate::string_enum! {
/// A point of the quality standard (任务7: 第二课堂质量标准) that a reviewer
/// confirms before approving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standard {
    /// 育人目标明确，导向正确
    Aim = "aim",
    /// 内容与所选五育类别相符
    Content = "content",
    /// 有安全预案与负责人
    Safety = "safety",
    /// 场地与人数相符
    Place = "place",
    /// 学时认定合理
    Hours = "hours",
}
}

impl Standard {
    /// The point in the standard's words.
    pub fn text_zh(self) -> &'static str {
        match self {
            Standard::Aim => "育人目标明确，导向正确",
            Standard::Content => "内容与所选五育类别相符",
            Standard::Safety => "有安全预案与负责人",
            Standard::Place => "场地与人数相符",
            Standard::Hours => "学时认定合理",
        }
    }
}

/// What a reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Approve,
    Reject,
}

/// Why a step is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not in a state that allows it.
    State(ActivityState),
    /// Approval needs every point of the standard confirmed; these are not.
    Unconfirmed(Vec<Standard>),
}

impl ActivityState {
    /// The review of a proposal: approval only with every point of the
    /// standard confirmed (`confirmed` holds the codes).
    pub fn reviewed(self, review: Review, confirmed: &[Standard]) -> Result<Self, Refusal> {
        if self != ActivityState::Proposed {
            return Err(Refusal::State(self));
        }
        match review {
            Review::Reject => Ok(ActivityState::Rejected),
            Review::Approve => {
                let missing: Vec<_> = Standard::ALL
                    .into_iter()
                    .filter(|c| !confirmed.contains(c))
                    .collect();
                if missing.is_empty() {
                    Ok(ActivityState::Approved)
                } else {
                    Err(Refusal::Unconfirmed(missing))
                }
            }
        }
    }

    /// Cancelled by its organiser or a reviewer, before it starts.
    pub fn cancelled(self) -> Result<Self, Refusal> {
        match self {
            ActivityState::Proposed | ActivityState::Approved => Ok(ActivityState::Cancelled),
            s => Err(Refusal::State(s)),
        }
    }
}

/// Who reviews a proposal: administrators, the staff of 团委 (task 7's
/// lead), and the staff of the organiser's own college.
pub fn may_review(roles: &Roles, of_youth_league: bool, of_organising_college: bool) -> bool {
    roles.contains(Role::Admin) || (roles.is_staff() && (of_youth_league || of_organising_college))
}

/// Who proposes: staff, in their unit's name (a student organisation names
/// itself under it).
pub fn may_propose(roles: &Roles) -> bool {
    roles.is_staff()
}

/// Students sign up while it is approved and has not started.
pub fn open_for_signup(state: ActivityState, starts: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state == ActivityState::Approved && now < starts
}

/// Whether the activity is running: the only time its code is taken.
pub fn running(starts: DateTime<Utc>, ends: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    starts <= now && now <= ends
}

/// The organiser corrects attendance from the start until a week after the end.
pub const CORRECT_WITHIN_DAYS: i64 = 7;

pub fn may_correct(starts: DateTime<Utc>, ends: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    starts <= now && now <= ends + Duration::days(CORRECT_WITHIN_DAYS)
}

/// A new sign-up: a place while fewer than `capacity` hold one, else the waiting list.
pub fn signup_state(placed: i64, capacity: i32) -> SignupState {
    if placed < i64::from(capacity) {
        SignupState::Placed
    } else {
        SignupState::Waiting
    }
}
