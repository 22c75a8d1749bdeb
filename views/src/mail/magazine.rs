//! The text of a お知らせメール as mailed: the coordinator's notice and how to stop receiving it.

/// The notice with its unsubscribe link at the end (Gmail and Yahoo want one in the body too, and
/// a keitai without one-click support needs it).
pub fn with_unsubscribe(body: &str, url: &str) -> String {
    format!("{body}\n\n――――\nお知らせメールの配信を止めるには、次のページを開いてください。\n{url}\n")
}
