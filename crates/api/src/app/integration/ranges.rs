//! Source-address allow-lists: single addresses or CIDR ranges, IPv4 or IPv6
//! (`ipnet` parses and matches them).

use ipnet::IpNet;
use onestop_domain::FieldError;
use std::net::IpAddr;

/// Parse an allow-list as typed by an admin, naming the entry that is not one.
pub fn parse(entries: &[String]) -> Result<Vec<IpNet>, FieldError> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let e = e.trim();
            e.parse::<IpNet>()
                .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    FieldError::new(
                        format!("allowed_addresses[{i}]"),
                        "bad_address",
                        format!("`{e}` is not an address or a range such as 10.2.0.0/16"),
                    )
                })
        })
        .collect()
}

/// Whether `addr` may ask for a token: any address when the list is empty.
pub fn admits(stored: &str, addr: Option<IpAddr>) -> bool {
    let ranges: Vec<IpNet> = stored
        .split_ascii_whitespace()
        .filter_map(|r| r.parse().ok())
        .collect();
    ranges.is_empty() || addr.is_some_and(|a| ranges.iter().any(|r| r.contains(&a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_single_addresses_admit_what_they_cover() {
        let nets = parse(&["10.2.0.0/16".into(), " 192.0.2.7 ".into()]).unwrap();
        let stored: Vec<String> = nets.iter().map(ToString::to_string).collect();
        let stored = stored.join(" ");
        assert_eq!(stored, "10.2.0.0/16 192.0.2.7/32");
        assert!(admits(&stored, "10.2.3.4".parse().ok()));
        assert!(admits(&stored, "192.0.2.7".parse().ok()));
        assert!(!admits(&stored, "192.0.2.8".parse().ok()));
        assert!(!admits(&stored, None));
        assert!(admits("", None), "no list: any address");
        assert_eq!(
            parse(&["10.2.0.0/99".into()]).unwrap_err().field,
            "allowed_addresses[0]"
        );
    }
}
