//! Property tests over every form field: whatever a browser posts, validation never panics, refuses only
//! with a message on a shown field, and what it accepts keeps within each field's rules.

use app::entities::{
    clients::FORM as CLIENT, companies::FORM as SUPPLIER, organisations::FORM as ORGANISATION,
    services::FORM as SERVICE, sites::FORM as SITE,
};
use app::forms::crm_note::CRM_NOTE;
use app::forms::{validate, FormSpec, Kind, Values};
use proptest::prelude::*;

const SPECS: [&FormSpec; 6] = [
    &CLIENT,
    &SITE,
    &SUPPLIER,
    &ORGANISATION,
    &SERVICE,
    &CRM_NOTE,
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9 .@#:/+()-]{0,40}",
        Just(String::new()),
        Just("   ".to_string()),
        Just("#1a2b3c".to_string()),
        Just("https://example.com".to_string()),
        Just("someone@example.com".to_string()),
        Just("+44 20 7946 0000".to_string()),
        Just("Europe/London".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("x".repeat(5000)),
        any::<i64>().prop_map(|n| n.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_field_validates_or_is_refused_with_a_message(
        spec_index in 0..SPECS.len(),
        creating in any::<bool>(),
        raw in proptest::collection::vec(value(), 40),
        loaded_too in any::<bool>(),
    ) {
        let spec = SPECS[spec_index];
        let shown: Vec<_> = spec.shown(creating).collect();
        let mut values = Values::new();
        for (field, v) in shown.iter().zip(raw.iter()) {
            values.insert(field.key.to_string(), v.clone());
        }
        let loaded = if loaded_too { values.clone() } else { Values::new() };
        match validate(spec, &values, creating, &loaded) {
            Ok(valid) => {
                for field in &shown {
                    let v = valid.0.get(field.key).map(String::as_str).unwrap_or("");
                    prop_assert!(v.chars().count() <= field.max.max(5), "{}: {} chars", field.key, v.chars().count());
                    if field.required {
                        prop_assert!(!v.trim().is_empty(), "{} is required", field.key);
                    }
                    // long texts keep a first line's indentation; everything else is trimmed
                    let trimmed = if field.kind == Kind::LongText { v.trim_end() } else { v.trim() };
                    prop_assert_eq!(trimmed, v, "{} is trimmed", field.key);
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for (key, message) in errors.iter() {
                    prop_assert!(key.is_empty() || shown.iter().any(|f| f.key == key.as_str()), "error on a field not shown: {}", key);
                    prop_assert!(!message.trim().is_empty());
                }
            }
        }
    }
}

#[test]
fn required_fields_and_lengths_are_enforced_for_every_form() {
    for spec in SPECS {
        for creating in [true, false] {
            let errors = validate(spec, &Values::new(), creating, &Values::new()).unwrap_err();
            for field in spec.shown(creating).filter(|f| f.required) {
                assert!(
                    errors.contains_key(field.key),
                    "{} {}: {errors:?}",
                    spec.singular,
                    field.key
                );
            }
        }
    }
}
