//! Small text helpers shared by pages and mails.

/// A nickname with 「さん」, unless it already ends in it (「よしこさん」 stays as it is).
pub fn san(nickname: &str) -> String {
    if nickname.ends_with("さん") {
        nickname.to_string()
    } else {
        format!("{nickname}さん")
    }
}

#[cfg(test)]
mod tests {
    use super::san;

    #[test]
    fn san_is_added_once() {
        assert_eq!(san("はなママ"), "はなママさん");
        assert_eq!(san("よしこさん"), "よしこさん");
    }
}
