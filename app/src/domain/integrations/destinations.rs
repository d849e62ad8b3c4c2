//! Which addresses an outgoing webhook may reach. A URL an admin types could point inside the
//! desk's own network (the database, a cloud metadata service): unless the admin allowed
//! private destinations for that endpoint, every address its host resolves to must be public.

use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why a destination was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Loopback, private, link-local, carrier-grade NAT, unique-local, multicast,
    /// unspecified, documentation or otherwise reserved.
    NotPublic,
    /// The host did not resolve to any address.
    Unresolvable,
}

/// Whether every resolved address may be reached.
pub fn check(addresses: &[IpAddr], allow_private: bool) -> Result<(), Refusal> {
    if addresses.is_empty() {
        return Err(Refusal::Unresolvable);
    }
    if allow_private || addresses.iter().all(|a| is_public(*a)) {
        Ok(())
    } else {
        Err(Refusal::NotPublic)
    }
}

pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(a: Ipv4Addr) -> bool {
    let [o0, o1, o2, _] = a.octets();
    !(a.is_unspecified()
        || a.is_loopback()
        || a.is_private()
        || a.is_link_local()
        || a.is_broadcast()
        || a.is_multicast()
        || a.is_documentation()
        || o0 == 0
        // Carrier-grade NAT 100.64.0.0/10.
        || (o0 == 100 && (64..128).contains(&o1))
        // IETF protocol assignments 192.0.0.0/24, benchmarking 198.18.0.0/15.
        || (o0 == 192 && o1 == 0 && o2 == 0)
        || (o0 == 198 && (o1 == 18 || o1 == 19))
        // Reserved 240.0.0.0/4.
        || o0 >= 240)
}

fn is_public_v6(a: Ipv6Addr) -> bool {
    let first = a.segments()[0];
    !(a.is_unspecified()
        || a.is_loopback()
        || a.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, site-local fec0::/10.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        // Documentation 2001:db8::/32, NAT64 64:ff9b::/96 (can reach private v4).
        || (first == 0x2001 && a.segments()[1] == 0x0db8)
        || (first == 0x0064 && a.segments()[1] == 0xff9b))
}
