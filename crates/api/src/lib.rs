//! The onestop server as a library: `main.rs` only parses the command line,
//! and tests start the same [`Application`] on port 0.

pub mod app;
pub mod auth;
pub mod blocking;
pub mod clock;
pub mod config;
pub mod cursor;
pub mod db;
pub mod deliveries;
pub mod error;
pub mod extract;
pub mod files;
pub mod jobs;
#[cfg(test)]
mod layering;
pub mod live;
pub mod metrics;
pub mod openapi;
pub mod pdf;
pub mod routes;
pub mod seed;
pub mod setup;
pub mod state;
pub mod telemetry;
pub mod web;

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::{fn_service, Server, ServiceRequest};
use actix_web::{middleware, web as aweb, App, HttpResponse, HttpServer};
use onestop_domain::problem::ProblemCode;
use std::net::TcpListener;
use std::sync::Arc;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

/// Every documented route; shared by the server and [`openapi::document`].
pub fn register_routes(cfg: &mut ServiceConfig) {
    // The scope owns every path under its prefix: without its own default,
    // an unknown /api/v1 path would end as an empty 404.
    cfg.service(
        scope("/api/v1")
            .configure(routes::api_v1)
            .default_service(fn_service(|req: ServiceRequest| async {
                Ok(web::fallback(req, None).await)
            })),
    )
    .configure(routes::health::routes);
}

pub struct Application {
    server: Server,
    port: u16,
    pub state: AppState,
}

impl Application {
    /// Open the database, apply migrations and bind; the server runs once awaited.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database_url, settings.db_pool_size)?;
        let migrate_db = db.clone();
        let applied = aweb::block(move || -> anyhow::Result<usize> {
            let n = migrate_db.migrate()?;
            migrate_db.optimize()?;
            Ok(n)
        })
        .await??;
        if applied > 0 {
            tracing::info!(applied, "migrations applied");
        }
        let listener = TcpListener::bind(settings.bind)?;
        let port = listener.local_addr()?.port();
        let state = AppState::new(settings, db, clock)?;
        let server = server(state.clone(), listener)?;
        jobs::spawn(state.clone(), state.settings.job_interval);
        live::spawn(
            state.db.clone(),
            state.settings.database_url.clone(),
            state.hub.clone(),
            state.metrics.clone(),
        );
        if state.settings.webhook_delivery {
            deliveries::spawn(state.clone());
        }
        Ok(Self {
            server,
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serve until SIGTERM or ctrl-c, then finish the requests in flight.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let spec = aweb::Data::from(state.spec.clone());
    let web_dir = state.settings.web_dir.clone();
    if web::files(&web_dir).is_none() {
        tracing::warn!(dir = %web_dir.display(), "no built web app found; serving the API only");
    }
    let data = aweb::Data::new(state);
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(data.clone())
            .app_data(spec.clone())
            .app_data(aweb::PayloadConfig::new(extract::JSON_LIMIT))
            .app_data(aweb::PathConfig::default().error_handler(|err, _| {
                ApiError::BadRequest {
                    code: ProblemCode::BadPath,
                    detail: format!("a value in the URL path is not valid: {err}"),
                }
                .into()
            }))
            .configure(register_routes)
            .split_for_parts();
        let app = app
            .route(
                "/api/docs",
                aweb::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/api/docs/"))
                        .finish()
                }),
            )
            .service(
                SwaggerUi::new("/api/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")),
            );
        let app = match web::files(&web_dir) {
            Some(files) => app.service(files),
            None => app.default_service(fn_service(|req: ServiceRequest| async {
                Ok(web::fallback(req, None).await)
            })),
        };
        app.wrap(middleware::from_fn(web::web_headers))
            .wrap(middleware::Compress::default())
            .wrap(middleware::from_fn(telemetry::request_id))
            .wrap(middleware::from_fn(telemetry::measure))
            .wrap(tracing_actix_web::TracingLogger::default())
    })
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}
