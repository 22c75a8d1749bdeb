//! The keitai form decoder: urlencoded and multipart bodies, for a Shift_JIS phone of each carrier
//! and a UTF-8 browser. The first line of the input is the multipart boundary.
#![no_main]

mod shared;

use hiroba::keitai::form::{parse_multipart, parse_urlencoded};
use hiroba::keitai::profile::EmojiSet;
use hiroba::keitai::{Charset, Target};
use libfuzzer_sys::fuzz_target;

const TARGETS: [Target; 4] = [
    Target {
        charset: Charset::ShiftJis,
        emoji: EmojiSet::Docomo,
        avoid_vendor_rows: true,
    },
    Target {
        charset: Charset::ShiftJis,
        emoji: EmojiSet::Au,
        avoid_vendor_rows: false,
    },
    Target {
        charset: Charset::ShiftJis,
        emoji: EmojiSet::Softbank,
        avoid_vendor_rows: false,
    },
    Target {
        charset: Charset::Utf8,
        emoji: EmojiSet::Unicode,
        avoid_vendor_rows: false,
    },
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, body)) = data.split_first() else {
        return;
    };
    let target = TARGETS[usize::from(choice) % TARGETS.len()];
    let codec = shared::codec();
    let _ = parse_urlencoded(body, codec, target);
    let (boundary, rest) = match body.iter().position(|&b| b == b'\n') {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, &[][..]),
    };
    if let Ok(boundary) = std::str::from_utf8(boundary) {
        let _ = parse_multipart(rest, boundary, codec, target);
    }
});
