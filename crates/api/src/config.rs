//! Settings from environment variables over defaults. Passed around in an
//! `Arc`, never global, so tests can run many servers in one process.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use chrono::Duration;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A secret that never shows up in logs or debug output.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub bind: SocketAddr,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub db_pool_size: u32,
    pub jwt_secret: Secret,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// The built frontend; served at `/` when the folder exists.
    pub web_dir: PathBuf,
    pub log_format: LogFormat,
    /// How often the deadline watch runs.
    pub job_interval: std::time::Duration,
    /// The most requests one student may have open at once.
    pub max_open_requests: i64,
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for sign-in throttling).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Internal address ranges webhooks may still be sent to (a campus system
    /// on the campus network); every other internal address is refused.
    pub webhook_allow_networks: Vec<ipnet::IpNet>,
    /// Whether this server sends webhooks (tests turn it off to send them by hand).
    pub webhook_delivery: bool,
    /// Tests only: the instant the server's clock starts at (it runs on from there).
    pub clock_start: Option<chrono::DateTime<chrono::Utc>>,
    /// The CJK font PDFs are drawn with; none found means no PDFs (a 500 that says why).
    pub pdf_font: Option<crate::pdf::FontFile>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is invalid: {reason}")]
    Invalid { name: &'static str, reason: String },
    #[error("cannot read or create the JWT secret file {0}: {1}")]
    SecretFile(PathBuf, std::io::Error),
}

fn invalid(name: &'static str, reason: impl fmt::Display) -> ConfigError {
    ConfigError::Invalid {
        name,
        reason: reason.to_string(),
    }
}

impl Settings {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    /// Settings from any key lookup; `from_env` passes the process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let data_dir = PathBuf::from(get("ONESTOP_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let bind = get("ONESTOP_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| invalid("ONESTOP_BIND", e))?;
        let database_url = get("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("onestop.db").display()));
        let seconds = |name: &'static str, default: i64| -> Result<Duration, ConfigError> {
            match get(name) {
                None => Ok(Duration::seconds(default)),
                Some(v) => match v.parse::<i64>() {
                    Ok(n) if n > 0 => Ok(Duration::seconds(n)),
                    _ => Err(invalid(name, "expected a positive number of seconds")),
                },
            }
        };
        let jwt_secret = match get("ONESTOP_JWT_SECRET") {
            Some(s) if s.len() >= 32 => Secret::new(s.into_bytes()),
            Some(_) => {
                return Err(invalid(
                    "ONESTOP_JWT_SECRET",
                    "must be at least 32 characters",
                ))
            }
            None => secret_from_file(&data_dir.join("jwt-secret"))?,
        };
        let db_pool_size = match get("ONESTOP_DB_POOL_SIZE") {
            None => 8,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=256).contains(n))
                .ok_or_else(|| {
                    invalid("ONESTOP_DB_POOL_SIZE", "expected a number from 1 to 256")
                })?,
        };
        let log_format = match get("ONESTOP_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(invalid(
                    "ONESTOP_LOG_FORMAT",
                    format!("`{other}`: use text or json"),
                ))
            }
        };
        let clock_start = get("ONESTOP_CLOCK_START")
            .map(|v| {
                chrono::DateTime::parse_from_rfc3339(&v)
                    .map(|t| t.to_utc())
                    .map_err(|e| {
                        invalid(
                            "ONESTOP_CLOCK_START",
                            format!("`{v}` is not an RFC 3339 time: {e}"),
                        )
                    })
            })
            .transpose()?;
        let trusted_proxies = get("ONESTOP_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse().map_err(|_| {
                    invalid(
                        "ONESTOP_TRUSTED_PROXIES",
                        format!("`{p}` is not an IP address"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let webhook_allow_networks = get("ONESTOP_WEBHOOK_ALLOW_NETWORKS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                // A bare address is a range of one.
                p.parse::<ipnet::IpNet>()
                    .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| {
                        invalid(
                            "ONESTOP_WEBHOOK_ALLOW_NETWORKS",
                            format!("`{p}` is not an address or a range like 10.20.0.0/16"),
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let webhook_delivery = match get("ONESTOP_WEBHOOK_DELIVERY").as_deref() {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                return Err(invalid(
                    "ONESTOP_WEBHOOK_DELIVERY",
                    format!("`{other}`: use on or off"),
                ))
            }
        };
        let max_open_requests = match get("ONESTOP_MAX_OPEN_REQUESTS") {
            None => 20,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(|| {
                    invalid(
                        "ONESTOP_MAX_OPEN_REQUESTS",
                        "expected a number from 1 to 1000",
                    )
                })?,
        };
        let pdf_font = match get("ONESTOP_PDF_FONT") {
            None => crate::pdf::FontFile::find(),
            Some(path) => {
                let index = match get("ONESTOP_PDF_FONT_INDEX") {
                    None => 0,
                    Some(v) => v.parse::<u32>().map_err(|_| {
                        invalid(
                            "ONESTOP_PDF_FONT_INDEX",
                            "expected the face's number, 0 for the first",
                        )
                    })?,
                };
                if !std::path::Path::new(&path).is_file() {
                    return Err(invalid(
                        "ONESTOP_PDF_FONT",
                        format!("`{path}` is not a file"),
                    ));
                }
                Some(crate::pdf::FontFile {
                    path: path.into(),
                    index,
                })
            }
        };
        Ok(Settings {
            pdf_font,
            bind,
            max_open_requests,
            trusted_proxies,
            webhook_allow_networks,
            webhook_delivery,
            database_url,
            db_pool_size,
            jwt_secret,
            access_token_ttl: seconds("ONESTOP_ACCESS_TOKEN_TTL", 15 * 60)?,
            refresh_token_ttl: seconds("ONESTOP_REFRESH_TOKEN_TTL", 14 * 24 * 3600)?,
            web_dir: PathBuf::from(
                get("ONESTOP_WEB_DIR").unwrap_or_else(|| "./frontend/dist".into()),
            ),
            log_format,
            job_interval: std::time::Duration::from_secs(
                seconds("ONESTOP_JOB_INTERVAL", 60)?
                    .num_seconds()
                    .unsigned_abs(),
            ),
            data_dir,
            clock_start,
        })
    }
}

/// Read the signing key kept in the data dir, creating it on first start so a
/// restart does not log everyone out and no key is ever committed.
fn secret_from_file(path: &Path) -> Result<Secret, ConfigError> {
    let err = |e| ConfigError::SecretFile(path.to_owned(), e);
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().len() >= 32 => return Ok(Secret::new(s.trim().as_bytes().to_vec())),
        Ok(_) => {
            return Err(ConfigError::SecretFile(
                path.to_owned(),
                std::io::Error::other("the file holds fewer than 32 characters"),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e)),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let mut bytes = [0u8; 48];
    OsRng.fill_bytes(&mut bytes);
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    write_private(path, &encoded).map_err(err)?;
    Ok(Secret::new(encoded.into_bytes()))
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_derive_from_the_data_dir_and_the_secret_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        let s = settings(&[("ONESTOP_DATA_DIR", d)]).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.database_url, format!("sqlite://{d}/onestop.db"));
        assert_eq!(s.access_token_ttl, Duration::minutes(15));
        let again = settings(&[("ONESTOP_DATA_DIR", d)]).unwrap();
        assert_eq!(s.jwt_secret.expose(), again.jwt_secret.expose());
        assert!(!format!("{s:?}").contains(std::str::from_utf8(s.jwt_secret.expose()).unwrap()));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let e = settings(&[
            ("ONESTOP_JWT_SECRET", "short"),
            ("ONESTOP_DATA_DIR", "/nonexistent"),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("ONESTOP_JWT_SECRET"));
        let e = settings(&[
            ("ONESTOP_BIND", "nowhere"),
            ("ONESTOP_JWT_SECRET", &"x".repeat(32)),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("ONESTOP_BIND"));
    }
}
