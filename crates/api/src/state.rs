//! What every handler shares: settings, database, clock, signing keys, and
//! the scope each endpoint asks of a service token.

use crate::auth::jwt::Keys;
use crate::auth::scopes::ScopeMap;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub settings: Arc<Settings>,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub keys: Arc<Keys>,
    pub scopes: Arc<ScopeMap>,
}

impl AppState {
    pub fn new(settings: Settings, db: Db, clock: Arc<dyn Clock>) -> Self {
        let keys = Arc::new(Keys::new(settings.jwt_secret.expose()));
        let scopes = Arc::new(ScopeMap::from_document(&crate::openapi::document_value()));
        Self {
            scopes,
            settings: Arc::new(settings),
            db,
            clock,
            keys,
        }
    }
}
