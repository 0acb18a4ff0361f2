//! Reading HaloPSA's values for a record's page: text that may be blank, addresses, and the untyped arrays
//! some records carry. Server only; shared by the entities' `detail` readers.

use crate::components::detail::{Block, Fact, Section};
use serde_json::Value;

/// The text, or nothing when it is missing or only spaces.
pub fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An address on one line: its lines and postcode, comma-separated.
pub fn address_text(a: &halo::models::AddressStore) -> String {
    lines_text([&a.line1, &a.line2, &a.line3, &a.line4, &a.postcode]).unwrap_or_default()
}

/// Address lines that have text, comma-separated; nothing when none has.
pub fn lines_text(lines: [&Option<String>; 5]) -> Option<String> {
    let text = lines
        .iter()
        .filter_map(|l| l.as_deref())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    (!text.is_empty()).then_some(text)
}

/// An address from its structured form, else from the five flat lines.
pub fn address_or_lines(
    store: &Option<halo::models::AddressStore>,
    lines: [&Option<String>; 5],
) -> Option<String> {
    store
        .as_ref()
        .map(address_text)
        .filter(|s| !s.is_empty())
        .or_else(|| lines_text(lines))
}

/// HaloPSA's custom fields that have a value, labelled, each read as its kind: a date as `YYYY-MM-DD`, a
/// checkbox as Yes/No, a selection as HaloPSA's text of it; a value that does not fit its kind shows as
/// unreadable in its own cell.
pub fn custom_field_facts(fields: &[halo::models::CustomField]) -> Vec<Fact> {
    use crate::components::list::cells::Cell;
    use halo::models::CustomValue;
    fields
        .iter()
        .filter_map(|f| {
            let cell = match f.typed() {
                CustomValue::Empty => return None,
                CustomValue::Text(t) => Cell::text(Some(&t)),
                CustomValue::Number(n) => Cell::Text(n.to_string()),
                CustomValue::Date(d) => Cell::Text(d.format("%Y-%m-%d").to_string()),
                CustomValue::Flag(b) => Cell::Text(if b { "Yes" } else { "No" }.into()),
                CustomValue::Unreadable(_) => Cell::Unreadable,
            };
            Some(Fact::new(&f.title(), cell))
        })
        .filter(|fact| !fact.is_empty())
        .collect()
}

/// The "Custom fields" section of a record's page, when any field has a value.
pub fn custom_section(fields: Option<&[halo::models::CustomField]>) -> Option<Section> {
    let facts = custom_field_facts(fields.unwrap_or_default());
    (!facts.is_empty()).then(|| Section::new("custom", "Custom fields", vec![Block::Facts(facts)]))
}

/// `detail` with its custom fields' section right after the key facts.
pub fn with_custom_fields(
    mut detail: crate::components::detail::Detail,
    fields: Option<&[halo::models::CustomField]>,
) -> crate::components::detail::Detail {
    if let Some(section) = custom_section(fields) {
        let at = detail.sections.len().min(1);
        detail.sections.insert(at, section);
    }
    detail
}

/// Short descriptions of the objects in an array field HaloPSA sends untyped (maintenance windows and
/// the like): the `keys` that have a value, joined by " · ".
pub fn describe_array(v: Option<&Value>, keys: &[&str]) -> Vec<String> {
    let Some(Value::Array(items)) = v else {
        return vec![];
    };
    items
        .iter()
        .map(|item| {
            keys.iter()
                .filter_map(|k| item.get(*k))
                .filter_map(|v| match v {
                    Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn blank_text_is_nothing_and_addresses_skip_empty_lines() {
        assert_eq!(text(&Some("  ".into())), None);
        assert_eq!(text(&Some(" a ".into())).as_deref(), Some("a"));
        let a = halo::models::AddressStore {
            line1: Some("1 High St".into()),
            line2: Some(" ".into()),
            postcode: Some("AB1 2CD".into()),
            ..Default::default()
        };
        assert_eq!(address_text(&a), "1 High St, AB1 2CD");
        assert_eq!(lines_text([&None, &None, &None, &None, &None]), None);
    }

    #[test]
    fn untyped_arrays_become_short_lines() {
        let v = json!([{"name": "Nightly", "start_date": "22:00", "x": true}, {"name": " "}, 3]);
        assert_eq!(
            describe_array(Some(&v), &["name", "start_date"]),
            ["Nightly · 22:00"]
        );
        assert!(describe_array(Some(&json!({"a": 1})), &["a"]).is_empty());
    }
}
