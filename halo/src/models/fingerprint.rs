//! Fingerprints for optimistic concurrency: an edit form carries the record's fingerprint, and the update
//! is refused when the record changed meanwhile.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
