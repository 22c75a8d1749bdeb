//! The access log: one line a request, with every secret in the URI replaced. Session ids (`sid`),
//! confirmation, invitation and reset tokens, 申込コード and the one-time link tokens in paths
//! (`/support/o/…`, `/home/b/…`) open accounts or children's data to whoever reads the log.

use actix_web::dev::ServiceRequest;
use actix_web::middleware::Logger;

/// What a secret is logged as.
pub const REDACTED: &str = "[redacted]";

/// Query parameters that carry secrets whatever they look like.
const SECRET_PARAMS: [&str; 8] = ["sid", "t", "token", "invite", "code", "key", "secret", "password"];

/// The Logger with the request line redacted (`%{request}xi`).
pub fn logger() -> Logger {
    Logger::new("%a \"%{request}xi\" %s %b %Dms \"%{User-Agent}i\"").custom_request_replace("request", request_line)
}

fn request_line(req: &ServiceRequest) -> String {
    let uri = req.uri();
    let target = match uri.query() {
        Some(query) => format!("{}?{query}", uri.path()),
        None => uri.path().to_string(),
    };
    format!("{} {} {:?}", req.method(), redact_uri(&target), req.version())
}

/// The path and query with secret values replaced: named secret parameters, any value that looks
/// like a token, and path segments that look like one.
pub fn redact_uri(target: &str) -> String {
    let (path, query) = target.split_once('?').map_or((target, None), |(p, q)| (p, Some(q)));
    let path: Vec<&str> = path
        .split('/')
        .map(|segment| if looks_secret(segment) { REDACTED } else { segment })
        .collect();
    let mut out = path.join("/");
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) if secret_param(name) || looks_secret(value) => format!("{name}={REDACTED}"),
                _ => pair.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

fn secret_param(name: &str) -> bool {
    let name = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
    SECRET_PARAMS.iter().any(|s| name.eq_ignore_ascii_case(s))
}

/// Random tokens: 12 or more letters and digits with at least one digit and one letter (session
/// ids are 32 hex digits, posting and link tokens 16 letters and digits). Words and numeric ids
/// stay readable.
fn looks_secret(text: &str) -> bool {
    text.len() >= 12
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_leave_the_uri_and_the_rest_stays() {
        let sid = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            redact_uri(&format!("/watch/children/12?page=2&sid={sid}")),
            "/watch/children/12?page=2&sid=[redacted]"
        );
        assert_eq!(redact_uri("/register/confirm?t=abc"), "/register/confirm?t=[redacted]");
        assert_eq!(
            redact_uri("/notebook/join?code=ABCD2345&SID=x"),
            "/notebook/join?code=[redacted]&SID=[redacted]"
        );
        assert_eq!(redact_uri("/support/o/k3mn8pq2rstu4vwx"), "/support/o/[redacted]");
        assert_eq!(redact_uri("/home/b/k3mn8pq2rstu4vwx/reply"), "/home/b/[redacted]/reply");
        assert_eq!(redact_uri("/login?next=%2Fmypage"), "/login?next=%2Fmypage");
        assert_eq!(
            redact_uri("/notebook/schools/3/messages/new"),
            "/notebook/schools/3/messages/new"
        );
        assert_eq!(redact_uri("/x?reset=0123456789abcdef"), "/x?reset=[redacted]");
    }
}
