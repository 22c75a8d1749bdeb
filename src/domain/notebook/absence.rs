//! 欠席・遅刻・早退連絡: the reasons a school offers.

/// The reasons offered when a school has not set its own list.
pub const DEFAULT_REASONS: [&str; 6] = ["発熱", "体調不良", "通院", "家庭の都合", "忌引", "その他"];

/// A school's reasons from its stored list (one per line); the default list when it is empty.
pub fn reasons_of(stored: &str) -> Vec<String> {
    let own: Vec<String> = stored
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    if own.is_empty() {
        DEFAULT_REASONS.iter().map(|r| r.to_string()).collect()
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_without_a_list_offers_the_default_one() {
        assert_eq!(reasons_of(""), DEFAULT_REASONS);
        assert_eq!(reasons_of("  \n"), DEFAULT_REASONS);
        assert_eq!(reasons_of("発熱\r\n 通院 \n\n学校行事"), ["発熱", "通院", "学校行事"]);
    }
}
