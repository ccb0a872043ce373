//! A unit's to-do: which of the things recorded against it still want action.
//! A silent month is answered by a report for that month; a report sent back
//! or commented on, by a newer report; an overdue milestone, by doing it.
//! "Newer" compares report ids: they are UUIDv7, in the order reports were filed.

use super::wire::ReformEventKind;
use crate::ReportId;

/// What has happened on an assignment since, as far as its to-do cares.
#[derive(Debug, Clone, Default)]
pub struct Since<'a> {
    /// (period, id) of every report on the assignment.
    pub reports: &'a [(String, ReportId)],
    /// For a milestone item: whether the milestone is done; None when it was removed.
    pub milestone_done: Option<bool>,
}

/// Whether an item (for `period`, about `report`, if any) still wants action.
pub fn still_open(
    kind: ReformEventKind,
    period: Option<&str>,
    report: Option<ReportId>,
    since: &Since<'_>,
) -> bool {
    match kind {
        ReformEventKind::Silent => {
            period.is_some_and(|p| !since.reports.iter().any(|(rp, _)| rp == p))
        }
        ReformEventKind::ReportReturned | ReformEventKind::ReportCommented => {
            report.is_none_or(|r| !since.reports.iter().any(|(_, id)| *id > r))
        }
        ReformEventKind::MilestoneOverdue => since.milestone_done == Some(false),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_closes_by_its_own_answer() {
        let (first, second, third) = (ReportId::new(), ReportId::new(), ReportId::new());
        let reports = vec![
            ("2026-09".to_owned(), first),
            ("2026-10".to_owned(), second),
        ];
        let since = Since {
            reports: &reports,
            milestone_done: None,
        };
        use ReformEventKind::*;
        assert!(
            !still_open(Silent, Some("2026-10"), None, &since),
            "reported late"
        );
        assert!(still_open(Silent, Some("2026-08"), None, &since));
        assert!(
            !still_open(ReportReturned, None, Some(first), &since),
            "refiled after"
        );
        assert!(still_open(ReportReturned, None, Some(second), &since));
        assert!(still_open(ReportCommented, None, Some(second), &since));
        assert!(!still_open(ReportCommented, None, Some(first), &since));
        assert!(still_open(
            ReportReturned,
            None,
            Some(third),
            &Since::default()
        ));
        let open = Since {
            reports: &[],
            milestone_done: Some(false),
        };
        assert!(still_open(MilestoneOverdue, None, None, &open));
        let done = Since {
            milestone_done: Some(true),
            ..open.clone()
        };
        assert!(!still_open(MilestoneOverdue, None, None, &done));
        assert!(
            !still_open(MilestoneOverdue, None, None, &Since::default()),
            "removed"
        );
        assert!(!still_open(ReportFiled, None, None, &open), "not a to-do");
    }
}
