//! What every handler shares: settings, database, clock, signing keys.

use crate::auth::jwt::Keys;
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
}

impl AppState {
    pub fn new(settings: Settings, db: Db, clock: Arc<dyn Clock>) -> Self {
        let keys = Arc::new(Keys::new(settings.jwt_secret.expose()));
        Self {
            settings: Arc::new(settings),
            db,
            clock,
            keys,
        }
    }
}
