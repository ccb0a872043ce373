//! The HTTP side of a delivery: sign, POST, and refuse to call inside.
//!
//! A receiver's address could name the server itself or its network
//! (loopback, link-local such as the cloud's metadata service, private
//! ranges). Every address a host name resolves to is checked by the
//! resolver reqwest connects through, so a name that changes its answer
//! between the check and the call (DNS rebinding) is caught too; literal
//! addresses are checked before the call; redirects are not followed.

use ipnet::IpNet;
use onestop_domain::integration::webhooks::{is_internal, TIMEOUT_SECONDS};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Which addresses may be called: any public one, and the internal ranges an
/// administrator allowed (`ONESTOP_WEBHOOK_ALLOW_NETWORKS`).
#[derive(Debug, Clone, Default)]
pub struct Reach {
    allowed: Arc<Vec<IpNet>>,
}

impl Reach {
    pub fn new(allowed: Vec<IpNet>) -> Self {
        Self {
            allowed: Arc::new(allowed),
        }
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        !is_internal(ip) || self.allowed.iter().any(|n| n.contains(&ip))
    }

    /// A literal address in the URL, if it is one the server will not call.
    pub fn refuses_literal(&self, url: &reqwest::Url) -> Option<IpAddr> {
        let ip = match url.host()? {
            url::Host::Ipv4(v4) => IpAddr::V4(v4),
            url::Host::Ipv6(v6) => IpAddr::V6(v6),
            url::Host::Domain(_) => return None,
        };
        (!self.permits(ip)).then_some(ip)
    }
}

/// Resolves names like the system does, then keeps only permitted addresses.
struct GuardedResolver(Reach);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let reach = self.0.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<SocketAddr> = found
                .iter()
                .copied()
                .filter(|a| reach.permits(a.ip()))
                .collect();
            if kept.is_empty() && !found.is_empty() {
                return Err(format!(
                    "{host} resolves only to internal addresses ({}), which the server does not call",
                    found[0].ip()
                )
                .into());
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

/// The outcome of one POST: the status the receiver answered, or why none came.
pub type Answer = Result<u16, String>;

#[derive(Clone)]
pub struct Sender {
    http: reqwest::Client,
    reach: Reach,
}

impl Sender {
    pub fn new(reach: Reach) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .dns_resolver(Arc::new(GuardedResolver(reach.clone())))
            .redirect(reqwest::redirect::Policy::none())
            // A proxy would resolve the name itself, past the guard.
            .no_proxy()
            .timeout(Duration::from_secs(TIMEOUT_SECONDS))
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("onestop-webhooks/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { http, reach })
    }

    pub fn reach(&self) -> &Reach {
        &self.reach
    }

    /// POST `body` signed for `secret` (Standard Webhooks: `webhook-id`,
    /// `webhook-timestamp`, `webhook-signature` over `id.timestamp.body`).
    pub async fn post(
        &self,
        url: &str,
        secret: &str,
        id: &str,
        timestamp: i64,
        body: String,
    ) -> Answer {
        let url = reqwest::Url::parse(url).map_err(|e| format!("not a web address: {e}"))?;
        if let Some(ip) = self.reach.refuses_literal(&url) {
            return Err(format!(
                "{ip} is an internal address, which the server does not call"
            ));
        }
        let signature = standardwebhooks::Webhook::new(secret)
            .and_then(|w| w.sign(id, timestamp, body.as_bytes()))
            .map_err(|e| format!("cannot sign: {e}"))?;
        let res = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header(standardwebhooks::HEADER_WEBHOOK_ID, id)
            .header(
                standardwebhooks::HEADER_WEBHOOK_TIMESTAMP,
                timestamp.to_string(),
            )
            .header(standardwebhooks::HEADER_WEBHOOK_SIGNATURE, signature)
            .body(body)
            .send()
            .await
            .map_err(describe)?;
        Ok(res.status().as_u16())
    }
}

/// Why a POST got no answer, in words for the delivery log.
fn describe(e: reqwest::Error) -> String {
    use std::error::Error;
    let mut text = if e.is_timeout() {
        format!("no answer within {TIMEOUT_SECONDS} s")
    } else if e.is_connect() {
        "could not connect".to_owned()
    } else {
        "the request failed".to_owned()
    };
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text.chars().take(500).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused_unless_allowed() {
        let none = Reach::default();
        let lo: IpAddr = "127.0.0.1".parse().unwrap();
        assert!(!none.permits(lo));
        assert!(none.permits("202.120.2.1".parse().unwrap()));
        let some = Reach::new(vec!["127.0.0.0/8".parse().unwrap()]);
        assert!(some.permits(lo));
        assert!(!some.permits("10.0.0.1".parse().unwrap()));
        let url = reqwest::Url::parse("http://[::1]:9/x").unwrap();
        assert_eq!(none.refuses_literal(&url), Some("::1".parse().unwrap()));
        let named = reqwest::Url::parse("http://localhost:9/x").unwrap();
        assert_eq!(
            none.refuses_literal(&named),
            None,
            "names are checked when resolved"
        );
    }
}
