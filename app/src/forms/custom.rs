//! HaloPSA's custom fields on an edit form. A record carries its own field set (`customfields`), so the
//! form gets one input per field at run time, keyed `custom-<id>` beside the descriptor's fields: text,
//! memo, number, date and checkbox fields are editable; selections and other kinds are shown read-only
//! (their options have no documented endpoint).
//!
//! HaloPSA empties every custom field a posted array leaves out (HaloAPI#13), so an edit posts the
//! record's whole array as HaloPSA holds it now, with only the values the person changed replaced: the
//! one exception to "send only what changed".

use serde::{Deserialize, Serialize};

/// The prefix of a custom field's form key (`custom-103`); no HaloPSA field name has a hyphen.
pub const PREFIX: &str = "custom-";

/// How a custom field is entered on the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InputKind {
    Text,
    Memo,
    /// A number (`12`, `-3.5`).
    Number,
    /// A calendar day, `YYYY-MM-DD` (the browser's date picker).
    Date,
    Checkbox,
    /// Shown, not edited (selections, and kinds Haloscope does not know).
    ReadOnly,
}

/// One custom field as the form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomInput {
    /// The form key, [`PREFIX`] and the field's id.
    pub key: String,
    pub label: String,
    pub kind: InputKind,
    /// Longest accepted text, in characters (Halo's `characterlimit`, else the form's usual limits).
    pub max: usize,
    /// A read-only field's text (a selection's `display`).
    pub shown: String,
    /// HaloPSA sent a value that does not fit the field's kind: shown as sent, checked only if changed.
    pub unreadable: bool,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::{CustomInput, InputKind, PREFIX};
    use crate::forms::spec::{LINE, NOTES};
    use crate::forms::{FieldErrors, Values};
    use crate::functions::forms::ChangedField;
    use chrono::NaiveDate;
    use halo::models::{parse_number, CustomField, CustomKind, CustomValue};
    use serde_json::{Map, Value};

    /// The custom fields of a record as serialised (`customfields`), each with its raw JSON.
    pub fn fields_of(record: &Map<String, Value>) -> Vec<(CustomField, Value)> {
        let Some(Value::Array(items)) = record.get("customfields") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|raw| {
                let f: CustomField = serde_json::from_value(raw.clone()).ok()?;
                (f.id > 0).then(|| (f, raw.clone()))
            })
            .collect()
    }

    fn key(f: &CustomField) -> String {
        format!("{PREFIX}{}", f.id)
    }

    /// The form's input of each field.
    pub fn inputs_of(fields: &[(CustomField, Value)]) -> Vec<CustomInput> {
        fields
            .iter()
            .map(|(f, _)| {
                let kind = match f.custom_kind() {
                    CustomKind::Text => InputKind::Text,
                    CustomKind::Memo => InputKind::Memo,
                    CustomKind::Number => InputKind::Number,
                    CustomKind::Date => InputKind::Date,
                    CustomKind::Checkbox => InputKind::Checkbox,
                    CustomKind::Choice | CustomKind::Other => InputKind::ReadOnly,
                };
                let limit = usize::try_from(f.characterlimit.unwrap_or(0)).unwrap_or(0);
                let usual = if kind == InputKind::Memo { NOTES } else { LINE };
                CustomInput {
                    key: key(f),
                    label: f.title(),
                    kind,
                    max: if limit > 0 { limit.min(usual) } else { usual },
                    shown: text_of(&f.typed()),
                    unreadable: matches!(f.typed(), CustomValue::Unreadable(_)),
                }
            })
            .collect()
    }

    /// A value as the form shows it: dates as `YYYY-MM-DD`, checkboxes as `true`/`false`.
    fn text_of(v: &CustomValue) -> String {
        match v {
            CustomValue::Empty => String::new(),
            CustomValue::Text(s) => s.clone(),
            CustomValue::Number(n) => n.to_string(),
            CustomValue::Date(d) => d.format("%Y-%m-%d").to_string(),
            CustomValue::Flag(b) => b.to_string(),
            CustomValue::Unreadable(Value::String(s)) => s.clone(),
            CustomValue::Unreadable(other) => other.to_string(),
        }
    }

    /// The editable fields' values as loaded, by form key.
    pub fn values_of(fields: &[(CustomField, Value)]) -> Values {
        fields
            .iter()
            .filter(|(f, _)| f.custom_kind().editable())
            .map(|(f, _)| {
                let text = match (f.custom_kind(), f.typed()) {
                    (CustomKind::Checkbox, CustomValue::Empty) => "false".into(),
                    (_, v) => text_of(&v),
                };
                (key(f), text)
            })
            .collect()
    }

    /// The posted value of an editable input, cleaned: `None` when the form did not carry the field. An
    /// unticked checkbox posts nothing, so it reads as `false` when the form was loaded with it.
    fn posted(input: &CustomInput, fields: &Values, loaded: &Values) -> Option<String> {
        match (fields.get(&input.key), input.kind) {
            (Some(raw), InputKind::Checkbox) => Some(crate::forms::validate::flag(raw).to_string()),
            (None, InputKind::Checkbox) => loaded.contains_key(&input.key).then(|| "false".into()),
            (Some(raw), InputKind::Memo) => {
                Some(raw.trim_end().trim_start_matches(['\r', '\n']).into())
            }
            (Some(raw), _) => Some(raw.trim().to_owned()),
            (None, _) => None,
        }
    }

    /// The format error of one cleaned value.
    fn problem(input: &CustomInput, value: &str) -> Option<String> {
        let len = value.chars().count();
        if len > input.max {
            return Some(format!(
                "{} must be at most {} characters (it has {len}).",
                input.label, input.max
            ));
        }
        match input.kind {
            InputKind::Number if !value.is_empty() && parse_number(value).is_none() => Some(
                format!("{} must be a number, such as 12 or 3.5.", input.label),
            ),
            InputKind::Date
                if !value.is_empty() && NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() =>
            {
                Some(format!("{} must be a date as YYYY-MM-DD.", input.label))
            }
            _ => crate::forms::validate::check(crate::forms::Kind::Text, value).err(),
        }
    }

    /// The posted values of the editable inputs, cleaned and checked (a value left as loaded is not
    /// checked again, so a field HaloPSA holds in an odd shape does not block the save).
    pub fn validate(
        inputs: &[CustomInput],
        fields: &Values,
        loaded: &Values,
    ) -> Result<Values, FieldErrors> {
        let mut clean = Values::new();
        let mut errors = FieldErrors::new();
        for input in inputs.iter().filter(|i| i.kind != InputKind::ReadOnly) {
            let Some(value) = posted(input, fields, loaded) else {
                continue;
            };
            if loaded.get(&input.key) != Some(&value) {
                if let Some(p) = problem(input, &value) {
                    errors.insert(input.key.clone(), p);
                }
            }
            clean.insert(input.key.clone(), value);
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }

    /// The JSON HaloPSA gets for a changed value, in the JSON type the field holds now (a number sent
    /// as text stays text; a checkbox held as 0/1 stays 0/1).
    fn json_of(f: &CustomField, text: &str) -> Value {
        let now = f.value.as_ref().unwrap_or(&Value::Null);
        match f.custom_kind() {
            _ if text.is_empty() => Value::Null,
            CustomKind::Number if !now.is_string() => {
                parse_number(text).map_or(Value::Null, Value::Number)
            }
            CustomKind::Date => Value::String(format!("{text}T00:00:00")),
            CustomKind::Checkbox => {
                let on = text == "true";
                match now {
                    Value::Number(_) => Value::from(u8::from(on)),
                    Value::String(_) => Value::String(if on { "True" } else { "False" }.into()),
                    _ => Value::Bool(on),
                }
            }
            _ => Value::String(text.to_owned()),
        }
    }

    /// The whole `customfields` array to post, when the person changed any editable value that also
    /// differs from HaloPSA's now: every field as HaloPSA holds it now, the changed values replaced.
    /// `clean`: the validated values; `loaded`: the values as the form was loaded.
    pub fn changed_array(
        now: &[(CustomField, Value)],
        clean: &Values,
        loaded: &Values,
    ) -> Option<Value> {
        let now_values = values_of(now);
        let mut changed = false;
        let array = now
            .iter()
            .map(|(f, raw)| {
                let k = key(f);
                let touched = clean
                    .get(&k)
                    .filter(|v| loaded.get(&k) != Some(*v) && now_values.get(&k) != Some(*v));
                let mut m = raw.as_object().cloned().unwrap_or_default();
                match touched {
                    Some(text) => {
                        changed = true;
                        m.insert("value".into(), json_of(f, text));
                    }
                    // an empty value is left out when the record is serialised: HaloPSA sent null
                    None => {
                        m.entry("value").or_insert(Value::Null);
                    }
                }
                Value::Object(m)
            })
            .collect();
        changed.then_some(Value::Array(array))
    }

    /// The editable fields whose value as loaded differs from HaloPSA's now, for the "changed meanwhile"
    /// review.
    pub fn changed_fields(now: &[(CustomField, Value)], loaded: &Values) -> Vec<ChangedField> {
        let labels: Vec<CustomInput> = inputs_of(now);
        values_of(now)
            .into_iter()
            .filter_map(|(k, is)| {
                let was = loaded.get(&k)?.clone();
                let label = labels.iter().find(|i| i.key == k)?.label.clone();
                (was != is).then_some(ChangedField {
                    key: k,
                    label,
                    loaded: was,
                    now: is,
                })
            })
            .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use serde_json::json;

        fn record() -> Map<String, Value> {
            json!({"id": 7, "customfields": [
                {"id": 101, "label": "Tier", "type": 2, "value": 3, "display": "Gold", "extra": "kept"},
                {"id": 102, "label": "Onboarded", "type": 4, "value": "2024-05-01T00:00:00"},
                {"id": 103, "label": "Seats", "type": 0, "inputtype": 1, "value": "12"},
                {"id": 104, "label": "Code", "type": 0, "characterlimit": 5, "value": "AC-1"},
                {"id": 105, "label": "Backup", "type": 6, "value": 1}
            ]})
            .as_object()
            .cloned()
            .unwrap()
        }

        #[test]
        fn inputs_are_typed_and_selections_read_only() {
            let fields = fields_of(&record());
            let inputs = inputs_of(&fields);
            let kinds: Vec<InputKind> = inputs.iter().map(|i| i.kind).collect();
            use InputKind::*;
            assert_eq!(kinds, [ReadOnly, Date, Number, Text, Checkbox]);
            assert_eq!(inputs[0].shown, "Gold");
            assert_eq!(inputs[3].max, 5);
            let v = values_of(&fields);
            assert_eq!(v.len(), 4, "the selection is not a form value: {v:?}");
            assert_eq!(v["custom-102"], "2024-05-01");
            assert_eq!(v["custom-103"], "12");
            assert_eq!(v["custom-105"], "true");
        }

        #[test]
        fn an_edit_posts_the_whole_array_with_one_value_changed() {
            let fields = fields_of(&record());
            let loaded = values_of(&fields);
            let mut entered = loaded.clone();
            assert!(
                changed_array(&fields, &entered, &loaded).is_none(),
                "nothing touched"
            );
            entered.insert("custom-104".into(), "AC-9".into());
            let inputs = inputs_of(&fields);
            let clean = validate(&inputs, &entered, &loaded).unwrap();
            let array = changed_array(&fields, &clean, &loaded).unwrap();
            let mut expected = record()["customfields"].clone();
            expected[3]["value"] = json!("AC-9");
            assert_eq!(
                array, expected,
                "every other field exactly as HaloPSA sent it"
            );
        }

        #[test]
        fn changed_values_keep_the_json_type_halopsa_holds() {
            let fields = fields_of(&record());
            let loaded = values_of(&fields);
            let mut entered = loaded.clone();
            entered.insert("custom-103".into(), "14".into());
            entered.insert("custom-102".into(), "2025-01-31".into());
            entered.remove("custom-105"); // an unticked checkbox posts nothing
            let clean = validate(&inputs_of(&fields), &entered, &loaded).unwrap();
            let array = changed_array(&fields, &clean, &loaded).unwrap();
            assert_eq!(array[1]["value"], json!("2025-01-31T00:00:00"));
            assert_eq!(
                array[2]["value"],
                json!("14"),
                "a number HaloPSA sent as text"
            );
            assert_eq!(array[4]["value"], json!(0), "a checkbox held as 0/1");
        }

        #[test]
        fn bad_values_are_refused_beside_their_field_unless_left_as_loaded() {
            let fields = fields_of(&record());
            let inputs = inputs_of(&fields);
            let mut loaded = values_of(&fields);
            let mut entered = loaded.clone();
            entered.insert("custom-103".into(), "a dozen".into());
            entered.insert("custom-102".into(), "31/01/2025".into());
            entered.insert("custom-104".into(), "TOO-LONG".into());
            let errors = validate(&inputs, &entered, &loaded).unwrap_err();
            assert!(
                errors["custom-103"].contains("must be a number"),
                "{errors:?}"
            );
            assert!(errors["custom-102"].contains("YYYY-MM-DD"), "{errors:?}");
            assert!(errors["custom-104"].contains("at most 5"), "{errors:?}");
            loaded.insert("custom-103".into(), "a dozen".into());
            entered.insert("custom-102".into(), "2025-01-31".into());
            entered.insert("custom-104".into(), "AC-2".into());
            assert!(
                validate(&inputs, &entered, &loaded).is_ok(),
                "an odd value left alone"
            );
        }

        #[test]
        fn a_colleagues_change_is_named_and_not_undone() {
            let fields = fields_of(&record());
            let loaded = values_of(&fields);
            let mut now = record();
            now["customfields"][2]["value"] = json!("20");
            let now = fields_of(&now);
            let changed = changed_fields(&now, &loaded);
            assert_eq!(changed.len(), 1);
            assert_eq!(
                (changed[0].label.as_str(), changed[0].now.as_str()),
                ("Seats", "20")
            );
            let mut entered = loaded.clone();
            entered.insert("custom-104".into(), "AC-3".into());
            let clean = validate(&inputs_of(&now), &entered, &loaded).unwrap();
            let array = changed_array(&now, &clean, &loaded).unwrap();
            assert_eq!(
                array[2]["value"],
                json!("20"),
                "the colleague's value stays"
            );
            assert_eq!(array[3]["value"], json!("AC-3"));
        }
    }
}
