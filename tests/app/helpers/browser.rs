//! A phone or PC browser for tests: keeps its cookie, fills in our forms (hidden fields included)
//! in the page's charset, and follows redirects by hand so tests can look at each step.

use crate::helpers::{percent_encode, Response, TestApp};

pub struct Browser<'a> {
    app: &'a TestApp,
    user_agent: String,
    extra: Vec<(String, String)>,
    cookie: Option<String>,
}

/// A form found on a page.
#[derive(Debug, Clone)]
pub struct Form {
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp, user_agent: &str) -> Self {
        Browser {
            app,
            user_agent: user_agent.to_string(),
            extra: Vec::new(),
            cookie: None,
        }
    }

    /// A header sent with every request (a carrier's subscriber id, X-Forwarded-For …).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.extra.push((name.to_string(), value.to_string()));
        self
    }

    pub fn cookie(&self) -> Option<&str> {
        self.cookie.as_deref()
    }

    pub fn get(&mut self, path: &str) -> Response {
        self.send("GET", path, None)
    }

    /// Posts a urlencoded body as is.
    pub fn post(&mut self, path: &str, body: &[u8]) -> Response {
        self.send("POST", path, Some(body))
    }

    /// Fills in the form of `page` whose action starts with `action`, and posts it in the page's charset.
    pub fn submit(&mut self, page: &Response, action: &str, values: &[(&str, &str)]) -> Response {
        let form = forms(page)
            .into_iter()
            .find(|f| {
                // The action itself, or with more query parameters (sid, guid) after it.
                f.action
                    .strip_prefix(action)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '&']))
            })
            .unwrap_or_else(|| panic!("no form for {action} in:\n{}", page.text()));
        let mut fields = form.fields.clone();
        for (name, value) in values {
            fields.retain(|(n, _)| n != name);
            fields.push((name.to_string(), value.to_string()));
        }
        let sjis = page.is_shift_jis();
        let body = fields
            .iter()
            .map(|(n, v)| format!("{}={}", n, percent_encode(&encode(v, sjis))))
            .collect::<Vec<_>>()
            .join("&");
        self.post(&form.action, body.as_bytes())
    }

    /// Posts the form of `page` whose hidden fields include all of `pick` (one of several forms with
    /// the same action, e.g. per comment), with `values` added, in the page's charset.
    pub fn submit_picked(&mut self, page: &Response, pick: &[(&str, &str)], values: &[(&str, &str)]) -> Response {
        let form = forms(page)
            .into_iter()
            .find(|f| {
                pick.iter()
                    .all(|(n, v)| f.fields.iter().any(|(fname, fv)| fname == n && fv == v))
            })
            .unwrap_or_else(|| panic!("no form with {pick:?} in:\n{}", page.text()));
        let sjis = page.is_shift_jis();
        let body = form
            .fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .chain(values.iter().copied())
            .map(|(n, v)| format!("{}={}", n, percent_encode(&encode(v, sjis))))
            .collect::<Vec<_>>()
            .join("&");
        self.post(&form.action, body.as_bytes())
    }

    /// Posts the form's hidden fields and an already encoded `raw` part (bytes a phone would send).
    pub fn submit_raw(&mut self, page: &Response, action: &str, raw: &str) -> Response {
        let form = forms(page)
            .into_iter()
            .find(|f| {
                // The action itself, or with more query parameters (sid, guid) after it.
                f.action
                    .strip_prefix(action)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '&']))
            })
            .unwrap_or_else(|| panic!("no form for {action}"));
        let sjis = page.is_shift_jis();
        let mut body: Vec<String> = form
            .fields
            .iter()
            .map(|(n, v)| format!("{}={}", n, percent_encode(&encode(v, sjis))))
            .collect();
        body.push(raw.to_string());
        self.post(&form.action, body.join("&").as_bytes())
    }

    /// Posts the upload form of `page` (multipart, UTF-8 pages only) with `values` and one file.
    pub fn upload(
        &mut self,
        page: &Response,
        action: &str,
        values: &[(&str, &str)],
        file: (&str, &str, &[u8]),
    ) -> Response {
        let form = forms(page)
            .into_iter()
            .find(|f| f.action.starts_with(action))
            .unwrap_or_else(|| panic!("no form for {action}"));
        let boundary = "----hiroba-test-boundary-7d1f";
        let mut body = Vec::new();
        let fields = form
            .fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .chain(values.iter().copied());
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        let (field, filename, bytes) = file;
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        self.send_typed("POST", &form.action, Some((&content_type, &body)))
    }

    /// Follows a redirect to one of our pages.
    pub fn follow(&mut self, response: &Response) -> Response {
        assert_eq!(response.status, 302, "not a redirect:\n{}", response.text());
        let location = response.header("location").expect("Location").to_string();
        let path = location
            .strip_prefix(&self.app.base_url)
            .unwrap_or_else(|| panic!("redirect leaves the site: {location}"))
            .to_string();
        self.get(&path)
    }

    fn send(&mut self, method: &str, path: &str, body: Option<&[u8]>) -> Response {
        self.send_typed(method, path, body.map(|b| ("application/x-www-form-urlencoded", b)))
    }

    fn send_typed(&mut self, method: &str, path: &str, body: Option<(&str, &[u8])>) -> Response {
        let mut headers: Vec<(String, String)> = vec![("User-Agent".into(), self.user_agent.clone())];
        if let Some((content_type, _)) = body {
            headers.push(("Content-Type".into(), content_type.into()));
        }
        if let Some(cookie) = &self.cookie {
            headers.push(("Cookie".into(), cookie.clone()));
        }
        headers.extend(self.extra.iter().cloned());
        let refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let response = self.app.request(method, path, &refs, body.map(|(_, b)| b));
        if let Some(set) = response.header("set-cookie") {
            let pair = set.split(';').next().unwrap_or_default().to_string();
            self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
        }
        response
    }
}

fn encode(text: &str, sjis: bool) -> Vec<u8> {
    if sjis {
        encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
    } else {
        text.as_bytes().to_vec()
    }
}

/// Every form of a page with its action and hidden fields.
pub fn forms(page: &Response) -> Vec<Form> {
    let text = page.text();
    text.split("<form ")
        .skip(1)
        .map(|chunk| {
            let inner = chunk.split("</form>").next().unwrap_or_default();
            let action = attribute(inner, "action").unwrap_or_default();
            let fields = inner
                .split("<input ")
                .skip(1)
                .filter(|tag| tag.contains("type=\"hidden\""))
                .filter_map(|tag| Some((attribute(tag, "name")?, attribute(tag, "value").unwrap_or_default())))
                .collect();
            Form { action, fields }
        })
        .collect()
}

/// Every link target of a page.
pub fn links(page: &Response) -> Vec<String> {
    let text = page.text();
    text.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(unescape)
        .collect()
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&amp;", "&").replace("&quot;", "\"")
}
