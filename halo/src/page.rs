//! One page of a list, decoded from whatever shape Halo used for it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::models::Readable;
use crate::Error;

/// One page of a Halo list: the rows plus Halo's paging echo. `record_count` is the total number
/// of matching rows (not the rows in this page); for bare-array lists it is the array length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Total matching rows across all pages.
    pub record_count: u64,
    /// The page number Halo echoed (`None` when not paging).
    pub page_no: Option<u32>,
    /// The page size Halo echoed (`None` when not paging). Not the number of rows: Halo caps pages.
    pub page_size: Option<u32>,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            record_count: 0,
            page_no: None,
            page_size: None,
        }
    }
}

fn opt_u64(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl<T: DeserializeOwned + Readable> Page<T> {
    /// Decodes a list reply: a wrapper object whose rows sit under one of `keys` (e.g.
    /// `clients`), or under any array-valued key when none of `keys` is present, or a bare
    /// array. Each row is decoded on its own and leniently ([`crate::models::decode_record`]): a
    /// field that cannot be read is kept aside in the row's `unreadable`, so one odd value never
    /// fails the page. A row that is no record at all (not an object, an unreadable `id`) fails
    /// it, its path named (e.g. `clients[3].id`).
    pub fn from_json(bytes: &[u8], keys: &[&str]) -> Result<Self, Error> {
        // the rows read straight from the reply's text, without a tree of the whole reply first (a third
        // of a cold list's CPU was building that tree); anything but an object or an array of rows, and
        // text that is not JSON, goes through the tree as before, to be named the same way
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {
                if let Ok(top) = serde_json::from_slice::<BTreeMap<String, &RawValue>>(bytes) {
                    return Self::from_raw_object(top, keys);
                }
            }
            Some(b'[') => {
                if let Ok(rows) = serde_json::from_slice::<Vec<&RawValue>>(bytes) {
                    let items: Vec<T> = decode_raw_rows(rows, "")?;
                    return Ok(Self {
                        record_count: items.len() as u64,
                        items,
                        page_no: None,
                        page_size: None,
                    });
                }
            }
            _ => {}
        }
        Self::from_value(crate::error::parse(bytes, "")?, keys)
    }

    /// [`Page::from_json`]'s wrapper object, its values still text: the rows' key chosen as
    /// [`Page::from_value`] chooses it (the maps iterate in the same order).
    fn from_raw_object(mut top: BTreeMap<String, &RawValue>, keys: &[&str]) -> Result<Self, Error> {
        let is_array = |v: &&RawValue| v.get().starts_with('[');
        let key = keys
            .iter()
            .find(|k| top.contains_key(**k))
            .map(|k| (*k).to_owned())
            .or_else(|| {
                top.iter()
                    .find(|(k, v)| is_array(v) && !k.starts_with("columns"))
                    .map(|(k, _)| k.clone())
            });
        let prefix = key.as_deref().unwrap_or("");
        let items: Vec<T> = match key.as_ref().and_then(|k| top.remove(k)) {
            None => Vec::new(),
            Some(rows) if rows.get() == "null" => Vec::new(),
            Some(rows) => match serde_json::from_str::<Vec<&RawValue>>(rows.get()) {
                Ok(rows) => decode_raw_rows(rows, prefix)?,
                // not an array: named as the tree names it
                Err(_) => decode_rows(crate::error::parse(rows.get().as_bytes(), prefix)?, prefix)?,
            },
        };
        let number = |k: &str| {
            let value = top
                .get(k)
                .and_then(|v| serde_json::from_str::<Value>(v.get()).ok());
            opt_u64(value.as_ref())
        };
        Ok(Self {
            record_count: number("record_count").unwrap_or(items.len() as u64),
            page_no: number("page_no").map(|n| n as u32),
            page_size: number("page_size").map(|n| n as u32),
            items,
        })
    }

    /// As [`Page::from_json`], from an already parsed value.
    pub fn from_value(value: Value, keys: &[&str]) -> Result<Self, Error> {
        match value {
            Value::Array(items) => {
                let items: Vec<T> = decode_rows(Value::Array(items), "")?;
                Ok(Self {
                    record_count: items.len() as u64,
                    items,
                    page_no: None,
                    page_size: None,
                })
            }
            Value::Object(mut map) => {
                let key = keys
                    .iter()
                    .find(|k| map.contains_key(**k))
                    .map(|k| (*k).to_owned())
                    .or_else(|| {
                        map.iter()
                            .find(|(k, v)| v.is_array() && !k.starts_with("columns"))
                            .map(|(k, _)| k.clone())
                    });
                let rows = key
                    .as_ref()
                    .and_then(|k| map.remove(k))
                    .unwrap_or(Value::Array(vec![]));
                let rows = if rows.is_null() {
                    Value::Array(vec![])
                } else {
                    rows
                };
                let items: Vec<T> = decode_rows(rows, key.as_deref().unwrap_or(""))?;
                let record_count = opt_u64(map.get("record_count")).unwrap_or(items.len() as u64);
                Ok(Self {
                    items,
                    record_count,
                    page_no: opt_u64(map.get("page_no")).map(|n| n as u32),
                    page_size: opt_u64(map.get("page_size")).map(|n| n as u32),
                })
            }
            Value::Null => Ok(Self::default()),
            other => Err(Error::Decode {
                path: String::new(),
                message: format!("expected a list, got {}", short_kind(&other)),
            }),
        }
    }
}

fn short_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        _ => "something else",
    }
}

fn decode_rows<T: DeserializeOwned + Readable>(rows: Value, prefix: &str) -> Result<Vec<T>, Error> {
    let rows = match rows {
        Value::Array(a) => a,
        other => return crate::error::decode_value(other, prefix),
    };
    rows.into_iter()
        .filter(|v| !v.is_null())
        .enumerate()
        .map(|(i, row)| crate::models::decode_record(row).map_err(|e| row_error(e, prefix, i)))
        .collect()
}

/// As [`decode_rows`], from the rows' text: each row decoded from its own text
/// ([`crate::models::decode_record_json`]), a failure named by its index.
fn decode_raw_rows<T: DeserializeOwned + Readable>(
    rows: Vec<&RawValue>,
    prefix: &str,
) -> Result<Vec<T>, Error> {
    rows.into_iter()
        .filter(|row| row.get() != "null")
        .enumerate()
        .map(|(i, row)| {
            crate::models::decode_record_json(row.get().as_bytes())
                .map_err(|e| row_error(e, prefix, i))
        })
        .collect()
}

/// A row's decode error with the row's place in front of its path (`clients[3].id`).
fn row_error(e: Error, prefix: &str, i: usize) -> Error {
    match e {
        Error::Decode { path, message } => Error::Decode {
            path: format!("{prefix}[{i}]{}", dotted(&path)),
            message,
        },
        other => other,
    }
}

/// `.x` for a non-empty path `x`.
fn dotted(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(".{path}")
    }
}

/// How many rows of `items` had fields that could not be read.
pub fn unreadable_rows<T: Readable>(items: &[T]) -> usize {
    items.iter().filter(|r| !r.unreadable().is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{Organisation, SiteSummary};

    #[test]
    fn wrapper_and_bare_array() {
        let p: Page<SiteSummary> = Page::from_json(
            br#"{"page_no":2,"page_size":100,"record_count":717,"sites":[{"id":1,"client_id":12.0}],"columns":[]}"#,
            &["sites"],
        )
        .unwrap();
        assert_eq!(p.record_count, 717);
        assert_eq!(p.page_no, Some(2));
        assert_eq!(p.items[0].client_id, Some(12));
        let p: Page<Organisation> = Page::from_json(br#"[{"id":1,"name":"A"},null]"#, &[]).unwrap();
        assert_eq!(p.items.len(), 1);
        assert_eq!(p.record_count, 1);
    }

    #[test]
    fn one_odd_field_does_not_fail_the_page() {
        let p = Page::<SiteSummary>::from_json(
            br#"{"record_count":2,"sites":[{"id":1},{"id":2,"client_id":{"x":1}}]}"#,
            &["sites"],
        )
        .unwrap();
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.items[1].client_id, None);
        assert!(p.items[1].unreadable.contains("client_id"));
        assert_eq!(unreadable_rows(&p.items), 1);
    }

    /// Every reply shape reads the same from its text as from a parsed tree: rows, counts, odd fields,
    /// duplicated keys, escaped keys, the rows' key found by name or by being the first array, and
    /// every failure named alike.
    #[test]
    fn the_text_path_reads_every_shape_as_the_tree_does() {
        let replies: &[&[u8]] = &[
            br#"{"page_no":"2","page_size":100.0,"record_count":"717","sites":[{"id":1,"client_id":12.0,"x":[1]}]}"#,
            br#" [{"id":1,"name":"A"} , null, {"id":3,"client_id":"7"}] "#,
            br#"{"record_count":2,"sites":[{"id":1},{"id":2,"client_id":{"x":1},"client_id":5}]}"#,
            br#"{"columns_x":[1],"rows":[{"id":4,"name":"dup","name":"last"}],"record_count":-1}"#,
            br#"{"sit\u0065s":[{"id":9,"n\u0061me":"esc"}]}"#,
            br#"{"sites":null,"record_count":3}"#,
            br#"{"sites":{"id":1}}"#,
            br#"{"sites":[{"id":1},{"id":{"x":1}}]}"#,
            br#"{"sites":[1]}"#,
            br#"{"other":true}"#,
            br#"[1, 2]"#,
            br#"null"#,
            br#"7"#,
            br#"{"sites":[{"id":1}"#,
        ];
        for reply in replies {
            let text = Page::<SiteSummary>::from_json(reply, &["sites"]);
            let tree = crate::error::parse(reply, "")
                .and_then(|v| Page::<SiteSummary>::from_value(v, &["sites"]));
            assert_eq!(text, tree, "{}", String::from_utf8_lossy(reply));
        }
    }

    #[test]
    fn a_row_without_a_readable_id_names_its_path() {
        let e = Page::<SiteSummary>::from_json(
            br#"{"record_count":2,"sites":[{"id":1},{"id":{"x":1}}]}"#,
            &["sites"],
        )
        .unwrap_err();
        match e {
            Error::Decode { path, .. } => assert_eq!(path, "sites[1].id"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
