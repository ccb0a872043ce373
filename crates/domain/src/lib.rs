//! The rules of onestop, free of IO so that the server, the client and the
//! browser app all agree on them.

#[macro_use]
mod string_enum;

pub mod auth;
pub mod community;
pub mod dates;
pub mod grid;
pub mod growth;
pub mod ids;
pub mod inspection;
pub mod integration;
pub mod notify;
pub mod page;
pub mod party;
pub mod problem;
pub mod reform;
pub mod role;
pub mod service;
#[cfg(feature = "sql")]
pub mod sql;
#[cfg(feature = "openapi")]
pub mod tagged_schema;
pub mod unit;
pub mod user;
pub mod validation;

pub use ids::{
    ActivityId, ApplicationId, AssignmentId, AttachmentId, AttemptId, AttendanceId, BookingId,
    BranchId, ChecklistItemId, ClientSecretId, DeliveryId, DutyId, EventId, EvidenceId, FollowUpId,
    InspectionId, MeetingId, MemberId, MilestoneId, NodeId, NotificationId, PartId, PhotoId,
    PlanId, PointEntryId, PointRuleId, PostId, ProblemId, RecheckId, RectificationId,
    ReformEventId, ReportId, RequestEventId, RequestId, ResidencyId, ReviewId, SectionId,
    ServiceAccountId, SignupId, SpaceId, SubscriptionId, TalkId, TaskId, TokenId, UnitId, UserId,
    VisitDutyId, VisitId, VisitPolicyId,
};
pub use role::{Role, Roles};
pub use validation::{FieldError, ValidationErrors};
