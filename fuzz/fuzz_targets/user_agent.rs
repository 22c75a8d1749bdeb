//! Device detection from a User-Agent and the carrier headers. The input's lines are the
//! User-Agent, then headers as `name: value`.
#![no_main]

mod shared;

use hiroba::keitai::{detect, RequestInfo};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let user_agent = lines.next().unwrap_or_default();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let header = |name: &str| {
        let name = name.to_ascii_lowercase();
        headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
    };
    for https in [false, true] {
        let device = detect(
            shared::profiles(),
            &RequestInfo {
                user_agent,
                https,
                header: &header,
            },
        );
        let _ = device.summary();
    }
});
