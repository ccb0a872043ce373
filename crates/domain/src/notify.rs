//! Notifications: what a person should know about, kept until they read it,
//! and the live stream that brings it (and queue changes) to the web app.

use crate::community::spaces::BookingState;
use crate::grid::wire::PersonRef;
use crate::growth::ActivityState;
use crate::ids::{
    ActivityId, AssignmentId, BookingId, FollowUpId, NotificationId, ReportId, SpaceId, TalkId,
};
use crate::service::{Kind, State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How long a note quoted in a notification may be; the rest is on the timeline.
pub const QUOTE_MAX_CHARS: usize = 140;

crate::string_enum! {
/// Why the person is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// Your request took a step (triaged, started, resolved, rejected, a question for you …).
    RequestStateChanged = "request_state_changed",
    /// Someone commented on a request that is yours or assigned to you.
    RequestCommented = "request_commented",
    /// A request was assigned to you.
    RequestAssigned = "request_assigned",
    /// A request in your part of the grid passed its deadline and was escalated to you.
    RequestEscalated = "request_escalated",
    /// A report you filed or answer for was sent back for rework.
    ReportReturned = "report_returned",
    /// A supervisor commented on a report you filed or answer for.
    ReportCommented = "report_commented",
    /// A milestone of an assignment you answer for passed its date undone.
    MilestoneOverdue = "milestone_overdue",
    /// A problem you raised on a visit was answered by the unit it went to.
    FollowUpAnswered = "follow_up_answered",
    /// A week is left in the period and you are behind the visit rule.
    VisitsBehind = "visits_behind",
    /// The community office approved or refused your booking of a space.
    BookingDecided = "booking_decided",
    /// Someone else cancelled your booking (the office, with its reason).
    BookingCancelled = "booking_cancelled",
    /// A booking in a space you keep waits for your approval.
    BookingRequested = "booking_requested",
    /// You have a place in a session (from the draw, or the waiting list moved up).
    TalkPlaced = "talk_placed",
    /// The draw put you on a session's waiting list.
    TalkWaiting = "talk_waiting",
    /// A session you applied for was cancelled.
    TalkCancelled = "talk_cancelled",
    /// An activity waits for your review (团委, or the organising college).
    ActivityToReview = "activity_to_review",
    /// Your proposal was approved (open for sign-up) or sent back.
    ActivityReviewed = "activity_reviewed",
    /// Someone withdrew and the place is yours: you were first on the waiting list.
    ActivityPlaced = "activity_placed",
    /// An activity you signed up for was cancelled.
    ActivityCancelled = "activity_cancelled",
}
}

/// The request a notification is about, as it stood then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestRef {
    pub id: Uuid,
    pub kind: Kind,
    pub summary: String,
    pub state: State,
}

/// The reform assignment a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentRef {
    pub id: AssignmentId,
    pub task_no: i32,
    pub report_id: Option<ReportId>,
    /// The reporting period or the milestone's title.
    pub label: Option<String>,
}

/// The follow-up a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpRef {
    pub id: FollowUpId,
    /// The start of the problem as raised.
    pub text: String,
    /// The code of the unit that answered.
    pub unit: String,
}

/// Where the reader stands against the visit rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitsRef {
    /// `2026-12` or `2026-autumn`.
    pub period: String,
    pub last_day: chrono::NaiveDate,
    pub visits: i32,
    pub minimum: i32,
}

/// The booking a notification is about, as it stood then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingRef {
    pub id: BookingId,
    pub space_id: SpaceId,
    /// The space's name.
    pub space: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub state: BookingState,
}

/// The session a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkRef {
    pub id: TalkId,
    pub topic: String,
    pub starts_at: DateTime<Utc>,
    /// On the waiting list: how many wait before you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahead: Option<i32>,
}

/// The activity a notification is about, as it stood then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityRef {
    pub id: ActivityId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub state: ActivityState,
}

/// What is stored with a notification: the words are the reader's app's,
/// in the reader's language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment: Option<AssignmentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<VisitsRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking: Option<BookingRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub talk: Option<TalkRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<ActivityRef>,
    /// Who did it; none for the system (deadline watch, reminders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<PersonRef>,
    /// The start of the comment, question or reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: NotificationId,
    pub kind: NotificationKind,
    pub at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    #[serde(flatten)]
    pub data: NotificationData,
}

/// A page of notifications, newest first, with how many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<NotificationView>,
    pub next_cursor: Option<String>,
    pub unread: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadCount {
    pub unread: i64,
}

/// `POST /api/v1/me/notifications/read`: mark every notification read, or
/// only those up to one (the newest the reader has seen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkReadRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub up_to: Option<NotificationId>,
}

/// A ticket for the live stream. Browsers cannot send an Authorization
/// header with `EventSource`, so they open `/me/stream?ticket=…` instead;
/// the ticket opens the stream only, for a minute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StreamTicket {
    pub ticket: String,
    pub expires_in: i64,
}

/// A stream message about a request that changed, for a page showing it to refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveChange {
    pub request_id: Uuid,
    pub state: State,
    pub version: i32,
}

/// The start of a text, for quoting: at most [`QUOTE_MAX_CHARS`] characters,
/// cut at a character and marked with an ellipsis.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= QUOTE_MAX_CHARS {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(QUOTE_MAX_CHARS - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_at_a_character() {
        assert_eq!(quote("  水龙头坏了 "), "水龙头坏了");
        let long = "漏".repeat(200);
        let q = quote(&long);
        assert_eq!(q.chars().count(), QUOTE_MAX_CHARS);
        assert!(q.ends_with('…'));
    }

    #[test]
    fn a_notification_reads_as_one_flat_object() {
        let n = NotificationView {
            id: NotificationId::new(),
            kind: NotificationKind::RequestCommented,
            at: Utc::now(),
            read_at: None,
            data: NotificationData {
                quote: Some("明天上午来修".into()),
                ..Default::default()
            },
        };
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json["quote"], "明天上午来修");
        assert_eq!(json["kind"], "request_commented");
        let back: NotificationView = serde_json::from_value(json).unwrap();
        assert_eq!(back, n);
    }
}
