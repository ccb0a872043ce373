//! Login, tokens and the throttling policy for failed logins.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Any case; a longer name than this is refused unlooked-up.
    #[cfg_attr(feature = "openapi", schema(example = "student1", max_length = 64))]
    pub username: String,
    #[cfg_attr(feature = "openapi", schema(example = "demo1234", max_length = 256))]
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
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// A refresh token presented again this soon after it was used is taken for
/// an answer the client lost (a page reloaded while its refresh was on the
/// way, two tabs refreshing at once) and rotated again; later, it is taken
/// for a stolen copy and the whole login ends.
pub const REFRESH_REUSE_GRACE_SECONDS: i64 = 30;

/// How many failed attempts a subject may make before it is locked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures within `window_minutes` that lock the subject.
    pub max_failures: u32,
    pub window_minutes: i64,
    /// The first lockout; each further failure while counting doubles it, up to the cap.
    pub first_lockout_seconds: i64,
    pub max_lockout_seconds: i64,
}

impl ThrottlePolicy {
    /// One username: five failures in 15 minutes lock it for a minute, doubling up to an hour.
    pub const USERNAME: ThrottlePolicy = ThrottlePolicy {
        max_failures: 5,
        window_minutes: 15,
        first_lockout_seconds: 60,
        max_lockout_seconds: 3600,
    };
    /// One source address, across every username it tries (password spraying).
    /// Generous, because a campus gateway may put many people behind one address.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        max_failures: 50,
        window_minutes: 15,
        first_lockout_seconds: 300,
        max_lockout_seconds: 3600,
    };

    /// How long after its last change a counter can still matter; older rows may be deleted.
    pub fn retention(&self) -> Duration {
        Duration::minutes(self.window_minutes) + Duration::seconds(self.max_lockout_seconds)
    }
}

/// Longest login name accepted at all; anything longer is refused before any lookup.
pub const LOGIN_NAME_MAX_CHARS: usize = 64;
/// Longest password accepted at sign-in (the policy allows 128); longer is refused unhashed.
pub const LOGIN_PASSWORD_MAX_CHARS: usize = 256;

/// What the store keeps per subject (a username or a source address) between attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: u32,
    pub window_started_at: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl ThrottleState {
    /// `Err(seconds)` to wait when attempts for this subject are locked now.
    pub fn check(state: Option<&ThrottleState>, now: DateTime<Utc>) -> Result<(), i64> {
        match state.and_then(|s| s.locked_until) {
            // Rounded up: a client that waits this long is never still locked out.
            Some(until) if until > now => Err(((until - now).num_milliseconds() + 999) / 1000),
            _ => Ok(()),
        }
    }

    /// The state after one more failed attempt at `now`. Attempts are counted
    /// before the password is checked (so a burst in parallel cannot pass the
    /// check together), and a success is refunded with [`ThrottleState::refund`].
    pub fn after_failure(
        policy: &ThrottlePolicy,
        state: Option<&ThrottleState>,
        now: DateTime<Utc>,
    ) -> ThrottleState {
        let window = Duration::minutes(policy.window_minutes);
        let (failures, window_started_at) = match state {
            Some(s)
                if now - s.window_started_at < window
                    || s.locked_until.is_some_and(|u| u > now - window) =>
            {
                (s.failures.saturating_add(1), s.window_started_at)
            }
            _ => (1, now),
        };
        ThrottleState {
            failures,
            window_started_at,
            locked_until: policy.lockout(failures, now),
        }
    }

    /// Give back an attempt that turned out to be right. The counter of a
    /// username is cleared instead; an address keeps its other failures.
    pub fn refund(self, policy: &ThrottlePolicy, now: DateTime<Utc>) -> ThrottleState {
        let failures = self.failures.saturating_sub(1);
        ThrottleState {
            failures,
            locked_until: if failures >= policy.max_failures {
                self.locked_until
            } else {
                None
            }
            .filter(|u| *u > now),
            ..self
        }
    }
}

impl ThrottlePolicy {
    fn lockout(&self, failures: u32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (failures >= self.max_failures).then(|| {
            let doublings = (failures - self.max_failures).min(16);
            let secs = (self.first_lockout_seconds << doublings).min(self.max_lockout_seconds);
            now + Duration::seconds(secs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: ThrottlePolicy = ThrottlePolicy::USERNAME;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn the_fifth_failure_locks_and_later_ones_lock_longer() {
        let mut s: Option<ThrottleState> = None;
        for i in 0..4 {
            s = Some(ThrottleState::after_failure(&P, s.as_ref(), t(i)));
            assert_eq!(ThrottleState::check(s.as_ref(), t(i)), Ok(()));
        }
        s = Some(ThrottleState::after_failure(&P, s.as_ref(), t(4)));
        assert_eq!(ThrottleState::check(s.as_ref(), t(4)), Err(60));
        assert_eq!(ThrottleState::check(s.as_ref(), t(64)), Ok(()));
        s = Some(ThrottleState::after_failure(&P, s.as_ref(), t(70)));
        assert_eq!(ThrottleState::check(s.as_ref(), t(70)), Err(120));
    }

    #[test]
    fn failures_outside_the_window_start_a_new_count() {
        let s = ThrottleState::after_failure(&P, None, t(0));
        let s = ThrottleState::after_failure(&P, Some(&s), t(P.window_minutes * 60 + 1));
        assert_eq!(s.failures, 1);
    }

    #[test]
    fn the_lockout_is_capped() {
        let mut s = None;
        for i in 0..40 {
            s = Some(ThrottleState::after_failure(&P, s.as_ref(), t(i)));
        }
        assert_eq!(
            ThrottleState::check(s.as_ref(), t(39)),
            Err(P.max_lockout_seconds)
        );
    }

    #[test]
    fn a_refund_lifts_the_lock_it_caused_but_keeps_other_failures() {
        let a = ThrottlePolicy::ADDRESS;
        let mut s = None;
        for i in 0..a.max_failures {
            s = Some(ThrottleState::after_failure(&a, s.as_ref(), t(i.into())));
        }
        let locked = s.unwrap();
        assert!(ThrottleState::check(Some(&locked), t(50)).is_err());
        let refunded = locked.refund(&a, t(50));
        assert_eq!(refunded.failures, a.max_failures - 1);
        assert_eq!(ThrottleState::check(Some(&refunded), t(50)), Ok(()));
        let fresh = ThrottleState::after_failure(&a, None, t(0)).refund(&a, t(0));
        assert_eq!((fresh.failures, fresh.locked_until), (0, None));
    }
}
