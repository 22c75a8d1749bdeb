//! The address a request really comes from: forwarded headers count only from trusted proxies.

use super::gateway::IpNet;
use std::net::IpAddr;

/// Reverse proxies whose X-Forwarded-* headers are believed; empty (the default) means none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses or CIDR ranges separated by commas and/or whitespace; empty means none.
    pub fn parse_list(text: &str) -> Result<Self, String> {
        text.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<IpNet>, String>>()
            .map(TrustedProxies)
    }

    /// Whether `ip` is one of the proxies (IPv4-mapped IPv6 counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }
}

/// The client: the TCP peer, unless the peer is a trusted proxy; then the right-most address in
/// X-Forwarded-For that is not a trusted proxy. Anything left of that could be forged by the client.
/// IPv4-mapped IPv6 results are returned as IPv4, so one client has one spelling.
pub fn client_ip(peer: IpAddr, x_forwarded_for: Option<&str>, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    for hop in x_forwarded_for.unwrap_or_default().rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip.to_canonical();
                if !trusted.contains(client) {
                    break;
                }
            }
            // Garbage ends the chain: nothing left of it can be believed, so keep the last trusted hop.
            Err(_) => break,
        }
    }
    client
}

/// Whether the original request was HTTPS, by X-Forwarded-Proto from a trusted proxy only.
pub fn forwarded_https(peer: IpAddr, x_forwarded_proto: Option<&str>, trusted: &TrustedProxies) -> bool {
    trusted.contains(peer) && x_forwarded_proto.is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(s: &str) -> TrustedProxies {
        TrustedProxies::parse_list(s).unwrap()
    }

    #[test]
    fn lists_parse_with_commas_and_spaces() {
        let list = proxies(" 127.0.0.1, 10.0.0.0/8\t::1  192.168.0.0/16,,");
        assert!(list.contains(ip("127.0.0.1")) && list.contains(ip("10.9.8.7")) && list.contains(ip("::1")));
        assert!(list.contains(ip("::ffff:192.168.3.4")));
        assert!(!list.contains(ip("127.0.0.2")));
        assert_eq!(proxies(""), TrustedProxies::default());
        assert!(!TrustedProxies::default().contains(ip("127.0.0.1")));
        let err = TrustedProxies::parse_list("127.0.0.1, 10.0.0.0/40").unwrap_err();
        assert!(err.contains("10.0.0.0/40"), "{err}");
        assert!(TrustedProxies::parse_list("localhost").is_err());
    }

    #[test]
    fn untrusted_peer_cannot_claim_another_address() {
        let trusted = proxies("127.0.0.1");
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("210.153.84.1"), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("210.153.84.1"), &TrustedProxies::default()),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn trusted_peer_gives_the_rightmost_untrusted_address() {
        let trusted = proxies("127.0.0.1");
        // The left entry was sent by the client itself and must not win.
        let xff = Some("1.2.3.4, 210.153.84.1");
        assert_eq!(client_ip(ip("127.0.0.1"), xff, &trusted), ip("210.153.84.1"));
        assert_eq!(client_ip(ip("127.0.0.1"), None, &trusted), ip("127.0.0.1"));
        assert_eq!(client_ip(ip("127.0.0.1"), Some(""), &trusted), ip("127.0.0.1"));
    }

    #[test]
    fn chain_of_two_trusted_proxies() {
        let trusted = proxies("127.0.0.1, 10.0.0.0/8");
        let xff = Some("1.2.3.4, 210.153.84.1, 10.0.0.5");
        assert_eq!(client_ip(ip("127.0.0.1"), xff, &trusted), ip("210.153.84.1"));
        // Only proxies in the header: the left-most of them is as far as we can see.
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("10.0.0.7, 10.0.0.5"), &trusted),
            ip("10.0.0.7")
        );
    }

    #[test]
    fn garbage_stops_the_walk() {
        let trusted = proxies("127.0.0.1, 10.0.0.0/8");
        let xff = Some("210.153.84.1, nonsense, 10.0.0.5");
        assert_eq!(client_ip(ip("127.0.0.1"), xff, &trusted), ip("10.0.0.5"));
        assert_eq!(client_ip(ip("127.0.0.1"), Some("nonsense"), &trusted), ip("127.0.0.1"));
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("210.153.84.1:5000"), &trusted),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn ipv6_peers_and_hops() {
        let trusted = proxies("::1, 2001:db8:ffff::/48");
        let xff = Some("2001:db8::7, 2001:db8:ffff::2");
        assert_eq!(client_ip(ip("::1"), xff, &trusted), ip("2001:db8::7"));
        assert_eq!(client_ip(ip("2001:db8::9"), xff, &trusted), ip("2001:db8::9"));
        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
        let v4 = proxies("127.0.0.1");
        assert_eq!(
            client_ip(ip("::ffff:127.0.0.1"), Some("210.153.84.1"), &v4),
            ip("210.153.84.1")
        );
        assert_eq!(client_ip(ip("::ffff:203.0.113.9"), None, &v4), ip("203.0.113.9"));
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("::ffff:210.153.84.1"), &v4),
            ip("210.153.84.1")
        );
    }

    #[test]
    fn forwarded_proto_counts_only_from_proxies() {
        let trusted = proxies("127.0.0.1");
        assert!(forwarded_https(ip("127.0.0.1"), Some("https"), &trusted));
        assert!(forwarded_https(ip("127.0.0.1"), Some(" HTTPS "), &trusted));
        assert!(!forwarded_https(ip("127.0.0.1"), Some("http"), &trusted));
        assert!(!forwarded_https(ip("127.0.0.1"), None, &trusted));
        assert!(!forwarded_https(ip("198.51.100.1"), Some("https"), &trusted));
    }
}
