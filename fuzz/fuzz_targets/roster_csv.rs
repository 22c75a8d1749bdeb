//! The roster CSV reader (readers, children, guardians), in any encoding Excel writes.
#![no_main]

use hiroba::watch::roster::{parse_roster, RosterKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for kind in [RosterKind::Readers, RosterKind::Children, RosterKind::Guardians] {
        let _ = parse_roster(kind, bytes);
    }
});
