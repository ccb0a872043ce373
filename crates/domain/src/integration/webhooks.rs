//! Webhook rules: what a subscription must give, which addresses the server
//! will not call, and when a failed delivery is tried again.

use super::events::EventType;
use crate::validation::{FieldError, ValidationErrors};
use chrono::{DateTime, Duration, Utc};
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use serde::{Deserialize, Serialize};

pub const URL_MAX_CHARS: usize = 2048;
/// Deliveries are retried for this long after the first attempt, then marked failed.
pub const RETRY_HOURS: i64 = 24;
/// A receiver that has not answered by then has failed this attempt.
pub const TIMEOUT_SECONDS: u64 = 10;
/// The secret's prefix, as the Standard Webhooks libraries expect it.
pub const SECRET_PREFIX: &str = "whsec_";

crate::string_enum! {
/// Where one event stands on its way to one subscription.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its next attempt.
    Pending = "pending",
    /// A server is sending it now (claimed until its lease runs out).
    Delivering = "delivering",
    /// The receiver answered 2xx.
    Delivered = "delivered",
    /// Every attempt for 24 hours failed; redeliver to try again.
    Failed = "failed",
}
}

/// A subscription's settings, checked: the name trimmed, the URL parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub url: url::Url,
    pub event_types: Vec<EventType>,
}

/// Check what a subscription asks for. The address itself (whether it is
/// internal) is the server's to check, since that needs its resolver.
pub fn check_settings(
    name: &str,
    url: &str,
    event_types: &[EventType],
) -> Result<Settings, ValidationErrors> {
    let mut errs = ValidationErrors::new();
    let name = errs.check(super::check_name(name, "the subscription"));
    let parsed = errs.check(check_url(url));
    if event_types.is_empty() {
        errs.push(FieldError::new(
            "event_types",
            "required",
            "choose at least one event type",
        ));
    }
    let mut types = event_types.to_vec();
    types.sort();
    types.dedup();
    errs.finish(|| {
        Some(Settings {
            name: name?,
            url: parsed?,
            event_types: types,
        })
    })
}

/// An `http` or `https` address with a host, without a password in it or a
/// fragment (which would never reach the receiver).
pub fn check_url(text: &str) -> Result<url::Url, FieldError> {
    let bad = |why: &str| FieldError::new("url", "bad_url", why.to_owned());
    if text.chars().count() > URL_MAX_CHARS {
        return Err(bad("the address is longer than 2048 characters"));
    }
    let url = url::Url::parse(text.trim()).map_err(|e| {
        bad(&format!(
            "not a web address ({e}); write it as https://host/path"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the address must start with https:// or http://"));
    }
    if url.host().is_none() {
        return Err(bad("the address needs a host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(
            "put no user name or password in the address; the signature proves the sender",
        ));
    }
    if url.fragment().is_some() {
        return Err(bad("the address must not end with a #fragment"));
    }
    Ok(url)
}

/// Addresses a receiver may not make the server call: the server itself,
/// its local network and the cloud's metadata service. An administrator may
/// allow some ranges (a campus system on the campus network) by setting.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => internal_v4(v4),
            None => internal_v6(v6),
        },
    }
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // Benchmarking, 198.18.0.0/15; reserved, 240.0.0.0/4.
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240
}

fn internal_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local fc00::/7 and link-local fe80::/10.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        // Documentation 2001:db8::/32.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
}

/// How long to wait after the `attempt`-th failure (1 for the first):
/// 5 s doubling to at most 2 h, spread by ±20 % (`jitter` in 0..1) so that
/// many deliveries failing together do not come back together.
pub fn retry_delay(attempt: u32, jitter: f64) -> Duration {
    let base = 5_i64.saturating_mul(1_i64 << attempt.saturating_sub(1).min(20));
    let capped = base.min(2 * 3600) as f64;
    let spread = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
    Duration::milliseconds((capped * spread * 1000.0) as i64)
}

/// When to try again after the `attempt`-th failure, or `None` when that
/// would fall past the 24 hours since the first attempt: the delivery has failed.
pub fn next_attempt(
    first_at: DateTime<Utc>,
    now: DateTime<Utc>,
    attempt: u32,
    jitter: f64,
) -> Option<DateTime<Utc>> {
    let next = now + retry_delay(attempt, jitter);
    (next <= first_at + Duration::hours(RETRY_HOURS)).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions_need_a_name_a_web_address_and_a_type() {
        let ok = check_settings(
            " 后勤 ",
            "https://logistics.example.edu/hooks",
            &[EventType::RequestCreated, EventType::RequestCreated],
        )
        .unwrap();
        assert_eq!(ok.name, "后勤");
        assert_eq!(ok.event_types, [EventType::RequestCreated]);
        let e = check_settings("", "ftp://x", &[]).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "url", "event_types"]);
        for bad in [
            "https://user:pw@example.edu/",
            "https://example.edu/#x",
            "not a url",
            "mailto:a@b.c",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn internal_addresses_are_recognised() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["202.120.2.1", "8.8.8.8", "2400:3200::1"] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn retries_back_off_to_two_hours_and_stop_after_a_day() {
        assert_eq!(retry_delay(1, 0.5), Duration::seconds(5));
        assert_eq!(retry_delay(2, 0.5), Duration::seconds(10));
        assert_eq!(retry_delay(30, 0.5), Duration::hours(2));
        assert_eq!(retry_delay(1, 0.0), Duration::seconds(4));
        assert_eq!(retry_delay(1, 1.0), Duration::seconds(6));
        let first = DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        // Walk the schedule: every failure for a day, then it stops.
        let (mut now, mut attempts) = (first, 0);
        while let Some(next) = next_attempt(first, now, attempts + 1, 0.5) {
            attempts += 1;
            now = next;
        }
        assert!(now <= first + Duration::hours(24));
        assert!(now > first + Duration::hours(22), "{now}");
        assert!((15..=25).contains(&attempts), "{attempts} attempts");
    }
}
