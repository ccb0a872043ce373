//! What other systems hear of: one envelope for every event, whether it
//! arrives as a webhook, from the changes feed or on the live stream.
//! The envelope follows the Standard Webhooks payload shape (`type`,
//! `timestamp`, `data`), and its `id` is the `webhook-id` header.

use crate::community::follow_ups::FollowUpState;
use crate::community::spaces::BookingState;
use crate::community::talks::TalkState;
use crate::growth::{ActivityState, Category};
use crate::ids::{
    ActivityId, AssignmentId, BookingId, EventId, FollowUpId, MilestoneId, NodeId, PlanId,
    ReportId, SpaceId, TalkId, UserId, VisitDutyId, VisitId,
};
use crate::reform::progress::Verdict;
use crate::service::{Action, Kind, Priority, State};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::string_enum! {
/// What happened. Subscriptions choose among these; new ones may be added,
/// so a receiver ignores a type it does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum EventType {
    /// A student submitted a request.
    #[serde(rename = "request.created")]
    RequestCreated = "request.created",
    /// A request took a step of its lifecycle (triage, assign, start, resolve, …).
    #[serde(rename = "request.state_changed")]
    RequestStateChanged = "request.state_changed",
    /// Someone commented on a request.
    #[serde(rename = "request.commented")]
    RequestCommented = "request.commented",
    /// The deadline watch escalated a request one grid level up.
    #[serde(rename = "request.escalated")]
    RequestEscalated = "request.escalated",
    /// The student rated a closed request.
    #[serde(rename = "request.rated")]
    RequestRated = "request.rated",
    /// A unit filed a progress report on a reform assignment.
    #[serde(rename = "report.filed")]
    ReportFiled = "report.filed",
    /// A supervisor commented on, accepted or sent back a report.
    #[serde(rename = "report.reviewed")]
    ReportReviewed = "report.reviewed",
    /// A milestone's date passed while it was not done.
    #[serde(rename = "milestone.overdue")]
    MilestoneOverdue = "milestone.overdue",
    /// A reporting period ended without the unit's report.
    #[serde(rename = "report.missing")]
    ReportMissing = "report.missing",
    /// A problem raised on a leader's visit was given to a unit to answer.
    #[serde(rename = "follow_up.raised")]
    FollowUpRaised = "follow_up.raised",
    /// The unit answered a follow-up.
    #[serde(rename = "follow_up.answered")]
    FollowUpAnswered = "follow_up.answered",
    /// A week before a period ends, a leader is still behind the visit rule.
    #[serde(rename = "visits.behind")]
    VisitsBehind = "visits.behind",
    /// Someone booked a slot in a community space (approved at once, or waiting for the office).
    #[serde(rename = "booking.created")]
    BookingCreated = "booking.created",
    /// The community office approved or refused a booking.
    #[serde(rename = "booking.decided")]
    BookingDecided = "booking.decided",
    /// A booking was cancelled; its slot is free.
    #[serde(rename = "booking.cancelled")]
    BookingCancelled = "booking.cancelled",
    /// A 思政课堂 session was announced and takes applications.
    #[serde(rename = "talk.created")]
    TalkCreated = "talk.created",
    /// A session's places were drawn (or simply given, when enough were free),
    /// or a freed place went to the next on the waiting list.
    #[serde(rename = "talk.drawn")]
    TalkDrawn = "talk.drawn",
    /// A session was cancelled.
    #[serde(rename = "talk.cancelled")]
    TalkCancelled = "talk.cancelled",
    /// A 第二课堂 activity was proposed and waits for review.
    #[serde(rename = "activity.proposed")]
    ActivityProposed = "activity.proposed",
    /// 团委 or the college approved an activity (open for sign-up) or sent it back.
    #[serde(rename = "activity.reviewed")]
    ActivityReviewed = "activity.reviewed",
    /// A place given up went to the first on an activity's waiting list.
    #[serde(rename = "activity.places_changed")]
    ActivityPlacesChanged = "activity.places_changed",
    /// An activity was cancelled before it began.
    #[serde(rename = "activity.cancelled")]
    ActivityCancelled = "activity.cancelled",
}
}

impl EventType {
    /// The service hall's events: the ones the requests changes feed carries.
    pub fn is_request(self) -> bool {
        self.as_str().starts_with("request.")
    }
}

/// One event, as a webhook body, a changes-feed entry and a live message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEvent {
    /// Unique per event; the same in every delivery of it (`webhook-id`), so a
    /// receiver that sees it twice knows it is a retry.
    pub id: EventId,
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// When it happened.
    pub timestamp: DateTime<Utc>,
    pub data: EventData,
}

/// What the event is about: a service-hall request or a reform assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum EventData {
    Request(RequestChange),
    Reform(ReformChange),
    FollowUp(FollowUpChange),
    Visits(VisitsStanding),
    Booking(BookingChange),
    Talk(TalkChange),
    Activity(ActivityChange),
}

/// An activity as it stands after the event (no names: fetch it for those).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityChange {
    pub activity_id: ActivityId,
    /// The organising unit's code.
    pub unit: String,
    pub category: Category,
    pub state: ActivityState,
    pub place_id: NodeId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    /// 学时 credited to each student present.
    pub hours: i32,
    pub version: i32,
}

/// A session as it stands after the event (no names: fetch it for those).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkChange {
    pub talk_id: TalkId,
    pub space_id: SpaceId,
    pub community_id: NodeId,
    pub state: TalkState,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub places: i32,
    pub applicants: i32,
    pub version: i32,
}

/// A booking as it stands after the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingChange {
    pub booking_id: BookingId,
    pub space_id: SpaceId,
    pub community_id: NodeId,
    pub state: BookingState,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub booked_by: UserId,
    pub version: i32,
}

/// Where a leader's duty stands, a week before its period ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitsStanding {
    pub duty_id: VisitDutyId,
    pub person: UserId,
    /// `2026-12` or `2026-autumn`.
    pub period: String,
    pub last_day: NaiveDate,
    pub visits: i32,
    pub minimum: i32,
}

/// A follow-up as it stands after the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpChange {
    pub follow_up_id: FollowUpId,
    /// The code of the unit that answers it.
    pub unit: String,
    pub state: FollowUpState,
    pub due_on: NaiveDate,
    #[serde(default)]
    pub visit_id: Option<VisitId>,
    /// Or the session whose question it is.
    #[serde(default)]
    pub talk_id: Option<TalkId>,
    pub version: i32,
}

/// A request as it stands after the event. Fetch `/api/v1/requests/{id}`
/// for the rest (form, timeline, files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestChange {
    pub request_id: Uuid,
    pub kind: Kind,
    pub state: State,
    /// The state before, for a step of the lifecycle.
    #[serde(default)]
    pub from_state: Option<State>,
    /// The step taken, for `request.state_changed`.
    #[serde(default)]
    pub action: Option<Action>,
    /// The request's version after the event.
    pub version: i32,
    pub priority: Option<Priority>,
    pub summary: String,
    pub student_id: UserId,
    pub place_id: NodeId,
    pub building_id: Option<NodeId>,
    pub zone_id: Option<NodeId>,
    pub community_id: NodeId,
    /// The code of the unit doing the work, once triaged.
    pub unit: Option<String>,
    pub assignee_id: Option<UserId>,
    /// Who acted; none for the system (the deadline watch).
    pub actor_id: Option<UserId>,
    /// For `request.escalated`: how many levels up it now is.
    #[serde(default)]
    pub escalations: Option<i32>,
}

/// A reform assignment's news: a report, a review, a milestone or a silence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReformChange {
    pub assignment_id: AssignmentId,
    pub plan_id: PlanId,
    /// The assigned unit's code.
    pub unit: String,
    /// The plan's task number (1 to 12).
    pub task_no: i32,
    #[serde(default)]
    pub report_id: Option<ReportId>,
    #[serde(default)]
    pub milestone_id: Option<MilestoneId>,
    /// The reporting period (`YYYY-MM`) a report or a silence is about.
    #[serde(default)]
    pub period: Option<String>,
    /// For `report.reviewed`.
    #[serde(default)]
    pub verdict: Option<Verdict>,
    pub actor_id: Option<UserId>,
}

impl EventData {
    pub fn request(&self) -> Option<&RequestChange> {
        match self {
            EventData::Request(r) => Some(r),
            EventData::Reform(_)
            | EventData::FollowUp(_)
            | EventData::Visits(_)
            | EventData::Booking(_)
            | EventData::Talk(_)
            | EventData::Activity(_) => None,
        }
    }
}

/// `GET /api/v1/requests/changes`: the next changes after a cursor, oldest
/// first. Keep `next_cursor` and pass it next time: nothing is skipped or
/// repeated, even while other changes are being written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangesPage {
    pub items: Vec<WebhookEvent>,
    /// Where the next read starts; the same cursor again when nothing was new.
    pub next_cursor: String,
    /// More changes are waiting: read again at once.
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_travel_as_dotted_names() {
        assert_eq!(
            serde_json::to_string(&EventType::RequestStateChanged).unwrap(),
            "\"request.state_changed\""
        );
        assert!(EventType::RequestRated.is_request());
        assert!(!EventType::ReportFiled.is_request());
        for t in EventType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json.trim_matches('"'), t.as_str());
        }
    }

    #[test]
    fn the_data_tells_a_request_from_a_reform_change() {
        let reform = ReformChange {
            assignment_id: AssignmentId::new(),
            plan_id: PlanId::new(),
            unit: "logistics".into(),
            task_no: 8,
            report_id: None,
            milestone_id: None,
            period: Some("2026-11".into()),
            verdict: None,
            actor_id: None,
        };
        let json = serde_json::to_value(EventData::Reform(reform.clone())).unwrap();
        let back: EventData = serde_json::from_value(json).unwrap();
        assert_eq!(back, EventData::Reform(reform));
        assert!(back.request().is_none());
    }
}
