//! The signed-in session, kept in localStorage so a reload keeps the user signed in.

use onestop_domain::auth::TokenResponse;
use serde::{Deserialize, Serialize};

const SESSION_KEY: &str = "onestop.session";
const LANG_KEY: &str = "onestop.lang";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
}

impl From<TokenResponse> for Session {
    fn from(t: TokenResponse) -> Self {
        Self {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
        }
    }
}

impl Session {
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A damaged stored value means "not signed in", not a crash.
    pub fn decode(s: &str) -> Option<Self> {
        serde_json::from_str(s).ok()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load() -> Option<Session> {
    storage()?
        .get_item(SESSION_KEY)
        .ok()
        .flatten()
        .as_deref()
        .and_then(Session::decode)
}

pub fn save(session: Option<&Session>) {
    if let Some(s) = storage() {
        let _ = match session {
            Some(session) => s.set_item(SESSION_KEY, &session.encode()),
            None => s.remove_item(SESSION_KEY),
        };
    }
}

pub fn load_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

pub fn save_lang(code: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_round_trip_and_garbage_is_signed_out() {
        let s = Session {
            access_token: "a".into(),
            refresh_token: "r".into(),
        };
        assert_eq!(Session::decode(&s.encode()), Some(s));
        assert_eq!(Session::decode("{not json"), None);
    }
}
