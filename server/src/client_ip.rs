//! The client's address: the connection's peer, or — when the peer is one of the configured trusted proxies
//! (`HALOSCOPE_TRUSTED_PROXIES`) — the address the proxies say they forwarded for (`X-Forwarded-For`, read
//! from the right, skipping trusted proxies). Sign-in limits, the audit log and `/metrics`' loopback rule
//! use it, so a proxy in front does not make every client one address (or every client "loopback").

use http::HeaderMap;
use std::net::{IpAddr, SocketAddr};

/// Proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// The client's address for a request from `peer` with `headers`.
    pub fn client_ip(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.ip();
        if !self.0.contains(&peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .collect();
        forwarded
            .iter()
            .rev()
            .find(|ip| !self.0.contains(ip))
            .copied()
            .unwrap_or(peer)
    }

    /// Whether the request came straight from this machine (not through a proxy on it).
    pub fn is_local(&self, peer: SocketAddr) -> bool {
        peer.ip().is_loopback() && !self.0.contains(&peer.ip())
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
        assert!(none.is_local(proxy));
        assert!(
            !trusted.is_local(proxy),
            "through a proxy on this machine is not local"
        );
    }
}
