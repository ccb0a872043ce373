//! Typed ids. Every id is a UUIDv7 so that ids sort by creation time, which
//! keyset pagination relies on.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, format = Uuid))]
        #[cfg_attr(feature = "sql", derive(::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "sql", diesel(sql_type = ::diesel::sql_types::Text))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }

        #[cfg(feature = "sql")]
        impl $crate::sql::StoredAsText for $name {
            const WHAT: &'static str = stringify!($name);
            fn to_text(&self) -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Owned(self.0.to_string())
            }
            fn from_text(text: &str) -> Option<Self> {
                Uuid::parse_str(text).ok().map(Self)
            }
        }

        #[cfg(feature = "sql")]
        $crate::__stored_as_text!($name);
    };
}

id_type!(
    /// A person's account.
    UserId
);
id_type!(
    /// A department (职能部门) or college (二级学院).
    UnitId
);

id_type!(
    /// A node of the dormitory grid: community, college zone, building or room.
    NodeId
);
id_type!(
    /// A post (grid leader or member) held by a person on a node for a term.
    PostId
);
id_type!(
    /// One stay of a student in a bed, from check-in to check-out.
    ResidencyId
);
id_type!(
    /// A grid meeting held at a node.
    MeetingId
);
id_type!(
    /// One duty in a level's service item list.
    DutyId
);

id_type!(
    /// A service-hall request.
    RequestId
);
id_type!(
    /// One entry of a request's timeline.
    RequestEventId
);
id_type!(
    /// A file attached to a request.
    AttachmentId
);
id_type!(
    /// A reform plan (the customer's 方案).
    PlanId
);
id_type!(
    /// A section of a plan.
    SectionId
);
id_type!(
    /// One of a plan's reform tasks.
    TaskId
);
id_type!(
    /// One numbered part of a task.
    PartId
);
id_type!(
    /// A unit's lead or cooperating role on a part of a task.
    AssignmentId
);
id_type!(
    /// A dated step of an assignment.
    MilestoneId
);
id_type!(
    /// A unit's progress report for one period.
    ReportId
);
id_type!(
    /// The reform office's verdict on a report.
    ReviewId
);
id_type!(
    /// A file attached to a report.
    EvidenceId
);
id_type!(
    /// One entry of the reform plan's history.
    ReformEventId
);
id_type!(
    /// A refresh token, and the family of tokens one sign-in rotates through.
    TokenId
);
id_type!(
    /// Another campus system's account; its id is the OAuth `client_id`.
    ServiceAccountId
);
id_type!(
    /// One of a service account's secrets (two overlap while one is rotated out).
    ClientSecretId
);
id_type!(
    /// Something that happened which other systems and people hear of: the
    /// `webhook-id` of its deliveries, an entry of the changes feed.
    EventId
);
id_type!(
    /// A webhook subscription: an address that hears of chosen events.
    SubscriptionId
);
id_type!(
    /// One event on its way to one subscription, with its attempts.
    DeliveryId
);
id_type!(
    /// One try at sending a delivery.
    AttemptId
);
id_type!(
    /// Something a person should know about, in their list until read.
    NotificationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation() {
        let a = UserId::new();
        let b = UserId::new();
        assert!(a < b);
    }

    #[test]
    fn ids_round_trip_as_plain_strings() {
        let id = UnitId::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(id.to_string().parse::<UnitId>().unwrap(), id);
    }
}
id_type!(
    /// A person's duty to visit the community (a school leader linked to a
    /// community, the head of a department or college), from a date.
    VisitDutyId
);
id_type!(
    /// A version of a visit rule (who, how often, what counts), from a date.
    VisitPolicyId
);
id_type!(
    /// A leader's contact visit to the community.
    VisitId
);
id_type!(
    /// A problem raised on a visit (or in a session): a request or a follow-up.
    ProblemId
);
id_type!(
    /// A problem given to a unit to answer by a date.
    FollowUpId
);
id_type!(
    /// A bookable room of the community (党员之家, 红色影院, …).
    SpaceId
);
id_type!(
    /// A time slot booked in a community space.
    BookingId
);
id_type!(
    /// A 思政课堂 session: 我与校长有约, 书记面对面, a reading, office hours, ….
    TalkId
);
id_type!(
    /// A student's application for a place in a session.
    ApplicationId
);
id_type!(
    /// A photo taken on a contact visit.
    PhotoId
);
id_type!(
    /// A second-classroom activity (第二课堂项目).
    ActivityId
);
id_type!(
    /// A student's place (or place on the waiting list) at an activity.
    SignupId
);
id_type!(
    /// A student recorded present at an activity (or removed), once per student.
    AttendanceId
);
id_type!(
    /// A party organisation on the grid: a community's 党工委 or a building's 特设党支部.
    BranchId
);
id_type!(
    /// A person's membership of a branch (党员, 预备党员, 发展对象 or 入党积极分子).
    MemberId
);
id_type!(
    /// A rule of the points table (积分细则).
    PointRuleId
);
id_type!(
    /// One line of the points ledger; never changed once decided, corrected by another line.
    PointEntryId
);
id_type!(
    /// A line of an inspection checklist (检查细则): what is looked at and its points.
    ChecklistItemId
);
id_type!(
    /// One inspection of one room: 安检, 卫生 or 书香.
    InspectionId
);
id_type!(
    /// A problem an inspection found, kept open until re-checked (整改项).
    RectificationId
);
id_type!(
    /// One re-check of a rectification, passed or not.
    RecheckId
);
