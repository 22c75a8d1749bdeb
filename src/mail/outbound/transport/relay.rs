//! `HIROBA_SMTP_URL` read into a `Relay`, by exactly the rules of lettre 0.11's
//! `SmtpTransport::from_url` (`transport/smtp/connection_url.rs`), which is what read the setting
//! before we opened the socket ourselves: no operator's URL may change meaning.

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use std::borrow::Cow;
use url::Url;

/// Where and how to reach the SMTP relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    /// The host as written in the URL; also the name the TLS certificate must carry.
    pub host: String,
    /// The URL's port, else the scheme's: 25, 587 with `tls=`, 465 for `smtps`.
    pub port: u16,
    /// How TLS is used.
    pub tls: Tls,
    /// The EHLO name: the URL's path, else lettre's default (`[127.0.0.1]`, as lettre is built
    /// without its `hostname` feature).
    pub hello: ClientId,
    /// Given when the URL has a password; lettre's `Debug` does not print them.
    pub credentials: Option<Credentials>,
}

/// lettre's `Tls` without the certificate settings (we always use the defaults: system roots,
/// TLS 1.2 or newer, host name checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    /// `smtp://`: plain SMTP, port 25.
    None,
    /// `smtp://…?tls=opportunistic`: STARTTLS when the relay offers it, port 587.
    Opportunistic,
    /// `smtp://…?tls=required`: STARTTLS or no mail, port 587.
    Required,
    /// `smtps://`: TLS from the first byte, port 465 (lettre's `Tls::Wrapper`).
    Implicit,
}

impl Relay {
    /// Reads the URL; the error says what is wrong with it.
    pub fn parse(url: &str) -> Result<Relay, String> {
        let url = Url::parse(url).map_err(|e| e.to_string())?;
        // lettre takes the first `tls` pair and ignores the rest of the query.
        let tls = url.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        let host = url.host_str().ok_or("smtp host undefined")?.to_owned();
        let (tls, default_port) = match (url.scheme(), tls.as_deref()) {
            ("smtp", None) => (Tls::None, 25),
            ("smtp", Some("required")) => (Tls::Required, 587),
            ("smtp", Some("opportunistic")) => (Tls::Opportunistic, 587),
            // lettre ignores `tls=` here, whatever its value.
            ("smtps", _) => (Tls::Implicit, 465),
            (scheme, tls) => return Err(format!("unknown scheme '{scheme}' or tls parameter '{tls:?}'")),
        };
        // The path as written (still percent-encoded), slashes trimmed: lettre's reading.
        let hello = match url.path() {
            path if path.len() > 1 => ClientId::Domain(path.trim_matches('/').to_owned()),
            _ => ClientId::default(),
        };
        // A user name without a password means no AUTH at all, as in lettre.
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(
                percent_decode(url.username())?,
                percent_decode(password)?,
            )),
            None => None,
        };
        Ok(Relay {
            port: url.port().unwrap_or(default_port),
            host,
            tls,
            hello,
            credentials,
        })
    }

    /// The host to connect to: an IPv6 literal without the brackets the URL needs. (lettre passes
    /// `[::1]` to the resolver, which cannot connect at all; nothing that worked changes.)
    pub fn connect_host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }
}

fn percent_decode(s: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lettre::SmtpTransport;

    /// What lettre's own builder holds for the URL, as its `Debug` shows it.
    fn lettre_reading(url: &str) -> Option<String> {
        SmtpTransport::from_url(url).ok().map(|b| format!("{b:?}"))
    }

    /// The expected reading: host, port, TLS, EHLO name (`None`: lettre's default), user and password.
    fn relay(host: &str, port: u16, tls: Tls, hello: Option<&str>, login: Option<(&str, &str)>) -> Relay {
        Relay {
            host: host.to_owned(),
            port,
            tls,
            hello: hello.map_or_else(ClientId::default, |name| ClientId::Domain(name.to_owned())),
            credentials: login.map(|(user, password)| Credentials::new(user.to_owned(), password.to_owned())),
        }
    }

    #[test]
    fn urls_mean_what_they_meant_to_lettre() {
        let relay_jp = "relay.example.jp";
        let cases = [
            ("smtp://127.0.0.1", relay("127.0.0.1", 25, Tls::None, None, None)),
            ("smtp://127.0.0.1:2525", relay("127.0.0.1", 2525, Tls::None, None, None)),
            ("smtp://relay.example.jp/", relay(relay_jp, 25, Tls::None, None, None)),
            (
                "smtp://127.0.0.1:25/hiroba.example.jp",
                relay("127.0.0.1", 25, Tls::None, Some("hiroba.example.jp"), None),
            ),
            (
                "smtp://u:p@relay.example.jp?tls=required",
                relay(relay_jp, 587, Tls::Required, None, Some(("u", "p"))),
            ),
            (
                "smtp://relay.example.jp:25?tls=opportunistic&x=1",
                relay(relay_jp, 25, Tls::Opportunistic, None, None),
            ),
            // The first `tls` counts.
            (
                "smtp://relay.example.jp?tls=required&tls=none",
                relay(relay_jp, 587, Tls::Required, None, None),
            ),
            (
                "smtps://hiroba%40example.jp:p%40ss%3Aw%2Frd@relay.example.jp",
                relay(
                    relay_jp,
                    465,
                    Tls::Implicit,
                    None,
                    Some(("hiroba@example.jp", "p@ss:w/rd")),
                ),
            ),
            (
                "smtps://relay.example.jp:2465?tls=whatever",
                relay(relay_jp, 2465, Tls::Implicit, None, None),
            ),
            // A user without a password: no AUTH.
            (
                "smtp://user@relay.example.jp",
                relay(relay_jp, 25, Tls::None, None, None),
            ),
            (
                "smtp://:secret@relay.example.jp",
                relay(relay_jp, 25, Tls::None, None, Some(("", "secret"))),
            ),
            // `smtp` is not a scheme the url crate knows: the host keeps its case.
            (
                "smtp://RELAY.Example.JP//mx.example.jp//",
                relay("RELAY.Example.JP", 25, Tls::None, Some("mx.example.jp"), None),
            ),
            ("smtp://[::1]:2525", relay("[::1]", 2525, Tls::None, None, None)),
        ];
        for (url, expected) in cases {
            assert_eq!(Relay::parse(url).as_ref(), Ok(&expected), "{url}");
            // The same reading as lettre's (its Debug hides credentials: only their presence).
            let lettre = lettre_reading(url).unwrap_or_else(|| panic!("lettre refuses {url}"));
            let tls = match expected.tls {
                Tls::Implicit => "Wrapper".to_owned(),
                other => format!("{other:?}"),
            };
            let Relay { host, port, hello, .. } = &expected;
            let fields = format!("hello_name: {hello:?}, server: {host:?}, port: {port}, tls: {tls}");
            assert!(lettre.contains(&fields), "{url}: {lettre} lacks {fields}");
            let has_credentials = lettre.contains("credentials: Some(Credentials)");
            assert_eq!(has_credentials, expected.credentials.is_some(), "{url}: {lettre}");
        }
    }

    #[test]
    fn urls_lettre_refuses_are_refused() {
        for url in [
            "relay.example.jp:25",
            "smtp:relay",
            "smtp:///nohost",
            "http://relay.example.jp",
            "smtp://relay.example.jp?tls=starttls",
            "smtp://relay.example.jp?tls=",
            "smtp://relay.example.jp:99999",
            "smtp://u:%FF@relay.example.jp",
            "",
        ] {
            assert!(lettre_reading(url).is_none(), "lettre accepts {url}");
            assert!(Relay::parse(url).is_err(), "{url}");
        }
    }

    #[test]
    fn ipv6_literals_lose_their_brackets_only_for_connecting() {
        let relay = Relay::parse("smtp://[::1]:2525").unwrap();
        assert_eq!(relay.connect_host(), "::1");
        assert_eq!(
            Relay::parse("smtp://relay.example.jp").unwrap().connect_host(),
            "relay.example.jp"
        );
    }
}
