//! Addresses as written in headers.

/// `local@domain`, with the local part quoted when it is not an RFC 5322 dot-atom: docomo and au
/// issued local parts such as `a..b.` that a strict parser refuses unless quoted (`"a..b."@…`).
pub(crate) fn header_address(address: &str) -> String {
    let address: String = address.chars().filter(|c| !c.is_control()).collect();
    let Some((local, domain)) = address.rsplit_once('@') else {
        return address;
    };
    if is_dot_atom(local) {
        return address;
    }
    let mut quoted = String::with_capacity(address.len() + 4);
    quoted.push('"');
    for c in local.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push_str("\"@");
    quoted.push_str(domain);
    quoted
}

/// RFC 5322 §3.2.3: atoms joined by single dots, no dot at either end.
fn is_dot_atom(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_written_as_they_are() {
        assert_eq!(header_address("mama.2008@docomo.ne.jp"), "mama.2008@docomo.ne.jp");
    }

    #[test]
    fn keitai_local_parts_that_break_the_rfc_are_quoted() {
        assert_eq!(header_address("a..b.@docomo.ne.jp"), "\"a..b.\"@docomo.ne.jp");
        assert_eq!(header_address(".mama@ezweb.ne.jp"), "\".mama\"@ezweb.ne.jp");
        assert_eq!(header_address("a\"b@x.jp"), "\"a\\\"b\"@x.jp");
    }

    #[test]
    fn line_breaks_cannot_reach_the_header() {
        let written = header_address("a@x.jp\r\nBcc: b@y.jp");
        assert!(!written.contains(['\r', '\n']), "{written}");
    }
}
