//! Carrier gateway address lists: which carrier's keitai gateway a client address belongs to.
//!
//! The list is dated data (`carrier-profiles/gateways.toml`); a list older than the configured age
//! is stale and switches かんたんログイン off.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;
use std::str::FromStr;

/// An address range: a network address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    network: IpAddr,
    prefix: u8,
}

impl FromStr for IpNet {
    type Err = String;

    /// `a.b.c.d/n`, `x::y/n`, or a single address (a /32 or /128).
    fn from_str(text: &str) -> Result<Self, String> {
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text.trim(), None),
        };
        let network: IpAddr = addr.parse().map_err(|_| format!("not an address: {text:?}"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or(format!("bad prefix length: {text:?}"))?,
            None => max,
        };
        Ok(IpNet { network, prefix })
    }
}

impl IpNet {
    /// Whether `ip` is inside; an IPv4-mapped IPv6 peer (`::ffff:a.b.c.d`) matches IPv4 ranges.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(u32::from(net).into(), u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => same_prefix(u128::from(net), u128::from(ip), self.prefix, 128),
            _ => false,
        }
    }
}

fn same_prefix(a: u128, b: u128, prefix: u8, bits: u32) -> bool {
    let host_bits = bits - u32::from(prefix);
    (a ^ b).checked_shr(host_bits).unwrap_or(0) == 0
}

/// The dated list of each carrier's gateway ranges.
#[derive(Debug, Clone)]
pub struct GatewayList {
    as_of: NaiveDate,
    ranges: Vec<(String, IpNet)>,
}

/// Whether a list may still be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    Stale { as_of: NaiveDate },
}

#[derive(Debug, thiserror::Error)]
#[error("ゲートウェイ一覧 {path} を読めません (cannot read gateway list): {message}")]
pub struct GatewayError {
    path: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GatewayFile {
    as_of: toml::value::Datetime,
    carriers: BTreeMap<String, Vec<String>>,
}

impl GatewayList {
    pub fn load(path: &Path) -> Result<Self, GatewayError> {
        let error = |message: String| GatewayError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        GatewayList::parse(&text).map_err(error)
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let file: GatewayFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let as_of = file
            .as_of
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)))
            .ok_or("as_of must be a date such as 2026-11-01")?;
        let mut ranges = Vec::new();
        for (carrier, list) in file.carriers {
            for range in list {
                ranges.push((
                    carrier.clone(),
                    range.parse::<IpNet>().map_err(|e| format!("{carrier}: {e}"))?,
                ));
            }
        }
        Ok(GatewayList { as_of, ranges })
    }

    /// The carrier whose gateway `ip` is, if any.
    pub fn carrier_of(&self, ip: IpAddr) -> Option<&str> {
        self.ranges
            .iter()
            .find(|(_, net)| net.contains(ip))
            .map(|(c, _)| c.as_str())
    }

    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    pub fn freshness(&self, today: NaiveDate, max_age_days: u32) -> Freshness {
        if (today - self.as_of).num_days() > i64::from(max_age_days) {
            Freshness::Stale { as_of: self.as_of }
        } else {
            Freshness::Fresh
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
as_of = 2026-11-01
[carriers]
docomo = ["210.153.84.0/24", "2001:db8::/32"]
au = ["111.107.116.0/26"]
"#;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn addresses_map_to_their_carrier_only() {
        let list = GatewayList::parse(LIST).unwrap();
        assert_eq!(list.carrier_of(ip("210.153.84.7")), Some("docomo"));
        assert_eq!(list.carrier_of(ip("210.153.85.7")), None);
        assert_eq!(list.carrier_of(ip("111.107.116.63")), Some("au"));
        assert_eq!(list.carrier_of(ip("111.107.116.64")), None);
        assert_eq!(list.carrier_of(ip("::ffff:210.153.84.1")), Some("docomo"));
        assert_eq!(list.carrier_of(ip("2001:db8:1::5")), Some("docomo"));
    }

    #[test]
    fn old_lists_are_stale() {
        let list = GatewayList::parse(LIST).unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(list.freshness(day("2026-12-01"), 90), Freshness::Fresh);
        assert_eq!(
            list.freshness(day("2027-03-01"), 90),
            Freshness::Stale {
                as_of: day("2026-11-01")
            }
        );
    }

    #[test]
    fn bad_ranges_are_named() {
        let err = GatewayList::parse("as_of = 2026-11-01\n[carriers]\nau = [\"10.0.0.0/33\"]").unwrap_err();
        assert!(err.contains("10.0.0.0/33"), "{err}");
        assert!("not-an-ip".parse::<IpNet>().is_err());
    }

    #[test]
    fn the_shipped_list_loads_and_is_stale() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles/gateways.toml");
        let list = GatewayList::load(&path).unwrap();
        for carrier in ["docomo", "au", "softbank", "willcom"] {
            assert!(list.ranges.iter().any(|(c, _)| c == carrier), "{carrier}");
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert!(matches!(list.freshness(today, 90), Freshness::Stale { .. }));
    }
}
