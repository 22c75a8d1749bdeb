//! The nursery files (children, facilities, combinations) in any encoding, split at NUL bytes;
//! when they are valid, the matcher's result must satisfy the independent checker.
#![no_main]

use hiroba::domain::nursery::checker::check;
use hiroba::domain::nursery::{explain::explain, matcher, Instance};
use hiroba::nursery::{read_tables, Columns};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let mut parts = bytes.splitn(3, |b| *b == 0);
    let children = parts.next().unwrap_or_default();
    let facilities = parts.next().unwrap_or_default();
    let combinations = parts.next();
    let Ok(tables) = read_tables(children, facilities, combinations, &Columns::default()) else {
        return;
    };
    let Ok(instance) = Instance::build(&tables) else {
        return;
    };
    if instance.children.len() > 200 {
        return;
    }
    let outcome = matcher::run(&instance);
    let checked = check(&instance, &outcome.seats);
    assert_eq!(checked.over_capacity, 0);
    assert_eq!(checked.off_list, 0);
    assert_eq!(checked.blocking, outcome.summary.blocking);
    assert_eq!(explain(&instance, &outcome).len(), instance.children.len());
});
