//! The one list server function: a page of any entity's list for the URL query.

use crate::components::list::{cells::Row, ListPage};
use crate::entities::EntityKind;
use crate::errors::AppError;
use leptos::prelude::*;

/// One page of `kind`'s list `view` (`""` for the entity's own list, `stock-bins` for a view) for the URL
/// query `query` (e.g. `q=north&status=all&page=2`). A rejected parameter is a 400 before anything is
/// asked of HaloPSA.
#[server(endpoint = "list_records", input = server_fn::codec::GetUrl)]
pub async fn list_records(
    kind: EntityKind,
    view: String,
    query: String,
) -> Result<ListPage<Row>, AppError> {
    use super::ssr::{halo, parse_list, with_status};
    let Some(list) = crate::entities::list_view(kind, &view) else {
        let shown: String = view.chars().take(40).collect();
        return Err(with_status(AppError::not_found(format!("List {shown:?}"))));
    };
    // a saved view's link, or a bare list the person has a default view of: to that view's address
    let to = super::views::ssr::redirect_for(list, &query)
        .await
        .map_err(with_status)?;
    let query = match to {
        Some(to) => {
            leptos_axum::redirect(&to);
            to.split_once('?')
                .map(|(_, q)| q.to_owned())
                .unwrap_or_default()
        }
        None => query,
    };
    let parsed = parse_list(list, &query)?;
    let halo = halo().map_err(with_status)?;
    // the server may have started this page's read before the page was drawn (`early`)
    let key = super::early::pages::list_key(list, &query);
    let mut page = super::early::taken_or(&key, ssr::page_of_kind(kind, &halo, list, parsed))
        .await
        .map_err(with_status)?;
    page.stale = super::ssr::stale_note(&halo);
    Ok(page)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::components::list::{cells::Row, ListPage};
    use crate::entities::server::{row_of, unreadable_notice, Store};
    use crate::entities::ListView;
    use crate::errors::AppError;
    use crate::functions::local_list::page_of;
    use crate::params::{ListParams, Parsed};
    use futures::stream::{self, BoxStream, StreamExt};
    use halo::client::HaloClient;

    /// One page of `view`, one of `kind`'s lists (boxed: the page's future stays small whichever
    /// entity's store it goes through; unboxed, the list page's reads outgrow the size test below).
    pub async fn page_of_kind(
        kind: crate::entities::EntityKind,
        halo: &HaloClient,
        view: &'static ListView,
        parsed: Parsed,
    ) -> Result<ListPage<Row>, AppError> {
        crate::entities::with_store!(kind, S => Box::pin(page::<S>(halo, view, parsed)).await)
    }

    /// One page of `view`: asked of HaloPSA page by page, or (for a whole list) searched, sorted and
    /// paged here.
    pub async fn page<S: Store>(
        halo: &HaloClient,
        view: &'static ListView,
        parsed: Parsed,
    ) -> Result<ListPage<Row>, AppError> {
        let mut page = if view.whole {
            let all = S::fetch_whole(halo, view).await?;
            let rows = all.iter().map(|r| row_of::<S>(view, r)).collect();
            let mut page = page_of(
                rows,
                parsed,
                |r, k| sort_key(view, r, k),
                |r| r.name.clone(),
            );
            page.unreadable = halo::unreadable_rows(&all) as u64;
            page
        } else {
            let (resource, query) = (S::resource(halo), S::list_query(&parsed.params));
            let rows = resource.list_shared(&query);
            let counts = crate::functions::facets::counts::<S>(halo, view, &parsed.params);
            let (answer, facets) = crate::functions::facets::beside(rows, counts).await;
            let answer = answer?;
            ListPage {
                params: parsed.params,
                notices: parsed.notices,
                rows: answer.items.iter().map(|r| row_of::<S>(view, r)).collect(),
                record_count: answer.record_count,
                scope: None,
                unreadable: halo::unreadable_rows(&answer.items) as u64,
                stale: None,
                facets,
            }
        };
        if page.unreadable > 0 {
            page.notices.push(unreadable_notice(page.unreadable));
        }
        page.scope = S::scope(halo, &page).await;
        Ok(page)
    }

    /// Every row of `view` for `params`, in order (the CSV export): HaloPSA's pages walked one after
    /// another, or the whole list searched and sorted here.
    pub fn rows<S: Store>(
        halo: HaloClient,
        view: &'static ListView,
        params: ListParams,
    ) -> BoxStream<'static, Result<Row, AppError>> {
        if !view.whole {
            let Some(records) = S::walk(&halo, &params) else {
                let e = AppError::bad_input("This list cannot be exported.".to_string());
                return stream::once(async move { Err(e) }).boxed();
            };
            return records
                .map(move |r| r.map(|s| row_of::<S>(view, &s)).map_err(AppError::from))
                .boxed();
        }
        stream::once(async move {
            let all = S::fetch_whole(&halo, view).await?;
            let parsed = Parsed {
                params: ListParams {
                    page: 1,
                    per_page: u32::MAX,
                    ..params
                },
                notices: vec![],
            };
            let rows = all.iter().map(|r| row_of::<S>(view, r)).collect();
            let page = page_of(
                rows,
                parsed,
                |r, k| sort_key(view, r, k),
                |r| r.name.clone(),
            );
            Ok::<_, AppError>(stream::iter(page.rows.into_iter().map(Ok)))
        })
        .map(|r| match r {
            Ok(rows) => rows.boxed(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        })
        .flatten()
        .boxed()
    }

    /// How a whole list sorts by URL key `key`: by id, by name, or by the text of the column that sorts
    /// by that key.
    fn sort_key(view: &ListView, row: &Row, key: &str) -> String {
        if key == "id" {
            return format!("{:012}", row.id);
        }
        view.columns
            .iter()
            .position(|c| c.sort == Some(key))
            .and_then(|i| row.cells.get(i))
            .map(|c| c.plain(row))
            .unwrap_or_else(|| row.name.clone())
            .to_lowercase()
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::components::list::cells::Cell;

        /// The list page's three reads are one future, moved whole into its boundary: the gateway keeps
        /// the upstream call's several KB out of it (boxed, made only on a miss), which cut it from 52 KB
        /// to 9 KB and a warm list page's CPU by 8 %.
        #[test]
        fn a_list_pages_reads_are_a_small_future() {
            use crate::entities::EntityKind;
            let reads = futures::future::join3(
                crate::functions::lists::list_records(
                    EntityKind::Clients,
                    String::new(),
                    String::new(),
                ),
                crate::functions::views::saved_views(EntityKind::Clients, String::new()),
                crate::functions::lookups::get_filter_options(),
            );
            let size = std::mem::size_of_val(&reads);
            assert!(size < 16 * 1024, "{size} bytes");
        }

        #[test]
        fn a_whole_list_sorts_by_name_by_number_or_by_a_column() {
            let view = &crate::entities::sites::ENTITY.views[0];
            let r = |id, name: &str, client: &str| Row {
                id,
                name: name.into(),
                inactive: Some(false),
                swatch: None,
                cells: vec![Cell::Name, Cell::text(Some(client))],
            };
            let (a, b) = (r(10, "alpha", "Zeta"), r(9, "Beta", "acme"));
            assert!(sort_key(view, &a, "name") < sort_key(view, &b, "name"));
            assert!(sort_key(view, &b, "id") < sort_key(view, &a, "id"));
            assert!(sort_key(view, &b, "client") < sort_key(view, &a, "client"));
        }
    }
}
