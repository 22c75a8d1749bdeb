//! かんたんログイン: when a carrier subscriber id may be believed.
//!
//! The headers (docomo `X-DCMGUID`, au `X-UP-SUBNO`, SoftBank `X-JPHONE-UID`) are plain request
//! headers anyone can send. One is believed only when the request came through **that** carrier's
//! gateway (by the TCP peer, or a trusted proxy's forwarded address), the User-Agent names the same
//! carrier, the Host is ours and the gateway list is fresh. Everything else fails closed.

use crate::config::Settings;
use crate::domain::token::token_hash;
use crate::keitai::gateway::{Freshness, GatewayList};
use crate::keitai::Device;
use chrono::NaiveDate;
use std::net::IpAddr;

/// Why a subscriber id was not accepted; each says what a member can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No gateway list is installed.
    NoList,
    /// The gateway list is older than allowed.
    Stale { as_of: NaiveDate },
    /// The device's carrier has no subscriber id (PC, smartphone, Willcom).
    NotSupported,
    /// The request was addressed to another host name.
    WrongHost,
    /// Not from any gateway of the carrier the User-Agent names.
    NotFromGateway,
    /// The phone did not send its id (docomo: 「iモードID」 not allowed; au/SoftBank: setting off).
    NoId,
}

impl Refusal {
    /// What operators must do when the feature is off for everyone (the log and the staff menu);
    /// `None` when the refusal is about one device.
    pub fn operator_notice(&self) -> Option<String> {
        match self {
            Refusal::NoList => Some(
                "かんたんログインは停止中です：携帯電話会社の接続元一覧（gateway_list）が置かれていません。".into(),
            ),
            Refusal::Stale { as_of } => Some(format!(
                "かんたんログインは停止中です：携帯電話会社の接続元一覧（gateway_list）が{}時点のもので古いため。新しい一覧に入れ替えてください。",
                as_of.format("%Y-%m-%d")
            )),
            _ => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::NoList | Refusal::Stale { .. } => {
                "ただいまご利用いただけません。パスワードでログインしてください。".into()
            }
            Refusal::NotSupported => "この機種ではご利用いただけません。パスワードでログインしてください。".into(),
            Refusal::WrongHost | Refusal::NotFromGateway => {
                "携帯電話会社の回線からの接続であることを確認できませんでした。パスワードでログインしてください。".into()
            }
            Refusal::NoId => {
                "ケータイの契約者情報（iモードID など）が送られていません。ケータイの設定で送信を許可するか、パスワードでログインしてください。".into()
            }
        }
    }
}

/// A phone, as stored: the carrier and a hash of its subscriber id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneId {
    pub carrier: String,
    pub uid_hash: String,
}

/// What the check reads from a request.
pub struct EasyLoginRequest<'a> {
    pub device: &'a Device,
    pub client_ip: IpAddr,
    pub host: Option<&'a str>,
    /// Looks up a request header by name.
    pub header: &'a dyn Fn(&str) -> Option<String>,
}

/// The installed gateway list and how old it may be.
pub struct Gateways<'a> {
    pub list: Option<&'a GatewayList>,
    pub max_age_days: u32,
    pub today: NaiveDate,
    /// The settings: the public base URL names our host.
    pub settings: &'a Settings,
}

impl Gateways<'_> {
    /// The list, if one is installed and young enough to be believed.
    pub fn fresh_list(&self) -> Option<&GatewayList> {
        self.list
            .filter(|list| matches!(list.freshness(self.today, self.max_age_days), Freshness::Fresh))
    }

    /// Whether the feature can be offered to this device at all (before any request header is read).
    pub fn offer(&self, device: &Device) -> Result<(), Refusal> {
        let list = self.list.ok_or(Refusal::NoList)?;
        if let Freshness::Stale { as_of } = list.freshness(self.today, self.max_age_days) {
            return Err(Refusal::Stale { as_of });
        }
        if device.profile.subscriber_id_header.is_empty() || device.carrier.is_empty() {
            return Err(Refusal::NotSupported);
        }
        Ok(())
    }

    /// The phone behind the request, if every condition holds.
    pub fn phone_id(&self, req: &EasyLoginRequest<'_>) -> Result<PhoneId, Refusal> {
        self.offer(req.device)?;
        let list = self.list.ok_or(Refusal::NoList)?;
        if !req.host.is_some_and(|h| self.settings.is_our_host(h)) {
            return Err(Refusal::WrongHost);
        }
        // The address and the User-Agent must name the same carrier.
        if list.carrier_of(req.client_ip) != Some(req.device.carrier.as_str()) {
            return Err(Refusal::NotFromGateway);
        }
        // Only that carrier's header is read: another carrier's header may be forged by anyone.
        let uid = (req.header)(&req.device.profile.subscriber_id_header)
            .map(|v| v.trim().to_string())
            .filter(|v| valid_uid(v))
            .ok_or(Refusal::NoId)?;
        Ok(PhoneId {
            carrier: req.device.carrier.clone(),
            uid_hash: token_hash(&format!("{}:{uid}", req.device.carrier)),
        })
    }
}

/// Subscriber ids are short ASCII tokens (docomo 7 characters, au `…_xx.ezweb.ne.jp`, SoftBank 16).
fn valid_uid(uid: &str) -> bool {
    (4..=64).contains(&uid.len()) && uid.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

/// The path a かんたんログイン form posts to: docomo sends its id only to URLs with `guid=ON`.
pub fn form_action(path: &str, device: &Device) -> String {
    if device.carrier == "docomo" {
        format!("{path}?guid=ON")
    } else {
        path.to_string()
    }
}
