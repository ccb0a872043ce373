//! The webhook worker on this server: claims due deliveries, sends them
//! side by side (each within its timeout, outside any transaction, so a
//! slow receiver holds up nothing but its own delivery), and records each
//! outcome. Wakes when this server commits an event, and every second.

use crate::app::events::webhooks::deliver;
use crate::app::AppError;
use crate::state::AppState;
use onestop_domain::integration::webhooks::DeliveryState;
use std::time::{Duration, Instant};

pub fn spawn(state: AppState) {
    actix_web::rt::spawn(async move {
        let mut local = state.db.events_committed();
        loop {
            tokio::select! {
                _ = local.changed() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            loop {
                match run_once(&state).await {
                    Ok(n) if n as i64 == deliver::BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "webhook delivery failed; retrying");
                        break;
                    }
                }
            }
        }
    });
}

/// One round: claim what is due now, send it, record it; returns how many were sent.
pub async fn run_once(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let claimed = state
        .db
        .write(move |c| Ok::<_, AppError>(deliver::claim(c, now)?))
        .await?;
    let n = claimed.len();
    let sends = claimed.into_iter().map(|p| {
        let sender = state.webhooks.clone();
        async move {
            let started = Instant::now();
            let ts = state.clock.now().timestamp();
            let answer = sender
                .post(&p.url, &p.secret, &p.event_id, ts, p.body.clone())
                .await;
            let ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
            (p, answer, ms)
        }
    });
    for (p, answer, ms) in futures_util::future::join_all(sends).await {
        match &answer {
            Ok(s) if (200..300).contains(s) => {}
            other => {
                tracing::info!(delivery = %p.id, attempt = p.attempts, outcome = ?other, "webhook not accepted")
            }
        }
        let now = state.clock.now();
        let recorded = state
            .db
            .write(move |c| Ok::<_, AppError>(deliver::record(c, &p, &answer, ms, now)?))
            .await?;
        if let Some(state_after) = recorded {
            let outcome = match state_after {
                DeliveryState::Delivered => "delivered",
                DeliveryState::Failed => "failed",
                _ => "retry",
            };
            state
                .metrics
                .webhook_attempts
                .get_or_create(&crate::metrics::OutcomeLabels { outcome })
                .inc();
        }
    }
    Ok(n)
}
