//! Inbound mail, as `mail-in` and the SMTP listener get it: decoding and bounce reports.
#![no_main]

mod shared;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    let _ = hiroba::mail::inbound::decode::decode(raw, shared::codec(), shared::profiles());
    let _ = hiroba::mail::inbound::dsn::parse_bounce(raw);
});
