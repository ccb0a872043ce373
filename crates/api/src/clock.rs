//! Time as a dependency, so tests can move it (token expiry, lockouts, SLAs).

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Real time moved to start at another instant (`ONESTOP_CLOCK_START`): the
/// browser tests run the seed and the flows on chosen days of a month, e.g.
/// the first, when "last month" has only just closed.
pub struct ShiftedClock(Duration);

impl ShiftedClock {
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self(start - Utc::now())
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.0
    }
}

/// The clock a process runs on: the system's, or a shifted one when configured.
pub fn configured(start: Option<DateTime<Utc>>) -> Arc<dyn Clock> {
    match start {
        Some(t) => {
            tracing::warn!(start = %t, "the clock is shifted (ONESTOP_CLOCK_START); for tests only");
            Arc::new(ShiftedClock::starting_at(t))
        }
        None => Arc::new(SystemClock),
    }
}

/// A clock that starts at the real time (or a given instant) and moves only when told to.
#[derive(Clone)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    pub fn new() -> Self {
        Self::at(Utc::now())
    }

    pub fn at(t: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(t)))
    }

    pub fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *t += by;
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
