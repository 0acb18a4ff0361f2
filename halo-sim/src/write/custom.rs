//! A posted `customfields` array applied to a record's fields. The field set is the tenant's (the
//! record's own array): a posted entry only sets the `value` of the field with its id (or name), and
//! entries naming no field of the record are ignored.
//!
//! Hosted HaloPSA empties every field the posted array leaves out (HaloAPI#13), so a client must post
//! the whole array to change one value. Strict mode does the same (their values become null); the
//! lenient default leaves them as they were.

use serde_json::Value;

use crate::data::display_of;
use crate::store::int_of;

/// The record's custom fields after `posted` (`stored`: the array it has now).
pub(super) fn merged(stored: &Value, posted: &Value, strict: bool) -> Value {
    let Some(stored) = stored.as_array() else {
        return Value::Array(Vec::new());
    };
    let posted = posted.as_array().map(Vec::as_slice).unwrap_or_default();
    let sent_for = |field: &Value| {
        let id = int_of(field.get("id"));
        let name = field.get("name").and_then(Value::as_str);
        posted.iter().find(|p| match int_of(p.get("id")) {
            Some(pid) if pid > 0 => Some(pid) == id,
            _ => name.is_some() && p.get("name").and_then(Value::as_str) == name,
        })
    };
    let fields = stored.iter().map(|field| {
        let mut field = field.clone();
        match sent_for(&field).map(|p| p.get("value").cloned().unwrap_or(Value::Null)) {
            Some(value) => set_value(&mut field, value),
            None if strict => set_value(&mut field, Value::Null),
            None => {}
        }
        field
    });
    Value::Array(fields.collect())
}

/// Sets a field's value and the `display` Halo derives from it (a selection keeps its display when
/// the value did not change: its options are not known here).
fn set_value(field: &mut Value, value: Value) {
    let choice = matches!(int_of(field.get("type")), Some(2 | 3));
    if choice && field.get("value") == Some(&value) {
        return;
    }
    field["display"] = Value::String(display_of(&value));
    field["value"] = value;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored() -> Value {
        json!([
            {"id": 1, "name": "CFa", "type": 0, "value": "one", "display": "one"},
            {"id": 2, "name": "CFb", "type": 2, "value": 3, "display": "Gold"},
            {"id": 3, "name": "CFc", "type": 6, "value": true, "display": "true"}
        ])
    }

    #[test]
    fn a_partial_array_blanks_the_rest_when_strict_and_keeps_it_when_lenient() {
        let posted = json!([{"id": 1, "value": "uno"}, {"id": 99, "value": "ignored"}]);
        let strict = merged(&stored(), &posted, true);
        assert_eq!(strict[0]["value"], "uno");
        assert_eq!(strict[0]["display"], "uno");
        assert_eq!(strict[1]["value"], Value::Null);
        assert_eq!(strict[2]["value"], Value::Null);
        assert_eq!(
            strict.as_array().unwrap().len(),
            3,
            "unknown ids are ignored"
        );
        let lenient = merged(&stored(), &posted, false);
        assert_eq!(lenient[0]["value"], "uno");
        assert_eq!(lenient[1], stored()[1]);
        assert_eq!(lenient[2], stored()[2]);
    }

    #[test]
    fn the_whole_array_posted_back_changes_only_what_differs() {
        let mut posted = stored();
        posted[2]["value"] = json!(false);
        let after = merged(&stored(), &posted, true);
        assert_eq!(after[0], stored()[0]);
        assert_eq!(
            after[1]["display"], "Gold",
            "an unchanged selection keeps its display"
        );
        assert_eq!(after[2]["value"], json!(false));
        let by_name = merged(&stored(), &json!([{"name": "CFa", "value": "x"}]), false);
        assert_eq!(by_name[0]["value"], "x");
    }
}
