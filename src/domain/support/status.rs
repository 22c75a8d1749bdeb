//! Where a request and an offer stand, as stored and as people read it.

/// A request's state. `Open` → (`Unfilled`) → `Matched` → `Reported` → `Confirmed` or
/// `Disputed` (→ `Confirmed` by a coordinator); `Cancelled` from any state before `Reported`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    /// Offers are out, waiting for an acceptance.
    Open,
    /// Every wave went unanswered; a coordinator is looking for someone.
    Unfilled,
    /// A supporter accepted (or a coordinator assigned one).
    Matched,
    /// The supporter reported the activity; the family has not confirmed it yet.
    Reported,
    Confirmed,
    /// The family did not agree with the report; a coordinator decides.
    Disputed,
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Open,
        RequestStatus::Unfilled,
        RequestStatus::Matched,
        RequestStatus::Reported,
        RequestStatus::Confirmed,
        RequestStatus::Disputed,
        RequestStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Unfilled => "unfilled",
            RequestStatus::Matched => "matched",
            RequestStatus::Reported => "reported",
            RequestStatus::Confirmed => "confirmed",
            RequestStatus::Disputed => "disputed",
            RequestStatus::Cancelled => "cancelled",
        }
    }

    /// Unknown stored values read as cancelled: nothing is offered or shown for them.
    pub fn parse(text: &str) -> RequestStatus {
        RequestStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .unwrap_or(RequestStatus::Cancelled)
    }

    /// What the family reads.
    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::Open => "提供会員を探しています",
            RequestStatus::Unfilled => "アドバイザーが調整しています",
            RequestStatus::Matched => "決まりました",
            RequestStatus::Reported => "活動報告の確認待ち",
            RequestStatus::Confirmed => "完了",
            RequestStatus::Disputed => "アドバイザーが確認しています",
            RequestStatus::Cancelled => "取り消し",
        }
    }

    /// Still looking for a supporter: an acceptance or an assignment can win it.
    pub fn is_seeking(self) -> bool {
        matches!(self, RequestStatus::Open | RequestStatus::Unfilled)
    }

    /// A supporter is matched and the activity has not been reported yet.
    pub fn is_matched(self) -> bool {
        self == RequestStatus::Matched
    }

    /// The family (or a coordinator) may still cancel it.
    pub fn can_cancel(self) -> bool {
        matches!(
            self,
            RequestStatus::Open | RequestStatus::Unfilled | RequestStatus::Matched
        )
    }
}

/// Where one offer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferStatus {
    /// Sent, not answered.
    Sent,
    Accepted,
    Declined,
    /// Someone else was matched first (ほかの方に決まりました).
    Lost,
    /// The request was cancelled or assigned by hand before she answered.
    Withdrawn,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 5] = [
        OfferStatus::Sent,
        OfferStatus::Accepted,
        OfferStatus::Declined,
        OfferStatus::Lost,
        OfferStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Sent => "sent",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
            OfferStatus::Lost => "lost",
            OfferStatus::Withdrawn => "withdrawn",
        }
    }

    /// Unknown stored values read as withdrawn: they can no longer be answered.
    pub fn parse(text: &str) -> OfferStatus {
        OfferStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
            .unwrap_or(OfferStatus::Withdrawn)
    }

    /// What the coordinator's console shows.
    pub fn label(self) -> &'static str {
        match self {
            OfferStatus::Sent => "返事待ち",
            OfferStatus::Accepted => "引き受け",
            OfferStatus::Declined => "辞退",
            OfferStatus::Lost => "ほかの方に決定",
            OfferStatus::Withdrawn => "取り下げ",
        }
    }
}

/// How a member takes part: 依頼会員, 提供会員 or 両方会員.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Asks,
    Helps,
    Both,
}

impl Membership {
    pub fn from_flags(asks: bool, helps: bool) -> Option<Membership> {
        match (asks, helps) {
            (true, true) => Some(Membership::Both),
            (true, false) => Some(Membership::Asks),
            (false, true) => Some(Membership::Helps),
            (false, false) => None,
        }
    }

    pub fn asks(self) -> bool {
        matches!(self, Membership::Asks | Membership::Both)
    }

    pub fn helps(self) -> bool {
        matches!(self, Membership::Helps | Membership::Both)
    }

    pub fn label(self) -> &'static str {
        match self {
            Membership::Asks => "依頼会員",
            Membership::Helps => "提供会員",
            Membership::Both => "両方会員",
        }
    }

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Membership::Asks => "asks",
            Membership::Helps => "helps",
            Membership::Both => "both",
        }
    }

    pub fn parse(text: &str) -> Option<Membership> {
        [Membership::Asks, Membership::Helps, Membership::Both]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

/// What a support log line's action says to a coordinator. The flow writes codes (`asked`,
/// `wave`, …); coordinators' own actions are written in words already and pass through.
pub fn log_action_label(action: &str) -> &str {
    match action {
        "asked" => "依頼",
        "wave" => "お知らせ",
        "unfilled" => "未成立",
        "accepted" => "引き受け",
        "declined" => "辞退",
        "assigned" => "手動で割り当て",
        "cancelled" => "依頼会員が取り消し",
        "cancelled_by_centre" => "センターが取り消し",
        "handover" => "受け渡し",
        "handover_again" => "受け渡し（記録済み）",
        "handover_wrong" => "受け渡しコード違い",
        "handover_locked" => "受け渡しコードのロック",
        "handover_closed" => "受け渡し（受付終了）",
        "reported" => "活動報告",
        "confirmed" => "報告の確認",
        "disputed" => "報告への異議",
        "dispute_resolved" => "異議の解決",
        "reply_refused" => "返信を受け付けず",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(status.as_str()), status);
        }
        for status in OfferStatus::ALL {
            assert_eq!(OfferStatus::parse(status.as_str()), status);
        }
        assert_eq!(RequestStatus::parse("bogus"), RequestStatus::Cancelled);
        assert_eq!(OfferStatus::parse("bogus"), OfferStatus::Withdrawn);
    }

    #[test]
    fn only_requests_still_seeking_can_be_won() {
        let seeking: Vec<_> = RequestStatus::ALL.into_iter().filter(|s| s.is_seeking()).collect();
        assert_eq!(seeking, [RequestStatus::Open, RequestStatus::Unfilled]);
    }

    #[test]
    fn log_codes_read_in_japanese_and_words_pass_through() {
        assert_eq!(log_action_label("accepted"), "引き受け");
        assert_eq!(log_action_label("審査情報を更新"), "審査情報を更新");
    }

    #[test]
    fn membership_flags() {
        assert_eq!(Membership::from_flags(false, false), None);
        assert_eq!(Membership::from_flags(true, true), Some(Membership::Both));
        assert!(Membership::Both.asks() && Membership::Both.helps());
        assert!(!Membership::Asks.helps());
        assert_eq!(Membership::parse("helps"), Some(Membership::Helps));
    }
}
