//! Where to go after login or a password step-up (`next=`): a path of ours, never `/out` and never
//! carrying a sid, so a crafted link cannot land a cookieless phone on `/out` with its fresh sid in
//! the URL (the next site would read it in the Referer).

use percent_encoding::percent_decode_str;

/// Where members go when `next` is missing or refused.
pub const DEFAULT: &str = "/mypage";

/// A local path and query, safe to redirect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPath(String);

impl NextPath {
    /// `next` as typed; anything that is not a plain local path, or leads to `/out`, becomes
    /// my page, and sid parameters are dropped.
    pub fn parse(next: Option<&str>) -> NextPath {
        next.and_then(local)
            .map(NextPath)
            .unwrap_or_else(|| NextPath(DEFAULT.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

fn local(next: &str) -> Option<String> {
    let plain =
        next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control);
    if !plain {
        return None;
    }
    let next = next.split('#').next().unwrap_or_default();
    let (path, query) = next.split_once('?').map_or((next, None), |(p, q)| (p, Some(q)));
    if leads_to_out(path) {
        return None;
    }
    let kept: Vec<&str> = query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|pair| !pair.is_empty() && !is_sid(pair))
        .collect();
    Some(if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    })
}

/// Whether the path, decoded and with dot segments resolved as a browser would, is `/out`'s.
fn leads_to_out(path: &str) -> bool {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    if decoded.contains('\\') || decoded.starts_with("//") {
        return true;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.first().is_some_and(|s| s.eq_ignore_ascii_case("out"))
}

fn is_sid(pair: &str) -> bool {
    let name = pair.split('=').next().unwrap_or_default();
    percent_decode_str(name).decode_utf8_lossy().eq_ignore_ascii_case("sid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(text: &str) -> String {
        NextPath::parse(Some(text)).into_string()
    }

    #[test]
    fn next_stays_on_our_site() {
        assert_eq!(next("/mypage/phone"), "/mypage/phone");
        assert_eq!(next("/watch/children/3?page=2"), "/watch/children/3?page=2");
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil",
            "mypage",
            "/%5Cevil",
        ] {
            assert_eq!(next(bad), DEFAULT, "{bad}");
        }
        assert_eq!(NextPath::parse(None).as_str(), DEFAULT);
    }

    #[test]
    fn next_is_never_the_way_out() {
        for bad in [
            "/out?u=https://evil.example/",
            "/out",
            "/out/",
            "/OUT?u=x",
            "/%6Fut?u=https://evil.example/",
            "/./out?u=x",
            "/mypage/../out?u=x",
        ] {
            assert_eq!(next(bad), DEFAULT, "{bad}");
        }
        assert_eq!(next("/outings"), "/outings");
    }

    #[test]
    fn next_loses_every_sid() {
        assert_eq!(next("/mypage?sid=0123"), "/mypage");
        assert_eq!(next("/watch?page=2&sid=0123&SID=4&%73id=5#top"), "/watch?page=2");
    }
}
