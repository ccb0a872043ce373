//! RFC 9457 problem details: the one error shape of the API.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

string_enum! {
    /// Every `code` a problem from this server can carry. The server builds
    /// problems from these only, and the web app says each in Chinese (a code
    /// without its sentence does not compile there).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ProblemCode {
        Validation = "validation",
        MalformedJson = "malformed_json",
        UnreadableBody = "unreadable_body",
        BadPath = "bad_path",
        BadMultipart = "bad_multipart",
        BadIdempotencyKey = "bad_idempotency_key",
        MissingToken = "missing_token",
        InvalidToken = "invalid_token",
        TokenExpired = "token_expired",
        SessionEnded = "session_ended",
        AccountInactive = "account_inactive",
        InvalidCredentials = "invalid_credentials",
        InvalidRefreshToken = "invalid_refresh_token",
        RefreshTokenExpired = "refresh_token_expired",
        RefreshTokenRevoked = "refresh_token_revoked",
        RefreshTokenReused = "refresh_token_reused",
        Forbidden = "forbidden",
        NotFound = "not_found",
        MethodNotAllowed = "method_not_allowed",
        PayloadTooLarge = "payload_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        TooManyAttempts = "too_many_attempts",
        Unavailable = "unavailable",
        Internal = "internal",
        StaleVersion = "stale_version",
        IllegalTransition = "illegal_transition",
        ReopenWindowPassed = "reopen_window_passed",
        NotTriaged = "not_triaged",
        RequestFinished = "request_finished",
        AlreadyRated = "already_rated",
        TooManyOpenRequests = "too_many_open_requests",
        TooManyComments = "too_many_comments",
        TooManyAttachments = "too_many_attachments",
        IdempotencyKeyReused = "idempotency_key_reused",
        IdempotencyKeyBusy = "idempotency_key_busy",
        NoRoom = "no_room",
        StudentHoused = "student_housed",
        BedTaken = "bed_taken",
        RoomArchived = "room_archived",
        RoomOccupied = "room_occupied",
        RoomGenderConflict = "room_gender_conflict",
        RoomNotAllowed = "room_not_allowed",
        NodeExists = "node_exists",
        NodeOccupied = "node_occupied",
        ParentArchived = "parent_archived",
        PostHeld = "post_held",
        UsernameTaken = "username_taken",
        SelfLockout = "self_lockout",
        ReportSettled = "report_settled",
        TooMuchEvidence = "too_much_evidence",
        ServiceAccountUser = "service_account_user",
        InvalidClient = "invalid_client",
        InvalidScope = "invalid_scope",
        UnsupportedGrantType = "unsupported_grant_type",
        DeliveryUnderway = "delivery_underway",
        CursorExpired = "cursor_expired",
        RuleExists = "rule_exists",
        DutyOverlaps = "duty_overlaps",
        AlreadyAnswered = "already_answered",
        BookingOverlaps = "booking_overlaps",
        NotPending = "not_pending",
        NotCancellable = "not_cancellable",
        ApplicationsClosed = "applications_closed",
        AlreadyApplied = "already_applied",
        ApplicationsOpen = "applications_open",
        AlreadyDrawn = "already_drawn",
        NotWithdrawable = "not_withdrawable",
        TalkNotStarted = "talk_not_started",
        TalkStarted = "talk_started",
        TalkCancelled = "talk_cancelled",
        TooManyPhotos = "too_many_photos",
        SignupClosed = "signup_closed",
        AlreadySignedUp = "already_signed_up",
        NotSignedUp = "not_signed_up",
        ActivityStarted = "activity_started",
        ActivityNotRunning = "activity_not_running",
        CodeExpired = "code_expired",
        CodeWrong = "code_wrong",
        AlreadyCheckedIn = "already_checked_in",
        NotAttended = "not_attended",
        FeedbackGiven = "feedback_given",
        FollowUpExists = "follow_up_exists",
        BranchExists = "branch_exists",
        AlreadyMember = "already_member",
        CorrectionPending = "correction_pending",
        EntryNotApproved = "entry_not_approved",
        MonthNotOver = "month_not_over",
        MonthClosed = "month_closed",
        RectificationClosed = "rectification_closed",
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `/problems/validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind, the same for every occurrence.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time and what to do about it.
    pub detail: String,
    /// Stable machine-readable code (e.g. `invalid_credentials`) for clients to branch on.
    pub code: String,
    /// The request id, to quote when asking for help; the same as the `x-request-id` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// One entry per bad field, for validation problems.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}
