//! The `MultiBackend` half of storing ids and enums as TEXT (and a grid level
//! as its number). The domain's `sql.rs` writes the PostgreSQL and SQLite
//! halves; `MultiBackend` is generated in this crate, so only this crate may
//! implement traits for it. A type missing here does not compile where a row
//! or a filter uses it.

use super::MultiBackend;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Integer, Text};
use onestop_domain::community::follow_ups::FollowUpState;
use onestop_domain::community::period::Per;
use onestop_domain::community::spaces::{BookingState, SpaceKind};
use onestop_domain::community::talks::{ApplicationState, HostRole, TalkKind, TalkState};
use onestop_domain::community::visits::{DutyKind, VisitKind};
use onestop_domain::grid::{Gender, Level, PostType};
use onestop_domain::growth::{ActivityLevel, ActivityState, Category, Presence, SignupState};
use onestop_domain::ids::*;
use onestop_domain::inspection::{InspectionKind, RectificationState};
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::webhooks::DeliveryState;
use onestop_domain::notify::NotificationKind;
use onestop_domain::party::{BranchKind, EntryState, PartyStanding, PointCategory};
use onestop_domain::reform::progress::{ReportStatus, ReviewState, Verdict};
use onestop_domain::reform::wire::ReformEventKind;
use onestop_domain::reform::UnitRole;
use onestop_domain::service::wire::EventKind;
use onestop_domain::service::{Action, Kind, Priority, State};
use onestop_domain::unit::UnitKind;
use onestop_domain::Role;

macro_rules! stored {
    ($sql:ident: $($ty:ty),+ $(,)?) => {$(
        impl ToSql<$sql, MultiBackend> for $ty {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                out.set_value(($sql, self));
                Ok(IsNull::No)
            }
        }
    )+};
}

stored!(Text:
    UserId, UnitId, NodeId, PostId, ResidencyId, MeetingId, DutyId, RequestId, RequestEventId,
    AttachmentId, PlanId, SectionId, TaskId, PartId, AssignmentId, MilestoneId, ReportId, ReviewId,
    EvidenceId, ReformEventId, TokenId, ServiceAccountId, ClientSecretId, EventId, SubscriptionId,
    DeliveryId, NotificationId, AttemptId, VisitDutyId, VisitPolicyId, VisitId, ProblemId, FollowUpId,
    SpaceId, BookingId, TalkId, ApplicationId, PhotoId, ActivityId, SignupId, AttendanceId,
    BranchId, MemberId, PointRuleId, PointEntryId, ChecklistItemId, InspectionId, RectificationId,
    RecheckId,
);
stored!(Text:
    Role, UnitKind, Gender, PostType, Kind, State, Action, Priority, EventKind, UnitRole,
    ReportStatus, ReviewState, Verdict, ReformEventKind, EventType, DeliveryState, NotificationKind,
    DutyKind, Per, VisitKind, FollowUpState, SpaceKind, BookingState, TalkKind, HostRole, TalkState,
    ApplicationState, Category, ActivityLevel, ActivityState, SignupState, Presence,
    BranchKind, PartyStanding, PointCategory, EntryState, InspectionKind, RectificationState,
);
stored!(Integer: Level);
