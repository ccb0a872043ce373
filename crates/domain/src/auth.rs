//! Login, tokens and the throttling policy for failed logins.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "student1"))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "demo1234"))]
    pub password: String,
}

/// Tokens for a session: a short-lived JWT for `Authorization: Bearer` and a
/// single-use refresh token that `POST /api/v1/auth/refresh` rotates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    pub refresh_token: String,
    /// Seconds until the refresh token expires.
    pub refresh_expires_in: i64,
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Failed logins for one username within [`FAILURE_WINDOW_MINUTES`].
pub const MAX_FAILURES: u32 = 5;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// The first lockout; each further failure while counting doubles it, up to the cap.
pub const FIRST_LOCKOUT_SECONDS: i64 = 60;
pub const MAX_LOCKOUT_SECONDS: i64 = 3600;

/// What the store keeps per username between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: u32,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl ThrottleState {
    /// `Err(seconds)` to wait when attempts for this username are locked now.
    pub fn check(state: Option<&ThrottleState>, now: DateTime<Utc>) -> Result<(), i64> {
        match state.and_then(|s| s.locked_until) {
            // Rounded up: a client that waits this long is never still locked out.
            Some(until) if until > now => Err(((until - now).num_milliseconds() + 999) / 1000),
            _ => Ok(()),
        }
    }

    /// The state after one more failed attempt at `now`.
    pub fn after_failure(state: Option<&ThrottleState>, now: DateTime<Utc>) -> ThrottleState {
        let window = Duration::minutes(FAILURE_WINDOW_MINUTES);
        let (failures, window_started_at) = match state {
            Some(s)
                if now - s.window_started_at < window
                    || s.locked_until.is_some_and(|u| u > now - window) =>
            {
                (s.failures.saturating_add(1), s.window_started_at)
            }
            _ => (1, now),
        };
        let locked_until = (failures >= MAX_FAILURES).then(|| {
            let doublings = (failures - MAX_FAILURES).min(16);
            let secs = (FIRST_LOCKOUT_SECONDS << doublings).min(MAX_LOCKOUT_SECONDS);
            now + Duration::seconds(secs)
        });
        ThrottleState {
            failures,
            window_started_at,
            locked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn the_fifth_failure_locks_and_later_ones_lock_longer() {
        let mut s: Option<ThrottleState> = None;
        for i in 0..4 {
            s = Some(ThrottleState::after_failure(s.as_ref(), t(i)));
            assert_eq!(ThrottleState::check(s.as_ref(), t(i)), Ok(()));
        }
        s = Some(ThrottleState::after_failure(s.as_ref(), t(4)));
        assert_eq!(ThrottleState::check(s.as_ref(), t(4)), Err(60));
        assert_eq!(ThrottleState::check(s.as_ref(), t(64)), Ok(()));
        s = Some(ThrottleState::after_failure(s.as_ref(), t(70)));
        assert_eq!(ThrottleState::check(s.as_ref(), t(70)), Err(120));
    }

    #[test]
    fn failures_outside_the_window_start_a_new_count() {
        let s = ThrottleState::after_failure(None, t(0));
        let s = ThrottleState::after_failure(Some(&s), t(FAILURE_WINDOW_MINUTES * 60 + 1));
        assert_eq!(s.failures, 1);
    }

    #[test]
    fn the_lockout_is_capped() {
        let mut s = None;
        for i in 0..40 {
            s = Some(ThrottleState::after_failure(s.as_ref(), t(i)));
        }
        assert_eq!(
            ThrottleState::check(s.as_ref(), t(39)),
            Err(MAX_LOCKOUT_SECONDS)
        );
    }
}
