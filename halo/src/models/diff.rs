//! Change sets for updates and fingerprints for optimistic concurrency.

use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// Serializes a record to a JSON object (an empty map if it is not an object).
fn to_map<T: Serialize + ?Sized>(record: &T) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The fields that differ between two versions of a record, as Halo expects them in an update:
/// changed or added fields with their new value, removed fields as `null`. `id` is never
/// included (the update call adds it). Nested objects/lists are sent whole when they differ.
pub fn changes<T: Serialize>(before: &T, after: &T) -> Map<String, Value> {
    let before = to_map(before);
    let after = to_map(after);
    let mut out = Map::new();
    for (k, v) in &after {
        if k != "id" && before.get(k) != Some(v) {
            out.insert(k.clone(), v.clone());
        }
    }
    for k in before.keys() {
        if k != "id" && !after.contains_key(k) {
            out.insert(k.clone(), Value::Null);
        }
    }
    out
}

fn canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                canonical(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// A stable hash (hex SHA-256 of the canonical JSON, keys sorted) of a record as serialized.
/// Equal records give equal fingerprints whatever the field order Halo used.
pub fn fingerprint<T: Serialize + ?Sized>(record: &T) -> String {
    let v = serde_json::to_value(record).unwrap_or(Value::Null);
    let mut s = String::new();
    canonical(&v, &mut s);
    let digest = Sha256::digest(s.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records that can report what changed and fingerprint themselves.
pub trait Record: Serialize {
    /// See [`fingerprint`].
    fn fingerprint(&self) -> String {
        fingerprint(self)
    }
    /// The update body fields turning `self` into `after` (see [`changes`]).
    fn changes_to(&self, after: &Self) -> Map<String, Value>
    where
        Self: Sized,
    {
        changes(self, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_has_changed_added_and_removed_fields_but_never_id() {
        let before = json!({"id": 1, "name": "a", "notes": "x", "keep": 1});
        let after = json!({"id": 2, "name": "b", "keep": 1, "new": true});
        let c = changes(&before, &after);
        assert_eq!(
            Value::Object(c),
            json!({"name": "b", "notes": null, "new": true})
        );
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn fingerprint_ignores_key_order_but_not_values() {
        let a: Value = serde_json::from_str(r#"{"a":1,"b":{"x":[1,2],"y":null}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"b":{"y":null,"x":[1,2]},"a":1}"#).unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(
            fingerprint(&a),
            fingerprint(&json!({"a":2,"b":{"x":[1,2],"y":null}}))
        );
        assert_eq!(fingerprint(&a).len(), 64);
    }
}
