//! The catch-all map of fields a model does not type.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Every JSON field of a Halo record that the model does not type, kept verbatim (flattened
/// into the record on the wire) so reading and writing back a record loses nothing.
/// Its `Debug` output hides values whose key looks secret (`password`, `secret`, `token`, …).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Extra(pub Map<String, Value>);

/// Whether a field name looks like it holds a credential (its value is hidden in `Debug`).
pub fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "password",
        "secret",
        "token",
        "apikey",
        "api_key",
        "passphrase",
    ]
    .iter()
    .any(|s| k.contains(s))
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.0 {
            if is_sensitive_key(k) && !v.is_null() {
                m.entry(k, &"[redacted]");
            } else {
                m.entry(k, v);
            }
        }
        m.finish()
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(m: Map<String, Value>) -> Self {
        Self(m)
    }
}
