//! The server side of a descriptor: which `halo` resource holds the entity's records, and the few write
//! steps where entities differ (resolving a picker, what a delete would take with it, pre-filling a new
//! record's form). Everything else of the write path is generic (`functions::records`).

use crate::components::detail::Detail;
use crate::components::list::{
    cells::{Cell, Row},
    ListPage,
};
use crate::entities::{Entity, EntityKind, ListView};
use crate::errors::AppError;
use crate::forms::{FieldErrors, Valid};
use crate::functions::form_ssr::Loaded;
use crate::functions::forms::FormData;
use crate::params::ListParams;
use halo::client::{HaloClient, Resource};
use halo::entity::{Detailed, Writable};
use std::future::Future;

/// The `halo` summary a store's list rows are made from.
pub type Summary<S> = <<S as Store>::Halo as halo::entity::Entity>::Summary;
/// HaloPSA's list query of a store's records.
pub type ListQuery<S> = <<S as Store>::Halo as halo::entity::Entity>::ListQuery;

/// How one entity's records are read and written.
pub trait Store {
    /// The `halo` record type.
    type Halo: Detailed + Writable;

    /// The descriptor.
    fn entity() -> &'static Entity;

    /// The contact details that data health's "compare details" sets side by side for possible
    /// duplicates; none by default.
    const CONTACTS: &'static [crate::health::compare::Contact] = &[];

    /// Where the records live.
    fn resource(halo: &HaloClient) -> Resource<Self::Halo>;

    /// One list row, a cell per column of the entity's lists (its views share its columns' meaning).
    fn row(record: &Summary<Self>) -> Row;

    /// HaloPSA's query for one page of a list HaloPSA pages itself.
    fn list_query(params: &ListParams) -> ListQuery<Self> {
        let _ = params;
        Default::default()
    }

    /// Record `id` as its page shows it, with its related records (read concurrently where they are
    /// independent; a related part that fails shows why in its own section).
    fn detail(halo: &HaloClient, id: i32) -> impl Future<Output = Result<Detail, AppError>> + Send;

    /// HaloPSA's pages of a list it pages itself, walked one after another (the CSV export): see
    /// [`walk`]. `None` for an entity whose lists are all [`whole`](ListView::whole).
    fn walk(halo: &HaloClient, params: &ListParams) -> Option<Records<Self>> {
        let _ = (halo, params);
        None
    }

    /// Every record of a [`whole`](ListView::whole) list.
    fn fetch_whole(
        halo: &HaloClient,
        view: &ListView,
    ) -> impl Future<Output = Result<Vec<Summary<Self>>, halo::Error>> + Send {
        let _ = view;
        let resource = Self::resource(halo);
        async move { Ok(resource.list(&Default::default()).await?.items) }
    }

    /// The name of the record a list page is narrowed to, when its filter names one: a list narrowed to
    /// one client (`client_id`) names it from a row that refers to it, or (no rows) from its record.
    fn scope(
        halo: &HaloClient,
        page: &ListPage<Row>,
    ) -> impl Future<Output = Option<String>> + Send {
        let id = page.params.client_id;
        let named = id.and_then(|id| {
            page.rows
                .iter()
                .flat_map(|r| &r.cells)
                .find_map(|c| match c {
                    Cell::Ref {
                        kind: EntityKind::Clients,
                        id: c,
                        text,
                    } if *c == id => Some(text.clone()),
                    _ => None,
                })
        });
        let clients = halo.clients();
        async move {
            let id = id?;
            if named.is_some() {
                return named;
            }
            let q = halo::query::ClientDetailQuery::new();
            Box::pin(clients.get(id, &q))
                .await
                .ok()
                .and_then(|c| c.name)
        }
    }

    /// Turns cleaned form values into what is sent (e.g. a client picker's `Name (#id)` into the id);
    /// a value that names nothing becomes a field error.
    fn resolve(
        halo: &HaloClient,
        valid: Valid,
    ) -> impl Future<Output = Result<Valid, FieldErrors>> + Send {
        let _ = halo;
        async move { Ok(valid) }
    }

    /// What deleting record `id` would take with it, in words ("3 sites"), when it needs its own upstream
    /// call (run beside the record's own read).
    fn dependents(halo: &HaloClient, id: i32) -> impl Future<Output = Option<String>> + Send {
        let _ = (halo, id);
        async { None }
    }

    /// The same, when the record itself says it ("12 subscribers").
    fn dependents_in(loaded: &Loaded) -> Option<String> {
        let _ = loaded;
        None
    }

    /// Adjusts a form's data before it is shown; `hint` is the form URL's `client` parameter.
    fn prepare_form(
        halo: &HaloClient,
        data: &mut FormData,
        hint: &str,
    ) -> impl Future<Output = ()> + Send {
        let _ = (halo, data, hint);
        async {}
    }
}

/// `record`'s row in `view`, with the cells of fields HaloPSA sent in a form Haloscope cannot read
/// marked [`Cell::Unreadable`](crate::components::list::cells::Cell::Unreadable): a column's field is its
/// `reads`, the field it sorts by, or `inactive` for the status.
pub fn row_of<S: Store>(view: &ListView, record: &Summary<S>) -> Row {
    use crate::components::list::cells::Cell;
    use halo::models::Readable;
    let mut row = S::row(record);
    let gone = record.unreadable();
    if gone.is_empty() {
        return row;
    }
    for (column, cell) in view.columns.iter().zip(row.cells.iter_mut()) {
        let field = match cell {
            Cell::Status => Some("inactive"),
            Cell::Empty => column
                .reads
                .or_else(|| column.sort.and_then(|k| view.spec.sort_field(k))),
            _ => None,
        };
        if field.is_some_and(|f| gone.contains(f)) {
            *cell = Cell::Unreadable;
        }
    }
    row
}

/// The notice of a list page `n` of whose records had fields that could not be read.
pub fn unreadable_notice(n: u64) -> String {
    let which = if n == 1 {
        "1 record here has a field".to_string()
    } else {
        format!("{n} records here have fields")
    };
    format!("{which} HaloPSA sent in a form Haloscope cannot read; those cells say \u{201c}unreadable\u{201d}.")
}

/// The record's name as sent (spaces kept: the CSV export is the record's own text), or "`what` `id`"
/// when HaloPSA sent none or only spaces.
pub fn name_or(name: Option<&str>, what: &str, id: i32) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n.to_string(),
        _ => format!("{what} {id}"),
    }
}

/// HaloPSA's query of type `$query` for the page of a list that `$params` asks for: paging, the sort (by
/// `$spec`'s upstream field; `name` when the key is unknown), the search and, with `status`, the
/// active/inactive filter — what every list HaloPSA pages shares. Each entity adds its own filters.
macro_rules! page_query {
    ($query:ty, $spec:expr, $params:expr $(, $status:ident)?) => {{
        let p: &$crate::params::ListParams = $params;
        let q = <$query>::new()
            .pageinate(true)
            .page_no(p.page as i32)
            .page_size(p.per_page as i32)
            .sort(
                $spec.sort_field(&p.sort).unwrap_or("name"),
                if p.desc {
                    halo::query::SortDirection::Descending
                } else {
                    halo::query::SortDirection::Ascending
                },
            );
        $(let q = q.status($crate::functions::ssr::halo_status(p.$status));)?
        match &p.q {
            Some(s) => q.search(s.clone()),
            None => q,
        }
    }};
}
pub(crate) use page_query;

/// The parts of a [`Store`] every entity has the same way: its `halo` entity `$halo`, its descriptor
/// (`ENTITY` of the same file) and the `HaloClient` method `$resource` that reaches its records.
macro_rules! kept_in {
    ($halo:ty, $resource:ident) => {
        type Halo = $halo;

        fn entity() -> &'static $crate::entities::Entity {
            &ENTITY
        }

        fn resource(halo: &halo::client::HaloClient) -> halo::client::Resource<Self::Halo> {
            halo.$resource()
        }
    };
}
pub(crate) use kept_in;

/// Record `id` read with `query` alone (its page needs nothing read beside it).
pub async fn read<S: Store>(
    halo: &HaloClient,
    id: i32,
    query: &<S::Halo as halo::entity::Entity>::DetailQuery,
) -> Result<<S::Halo as halo::entity::Entity>::Detail, AppError> {
    let resource = S::resource(halo);
    Box::pin(resource.get(id, query))
        .await
        .map_err(|e| record_error::<S>(e, id))
}

/// A failed read of record `id` itself: HaloPSA's 404 names the record ("Client 7 was not found.").
pub fn record_error<S: Store>(err: halo::Error, id: i32) -> AppError {
    match err {
        halo::Error::NotFound => {
            AppError::not_found(format!("{} {id}", S::entity().words.one_title))
        }
        other => other.into(),
    }
}

/// A stream of a store's list records.
pub type Records<S> = futures::stream::BoxStream<'static, Result<Summary<S>, halo::Error>>;

/// Every record matching `params`, HaloPSA's pages one after another: [`Store::walk`] for a store whose
/// query pages.
pub fn walk<S: Store>(halo: &HaloClient, params: &ListParams) -> Option<Records<S>>
where
    ListQuery<S>: halo::query::Paged,
{
    use futures::StreamExt;
    Some(S::resource(halo).stream(S::list_query(params)).boxed())
}

/// "1 site" / "3 sites".
pub fn counted(n: i64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::list::cells::Cell;
    use crate::entities::{with_store, ALL};

    #[test]
    fn every_row_has_a_cell_per_column_of_each_of_its_lists() {
        assert!(!ALL.is_empty());
        for e in ALL {
            let row = with_store!(e.kind, S => S::row(&Default::default()));
            for view in std::iter::once(&e.list).chain(e.views) {
                assert_eq!(row.cells.len(), view.columns.len(), "{}", view.href);
                assert_eq!(row.cells.first(), Some(&Cell::Name), "{}", view.href);
                for (c, cell) in view.columns.iter().zip(&row.cells) {
                    assert_eq!(c.label == "Status", *cell == Cell::Status, "{}", view.href);
                }
            }
            assert_eq!(row.inactive.is_some(), e.list.spec.has_status, "{}", e.path);
            assert_eq!(
                row.name,
                format!("{} 0", e.words.one_title),
                "a stand-in name"
            );
        }
    }
}
