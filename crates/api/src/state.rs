//! What every handler shares: settings, database, clock, signing keys, and
//! the scope each endpoint asks of a service token.

use crate::app::events::webhooks::send::{Reach, Sender};
use crate::auth::jwt::Keys;
use crate::auth::scopes::ScopeMap;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::live::Hub;
use crate::metrics::Metrics;
use crate::openapi::Spec;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub keys: Arc<Keys>,
    pub scopes: Arc<ScopeMap>,
    /// The OpenAPI document, generated once: served, and read for `scopes`.
    pub spec: Arc<Spec>,
    /// This server's open live streams.
    pub hub: Hub,
    /// Sends webhooks, within the address ranges the settings allow.
    pub webhooks: Sender,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(settings: Settings, db: Db, clock: Arc<dyn Clock>) -> Result<Self, reqwest::Error> {
        let keys = Arc::new(Keys::new(settings.jwt_secret.expose()));
        let spec = Arc::new(Spec::new());
        let scopes = Arc::new(ScopeMap::from_document(&spec.0));
        let webhooks = Sender::new(Reach::new(settings.webhook_allow_networks.clone()))?;
        Ok(Self {
            scopes,
            spec,
            settings: Arc::new(settings),
            db,
            clock,
            keys,
            hub: Hub::default(),
            webhooks,
            metrics: Arc::new(Metrics::new()),
        })
    }
}
