//! Contact visits (任务5): who must visit the community, how often, what
//! counts, and the arithmetic of who is behind.
//!
//! A school leader (校领导) is linked to one community and must visit it;
//! the head of a department or college (机关部处、二级学院负责人) must work in
//! the community, in any of its parts. A rule says, for one kind of duty, how
//! many visits of which kinds a period asks for; rules change by adding a new
//! one effective from a date, and a period is judged by the rule in force on
//! its first day, so the past is never judged again by a newer rule.

use super::period::{CampusPeriod, Per};
use crate::ids::{NodeId, UserId};
use crate::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::string_enum! {
/// What a visit was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// 走访寝室
    DormVisit = "dorm_visit",
    /// 参与主题活动
    ThemeActivity = "theme_activity",
    /// 开展工作
    FieldWork = "field_work",
    /// 座谈
    Forum = "forum",
}
}

crate::string_enum! {
/// Why a person must visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DutyKind {
    /// 校领导, linked to one community (所联系社区); visits there count.
    SchoolLeader = "school_leader",
    /// 机关部处、二级学院负责人: visits anywhere in the community area count.
    UnitHead = "unit_head",
}
}

/// The most visits a rule may ask for in one period.
pub const MAX_MINIMUM: i32 = 31;

/// One version of a rule, as the standing arithmetic needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub duty: DutyKind,
    pub per: Per,
    pub minimum: i32,
    pub counts: Vec<VisitKind>,
    pub effective_from: NaiveDate,
}

/// The rule for `duty` in force on `day`: the latest one effective by then.
pub fn in_force(rules: &[Rule], duty: DutyKind, day: NaiveDate) -> Option<&Rule> {
    rules
        .iter()
        .filter(|r| r.duty == duty && r.effective_from <= day)
        .max_by_key(|r| r.effective_from)
}

/// Check a new rule: at least one kind, no kind twice, a minimum of 1 to
/// [`MAX_MINIMUM`], effective from today or later (the past stays as it was judged).
pub fn check_rule(
    minimum: i32,
    counts: &[VisitKind],
    effective_from: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    if !(1..=MAX_MINIMUM).contains(&minimum) {
        errs.push(FieldError::new(
            "minimum",
            "range",
            format!("a rule asks for 1 to {MAX_MINIMUM} visits"),
        ));
    }
    let mut seen = counts.to_vec();
    seen.sort();
    seen.dedup();
    if counts.is_empty() {
        errs.push(FieldError::new(
            "counts",
            "items",
            "name at least one kind of visit that counts",
        ));
    } else if seen.len() != counts.len() {
        errs.push(FieldError::new(
            "counts",
            "duplicate",
            "name each kind of visit once",
        ));
    }
    if effective_from < today {
        errs.push(FieldError::new(
            "effective_from",
            "past",
            "a rule takes effect today or later; periods already judged keep their rule",
        ));
    }
    errs.finish(|| Some(()))
}

/// A person's duty over days (the end inclusive; none: open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub person: UserId,
    pub kind: DutyKind,
    /// The linked community of a school leader.
    pub community: Option<NodeId>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl Duty {
    /// Held on some day of the period.
    pub fn during(&self, p: CampusPeriod) -> bool {
        self.starts_on <= p.last_day() && self.ends_on.is_none_or(|e| e >= p.first_day())
    }
}

/// A visit as the arithmetic sees it: everyone who went, the campus date,
/// what it was and the community it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visited {
    pub people: Vec<UserId>,
    pub day: NaiveDate,
    pub kind: VisitKind,
    pub community: NodeId,
}

/// Where one duty stands in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub period: CampusPeriod,
    pub visits: i32,
    pub minimum: i32,
    /// How many visits are still missing (0 when met).
    pub shortfall: i32,
}

impl Standing {
    pub fn met(&self) -> bool {
        self.shortfall == 0
    }
}

/// The standing of `duty` in the period of its rule that contains `on`.
/// None when no rule was in force on that period's first day, or the duty
/// was not held during it. A visit counts for the visitor and for every
/// companion (they were there), once per visit.
pub fn standing(
    duty: &Duty,
    rules: &[Rule],
    visits: &[Visited],
    on: NaiveDate,
) -> Option<Standing> {
    // The period's kind comes from the rule, which is chosen by the period's
    // first day: take the rule in force on `on`, then confirm it was in force
    // on the first day of its period (or fall back to the one that was).
    let probe = in_force(rules, duty.kind, on)?;
    let period = CampusPeriod::containing(probe.per, on);
    let rule = in_force(rules, duty.kind, period.first_day())?;
    let period = CampusPeriod::containing(rule.per, on);
    if !duty.during(period) {
        return None;
    }
    let n = visits
        .iter()
        .filter(|v| {
            v.people.contains(&duty.person)
                && period.contains(v.day)
                && rule.counts.contains(&v.kind)
                && duty.community.is_none_or(|c| c == v.community)
        })
        .count();
    let n = i32::try_from(n).unwrap_or(i32::MAX);
    Some(Standing {
        period,
        visits: n,
        minimum: rule.minimum,
        shortfall: (rule.minimum - n).max(0),
    })
}

/// A group's tally (a unit, a community): how many duties, met, behind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub bound: i32,
    pub met: i32,
    pub behind: i32,
    pub shortfall: i32,
}

impl Tally {
    pub fn add(&mut self, s: &Standing) {
        self.bound += 1;
        if s.met() {
            self.met += 1;
        } else {
            self.behind += 1;
            self.shortfall += s.shortfall;
        }
    }
}

/// Reminders go out this many days before a period ends.
pub const REMIND_DAYS_BEFORE_END: i64 = 7;

/// Whether a person behind in `s` is reminded on `today`: in the last week of the period.
pub fn remind(s: &Standing, today: NaiveDate) -> bool {
    !s.met()
        && s.period.contains(today)
        && s.period.last_day() - today < Duration::days(REMIND_DAYS_BEFORE_END)
}

/// Limits of a visit record.
pub const MAX_COMPANIONS: usize = 20;
pub const MAX_PROBLEMS: usize = 20;
pub const MAX_NOTE_CHARS: usize = 2000;
pub const MAX_PROBLEM_CHARS: usize = 1000;
pub const MAX_STUDENTS_MET: i32 = 10_000;
/// How far back a visit may be recorded: a term's worth, so a late record still counts.
pub const RECORD_WITHIN_DAYS: i64 = 200;

/// At most this many photos on one visit.
pub const MAX_PHOTOS: i64 = 10;

/// Who adds photos to a visit: those who were there (the visitor and their
/// companions), whoever recorded it, and administrators.
pub fn may_add_photos(
    me: UserId,
    visitor: UserId,
    recorded_by: UserId,
    came_along: bool,
    roles: &crate::Roles,
) -> bool {
    me == visitor || me == recorded_by || came_along || roles.contains(crate::Role::Admin)
}

/// A visit keeps pictures, not documents: of what the upload store accepts,
/// only the image types.
pub fn is_photo(content_type: &str) -> bool {
    content_type.starts_with("image/")
}

/// The rules of a visit record the document cannot state: not in the
/// future, not older than [`RECORD_WITHIN_DAYS`], companions other than the
/// visitor and each named once.
pub fn check_visit(
    visitor: UserId,
    companions: &[UserId],
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::new();
    // A few minutes' grace for a clock that runs ahead.
    if at > now + Duration::minutes(5) {
        errs.push(FieldError::new(
            "at",
            "future",
            "a visit is recorded once it has happened",
        ));
    } else if at < now - Duration::days(RECORD_WITHIN_DAYS) {
        errs.push(FieldError::new(
            "at",
            "too_old",
            format!("record a visit within {RECORD_WITHIN_DAYS} days of it"),
        ));
    }
    let mut seen = companions.to_vec();
    seen.sort();
    seen.dedup();
    if seen.len() != companions.len() || companions.contains(&visitor) {
        errs.push(FieldError::new(
            "companions",
            "duplicate",
            "name each companion once, and not the visitor",
        ));
    }
    errs.finish(|| Some(()))
}

#[cfg(test)]
mod tests;
