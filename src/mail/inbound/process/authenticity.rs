//! Whether a mail to a posting address comes from the address in its From: the envelope sender
//! (Postfix's `${sender}`, the listener's MAIL FROM) must be that address, and the
//! `Authentication-Results` our own MTA added (its authserv-id configured) must not say "fail".
//!
//! Other `Authentication-Results` fields are ignored: anyone can write one; our MTA should remove
//! those that claim its authserv-id before adding its own (docs/mail.md).

use mail_parser::MessageParser;

/// Why a mail is taken for forged; `None` when nothing says it is.
pub fn forged(raw: &[u8], envelope_sender: Option<&str>, from: &str, authserv_id: Option<&str>) -> Option<String> {
    let envelope = envelope_sender.map(bare).unwrap_or_default();
    if envelope.is_empty() {
        return Some("no envelope sender".into());
    }
    if !envelope.eq_ignore_ascii_case(bare(from)) {
        return Some("envelope sender differs from From".into());
    }
    let id = authserv_id?;
    let headers = MessageParser::default().parse_headers(raw)?;
    headers
        .headers()
        .iter()
        .filter(|h| h.name().eq_ignore_ascii_case("Authentication-Results"))
        .filter_map(|h| raw.get(h.offset_start() as usize..h.offset_end() as usize))
        .find_map(|value| failed_method(&String::from_utf8_lossy(value), id))
        .map(|method| format!("{method}=fail in our Authentication-Results"))
}

fn bare(address: &str) -> &str {
    address.trim().trim_matches(['<', '>']).trim()
}

/// The first method with the result `fail` in one `Authentication-Results` value, if the value is
/// our authserv-id's (`mx.example.jp; spf=fail smtp.mailfrom=…; dkim=pass …; dmarc=fail …`).
fn failed_method(value: &str, authserv_id: &str) -> Option<String> {
    let unfolded = value.replace(['\r', '\n'], " ");
    let mut parts = unfolded.split(';');
    let server = parts.next()?.split_whitespace().next()?;
    if !server.eq_ignore_ascii_case(authserv_id) {
        return None;
    }
    parts.find_map(|part| {
        let (method, rest) = part.trim().split_once('=')?;
        let result = rest.split(|c: char| c.is_whitespace() || c == '(').next()?;
        result
            .eq_ignore_ascii_case("fail")
            .then(|| method.trim().to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "mx.hiroba.example.jp";

    fn mail(results: &[&str]) -> Vec<u8> {
        let mut raw = String::new();
        for r in results {
            raw.push_str(&format!("Authentication-Results: {r}\r\n"));
        }
        raw.push_str("From: <hana@docomo.ne.jp>\r\nSubject: a\r\n\r\nbody\r\n");
        raw.into_bytes()
    }

    #[test]
    fn the_envelope_sender_must_be_the_from_address() {
        let raw = mail(&[]);
        let from = "hana@docomo.ne.jp";
        assert_eq!(forged(&raw, Some("<HANA@docomo.ne.jp>"), from, None), None);
        assert!(forged(&raw, Some("mallory@example.com"), from, None).is_some());
        assert!(forged(&raw, Some("<>"), from, None).is_some());
        assert!(forged(&raw, None, from, None).is_some());
    }

    #[test]
    fn only_our_authentication_results_count_and_a_fail_there_refuses() {
        let from = "hana@docomo.ne.jp";
        let cases: [(&[&str], Option<&str>); 6] = [
            (&["mx.hiroba.example.jp; spf=pass smtp.mailfrom=docomo.ne.jp; dkim=none"], None),
            (&["mx.hiroba.example.jp; spf=fail smtp.mailfrom=docomo.ne.jp"], Some("spf")),
            (&["MX.hiroba.example.jp 1;\r\n\tspf=pass smtp.mailfrom=docomo.ne.jp;\r\n\tdmarc=fail (p=reject) header.from=docomo.ne.jp"], Some("dmarc")),
            // Written by the sender or another hop: not ours, not believed either way.
            (&["mx.evil.example; spf=fail", "other.example; dkim=fail"], None),
            (&["mx.evil.example; spf=pass", "mx.hiroba.example.jp; dkim=fail (bad signature) header.d=docomo.ne.jp"], Some("dkim")),
            (&["mx.hiroba.example.jp; none"], None),
        ];
        for (results, failed) in cases {
            let got = forged(&mail(results), Some(from), from, Some(OURS));
            assert_eq!(got.is_some(), failed.is_some(), "{results:?}: {got:?}");
            if let (Some(got), Some(method)) = (got, failed) {
                assert!(got.starts_with(&format!("{method}=fail")), "{got}");
            }
        }
        // Without a configured authserv-id, no Authentication-Results is read.
        assert_eq!(
            forged(&mail(&["mx.hiroba.example.jp; spf=fail"]), Some(from), from, None),
            None
        );
    }
}
