//! Typed list/detail queries, one builder per endpoint. Each builder *is* the query string:
//! its fields carry Halo's exact parameter names, and only the fields that were set are sent.

mod client;
mod detail;
mod lookups;
mod notes;
mod service;
mod site;
mod supplier;

pub use client::{ClientDetailQuery, ClientQuery};
pub use detail::{DetailQuery, OrganisationQuery};
pub use lookups::{ServiceCategoryQuery, ServiceStatusQuery, TopLevelDetailQuery, TopLevelQuery};
pub use notes::{CrmNoteQuery, PopupNoteQuery};
pub use service::{ServiceDetailQuery, ServiceQuery};
pub use site::{SiteDetailQuery, SiteQuery};
pub use supplier::SupplierQuery;

use serde::Serialize;
use serde_json::Value;

/// The largest page Halo returns, whatever `page_size` asks for.
pub const HALO_MAX_PAGE_SIZE: u32 = 100;

/// List queries that can page (`pageinate`, `page_no`, `page_size`).
pub trait Paged: Clone {
    /// A copy of the query asking for page `page_no` (1-based) of `page_size` rows.
    fn paged(&self, page_no: u32, page_size: u32) -> Self;
}

/// The `(name, value)` pairs a query sends, in name order. Booleans are `true`/`false`; lists
/// repeat the name once per element (ASP.NET's `List<int>` binding).
pub fn query_pairs<T: Serialize>(query: &T) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(Value::Object(map)) = serde_json::to_value(query) {
        let mut keys: Vec<_> = map.keys().cloned().collect();
        keys.sort();
        for k in keys {
            push_value(&mut out, &k, &map[&k]);
        }
    }
    out
}

fn push_value(out: &mut Vec<(String, String)>, key: &str, v: &Value) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push((key.to_owned(), s.clone())),
        Value::Array(items) => items.iter().for_each(|x| push_value(out, key, x)),
        other => out.push((key.to_owned(), other.to_string())),
    }
}

/// The URL-encoded query string of a query (no leading `?`; empty when nothing is set).
pub fn query_string<T: Serialize>(query: &T) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in query_pairs(query) {
        ser.append_pair(&k, &v);
    }
    ser.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_query_sends_nothing() {
        assert_eq!(query_string(&ClientQuery::new()), "");
        assert_eq!(query_string(&OrganisationQuery::new()), "");
    }

    #[test]
    fn names_and_values_match_halo() {
        let q = ClientQuery::new()
            .search("a&b")
            .includeinactive(true)
            .orderdesc2(false)
            .integration_tenantids(vec![3, 4])
            .paged(2, 50);
        assert_eq!(
            query_string(&q),
            "includeinactive=true&integration_tenantids=3&integration_tenantids=4&orderdesc2=false&page_no=2&page_size=50&pageinate=true&search=a%26b"
        );
        let t = TopLevelQuery::new().kind(2);
        assert_eq!(query_string(&t), "type=2");
    }
}
