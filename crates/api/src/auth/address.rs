//! The address a request comes from, for throttling sign-in attempts per source.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use std::future::{ready, Ready};
use std::net::IpAddr;

/// The client's address: the TCP peer, or — when the peer is one of
/// `ONESTOP_TRUSTED_PROXIES` — the nearest address in `X-Forwarded-For` that
/// is not a trusted proxy. Headers from anyone else are ignored, since a
/// client could write any address there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequest for ClientAddr {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let trusted = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.trusted_proxies.clone())
            .unwrap_or_default();
        let peer = req.peer_addr().map(|a| a.ip());
        let forwarded: Vec<String> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .collect();
        ready(Ok(ClientAddr(client_address(peer, &forwarded, &trusted))))
    }
}

fn client_address(
    peer: Option<IpAddr>,
    forwarded: &[String],
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let mut addr = peer?;
    for hop in forwarded.iter().rev() {
        if !trusted.contains(&addr) {
            break;
        }
        match hop.parse() {
            Ok(ip) => addr = ip,
            Err(_) => break,
        }
    }
    Some(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let hops = vec!["6.6.6.6".to_owned(), "10.1.2.3".to_owned()];
        // No trusted proxy: the header is the client's own word, ignored.
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &hops, &[]),
            Some(ip("10.0.0.1"))
        );
        // Behind the proxy: the address it saw, not what the client wrote before it.
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &hops, &[ip("10.0.0.1")]),
            Some(ip("10.1.2.3"))
        );
        // Through two trusted proxies.
        assert_eq!(
            client_address(
                Some(ip("10.0.0.1")),
                &hops,
                &[ip("10.0.0.1"), ip("10.1.2.3")]
            ),
            Some(ip("6.6.6.6"))
        );
        assert_eq!(
            client_address(
                Some(ip("10.0.0.1")),
                &["junk".to_owned()],
                &[ip("10.0.0.1")]
            ),
            Some(ip("10.0.0.1"))
        );
    }
}
