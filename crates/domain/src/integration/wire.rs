//! Service accounts and their tokens on the wire.

use super::ClientScope;
use crate::dates::Day;
use crate::ids::{ClientSecretId, ServiceAccountId};
use crate::unit::UnitView;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A new service account (administrators). The answer shows its secret once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateServiceAccountRequest {
    /// What the system is, e.g. 后勤报修系统: no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 64,
            pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"
        )
    )]
    pub name: String,
    /// The unit that answers for it: code (`logistics`) or id.
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub unit: String,
    /// What its tokens may do.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 8))]
    pub scopes: Vec<ClientScope>,
    /// Source addresses or ranges (`10.2.0.0/16`, `192.0.2.7`) tokens may be
    /// asked for from; empty: any.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 20))]
    pub allowed_addresses: Vec<String>,
    /// The last day its secrets work; none: until deactivated.
    #[serde(default)]
    pub expires_on: Option<Day>,
}

/// A secret as the admin page lists it: never the secret itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientSecretView {
    pub id: ClientSecretId,
    /// The secret's last four characters, to tell two apart.
    pub hint: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServiceAccountView {
    /// Also the OAuth `client_id`.
    pub id: ServiceAccountId,
    pub name: String,
    pub unit: UnitView,
    pub scopes: Vec<ClientScope>,
    pub allowed_addresses: Vec<String>,
    pub expires_on: Option<NaiveDate>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    /// When it last asked for a token, and from where.
    pub last_used_at: Option<DateTime<Utc>>,
    pub last_used_addr: Option<String>,
    /// Its secrets, newest first; two are valid while one is rotated out.
    pub secrets: Vec<ClientSecretView>,
}

/// `POST /auth/token` (RFC 6749 §4.4), as a form or JSON. The client may
/// authenticate with HTTP Basic instead of the two fields. Unknown parameters
/// are ignored, as the RFC asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientCredentialsRequest {
    /// `client_credentials`.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^client_credentials$"))]
    pub grant_type: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub client_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 128))]
    pub client_secret: Option<String>,
    /// Space-separated scopes to narrow the token to; all the account's when absent.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 512,
            pattern = r"^ *((requests:read|requests:write|grid:read|grid:write|roster:write|reform:read|webhooks:manage|metrics:read|visits:read|spaces:read|talks:read|growth:read)( +|$))*$"
        )
    )]
    pub scope: Option<String>,
}

/// A service token (RFC 6749 §5.1): no refresh token; ask again when it expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientTokenResponse {
    pub access_token: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds until it expires.
    pub expires_in: i64,
    /// The scopes it carries, space-separated.
    pub scope: String,
}

/// A new secret, shown this once: store it where the system reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedSecret {
    pub account: ServiceAccountView,
    pub client_id: ServiceAccountId,
    pub secret_id: ClientSecretId,
    pub client_secret: String,
}
