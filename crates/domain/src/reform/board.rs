//! The oversight board's arithmetic: how a set of assignments adds up.
//! The server gathers the facts in a few queries; the figures are made here.

use super::progress::{ReportStatus, ReviewState};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is known about one assignment when the board is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentFacts {
    /// The latest report, whatever its period.
    pub latest: Option<(ReportStatus, i32, ReviewState)>,
    pub due_on: Option<NaiveDate>,
    pub overdue_milestones: u32,
    /// Recorded silent for the last closed period, and still no report for it.
    pub silent: bool,
    pub reported_this_period: bool,
}

impl AssignmentFacts {
    /// Done means reported done and not sent back.
    pub fn done(&self) -> bool {
        matches!(self.latest, Some((ReportStatus::Done, _, s)) if s != ReviewState::Returned)
    }

    /// Past its own due date and not done.
    pub fn late(&self, today: NaiveDate) -> bool {
        self.due_on.is_some_and(|d| d < today) && !self.done()
    }

    pub fn percent(&self) -> i32 {
        self.latest.map_or(0, |(_, p, _)| p)
    }
}

/// How a task, a unit or the whole plan stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub assignments: u32,
    /// Mean of the latest reported percents; an assignment never reported counts 0.
    pub percent: u32,
    pub on_track: u32,
    pub at_risk: u32,
    pub blocked: u32,
    pub done: u32,
    pub never_reported: u32,
    /// Latest report sent back and not yet filed again.
    pub returned: u32,
    pub overdue_milestones: u32,
    /// Past the assignment's own due date and not done.
    pub late: u32,
    pub silent: u32,
    pub reported_this_period: u32,
}

/// One word for how something stands, worst first (and ordered so): what a task filter matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Blocked,
    AtRisk,
    NotStarted,
    OnTrack,
    Done,
}

impl Tally {
    pub fn of<'a>(items: impl IntoIterator<Item = &'a AssignmentFacts>, today: NaiveDate) -> Tally {
        let mut t = Tally::default();
        let mut percent_sum: u64 = 0;
        for a in items {
            t.assignments += 1;
            percent_sum += u64::try_from(a.percent().clamp(0, 100)).unwrap_or(0);
            match a.latest {
                None => t.never_reported += 1,
                Some((_, _, ReviewState::Returned)) => t.returned += 1,
                Some((ReportStatus::OnTrack, ..)) => t.on_track += 1,
                Some((ReportStatus::AtRisk, ..)) => t.at_risk += 1,
                Some((ReportStatus::Blocked, ..)) => t.blocked += 1,
                Some((ReportStatus::Done, ..)) => t.done += 1,
            }
            t.overdue_milestones += a.overdue_milestones;
            t.late += u32::from(a.late(today));
            t.silent += u32::from(a.silent);
            t.reported_this_period += u32::from(a.reported_this_period);
        }
        if t.assignments > 0 {
            // Rounded half up, in whole numbers.
            let n = u64::from(t.assignments);
            t.percent = u32::try_from((percent_sum * 2 + n) / (2 * n)).unwrap_or(100);
        }
        t
    }

    pub fn standing(&self) -> Standing {
        if self.assignments > 0 && self.done == self.assignments {
            Standing::Done
        } else if self.blocked > 0 {
            Standing::Blocked
        } else if self.at_risk > 0 || self.returned > 0 {
            Standing::AtRisk
        } else if self.never_reported == self.assignments {
            Standing::NotStarted
        } else {
            Standing::OnTrack
        }
    }

    /// Something is past a date: a milestone or the assignment itself.
    pub fn overdue(&self) -> bool {
        self.overdue_milestones > 0 || self.late > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportStatus::*;
    use ReviewState::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts(latest: Option<(ReportStatus, i32, ReviewState)>) -> AssignmentFacts {
        AssignmentFacts {
            latest,
            due_on: None,
            overdue_milestones: 0,
            silent: false,
            reported_this_period: false,
        }
    }

    #[test]
    fn a_hand_built_task_adds_up() {
        let today = d(2026, 11, 26);
        let items = [
            facts(Some((Done, 100, Accepted))),
            AssignmentFacts {
                due_on: Some(d(2026, 11, 1)),
                overdue_milestones: 2,
                ..facts(Some((AtRisk, 35, Pending)))
            },
            AssignmentFacts {
                silent: true,
                ..facts(None)
            },
            AssignmentFacts {
                reported_this_period: true,
                ..facts(Some((Done, 100, Returned)))
            },
        ];
        let t = Tally::of(&items, today);
        assert_eq!(t.assignments, 4);
        assert_eq!(t.percent, 59, "(100 + 35 + 0 + 100) / 4 = 58.75");
        assert_eq!(
            (t.done, t.at_risk, t.never_reported, t.returned),
            (1, 1, 1, 1)
        );
        assert_eq!((t.overdue_milestones, t.late, t.silent), (2, 1, 1));
        assert_eq!(t.reported_this_period, 1);
        assert_eq!(t.standing(), Standing::AtRisk);
        assert!(t.overdue());
        assert!(!items[3].done(), "a returned 'done' is not done");
    }

    #[test]
    fn standing_is_the_worst_news() {
        let today = d(2026, 11, 26);
        let t = |xs: &[AssignmentFacts]| Tally::of(xs, today).standing();
        assert_eq!(t(&[]), Standing::NotStarted);
        assert_eq!(t(&[facts(None)]), Standing::NotStarted);
        assert_eq!(
            t(&[facts(None), facts(Some((OnTrack, 10, Pending)))]),
            Standing::OnTrack
        );
        assert_eq!(
            t(&[
                facts(Some((Blocked, 10, Pending))),
                facts(Some((AtRisk, 10, Pending)))
            ]),
            Standing::Blocked
        );
        assert_eq!(t(&[facts(Some((Done, 100, Pending)))]), Standing::Done);
    }
}
