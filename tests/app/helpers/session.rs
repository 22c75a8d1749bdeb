//! Signed-in browsers: logging in through the form, a session that carries its sid on cookieless
//! phones, and a docomo phone registered for かんたんログイン.

use super::app::TestApp;
use super::browser::{forms, links, Browser};
use super::device::ua;
use super::http::Response;

/// The demo guardian はなママ, on docomo.
pub const GUARDIAN: &str = "hana.mama@docomo.ne.jp";
/// The demo members' password.
pub const DEMO_PASSWORD: &str = hiroba::demo::DEMO_PASSWORD;

/// A browser logged in as `email`, and the sid its URLs must carry (cookieless phones).
pub struct Signed<'a> {
    pub browser: Browser<'a>,
    pub sid: Option<String>,
}

impl Signed<'_> {
    pub fn new<'a>(app: &'a TestApp, user_agent: &str, email: &str, password: &str) -> Signed<'a> {
        let mut browser = Browser::new(app, user_agent);
        let done = log_in(&mut browser, email, password);
        assert_eq!(done.status, 302, "login of {email} failed:\n{}", done.text());
        let sid = done
            .header("location")
            .and_then(|l| l.split("sid=").nth(1))
            .map(|s| s.split('&').next().unwrap_or_default().to_string());
        Signed { browser, sid }
    }

    pub fn get(&mut self, path: &str) -> Response {
        let path = match &self.sid {
            Some(sid) => format!("{path}{}sid={sid}", if path.contains('?') { '&' } else { '?' }),
            None => path.to_string(),
        };
        self.browser.get(&path)
    }
}

/// Logs in through the form; returns the response to the POST.
pub fn log_in(browser: &mut Browser<'_>, email: &str, password: &str) -> Response {
    let page = browser.get("/login");
    browser.submit(&page, "/login", &[("email", email), ("password", password)])
}

/// Inside the test list's docomo range; the app sees it through the trusted proxy 127.0.0.1.
pub const DOCOMO_GATEWAY: &str = "203.0.113.20";
/// The docomo subscriber id (`X-DCMGUID`) the test phone sends.
pub const GUID: &str = "a1B2c3D";

/// A docomo FOMA phone behind `forwarded_for`, sending its subscriber id.
pub fn docomo_phone<'a>(app: &'a TestApp, forwarded_for: &str) -> Browser<'a> {
    Browser::new(app, ua::DOCOMO_FOMA_1)
        .with_header("X-Forwarded-For", forwarded_for)
        .with_header("X-DCMGUID", GUID)
}

/// Logs the demo guardian in with her password from a docomo phone and registers that phone.
pub fn register_phone(app: &TestApp) {
    let mut phone = docomo_phone(app, DOCOMO_GATEWAY);
    let done = log_in(&mut phone, GUARDIAN, DEMO_PASSWORD);
    let mypage = phone.follow(&done);
    let sid = mypage.header("location").map(str::to_string);
    assert!(sid.is_none());
    let link = links(&mypage)
        .into_iter()
        .find(|l| l.starts_with("/mypage/phone"))
        .expect("link to phone registration");
    let page = phone.get(&link);
    let form = forms(&page)
        .into_iter()
        .find(|f| f.action.starts_with("/mypage/phone"))
        .expect("the register form");
    assert!(
        form.action.contains("guid=ON"),
        "docomo sends its id only with guid=ON: {}",
        form.action
    );
    let registered = phone.submit(&page, "/mypage/phone?guid=ON", &[]);
    assert!(
        registered.sjis_text().contains("登録しました"),
        "{}",
        registered.sjis_text()
    );
}
