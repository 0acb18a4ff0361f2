//! The log line for fields HaloPSA sent that could not be read: once per (endpoint, JSON path,
//! kind of value) per process, so a tenant full of odd dates logs one line, not one per row.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use crate::models::{kind_of, Readable};

/// An (endpoint, path, kind) triple.
type Seen = (String, String, &'static str);

/// The triples already logged.
fn seen() -> &'static Mutex<HashSet<Seen>> {
    static SEEN: OnceLock<Mutex<HashSet<Seen>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

/// Logs the unreadable fields of `records` read from `endpoint`; rows of a list are named `key[]`
/// (`clients[].toplevel_id`), a single record by its field alone.
pub(crate) fn note<'a, T: Readable + 'a>(
    endpoint: &str,
    key: Option<&str>,
    records: impl IntoIterator<Item = &'a T>,
) {
    for record in records {
        for (field, raw) in &record.unreadable().0 {
            let path = match key {
                Some(k) => format!("{k}[].{field}"),
                None => field.clone(),
            };
            let kind = kind_of(raw);
            let first = seen().lock().unwrap_or_else(|p| p.into_inner()).insert((
                endpoint.to_owned(),
                path.clone(),
                kind,
            ));
            if first {
                tracing::warn!(
                    endpoint,
                    path = %path,
                    kind,
                    "HaloPSA sent a value Haloscope cannot read; shown as unreadable"
                );
            }
        }
    }
}
