//! 思政课堂 sessions in the community (任务6): 我与校长有约, 书记面对面,
//! readings, competitions, entrepreneurship, and the office hours of the
//! teachers stationed there.
//!
//! Students apply with the question they want to raise. When more apply than
//! there are places, a draw decides: its seed is fixed (and its SHA-256
//! published) when the session is created, and revealed with the result, so
//! anyone can check the seed was not chosen after the fact and re-run the
//! draw from the published list. Students who lost earlier draws weigh more.

use crate::role::{Role, Roles};
use crate::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

crate::string_enum! {
/// What kind of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TalkKind {
    /// 我与校长有约
    PrincipalMeeting = "principal_meeting",
    /// 书记面对面
    SecretaryMeeting = "secretary_meeting",
    /// 读书分享
    Reading = "reading",
    /// 学科竞赛
    Competition = "competition",
    /// 创新创业
    Entrepreneurship = "entrepreneurship",
    /// 驻社区值班答疑: counsellors, teachers and experts stationed in the community.
    OfficeHours = "office_hours",
}
}

crate::string_enum! {
/// Who hosts, as the plan names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HostRole {
    /// 校领导
    SchoolLeader = "school_leader",
    /// 辅导员
    Counsellor = "counsellor",
    /// 思政课教师
    IdeologyTeacher = "ideology_teacher",
    /// 专业课教师
    SubjectTeacher = "subject_teacher",
    /// 学业导师
    AcademicTutor = "academic_tutor",
    /// 班主任
    ClassAdviser = "class_adviser",
    /// 校外专家
    Expert = "expert",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TalkState {
    /// Taking applications until the deadline.
    Open = "open",
    /// The places are given; a freed place goes to the next on the waiting list.
    Drawn = "drawn",
    Cancelled = "cancelled",
}
}

crate::string_enum! {
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Waiting for the draw.
    Applied = "applied",
    /// Has a place.
    Placed = "placed",
    /// On the waiting list, in the order of the draw.
    Waiting = "waiting",
    Withdrawn = "withdrawn",
}
}

pub const MAX_TOPIC_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 1000;
pub const MAX_QUESTION_CHARS: usize = 500;
pub const MAX_FEEDBACK_CHARS: usize = 500;
pub const MAX_HOSTS: usize = 5;
pub const MAX_PLACES: i32 = 500;
/// A student's weight in a draw: one, and one more for each draw lost since
/// their last place, up to this.
pub const MAX_WEIGHT: u32 = 4;

/// The deadline for applications lies ahead and no later than the start.
pub fn check_deadline(
    apply_by: DateTime<Utc>,
    starts: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::default();
    if apply_by <= now {
        errs.push(FieldError::new(
            "apply_by",
            "past",
            "the deadline for applications lies ahead",
        ));
    } else if apply_by > starts {
        errs.push(FieldError::new(
            "apply_by",
            "after_start",
            "applications close before the session starts",
        ));
    }
    errs.finish(|| Some(()))
}

/// Whether a student of `unit` living in `building` may apply: a session is
/// open to all students, to one college's or to one building's.
pub fn open_to(
    audience_unit: Option<crate::UnitId>,
    audience_building: Option<crate::NodeId>,
    unit: Option<crate::UnitId>,
    building: Option<crate::NodeId>,
) -> bool {
    match (audience_unit, audience_building) {
        (None, None) => true,
        (Some(u), _) => unit == Some(u),
        (None, Some(b)) => building == Some(b),
    }
}

/// Who runs a session (the draw, attendance, cancelling, follow-ups): its
/// hosts, administrators, and the community office of its place.
pub fn runs(is_host: bool, keeps_place: bool, roles: &Roles) -> bool {
    is_host || keeps_place || roles.contains(Role::Admin)
}

/// Why an application or a session cannot move as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Withdrawn already, or the session has begun.
    NotWithdrawable,
    /// The session has not started yet: no attendance or feedback.
    NotStarted,
    /// Only who attended gives feedback.
    NotAttended,
}

/// A student withdraws before the session starts.
pub fn withdraw(
    state: ApplicationState,
    starts: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<ApplicationState, Refusal> {
    if state != ApplicationState::Withdrawn && now < starts {
        Ok(ApplicationState::Withdrawn)
    } else {
        Err(Refusal::NotWithdrawable)
    }
}

/// Feedback comes from a student who attended, once the session has begun.
pub fn may_give_feedback(
    attended: Option<bool>,
    starts: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if now < starts {
        Err(Refusal::NotStarted)
    } else if attended != Some(true) {
        Err(Refusal::NotAttended)
    } else {
        Ok(())
    }
}

/// The weight of a student in a draw, from their earlier draws in the order
/// they were drawn (`true`: given a place then): one plus the draws lost
/// since the last place, at most [`MAX_WEIGHT`].
pub fn weight(history: &[bool]) -> u32 {
    let lost = history.iter().rev().take_while(|won| !**won).count();
    1 + u32::try_from(lost).unwrap_or(u32::MAX).min(MAX_WEIGHT - 1)
}

/// The SHA-256 of a seed, in lowercase hex: published before the draw.
pub fn commitment(seed: &str) -> String {
    hex(&Sha256::digest(seed.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One applicant in a draw: the application's id and the weight it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entrant {
    pub id: String,
    pub weight: u32,
}

/// How the draw works, in words anyone can re-run it from.
pub const METHOD: &str = "Sort the entrants by application id. For round r = 0, 1, …: \
take the first 8 bytes of SHA-256(seed + \":\" + r) as a big-endian unsigned number x, \
let t = x mod (the sum of the weights of the entrants not yet drawn), and walk those \
entrants in order, subtracting each weight from t until t is smaller than a weight: \
that entrant is drawn r + 1th. The first `places` drawn have a place; the rest wait in \
the order drawn.";

/// The order of the draw: the entrants' ids, first drawn first. The same
/// seed and entrants give the same order whatever order they come in.
pub fn draw(seed: &str, entrants: &[Entrant]) -> Vec<String> {
    let mut left: Vec<&Entrant> = entrants.iter().filter(|e| e.weight > 0).collect();
    left.sort_by(|a, b| a.id.cmp(&b.id));
    let mut order = Vec::with_capacity(left.len());
    let mut round: u64 = 0;
    while !left.is_empty() {
        let digest = Sha256::digest(format!("{seed}:{round}").as_bytes());
        let mut head = [0u8; 8];
        head.copy_from_slice(&digest[..8]);
        let total: u64 = left.iter().map(|e| u64::from(e.weight)).sum();
        let mut t = u64::from_be_bytes(head) % total;
        let mut at = 0;
        for (i, e) in left.iter().enumerate() {
            let w = u64::from(e.weight);
            if t < w {
                at = i;
                break;
            }
            t -= w;
        }
        order.push(left.remove(at).id.clone());
        round += 1;
    }
    order
}

pub mod wire;

#[cfg(test)]
mod tests;
