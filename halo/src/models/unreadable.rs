//! Fields HaloPSA sent in a shape Haloscope cannot read (a date like `01/05/2024`, an id of
//! `1.5`, an object where text belongs). Such a field does not fail its record: the record is
//! decoded without it, the typed field stays `None`, and the raw value is kept in
//! [`Unreadable`] — which is never serialised, so it cannot travel back to HaloPSA by accident.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::Error;

/// The fields of one record that could not be read, by Halo field name, with the raw values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unreadable(pub BTreeMap<String, Value>);

impl Unreadable {
    /// Whether every field was read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether Halo field `key` could not be read.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
}

/// A record that remembers its unreadable fields (every `record!` model).
pub trait Readable {
    /// The fields that could not be read.
    fn unreadable(&self) -> &Unreadable;
    /// The same, to fill in after decoding.
    fn unreadable_mut(&mut self) -> &mut Unreadable;
}

/// The top-level key of a decode error's path: `client_id` of `client_id`, `customfields[2].value`
/// or `address.line1`.
fn top_key(path: &str) -> &str {
    let path = path.trim_start_matches('.');
    let end = path.find(['.', '[']).unwrap_or(path.len());
    &path[..end]
}

/// Decodes one record leniently: a field that fails is taken out (kept in the record's
/// [`Unreadable`]) and the rest decoded again. Fails only when the value is not an object at all
/// or a failure cannot be pinned to one field.
pub fn decode_record<T: DeserializeOwned + Readable>(value: Value) -> Result<T, Error> {
    if !value.is_object() {
        return crate::error::decode_value(value, "");
    }
    let mut value = value;
    let mut taken: BTreeMap<String, Value> = BTreeMap::new();
    loop {
        // read from the value in place: a record that reads at the first try (nearly all) is never copied
        match crate::error::decode_ref::<T>(&value, "") {
            Ok(mut record) => {
                record.unreadable_mut().0 = taken;
                return Ok(record);
            }
            Err(Error::Decode { path, message }) => {
                let key = top_key(&path).to_owned();
                let Value::Object(map) = &mut value else {
                    return Err(Error::Decode { path, message });
                };
                match map.remove(&key) {
                    Some(raw) if !key.is_empty() && key != "id" => {
                        taken.insert(key, raw);
                    }
                    _ => return Err(Error::Decode { path, message }),
                }
            }
            Err(other) => return Err(other),
        }
    }
}

/// As [`decode_record`], from the record's JSON text: decoded straight from the text when it reads at the
/// first try (nearly every record), without building a [`Value`] tree first; otherwise through
/// [`decode_record`], so a record with an odd field, or no record at all, comes out exactly as it
/// would from the tree.
pub fn decode_record_json<T: DeserializeOwned + Readable>(json: &[u8]) -> Result<T, Error> {
    if let Ok(record) = serde_json::from_slice::<T>(json) {
        return Ok(record);
    }
    decode_record(crate::error::parse(json, "")?)
}

/// The JSON type of a raw value, in words (the "kind" of an unreadable field in the log).
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{ClientSummary, Site};
    use serde_json::json;

    #[test]
    fn a_record_reads_the_same_from_its_text_as_from_its_tree() {
        let records: &[&[u8]] = &[
            br#"{"id":7,"name":"Acme","toplevel_id":1.5,"calldate":"01/05/2024","inactive":2}"#,
            br#"{"id":7,"name":"Acme","name":"Last","website":"w","custom":{"a":[1]}}"#,
            br#"{"id":"8","toplevel_id":"3"}"#,
            br#"{"id":{"x":1}}"#,
            br#"[7]"#,
            br#""text""#,
            br#"{"id":7,"#,
        ];
        for json in records {
            let text = decode_record_json::<ClientSummary>(json);
            let tree = crate::error::parse(json, "").and_then(decode_record::<ClientSummary>);
            assert_eq!(text, tree, "{}", String::from_utf8_lossy(json));
        }
    }

    #[test]
    fn a_bad_field_is_kept_aside_and_the_rest_is_read() {
        let c: ClientSummary = decode_record(json!({
            "id": 7, "name": "Acme", "toplevel_id": 1.5, "calldate": "01/05/2024",
            "toplevel_name": {"x": 1}, "inactive": 2, "website": "w"
        }))
        .unwrap();
        assert_eq!(
            (c.id, c.name.as_deref(), c.website.as_deref()),
            (7, Some("Acme"), Some("w"))
        );
        assert_eq!((c.toplevel_id, c.calldate, c.inactive), (None, None, None));
        let keys: Vec<&str> = c.unreadable().0.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["calldate", "inactive", "toplevel_id", "toplevel_name"]
        );
        assert_eq!(c.unreadable().0["toplevel_name"], json!({"x": 1}));
        // the raw values are never written out
        let out = serde_json::to_value(&c).unwrap();
        assert!(
            out.get("toplevel_name").is_none() && out.get("calldate").is_none(),
            "{out}"
        );
    }

    #[test]
    fn an_unreadable_id_still_fails_the_record() {
        assert!(decode_record::<Site>(json!({"id": {"x": 1}, "name": "A"})).is_err());
        assert!(decode_record::<Site>(json!("text")).is_err());
    }
}
