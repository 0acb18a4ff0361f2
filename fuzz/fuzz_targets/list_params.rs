//! Fuzzes the list-page URL parsing (`app/src/params`, std + serde only, built here without the rest of
//! the app): any query string must parse or be rejected with a message, never panic, and what parses must
//! stay within bounds and survive a round trip through `to_query`.
#![no_main]

#[path = "../../app/src/params/mod.rs"]
mod params;

use libfuzzer_sys::fuzz_target;
use params::{lists, ListParams};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    for spec in [lists::CLIENTS, lists::SITES, lists::SUPPLIERS, lists::SERVICES, lists::ORGANISATIONS, lists::STOCK_BINS] {
        if let Ok(parsed) = ListParams::from_query(&spec, &raw) {
            let p = parsed.params;
            assert!(p.page >= 1);
            assert!([25, 50, 100].contains(&p.per_page));
            assert!(spec.sort_field(&p.sort).is_some());
            let again = ListParams::from_query(&spec, &p.to_query(&spec)).expect("own query parses");
            assert_eq!(again.params, p);
        }
    }
});
