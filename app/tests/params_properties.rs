//! Property tests over every list query parameter: any input parses or is rejected with a message naming
//! the parameter; nothing panics; what parses is within bounds and round-trips. Also replays the fuzz
//! corpus (`fuzz/corpus/list_params`) on stable.

use app::params::{ListParams, ListSpec};
use proptest::prelude::*;

/// The specs of every list of every entity (its own and its views): six today.
static SPECS: std::sync::LazyLock<Vec<ListSpec>> = std::sync::LazyLock::new(|| {
    let specs: Vec<ListSpec> = app::entities::ALL
        .iter()
        .flat_map(|e| std::iter::once(&e.list).chain(e.views))
        .map(|v| *v.spec)
        .collect();
    assert_eq!(specs.len(), 6);
    specs
});
const KEYS: [&str; 11] = [
    "q",
    "page",
    "per_page",
    "sort",
    "desc",
    "status",
    "toplevel_id",
    "client_id",
    "stock",
    "category_id",
    "other",
];

/// The invariants every accepted parse keeps; a rejection must name a known parameter and carry a message.
fn check(spec: &ListSpec, raw: &str) {
    match ListParams::from_query(spec, raw) {
        Ok(parsed) => {
            let p = &parsed.params;
            assert!(p.page >= 1 && p.page <= 100_000, "{raw}: page {}", p.page);
            assert!(
                [25, 50, 100].contains(&p.per_page),
                "{raw}: per_page {}",
                p.per_page
            );
            assert!(spec.sort_field(&p.sort).is_some(), "{raw}: sort {}", p.sort);
            if let Some(q) = &p.q {
                assert!(
                    !q.is_empty() && q.chars().count() <= 200 && !q.chars().any(char::is_control)
                );
            }
            let again =
                ListParams::from_query(spec, &p.to_query(spec)).expect("its own query parses");
            assert_eq!(&again.params, p, "{raw}");
        }
        Err(r) => {
            assert!(KEYS.contains(&r.param.as_str()), "{raw}: {r:?}");
            assert!(!r.message.is_empty());
        }
    }
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        any::<i64>().prop_map(|n| n.to_string()),
        "[0-9]{15,25}",
        Just("active".to_string()),
        Just("inactive".to_string()),
        Just("all".to_string()),
        Just("only".to_string()),
        Just("name".to_string()),
        Just("<script>".to_string()),
        "[a-z_%+&=]{0,12}",
    ]
}

fn url_encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_raw_query_parses_or_is_rejected(raw in any::<String>()) {
        for spec in SPECS.iter() {
            check(spec, &raw);
        }
    }

    #[test]
    fn any_parameter_values_parse_or_are_rejected(pairs in proptest::collection::vec((0..KEYS.len(), value()), 0..8)) {
        let raw = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", KEYS[*k], url_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        for spec in SPECS.iter() {
            check(spec, &raw);
        }
    }
}

#[test]
fn the_fuzz_corpus_replays() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/list_params");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        let raw = String::from_utf8_lossy(&data);
        for spec in SPECS.iter() {
            check(spec, &raw);
        }
        n += 1;
    }
    assert!(n >= 10, "corpus has {n} inputs");
}

#[test]
fn the_browse_issues_invalid_cases_behave_as_documented() {
    let clamped =
        ListParams::from_query(&app::entities::clients::SPEC, "page=-3&per_page=10000").unwrap();
    assert_eq!((clamped.params.page, clamped.params.per_page), (1, 100));
    assert_eq!(
        ListParams::from_query(&app::entities::clients::SPEC, "sort=<script>")
            .unwrap_err()
            .param,
        "sort"
    );
    assert_eq!(
        ListParams::from_query(&app::entities::clients::SPEC, "status=bogus")
            .unwrap_err()
            .param,
        "status"
    );
    let huge =
        ListParams::from_query(&app::entities::clients::SPEC, "page=99999999999999999999").unwrap();
    assert_eq!(huge.params.page, 100_000);
}
