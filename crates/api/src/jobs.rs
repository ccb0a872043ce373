//! Background work inside the server: the service hall's deadline watch,
//! the reform plan's and the visits' reminders, the draws of sessions whose
//! applications closed, and housekeeping (old sign-in counters,
//! expired idempotency keys, events past the changes feed's 30 days), on
//! one timer. Each run is one transaction and safe to repeat, so several
//! servers may run them side by side. Each run is counted in the metrics.

use crate::app::AppError;
use crate::db::DbError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Run every job each `every`, until the server stops. A failed run is logged
/// and tried again on the next tick.
pub fn spawn(state: AppState, every: Duration) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(every);
        loop {
            tick.tick().await;
            run_all(&state, state.clock.now()).await;
        }
    });
}

/// One run of every job; a failure is logged, counted and left for the next run.
async fn run_all(state: &AppState, now: DateTime<Utc>) {
    let escalated = state
        .db
        .write(move |c| crate::app::service::escalation::run_once(c, now))
        .await;
    if let Ok(n) = &escalated {
        if *n > 0 {
            tracing::info!(escalated = n, "deadline watch");
        }
    }
    done(state, "deadline_watch", escalated);
    let reminded = state
        .db
        .write::<_, DbError, _>(move |c| Ok(crate::app::reform::reminders::run_once(c, now)?))
        .await;
    if let Ok(r) = &reminded {
        if *r != Default::default() {
            tracing::info!(
                overdue_milestones = r.overdue_milestones,
                silent = r.silent,
                "reform reminders"
            );
        }
    }
    done(state, "reform_reminders", reminded.map_err(AppError::from));
    let behind = state
        .db
        .write(move |c| crate::app::visits::reminders::run_once(c, now))
        .await;
    if let Ok(n) = &behind {
        if *n > 0 {
            tracing::info!(reminded = n, "visit reminders");
        }
    }
    done(state, "visit_reminders", behind);
    let drawn = state
        .db
        .write(move |c| crate::app::talks::draw::run_once(c, now))
        .await;
    if let Ok(n) = &drawn {
        if *n > 0 {
            tracing::info!(drawn = n, "session draws");
        }
    }
    done(state, "session_draws", drawn);
    let closed = state
        .db
        .write(move |c| crate::app::inspection::evaluate::close_due(c, now))
        .await;
    if let Ok(true) = &closed {
        tracing::info!("dorm evaluation: last month closed");
    }
    done(state, "close_evaluation_month", closed);
    let purged = state
        .db
        .write::<_, DbError, _>(move |c| Ok(crate::db::repo::throttle::purge(c, now)?))
        .await;
    done(
        state,
        "purge_sign_in_counters",
        purged.map_err(AppError::from),
    );
    let cutoff = now - chrono::Duration::hours(crate::app::idempotency::KEY_TTL_HOURS);
    let purged = state
        .db
        .write::<_, DbError, _>(move |c| Ok(crate::db::repo::idempotency::purge_before(c, cutoff)?))
        .await;
    done(
        state,
        "purge_idempotency_keys",
        purged.map_err(AppError::from),
    );
    // In batches, each its own transaction, until none is left: a reader's
    // place is then either before the purge (and told so) or after all of it.
    let cutoff = now - chrono::Duration::days(crate::app::events::KEEP_DAYS);
    let purged = loop {
        let batch = state
            .db
            .write::<_, DbError, _>(move |c| {
                Ok(crate::db::repo::events::outbox::purge_before(c, cutoff)?)
            })
            .await;
        match batch {
            Ok(n) if n == crate::db::repo::events::outbox::PURGE_BATCH => continue,
            other => break other,
        }
    };
    done(state, "purge_events", purged.map_err(AppError::from));
}

fn done<T>(state: &AppState, job: &'static str, result: Result<T, AppError>) {
    if let Err(e) = &result {
        tracing::warn!(job, error = %e, "background job failed; retrying next tick");
    }
    state.metrics.job(job, result.is_ok());
}
