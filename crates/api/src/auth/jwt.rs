//! Access tokens: HS256 JWTs. Validation pins the algorithm, so `alg: none`
//! and algorithm-swapped tokens are rejected, and checks expiry against the
//! app's clock rather than the library's, so tests can move time.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "onestop";
pub const AUDIENCE: &str = "onestop-api";
/// A stream ticket opens the live stream only: it is no access token.
pub const STREAM_AUDIENCE: &str = "onestop-stream";
/// How long a stream ticket opens the stream for.
pub const STREAM_TICKET_SECONDS: i64 = 60;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// Issue time in milliseconds: `iat` has one-second resolution, too coarse
    /// to tell a token issued just before a password reset from one just after.
    pub iat_ms: i64,
    /// A service account's token: its OAuth scopes, space-separated. Absent
    /// for people, whose reach is their roles and grid posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The service account (`client_id`) a scoped token was issued to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the access token has expired; refresh it or log in again")]
    Expired,
    #[error("the access token is not valid")]
    Invalid,
}

impl Keys {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }

    pub fn issue(
        &self,
        user_id: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        self.sign(Self::claims(user_id, now, ttl))
    }

    /// A service account's token: acts as its own user, within `scope`.
    pub fn issue_client(
        &self,
        user_id: &str,
        client_id: &str,
        scope: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        self.sign(Claims {
            scope: Some(scope.to_owned()),
            client_id: Some(client_id.to_owned()),
            ..Self::claims(user_id, now, ttl)
        })
    }

    /// A ticket for `/me/stream`, for browsers (whose `EventSource` sends no
    /// Authorization header); it carries the scope of the token it came from.
    pub fn issue_stream_ticket(
        &self,
        from: &Claims,
        now: DateTime<Utc>,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        self.sign(Claims {
            aud: STREAM_AUDIENCE.into(),
            // The session's start, so ending the session ends its tickets.
            iat_ms: from.iat_ms,
            scope: from.scope.clone(),
            client_id: from.client_id.clone(),
            ..Self::claims(&from.sub, now, Duration::seconds(STREAM_TICKET_SECONDS))
        })
    }

    fn claims(user_id: &str, now: DateTime<Utc>, ttl: Duration) -> Claims {
        Claims {
            sub: user_id.to_owned(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
            iat_ms: now.timestamp_millis(),
            scope: None,
            client_id: None,
        }
    }

    fn sign(&self, claims: Claims) -> Result<String, jsonwebtoken::errors::Error> {
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, TokenError> {
        self.verify_for(AUDIENCE, token, now)
    }

    pub fn verify_stream_ticket(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Claims, TokenError> {
        self.verify_for(STREAM_AUDIENCE, token, now)
    }

    fn verify_for(
        &self,
        audience: &str,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Claims, TokenError> {
        let mut v = Validation::new(Algorithm::HS256);
        v.validate_exp = false;
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[audience]);
        v.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
        let claims = decode::<Claims>(token, &self.decoding, &v)
            .map_err(|_| TokenError::Invalid)?
            .claims;
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }

    #[test]
    fn tokens_verify_until_they_expire() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let t = keys.issue("u1", now, Duration::minutes(15)).unwrap();
        assert_eq!(keys.verify(&t, now).unwrap().sub, "u1");
        assert_eq!(
            keys.verify(&t, now + Duration::minutes(16)).unwrap_err(),
            TokenError::Expired
        );
        let other = Keys::new(b"another-secret-another-secret-xx");
        assert_eq!(other.verify(&t, now).unwrap_err(), TokenError::Invalid);
    }

    #[test]
    fn unsigned_tokens_are_rejected() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef");
        let now = Utc::now();
        let claims = format!(
            r#"{{"sub":"u1","iss":"onestop","aud":"onestop-api","iat":0,"exp":{},"iat_ms":0}}"#,
            now.timestamp() + 600
        );
        let none = format!("{}.{}.", b64(r#"{"alg":"none","typ":"JWT"}"#), b64(&claims));
        assert_eq!(keys.verify(&none, now).unwrap_err(), TokenError::Invalid);
    }
}
