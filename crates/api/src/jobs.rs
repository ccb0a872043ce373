//! Background work inside the server: the service hall's deadline watch,
//! the reform plan's reminders and housekeeping (old sign-in counters,
//! expired idempotency keys, events past the changes feed's 30 days), on
//! one timer. Each run is one transaction and safe to repeat, so several
//! servers may run them side by side.

use crate::db::DbError;
use crate::state::AppState;
use std::time::Duration;

/// Run every job each `every`, until the server stops. A failed run is logged
/// and tried again on the next tick.
pub fn spawn(state: AppState, every: Duration) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(every);
        loop {
            tick.tick().await;
            let now = state.clock.now();
            match state
                .db
                .write(move |c| crate::app::service::escalation::run_once(c, now))
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(escalated = n, "deadline watch"),
                Err(e) => tracing::warn!(error = %e, "deadline watch failed; retrying next tick"),
            }
            match state
                .db
                .write::<_, DbError, _>(move |c| {
                    Ok(crate::app::reform::reminders::run_once(c, now)?)
                })
                .await
            {
                Ok(r) if r == Default::default() => {}
                Ok(r) => tracing::info!(
                    overdue_milestones = r.overdue_milestones,
                    silent = r.silent,
                    "reform reminders"
                ),
                Err(e) => tracing::warn!(error = %e, "reform reminders failed; retrying next tick"),
            }
            if let Err(e) = state
                .db
                .write::<_, DbError, _>(move |c| Ok(crate::db::repo::throttle::purge(c, now)?))
                .await
            {
                tracing::warn!(error = %e, "purging old sign-in counters failed; retrying next tick");
            }
            let cutoff = now - chrono::Duration::hours(crate::app::idempotency::KEY_TTL_HOURS);
            if let Err(e) = state
                .db
                .write::<_, DbError, _>(move |c| {
                    Ok(crate::db::repo::idempotency::purge_before(c, cutoff)?)
                })
                .await
            {
                tracing::warn!(error = %e, "purging expired idempotency keys failed; retrying next tick");
            }
            let cutoff = now - chrono::Duration::days(crate::app::events::KEEP_DAYS);
            if let Err(e) = state
                .db
                .write::<_, DbError, _>(move |c| {
                    Ok(crate::db::repo::events::outbox::purge_before(c, cutoff)?)
                })
                .await
            {
                tracing::warn!(error = %e, "purging old events failed; retrying next tick");
            }
        }
    });
}
