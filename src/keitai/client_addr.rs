//! The address a request really comes from: forwarded headers count only from trusted proxies.

use super::gateway::IpNet;
use std::net::IpAddr;

/// Reverse proxies whose X-Forwarded-* headers are believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses or ranges separated by commas or spaces; empty means none.
    pub fn parse_list(text: &str) -> Result<Self, String> {
        text.split([',', ' '])
            .filter(|s| !s.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<IpNet>, String>>()
            .map(TrustedProxies)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }
}

/// The client: the TCP peer, unless the peer is a trusted proxy; then the right-most address in
/// X-Forwarded-For that is not a trusted proxy. Anything left of it could be forged by the client.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &TrustedProxies) -> IpAddr {
    if !trusted.contains(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_for.unwrap_or_default().rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted.contains(ip) {
                    break;
                }
            }
            // Garbage ends the chain: nothing before it can be believed.
            Err(_) => break,
        }
    }
    client
}

/// Whether the original request was HTTPS, by X-Forwarded-Proto from a trusted proxy only.
pub fn forwarded_https(peer: IpAddr, forwarded_proto: Option<&str>, trusted: &TrustedProxies) -> bool {
    trusted.contains(peer) && forwarded_proto.is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn untrusted_peers_cannot_claim_another_address() {
        let trusted = TrustedProxies::parse_list("127.0.0.1").unwrap();
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("210.153.84.1"), &trusted),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn trusted_proxies_are_skipped_from_the_right() {
        let trusted = TrustedProxies::parse_list("127.0.0.1, 10.0.0.0/8").unwrap();
        let xff = Some("1.2.3.4, 210.153.84.1, 10.0.0.5");
        assert_eq!(client_ip(ip("127.0.0.1"), xff, &trusted), ip("210.153.84.1"));
        assert_eq!(client_ip(ip("127.0.0.1"), None, &trusted), ip("127.0.0.1"));
        assert_eq!(
            client_ip(ip("127.0.0.1"), Some("nonsense, 10.0.0.5"), &trusted),
            ip("10.0.0.5")
        );
        let v6 = TrustedProxies::parse_list("::1").unwrap();
        assert_eq!(client_ip(ip("::1"), Some("2001:db8::7"), &v6), ip("2001:db8::7"));
    }

    #[test]
    fn forwarded_proto_counts_only_from_proxies() {
        let trusted = TrustedProxies::parse_list("127.0.0.1").unwrap();
        assert!(forwarded_https(ip("127.0.0.1"), Some("https"), &trusted));
        assert!(!forwarded_https(ip("198.51.100.1"), Some("https"), &trusted));
        assert!(TrustedProxies::parse_list("10.0.0.0/40").is_err());
    }
}
