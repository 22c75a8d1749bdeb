//! The reader API's bodies: a batch of events and a heartbeat.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let _ = hiroba::watch::batch::parse_batch(body);
    let _ = hiroba::watch::batch::parse_heartbeat(body);
});
