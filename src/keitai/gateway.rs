//! Carrier gateway address lists: which carrier's keitai gateway a client address belongs to.
//!
//! The list is dated data (`carrier-profiles/gateways.toml`); a list older than the configured age
//! is stale and switches かんたんログイン off.

use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;
use std::str::FromStr;

/// An address range: a network address and a prefix length (host bits are always zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    network: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Whether `ip` is inside; an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) counts as IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => u32::from(ip) & v4_mask(self.prefix) == u32::from(net),
            (IpAddr::V6(net), IpAddr::V6(ip)) => u128::from(ip) & v6_mask(self.prefix) == u128::from(net),
            _ => false,
        }
    }
}

fn v4_mask(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

fn v6_mask(prefix: u8) -> u128 {
    u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

impl FromStr for IpNet {
    type Err = String;

    /// `a.b.c.d/n`, `x::y/n`, or a single address (a /32 or /128). Host bits are masked off.
    fn from_str(text: &str) -> Result<Self, String> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| format!("not an address or range: {text:?}"))?;
        // Plain digits only: `u8::from_str` would also take "+24".
        let prefix = match prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse::<u8>().ok(),
            Some(_) => None,
            None => Some(if addr.is_ipv4() { 32 } else { 128 }),
        };
        let net = match (addr, prefix) {
            (IpAddr::V4(a), Some(p @ 0..=32)) => IpNet {
                network: IpAddr::V4(Ipv4Addr::from(u32::from(a) & v4_mask(p))),
                prefix: p,
            },
            // An IPv4-mapped range is kept as IPv4 so that plain IPv4 peers match it too.
            (IpAddr::V6(a), Some(p @ 96..=128)) if a.to_ipv4_mapped().is_some() => {
                return format!("{}/{}", IpAddr::V6(a).to_canonical(), p - 96).parse();
            }
            (IpAddr::V6(a), Some(p @ 0..=128)) => IpNet {
                network: IpAddr::V6(Ipv6Addr::from(u128::from(a) & v6_mask(p))),
                prefix: p,
            },
            _ => return Err(format!("bad prefix length: {text:?}")),
        };
        Ok(net)
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// The dated list of each carrier's gateway ranges.
#[derive(Debug, Clone)]
pub struct GatewayList {
    as_of: NaiveDate,
    /// (carrier id as in the profiles: docomo, au, softbank, willcom; range)
    ranges: Vec<(String, IpNet)>,
}

/// Whether a list may still be believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    Stale { as_of: NaiveDate },
}

/// A gateway list file that cannot be read or is malformed.
#[derive(Debug, thiserror::Error)]
#[error("ゲートウェイ一覧 {path} を読めません。HIROBA_GATEWAY_LIST を確かめてください (cannot read the gateway list {path}: check HIROBA_GATEWAY_LIST): {message}")]
pub struct GatewayError {
    path: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GatewayFile {
    as_of: toml::value::Datetime,
    carriers: Carriers,
}

/// Fixed names, so that a misspelt carrier is an error rather than a carrier nobody matches.
/// A carrier left out has no gateway (its phones get no かんたんログイン).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Carriers {
    #[serde(default)]
    docomo: Vec<String>,
    #[serde(default)]
    au: Vec<String>,
    #[serde(default)]
    softbank: Vec<String>,
    #[serde(default)]
    willcom: Vec<String>,
}

impl GatewayList {
    /// Reads and checks a gateway list file.
    pub fn load(path: &Path) -> Result<Self, GatewayError> {
        let error = |message: String| GatewayError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        GatewayList::parse(&text).map_err(error)
    }

    /// The list compiled into the binary (`keitai::builtin`).
    pub fn builtin() -> Result<Self, GatewayError> {
        GatewayList::parse(super::builtin::GATEWAYS).map_err(|message| GatewayError {
            path: super::builtin::SHOWN_AS.to_string(),
            message,
        })
    }

    /// Parses the TOML text of a gateway list; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: GatewayFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let as_of = match file.as_of {
            toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            } => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
            _ => None,
        }
        .ok_or(format!(
            "as_of = {} must be a plain date such as 2026-11-01",
            file.as_of
        ))?;
        let c = file.carriers;
        let mut ranges = Vec::new();
        for (carrier, list) in [
            ("docomo", c.docomo),
            ("au", c.au),
            ("softbank", c.softbank),
            ("willcom", c.willcom),
        ] {
            for (i, range) in list.iter().enumerate() {
                let net = range
                    .parse::<IpNet>()
                    .map_err(|e| format!("carriers.{carrier}[{i}]: {e}"))?;
                ranges.push((carrier.to_string(), net));
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

    /// Stale once more than `max_age_days` days have passed since `as_of`.
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
softbank = []
willcom = []
"#;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn list() -> GatewayList {
        GatewayList::parse(LIST).unwrap()
    }

    #[test]
    fn docomo_address_inside_a_range() {
        assert_eq!(list().carrier_of(ip("210.153.84.0")), Some("docomo"));
        assert_eq!(list().carrier_of(ip("210.153.84.255")), Some("docomo"));
        assert_eq!(list().carrier_of(ip("2001:db8:1::5")), Some("docomo"));
    }

    #[test]
    fn address_outside_every_range() {
        assert_eq!(list().carrier_of(ip("210.153.85.0")), None);
        assert_eq!(list().carrier_of(ip("210.153.83.255")), None);
        assert_eq!(list().carrier_of(ip("2001:db9::1")), None);
    }

    #[test]
    fn au_address_is_not_docomo() {
        assert_eq!(list().carrier_of(ip("111.107.116.63")), Some("au"));
        assert_eq!(list().carrier_of(ip("111.107.116.64")), None);
    }

    #[test]
    fn ipv4_mapped_ipv6_matches_ipv4_ranges() {
        assert_eq!(list().carrier_of(ip("::ffff:210.153.84.1")), Some("docomo"));
        assert_eq!(list().carrier_of(ip("::ffff:210.153.85.1")), None);
        let mapped: IpNet = "::ffff:10.0.0.0/104".parse().unwrap();
        assert_eq!(mapped.to_string(), "10.0.0.0/8");
        assert!(mapped.contains(ip("10.1.2.3")));
    }

    #[test]
    fn stale_or_fresh_by_date() {
        assert_eq!(list().as_of, day("2026-11-01"));
        assert_eq!(list().freshness(day("2026-12-01"), 90), Freshness::Fresh);
        assert_eq!(list().freshness(day("2027-01-30"), 90), Freshness::Fresh);
        assert_eq!(
            list().freshness(day("2027-01-31"), 90),
            Freshness::Stale {
                as_of: day("2026-11-01")
            }
        );
    }

    #[test]
    fn host_bits_are_masked_and_prefixes_checked() {
        let net: IpNet = "210.153.84.77/24".parse().unwrap();
        assert_eq!(net.to_string(), "210.153.84.0/24");
        assert!(net.contains(ip("210.153.84.1")));
        assert_eq!("2001:db8::1/32".parse::<IpNet>().unwrap().to_string(), "2001:db8::/32");
        assert_eq!("0.0.0.0/0".parse::<IpNet>().unwrap().prefix, 0);
        assert!("0.0.0.0/0".parse::<IpNet>().unwrap().contains(ip("203.0.113.1")));
        assert_eq!("192.0.2.1".parse::<IpNet>().unwrap().prefix, 32);
        assert_eq!("::1".parse::<IpNet>().unwrap().prefix, 128);
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "10.0.0.0/+8",
            "10.0.0.0/",
            "10.0.0/8",
            "not-an-ip",
            "",
        ] {
            let err = bad.parse::<IpNet>().unwrap_err();
            assert!(err.contains(&format!("{bad:?}")), "{err}");
        }
    }

    #[test]
    fn bad_cidr_text_is_named() {
        let text = "as_of = 2026-11-01\n[carriers]\ndocomo = []\nau = [\"10.0.0.0/8\", \"10.0.0.0/33\"]\nsoftbank = []\nwillcom = []";
        let err = GatewayList::parse(text).unwrap_err();
        assert!(err.contains("10.0.0.0/33") && err.contains("carriers.au[1]"), "{err}");
    }

    #[test]
    fn bad_files_are_refused() {
        // Misspelt carrier, unknown key, a date-time instead of a date.
        let misspelt = LIST.replace("docomo =", "docmo =");
        assert!(GatewayList::parse(&misspelt).unwrap_err().contains("docmo"));
        assert!(GatewayList::parse(&format!("source = \"x\"\n{LIST}")).is_err());
        let timed = LIST.replace("2026-11-01", "2026-11-01T00:00:00Z");
        assert!(GatewayList::parse(&timed).unwrap_err().contains("plain date"));
        let err = GatewayList::load(Path::new("/nonexistent/gateways.toml")).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/gateways.toml"), "{err}");
    }

    #[test]
    fn the_shipped_list_loads_and_is_stale() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("carrier-profiles/gateways.toml");
        let list = GatewayList::load(&path).unwrap();
        assert_eq!(list.as_of, day("2011-12-31"));
        let count = |carrier: &str| list.ranges.iter().filter(|(c, _)| c == carrier).count();
        // As many as the 2011 source lists (willcom repeats some ranges).
        assert_eq!(
            [count("docomo"), count("au"), count("softbank"), count("willcom")],
            [8, 45, 3, 185]
        );
        assert_eq!(list.carrier_of(ip("210.153.84.1")), Some("docomo"));
        assert_eq!(list.carrier_of(ip("111.107.116.1")), Some("au"));
        assert_eq!(list.carrier_of(ip("123.108.237.1")), Some("softbank"));
        assert_eq!(list.carrier_of(ip("61.198.128.1")), Some("willcom"));
        assert!(matches!(list.freshness(day("2026-11-21"), 90), Freshness::Stale { .. }));
    }
}
