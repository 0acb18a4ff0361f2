//! Typed list/detail queries, one builder per endpoint. Each builder *is* the query string:
//! its fields carry Halo's exact parameter names, and only the fields that were set are sent.
//! Every parameter has a setter of the same name; [`Status`] and [`SortDirection`] set the
//! parameter pairs that mean one thing together.

/// Declares a query: one optional field per parameter (unknown names are refused when a query is
/// read from JSON, which is how the documented-parameter test proves every parameter is there),
/// `new()`, and a setter per parameter. `pub list struct` adds the sort and paging parameters
/// every list endpoint shares, [`Paged`] and `sort`.
macro_rules! query {
    (
        $(#[$meta:meta])*
        pub list struct $name:ident { $( $(#[$fm:meta])* $f:ident : $t:ty ),* $(,)? }
    ) => {
        query! {
            $(#[$meta])*
            pub struct $name {
                $( $(#[$fm])* $f : $t, )*
                /// Maximum rows when not paging.
                count: i32,
                /// Field to sort by.
                order: String,
                /// Sort `order` descending.
                orderdesc: bool,
                /// Later sort fields, each with its own direction.
                order2: String,
                orderdesc2: bool,
                order3: String,
                orderdesc3: bool,
                order4: String,
                orderdesc4: bool,
                order5: String,
                orderdesc5: bool,
                /// `true` turns paging on (Halo spells it `pageinate`).
                pageinate: bool,
                /// 1-based page number (only with `pageinate`).
                page_no: i32,
                /// Rows per page (only with `pageinate`; Halo caps pages at 100 rows).
                page_size: i32,
            }
        }

        impl $crate::query::Paged for $name {
            fn paged(&self, page_no: u32, page_size: u32) -> Self {
                let mut q = self.clone();
                q.pageinate = Some(true);
                q.page_no = Some(page_no as i32);
                q.page_size = Some(page_size as i32);
                q
            }
        }

        impl $name {
            /// Sorts by `field` (`order`) in `direction` (`orderdesc`).
            pub fn sort(self, field: impl Into<String>, direction: $crate::query::SortDirection) -> Self {
                self.order(field).orderdesc(direction == $crate::query::SortDirection::Descending)
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $( $(#[$fm:meta])* $f:ident : $t:ty ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$fm])*
                #[allow(missing_docs)] // Halo's parameter names; the listed ones say more where needed
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $f: Option<$t>,
            )*
        }

        impl $name {
            /// An empty query: sends no parameters.
            pub fn new() -> Self {
                Self::default()
            }

            $(
                #[allow(missing_docs)] // each sets the parameter of its name
                pub fn $f(mut self, value: impl Into<$t>) -> Self {
                    self.$f = Some(value.into());
                    self
                }
            )*
        }
    };
}

/// `status(…)` for the lists that filter on the active flag (`includeactive`/`includeinactive`).
macro_rules! active_filter {
    ($($name:ident),*) => {$(
        impl $name {
            /// Which rows the list includes, by their active flag.
            pub fn status(self, status: $crate::query::Status) -> Self {
                let (active, inactive) = status.flags();
                self.includeactive(active).includeinactive(inactive)
            }
        }
    )*};
}

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

active_filter!(ClientQuery, SiteQuery, SupplierQuery);

/// Which records a list includes, by their active flag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Active records only.
    #[default]
    Active,
    /// Inactive records only.
    Inactive,
    /// Both.
    All,
}

impl Status {
    /// `(includeactive, includeinactive)`.
    pub fn flags(self) -> (bool, bool) {
        match self {
            Status::Active => (true, false),
            Status::Inactive => (false, true),
            Status::All => (true, true),
        }
    }
}

/// The direction of a sort.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortDirection {
    /// A to Z, smallest first.
    #[default]
    Ascending,
    /// Z to A, largest first.
    Descending,
}

impl SortDirection {
    /// `Descending` when `desc` is true.
    pub fn descending_if(desc: bool) -> Self {
        if desc {
            SortDirection::Descending
        } else {
            SortDirection::Ascending
        }
    }
}

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
        // already in name order unless serde_json's `preserve_order` is on somewhere in the build; the
        // sort of an ordered list is one pass, and moving the values copies no string
        let mut fields: Vec<(String, Value)> = map.into_iter().collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in fields {
            push_value(&mut out, &k, v);
        }
    }
    out
}

fn push_value(out: &mut Vec<(String, String)>, key: &str, v: Value) {
    match v {
        Value::Null => {}
        Value::String(s) => out.push((key.to_owned(), s)),
        Value::Array(items) => items.into_iter().for_each(|x| push_value(out, key, x)),
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

    #[test]
    fn status_and_sort_direction_set_their_parameter_pairs() {
        let q = |s: Status| query_string(&SupplierQuery::new().status(s));
        assert_eq!(
            q(Status::Active),
            "includeactive=true&includeinactive=false"
        );
        assert_eq!(
            q(Status::Inactive),
            "includeactive=false&includeinactive=true"
        );
        assert_eq!(q(Status::All), "includeactive=true&includeinactive=true");
        let sorted = |d: SortDirection| query_string(&ServiceQuery::new().sort("name", d));
        assert_eq!(
            sorted(SortDirection::Ascending),
            "order=name&orderdesc=false"
        );
        assert_eq!(
            sorted(SortDirection::descending_if(true)),
            "order=name&orderdesc=true"
        );
    }
}
