//! The devices tests play: real User-Agents, and the page budget the app reports for each.

use super::app::TestApp;
use super::http::Response;
use super::session::Signed;

/// The page budget `/device.json` reports for a User-Agent.
pub fn budget(app: &TestApp, user_agent: &str) -> usize {
    app.get("/device.json", user_agent).json()["max_page_bytes"]
        .as_u64()
        .expect("budget") as usize
}

/// Fetches a page and fails if it is larger than the budget `/device.json` reports for the UA.
pub fn get_within_budget(app: &TestApp, path: &str, user_agent: &str) -> Response {
    let budget = budget(app, user_agent);
    let response = app.get(path, user_agent);
    assert!(
        response.body.len() <= budget,
        "{path} for {user_agent}: {} bytes > budget {budget}",
        response.body.len()
    );
    response
}

/// Gets every path as the signed-in phone and fails unless each is a page within `limit` bytes.
pub fn assert_pages_fit(phone: &mut Signed<'_>, user_agent: &str, limit: usize, paths: &[String]) {
    for path in paths {
        let page = phone.get(path);
        assert_eq!(page.status, 200, "{path} for {user_agent}");
        assert!(
            page.body.len() <= limit,
            "{path} for {user_agent}: {} bytes > {limit}",
            page.body.len()
        );
    }
}

/// Real User-Agents used across the tests.
pub mod ua {
    pub const DOCOMO_MOVA: &str = "DoCoMo/1.0/N503i/c10";
    pub const DOCOMO_MOVA_5K: &str = "DoCoMo/1.0/P503i";
    pub const DOCOMO_FOMA_1: &str = "DoCoMo/2.0 SH906i(c100;TB;W24H16)";
    pub const DOCOMO_FOMA_2: &str = "DoCoMo/2.0 P07A3(c500;TB;W24H15)";
    pub const AU: &str = "KDDI-SA31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0";
    pub const SOFTBANK: &str =
        "SoftBank/1.0/910SH/SHJ001/SN000000000000000 Browser/NetFront/3.4 Profile/MIDP-2.0 Configuration/CLDC-1.1";
    pub const WILLCOM: &str = "Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0";
    pub const PC: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
    /// The six keitai the page-budget tests go through, smallest budget first.
    pub const KEITAI: [&str; 6] = [DOCOMO_MOVA_5K, DOCOMO_MOVA, DOCOMO_FOMA_1, AU, SOFTBANK, WILLCOM];
    /// A keypad Android phone (ガラホ): SHARP AQUOS ケータイ SH-02L.
    pub const GARAHO: &str = "Mozilla/5.0 (Linux; Android 7.1.1; SH-02L Build/S4122; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/70.0.3538.110 Mobile Safari/537.36";
    pub const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
}
