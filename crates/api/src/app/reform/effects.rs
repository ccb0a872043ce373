//! What the reform plan's news tells others: one event per report, review,
//! overdue milestone and silence (webhooks, the changes feed, the stream),
//! and a notification to the people who answer for the assignment when
//! their report is sent back or commented on, or a milestone of theirs is overdue.

use crate::app::events;
use crate::db::repo::reform::assignments;
use crate::db::repo::{units, users};
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use diesel::QueryResult;
use onestop_domain::integration::events::{EventData, EventType, ReformChange};
use onestop_domain::notify::{quote, AssignmentRef, NotificationData, NotificationKind};
use onestop_domain::reform::progress::Verdict;
use onestop_domain::{AssignmentId, MilestoneId, ReportId, UserId};

/// What happened on the assignment.
pub enum News<'a> {
    Filed {
        report: ReportId,
        period: &'a str,
    },
    Reviewed {
        report: ReportId,
        period: &'a str,
        verdict: Verdict,
        /// Who filed the report: they hear when it is sent back or commented on.
        filer: UserId,
        text: &'a str,
    },
    MilestoneOverdue {
        milestone: MilestoneId,
        title: &'a str,
    },
    Silent {
        period: &'a str,
    },
}

pub fn record(
    c: &mut DbConn,
    assignment: AssignmentId,
    actor: Option<UserId>,
    news: News<'_>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let Some(a) = assignments::find(c, assignment)? else {
        return Ok(());
    };
    let unit = units::by_ids(c, &[a.unit_id])?
        .pop()
        .map(|u| u.code)
        .unwrap_or_default();
    let task_no = assignments::task_no(c, a.task_id)?;
    let mut change = ReformChange {
        assignment_id: a.id,
        plan_id: a.plan_id,
        unit,
        task_no,
        report_id: None,
        milestone_id: None,
        period: None,
        verdict: None,
        actor_id: actor,
    };
    let event_type = match &news {
        News::Filed { report, period } => {
            change.report_id = Some(*report);
            change.period = Some((*period).to_owned());
            EventType::ReportFiled
        }
        News::Reviewed {
            report,
            period,
            verdict,
            ..
        } => {
            change.report_id = Some(*report);
            change.period = Some((*period).to_owned());
            change.verdict = Some(*verdict);
            EventType::ReportReviewed
        }
        News::MilestoneOverdue { milestone, .. } => {
            change.milestone_id = Some(*milestone);
            EventType::MilestoneOverdue
        }
        News::Silent { period } => {
            change.period = Some((*period).to_owned());
            EventType::ReportMissing
        }
    };
    let event = events::publish(c, event_type, &EventData::Reform(change), now)?;

    let (kind, label, report, text, filer) = match news {
        News::Reviewed {
            verdict: Verdict::Rework,
            report,
            period,
            text,
            filer,
        } => (
            NotificationKind::ReportReturned,
            period,
            Some(report),
            text,
            Some(filer),
        ),
        News::Reviewed {
            verdict: Verdict::Comment,
            report,
            period,
            text,
            filer,
        } => (
            NotificationKind::ReportCommented,
            period,
            Some(report),
            text,
            Some(filer),
        ),
        News::MilestoneOverdue { title, .. } => {
            (NotificationKind::MilestoneOverdue, title, None, "", None)
        }
        _ => return Ok(()),
    };
    let names = users::names(c, actor)?;
    let data = NotificationData {
        request: None,
        follow_up: None,
        visits: None,
        booking: None,
        talk: None,
        activity: None,
        assignment: Some(AssignmentRef {
            id: a.id,
            task_no,
            report_id: report,
            label: Some(label.to_owned()),
        }),
        actor: actor.map(|p| names.person(p)),
        quote: Some(quote(text)).filter(|q| !q.is_empty()),
    };
    let who = filer.into_iter().chain(a.responsible_id);
    events::notify(c, event, kind, who, actor, &data, now)
}
