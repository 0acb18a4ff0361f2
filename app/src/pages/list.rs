//! The one list page: title, "New" link, toolbar, notices, pager and table of any entity's list, all
//! driven by the URL. What differs between lists is data in the entity's [`ListView`].

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    columns::column_chooser,
    notices::Notices,
    pager::pager_html,
    table::list_table,
    toolbar::{FilterOptions, Toolbar},
    views_panel::saved_views_html,
};
use crate::components::stale_notice::StaleNotice;
use crate::entities::{Entity, ListView};
use crate::functions::lists::list_records;
use crate::functions::lookups::get_filter_options;
use crate::functions::views::saved_views;
use crate::params::{FilterKind, ListParams};
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use maud::html;

/// The page of `view`, one of `entity`'s lists.
#[component]
pub fn RecordListPage(entity: &'static Entity, view: &'static ListView) -> impl IntoView {
    let spec = *view.spec;
    let base = view.href;
    let location = use_location();
    let query = location.search.get_untracked();
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
    let reads = futures::future::join3(
        options,
        list_records(entity.kind, view.path.to_string(), query.clone()),
        saved_views(entity.kind, view.path.to_string()),
    );
    let words = view.words;
    let export = view.export_href();
    view! {
        <Title text=words.many_title/>
        {(!view.path.is_empty()).then(|| view! {
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href=entity.list_href()>{entity.words.many_title}</a></nav>
        })}
        <h1>{words.many_title}</h1>
        {view.creates.then(|| view! {
            <p class="record-actions"><a class="button primary" href=format!("{base}/new") data-testid="new-link">{format!("New {}", words.one)}</a></p>
        })}
        {view.links.iter().map(|(href, text)| view! { <p class="subnav"><a href=*href>{*text}</a></p> }).collect_view()}
        // One boundary awaits the page's data, the filters' choices and the saved views (one future, all
        // three at once) and draws the toolbar, the views panel and the table from them. The `Suspend` is
        // the boundary's child itself, not a closure: on the server a boundary walks its child up to three
        // times, and a closure would call the reads and draw the page on each walk (`pages::drawn_once`);
        // the `Suspend` keeps what its first poll made. The page is drawn on the server only (islands
        // mode), so nothing here is redrawn in the browser; and no resource is read here, so none can be
        // read by two boundaries and leave a response hanging under load (leptos-rs/leptos#4578, #4851;
        // tests/pages_under_load.rs), as a `<Transition>`'s server-side effect could too.
        <Suspense fallback=move || view! { <p class="loading">{format!("Loading {}…", words.many)}</p> }>
            {Suspend::new(async move {
                    let (options, data, views) = reads.await;
                    let label = format!("Search {}", words.many);
                    // the toolbar shows the state the list was read in; when it could not be read, the
                    // address's own (or the defaults, when the address was refused)
                    let (params, scope, facets) = match &data {
                        Ok(page) => (page.params.clone(), page.scope.clone(), page.facets),
                        Err(_) => {
                            let params = ListParams::from_query(&spec, &query)
                                .map(|p| p.params)
                                .unwrap_or_else(|_| ListParams::defaults(&spec));
                            (params, None, None)
                        }
                    };
                    let toolbar = view! { <Toolbar spec params base search_label=label options client_name=scope facets export/> };
                    let body = match data {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                {page.stale.clone().map(|note| view! { <StaleNotice note/> })}
                                <Notices notices=page.notices.clone()/>
                                {InertElement::new(html! {
                                    (pager_html(&page.params, spec, base, page.record_count, pages))
                                    (column_chooser(view, &page.params))
                                }.into_string())}
                                {list_table(&page, entity, view)}
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    };
                    view! {
                        {toolbar}
                        {InertElement::new(saved_views_html(entity.kind, view, &views, query.trim_start_matches('?')).into_string())}
                        <div class="list-body">{body}</div>
                    }
                })}
        </Suspense>
    }
}
