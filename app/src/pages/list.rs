//! The one list page: title, "New" link, toolbar, notices, pager and table of any entity's list, all
//! driven by the URL. What differs between lists is data in the entity's [`ListView`].
//!
//! Drawn without Leptos's renderer: compiled templates (`maud`) inside the frame of
//! [`crate::shell::document`], with Leptos writing only the islands' markup. A list page is the same for
//! everyone looking at the same data and has nothing reactive on the server, and the frame, route table and
//! asynchronous rendering Leptos would put around it were a third of its CPU (docs/PERFORMANCE.md, "Lists
//! drawn without Leptos's renderer"). The server routes each list's address here
//! (`server/src/routes/drawn.rs`), as it does the record pages (`crate::pages::detail`); the rest of the
//! app's pages stay Leptos pages.

use crate::components::list::{
    columns::column_chooser,
    notices,
    pager::pager_html,
    table::list_table,
    toolbar::{toolbar, FilterOptions},
    views_panel::saved_views_html,
};
use crate::components::stale_notice;
use crate::entities::{Entity, ListView, ALL};
use crate::functions::lists::list_records;
use crate::functions::lookups::get_filter_options;
use crate::functions::views::saved_views;
use crate::params::{FilterKind, ListParams};
use leptos::prelude::*;
use maud::{html, Markup, PreEscaped};

/// Every list page: each entity's own list and its extra views, with their entity.
pub fn all() -> impl Iterator<Item = (&'static Entity, &'static ListView)> {
    ALL.iter()
        .flat_map(|&e| std::iter::once(&e.list).chain(e.views).map(move |v| (e, v)))
}

/// The whole document of `view`, one of `entity`'s lists, at `path` with the URL query `query` (without
/// `?`). Runs in the request's reactive owner; a refused query or a failed read sets the response's status
/// (`ResponseOptions`), and a saved view's address its redirect, as on any page.
#[cfg(feature = "ssr")]
pub async fn document(
    entity: &'static Entity,
    view: &'static ListView,
    assets: &crate::shell::AssetManifest,
    path: &str,
    query: &str,
) -> String {
    let main = main_html(entity, view, path, query).await;
    crate::shell::document(assets, view.words.many_title, path, &main.into_string())
}

/// The page inside `<main>`. The page's data, the filters' choices and the saved views are read at once
/// (one future, all three together).
async fn main_html(
    entity: &'static Entity,
    view: &'static ListView,
    path: &str,
    query: &str,
) -> Markup {
    let spec = *view.spec;
    let needs_options = spec.has(FilterKind::TopLevel) || spec.has(FilterKind::Category);
    let options = async move {
        if needs_options {
            get_filter_options()
                .await
                .unwrap_or_else(|e| FilterOptions {
                    notes: vec![format!("The filters' choices could not be loaded: {e}")],
                    ..Default::default()
                })
        } else {
            Default::default()
        }
    };
    let (options, data, views) = futures::future::join3(
        options,
        list_records(entity.kind, view.path.to_string(), query.to_string()),
        saved_views(entity.kind, view.path.to_string()),
    )
    .await;
    let (words, base) = (view.words, view.href);
    // the toolbar shows the state the list was read in; when it could not be read, the address's own (or
    // the defaults, when the address was refused)
    let (params, scope, facets) = match &data {
        Ok(page) => (page.params.clone(), page.scope.clone(), page.facets),
        Err(_) => {
            let params = ListParams::from_query(&spec, query)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&spec));
            (params, None, None)
        }
    };
    let label = format!("Search {}", words.many);
    let export = view.export_href();
    let body = match &data {
        Ok(page) => html! {
            @if let Some(note) = &page.stale {
                (stale_notice::markup(note, &stale_notice::again_href(path, query)))
            }
            (notices::markup(&page.notices))
            (pager_html(&page.params, spec, base, page.record_count, page.page_count()))
            (column_chooser(view, &page.params))
            (PreEscaped(list_table(page, entity, view).to_html()))
        },
        Err(e) => crate::components::error_panel::markup(e.clone()),
    };
    html! {
        @if !view.path.is_empty() {
            nav class="breadcrumbs" aria-label="Breadcrumb" { a href=(entity.list_href()) { (entity.words.many_title) } }
        }
        h1 { (words.many_title) }
        @if view.creates {
            p class="record-actions" {
                a href=(format!("{base}/new")) data-testid="new-link" class="button primary" { "New " (words.one) }
            }
        }
        @for (href, text) in view.links { p class="subnav" { a href=(href) { (text) } } }
        (toolbar(spec, &params, base, label, &options, scope, facets, &export))
        (saved_views_html(entity.kind, view, &views, query))
        div class="list-body" { (body) }
    }
}
