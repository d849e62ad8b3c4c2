//! Who is knocking, for the login throttle: the client's address as the throttle keys it.
//!
//! `X-Forwarded-For` is believed only from the reverse proxies the admin names
//! (`BUZON_TRUSTED_PROXIES`, CIDR ranges): anyone reaching the desk directly could write any
//! address there. Behind a chain of proxies the client is the right-most hop that is not one
//! of ours (each proxy appends the address it saw; only the left part can be forged). IPv6
//! clients are keyed by their /64, the block one subscriber gets and rotates addresses in.
//! Asked by `ssr::auth::client_address` for every sign-in and password change.

use ipnet::IpNet;
use std::net::IpAddr;

/// The address the throttle counts for a request that came from `peer` with `forwarded`
/// (the `X-Forwarded-For` header's value, if any).
pub fn client_key(peer: IpAddr, forwarded: Option<&str>, trusted: &[IpNet]) -> String {
    key(client(peer, forwarded, trusted))
}

/// The client's address: `peer`, unless `peer` is a trusted proxy; then the right-most
/// forwarded hop that is not a trusted proxy (or the left-most one, if all of them are).
pub fn client(peer: IpAddr, forwarded: Option<&str>, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(&canonical(*ip)));
    if !is_trusted(&peer) {
        return canonical(peer);
    }
    let mut client = peer;
    for hop in forwarded.unwrap_or_default().rsplit(',') {
        // A hop we cannot read ends the chain we can vouch for.
        let Some(ip) = parse_hop(hop) else { break };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    canonical(client)
}

/// IPv4 as is; IPv6 by its /64.
pub fn key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let net = ipnet::Ipv6Net::new(v6, 64).map(|n| n.trunc());
            net.map_or_else(|_| v6.to_string(), |n| n.to_string())
        }
    }
}

/// Parses the proxy list the admin configured: CIDR ranges or single addresses, separated by
/// commas or spaces. The error names the entry that is not one.
pub fn parse_trusted(list: &str) -> Result<Vec<IpNet>, String> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{entry:?} is not an address or a CIDR range"))
        })
        .collect()
}

/// An `X-Forwarded-For` entry: an address, maybe with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(ip, _)| ip.parse().ok())
}

/// IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is the IPv4 address it carries.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn nets(s: &str) -> Vec<IpNet> {
        parse_trusted(s).expect("nets")
    }

    #[test]
    fn the_header_means_nothing_from_an_untrusted_peer() {
        let trusted = nets("10.0.0.0/8");
        assert_eq!(
            client_key(ip("203.0.113.9"), Some("1.1.1.1"), &trusted),
            "203.0.113.9"
        );
        assert_eq!(
            client_key(ip("203.0.113.9"), Some("1.1.1.1"), &[]),
            "203.0.113.9"
        );
    }

    #[test]
    fn behind_our_proxies_the_client_is_the_last_hop_that_is_not_ours() {
        let trusted = nets("10.0.0.0/8, 192.168.1.5");
        // client -> proxy A (10.0.0.2) -> proxy B (192.168.1.5) -> desk
        assert_eq!(
            client_key(ip("192.168.1.5"), Some("198.51.100.7, 10.0.0.2"), &trusted),
            "198.51.100.7"
        );
        // A forged left part changes nothing: the proxy appended what it saw.
        assert_eq!(
            client_key(ip("10.0.0.2"), Some("6.6.6.6, 198.51.100.7"), &trusted),
            "198.51.100.7"
        );
        // Only proxies in the header: the left-most one.
        assert_eq!(
            client_key(ip("10.0.0.2"), Some("10.0.0.3"), &trusted),
            "10.0.0.3"
        );
        // No header from a proxy: the proxy itself.
        assert_eq!(client_key(ip("10.0.0.2"), None, &trusted), "10.0.0.2");
        // Garbage stops the walk at the last hop we could read.
        assert_eq!(
            client_key(ip("10.0.0.2"), Some("junk, 10.0.0.4"), &trusted),
            "10.0.0.4"
        );
    }

    #[test]
    fn ports_and_brackets_are_read() {
        let trusted = nets("127.0.0.1/32");
        assert_eq!(
            client_key(ip("127.0.0.1"), Some("198.51.100.7:51234"), &trusted),
            "198.51.100.7"
        );
        assert_eq!(
            client_key(ip("127.0.0.1"), Some("[2001:db8::1]:443"), &trusted),
            "2001:db8::/64"
        );
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        assert_eq!(key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")),
            key(ip("2001:db8:1:2::9"))
        );
        assert_ne!(key(ip("2001:db8:1:3::1")), key(ip("2001:db8:1:2::1")));
        assert_eq!(key(ip("::ffff:192.0.2.1")), "192.0.2.1");
    }

    #[test]
    fn the_proxy_list_names_what_is_wrong() {
        assert_eq!(nets("").len(), 0);
        assert_eq!(nets("127.0.0.1, ::1 10.0.0.0/8").len(), 3);
        let err = parse_trusted("10.0.0.0/8, proxy.local").expect_err("refused");
        assert!(err.contains("proxy.local"), "{err}");
    }
}
