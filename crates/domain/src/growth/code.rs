//! The check-in code on the organiser's phone: six digits that change every
//! 30 seconds, derived like TOTP (RFC 6238) from a secret kept per activity
//! and the time window, with the activity's id in the message so that a code
//! never opens another activity. The secret never leaves the server; the
//! organiser's page asks for the current code.
//!
//! A code is taken in its own window and for a few seconds into the next
//! (someone was typing when it changed), only while the activity runs.

use crate::ids::ActivityId;
use chrono::{DateTime, Duration, TimeZone, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const STEP_SECS: i64 = 30;
pub const DIGITS: usize = 6;
/// How long the code just replaced is still taken.
pub const GRACE_SECS: i64 = 10;
/// How far back a code is recognised as one that was shown (and has
/// expired) rather than never shown: ten minutes.
const RECOGNISED_WINDOWS: i64 = 20;

/// The window an instant falls in.
pub fn window_of(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(STEP_SECS)
}

/// When a window's code is replaced.
pub fn window_ends(window: i64) -> DateTime<Utc> {
    Utc.timestamp_opt((window + 1) * STEP_SECS, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The code of `window` for the activity.
pub fn code(secret: &[u8], activity: ActivityId, window: i64) -> String {
    // Any key length is accepted by HMAC; this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(activity.0.as_bytes());
    mac.update(&window.to_be_bytes());
    let h = mac.finalize().into_bytes();
    // RFC 4226's dynamic truncation.
    let at = usize::from(h[h.len() - 1] & 0x0f);
    let n = u32::from_be_bytes([h[at] & 0x7f, h[at + 1], h[at + 2], h[at + 3]]);
    format!("{:0width$}", n % 10u32.pow(DIGITS as u32), width = DIGITS)
}

/// Why a code is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// The activity has not begun.
    NotStarted,
    /// The activity is over.
    Ended,
    /// It was this activity's code, but it has changed since.
    Expired,
    /// Not a code this activity showed.
    Wrong,
}

/// Take a code entered at `now`: the window it belongs to, or why not.
pub fn check(
    secret: &[u8],
    activity: ActivityId,
    entered: &str,
    now: DateTime<Utc>,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
) -> Result<i64, Refused> {
    if now < starts {
        return Err(Refused::NotStarted);
    }
    if now > ends {
        return Err(Refused::Ended);
    }
    let entered = entered.trim();
    let current = window_of(now);
    if code(secret, activity, current) == entered {
        return Ok(current);
    }
    let into_window = now.timestamp() - current * STEP_SECS;
    if into_window < GRACE_SECS && code(secret, activity, current - 1) == entered {
        return Ok(current - 1);
    }
    let shown_since = window_of(starts);
    let recognised = (1..=RECOGNISED_WINDOWS)
        .map(|back| current - back)
        .take_while(|w| *w >= shown_since)
        .any(|w| code(secret, activity, w) == entered);
    Err(if recognised {
        Refused::Expired
    } else {
        Refused::Wrong
    })
}

/// The time left on a window's code, for the organiser's countdown.
pub fn remaining(now: DateTime<Utc>) -> Duration {
    window_ends(window_of(now)) - now
}
