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

/// Whether (`endpoint`, `path`, `kind`) is seen for the first time in this process.
fn first_time(endpoint: &str, path: &str, kind: &'static str) -> bool {
    seen().lock().unwrap_or_else(|p| p.into_inner()).insert((
        endpoint.to_owned(),
        path.to_owned(),
        kind,
    ))
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
            if first_time(endpoint, &path, kind) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_endpoint_path_and_kind_is_logged_once() {
        assert!(first_time("Test", "tests[].x", "object"));
        assert!(
            !first_time("Test", "tests[].x", "object"),
            "once per process"
        );
        assert!(first_time("Test", "tests[].x", "string"), "another kind");
        assert!(first_time("Test", "tests[].y", "object"), "another path");
        assert!(
            first_time("Other", "tests[].x", "object"),
            "another endpoint"
        );
    }
}
