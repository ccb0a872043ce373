//! What this server counts for Prometheus (`GET /metrics`, scope
//! `metrics:read`): HTTP requests by route and status with their latency,
//! the database pools, the background jobs, webhook attempts and backlog,
//! and the live stream. Counters live in memory per server; the backlog is
//! read from the database at each scrape, so any one server reports it whole.

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    /// The route's pattern (`/api/v1/requests/{id}`), never the concrete path.
    pub route: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct JobLabels {
    pub job: &'static str,
    /// `ok` or `failed`.
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// `delivered`, `retry` or `failed`.
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SourceLabels {
    /// What woke the live stream's reader: `local` (a commit here),
    /// `notify` (another server's, by NOTIFY) or `timer`.
    pub source: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PoolLabels {
    pub pool: &'static str,
    /// `idle` or `busy`.
    pub state: &'static str,
}

type Histograms = Family<RouteLabels, Histogram, fn() -> Histogram>;

fn latency() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

pub struct Metrics {
    registry: Registry,
    pub requests: Family<RouteLabels, Counter>,
    pub latency: Histograms,
    pub jobs: Family<JobLabels, Counter>,
    pub webhook_attempts: Family<OutcomeLabels, Counter>,
    pub live_wakeups: Family<SourceLabels, Counter>,
    pub live_streams: Gauge,
    pub pool: Family<PoolLabels, Gauge>,
    pub webhook_waiting: Gauge,
    pub webhook_failed: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("onestop");
        let requests = Family::<RouteLabels, Counter>::default();
        let latency = Histograms::new_with_constructor(latency);
        let jobs = Family::<JobLabels, Counter>::default();
        let webhook_attempts = Family::<OutcomeLabels, Counter>::default();
        let live_wakeups = Family::<SourceLabels, Counter>::default();
        let live_streams = Gauge::default();
        let pool = Family::<PoolLabels, Gauge>::default();
        let webhook_waiting = Gauge::default();
        let webhook_failed = Gauge::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            latency.clone(),
        );
        registry.register("job_runs", "Background job runs", jobs.clone());
        registry.register(
            "webhook_attempts",
            "Webhook delivery attempts by outcome",
            webhook_attempts.clone(),
        );
        registry.register(
            "live_wakeups",
            "Times the live stream's reader woke, by cause",
            live_wakeups.clone(),
        );
        registry.register(
            "live_streams",
            "Live streams open on this server",
            live_streams.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Database connections of this server by pool and state",
            pool.clone(),
        );
        registry.register(
            "webhook_deliveries_waiting",
            "Webhook deliveries waiting to be sent (the outbox backlog, all servers)",
            webhook_waiting.clone(),
        );
        registry.register(
            "webhook_deliveries_failed",
            "Webhook deliveries that failed for good (until sent again)",
            webhook_failed.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            jobs,
            webhook_attempts,
            live_wakeups,
            live_streams,
            pool,
            webhook_waiting,
            webhook_failed,
        }
    }

    pub fn observe(&self, method: &str, route: String, status: u16, seconds: f64) {
        let labels = RouteLabels {
            method: method.to_owned(),
            route,
            status,
        };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&labels).observe(seconds);
    }

    pub fn job(&self, job: &'static str, ok: bool) {
        let outcome = if ok { "ok" } else { "failed" };
        self.jobs.get_or_create(&JobLabels { job, outcome }).inc();
    }

    pub fn woke(&self, source: &'static str) {
        self.live_wakeups
            .get_or_create(&SourceLabels { source })
            .inc();
    }

    /// The Prometheus text (OpenMetrics) of everything counted.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            tracing::error!("metrics could not be encoded");
        }
        out
    }
}

/// The content type of [`Metrics::render`].
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
