//! The client's address: the connection's peer, or — when the peer is one of the configured trusted proxies
//! (`HALOSCOPE_TRUSTED_PROXIES`) — the address the proxies say they forwarded for (`X-Forwarded-For`, read
//! from the right, skipping trusted proxies). Sign-in limits, the audit log and `/metrics`' loopback rule
//! use it, so a proxy in front does not make every client one address (or every client "loopback").
//! IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, what a dual-stack listener reports) are read as the IPv4
//! address they carry, everywhere.

use http::HeaderMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// Proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

/// `ip` with an IPv4-mapped IPv6 address read as IPv4.
pub fn normalise(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// The key limits count an address under: IPv4 as it is, IPv6 by its /64 (one subscriber's whole network:
/// a single client can change the lower 64 bits at will).
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match normalise(ip) {
        IpAddr::V6(v6) => {
            let mask = !0u128 << 64;
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & mask))
        }
        v4 => v4,
    }
}

/// Whether a request carries a header by which a proxy says it forwarded it for someone.
fn forwarded(headers: &HeaderMap) -> bool {
    headers.contains_key("x-forwarded-for")
        || headers.contains_key(http::header::FORWARDED)
        || headers.contains_key("x-real-ip")
}

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|p| normalise(*p) == ip)
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client_ip(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = normalise(peer.ip());
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .map(normalise)
            .collect();
        forwarded
            .iter()
            .rev()
            .find(|ip| !self.trusts(**ip))
            .copied()
            .unwrap_or(peer)
    }

    /// Whether the request came straight from this machine: a loopback peer that is not a trusted proxy
    /// and — safe by default, with or without trusted proxies configured — carries no `X-Forwarded-For`,
    /// `Forwarded` or `X-Real-IP` (a proxy on this machine forwarding for someone else, unconfigured).
    pub fn is_local(&self, peer: SocketAddr, headers: &HeaderMap) -> bool {
        let ip = normalise(peer.ip());
        ip.is_loopback() && !self.trusts(ip) && !forwarded(headers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let direct: SocketAddr = "198.51.100.7:5000".parse().unwrap();
        let none = TrustedProxies::default();
        let trusted = TrustedProxies(vec![
            "127.0.0.1".parse().unwrap(),
            "10.0.0.2".parse().unwrap(),
        ]);
        let h = headers(&["203.0.113.9, 10.0.0.2"]);
        assert_eq!(
            none.client_ip(proxy, &h),
            proxy.ip(),
            "not trusted: the peer"
        );
        assert_eq!(trusted.client_ip(proxy, &h).to_string(), "203.0.113.9");
        assert_eq!(
            trusted.client_ip(direct, &h),
            direct.ip(),
            "a direct client cannot claim another address"
        );
        // a client's own made-up entry on the left does not win over what the proxy added
        let spoofed = headers(&["1.2.3.4", "203.0.113.9"]);
        assert_eq!(
            trusted.client_ip(proxy, &spoofed).to_string(),
            "203.0.113.9"
        );
        assert_eq!(trusted.client_ip(proxy, &headers(&["garbage"])), proxy.ip());
        assert!(none.is_local(proxy, &HeaderMap::new()));
        assert!(
            !trusted.is_local(proxy, &HeaderMap::new()),
            "through a proxy on this machine is not local"
        );
    }

    #[test]
    fn a_forwarded_loopback_request_is_never_local() {
        let proxy: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let none = TrustedProxies::default();
        assert!(!none.is_local(proxy, &headers(&["203.0.113.9"])));
        let mut h = HeaderMap::new();
        h.insert(http::header::FORWARDED, "for=203.0.113.9".parse().unwrap());
        assert!(!none.is_local(proxy, &h));
        let mapped: SocketAddr = "[::ffff:127.0.0.1]:5000".parse().unwrap();
        assert!(none.is_local(mapped, &HeaderMap::new()));
    }

    #[test]
    fn mapped_addresses_are_ipv4_and_ipv6_counts_by_slash_64() {
        let trusted = TrustedProxies(vec!["10.0.0.2".parse().unwrap()]);
        let mapped: SocketAddr = "[::ffff:10.0.0.2]:443".parse().unwrap();
        assert_eq!(
            trusted
                .client_ip(mapped, &headers(&["::ffff:203.0.113.9"]))
                .to_string(),
            "203.0.113.9",
            "a mapped proxy is still the trusted proxy; a mapped client is IPv4"
        );
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(limit_key(a), limit_key(b));
        assert_ne!(limit_key(a), limit_key(c));
        assert_eq!(limit_key(a).to_string(), "2001:db8:1:2::");
        let v4: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(limit_key(v4).to_string(), "192.0.2.1");
    }
}
