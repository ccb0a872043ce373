use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` when the check passed.
    pub status: &'static str,
}

/// Liveness: the process is up and serving.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)))]
#[get("/healthz")]
async fn healthz() -> web::Json<Health> {
    web::Json(Health { status: "ok" })
}

/// Readiness: the database answers a query.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, body = Health),
        (status = 503, description = "The database is unreachable"),
    )
)]
#[get("/readyz")]
async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, crate::error::ApiError> {
    match state.db.ping().await {
        Ok(()) => Ok(HttpResponse::Ok().json(Health { status: "ok" })),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            Err(crate::error::ApiError::Unavailable)
        }
    }
}

/// Metrics in the Prometheus text format (OpenMetrics): requests by route
/// and status with latency histograms, database pools, background job runs
/// and failures, webhook attempts and backlog, live streams. For monitoring
/// systems holding `metrics:read` (Prometheus reads client credentials:
/// `oauth2` in its scrape config) and administrators.
#[utoipa::path(
    tag = "operations",
    security(("bearer" = []), ("client" = ["metrics:read"])),
    responses(
        (status = 200, content_type = "application/openmetrics-text", body = String, description = "The metrics"),
        (status = 403),
    )
)]
#[get("/metrics")]
async fn metrics(
    state: web::Data<AppState>,
    _admin: crate::auth::AdminUser,
) -> Result<HttpResponse, crate::error::ApiError> {
    let backlog = state
        .db
        .read(|c| {
            crate::app::events::webhooks::subscriptions::backlog(c)
                .map_err(crate::error::ApiError::from)
        })
        .await?;
    let m = &state.metrics;
    m.webhook_waiting.set(backlog.0);
    m.webhook_failed.set(backlog.1);
    m.live_streams
        .set(i64::try_from(state.hub.streams()).unwrap_or(i64::MAX));
    for (pool, idle, busy) in state.db.pool_state() {
        use crate::metrics::PoolLabels;
        m.pool
            .get_or_create(&PoolLabels {
                pool,
                state: "idle",
            })
            .set(i64::from(idle));
        m.pool
            .get_or_create(&PoolLabels {
                pool,
                state: "busy",
            })
            .set(i64::from(busy));
    }
    Ok(HttpResponse::Ok()
        .content_type(crate::metrics::CONTENT_TYPE)
        .body(m.render()))
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(healthz).service(readyz).service(metrics);
}
