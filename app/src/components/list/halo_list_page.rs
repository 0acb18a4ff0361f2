//! The whole page of a list HaloPSA searches, filters, sorts and pages itself (clients, companies,
//! services): title, "New" link, flash, toolbar, notices, pager and table, all driven by the URL. Each list
//! says only what differs — its spec, words, columns and row — in a [`HaloList`].

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices, pager::Pager, sort_header::Column, table::list_table, toolbar::Toolbar,
    ListPage,
};
use crate::errors::AppError;
use crate::functions::lookups::get_filter_options;
use crate::params::{ListParams, ListSpec};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// What one list page shows.
pub struct HaloList<R: 'static> {
    pub spec: ListSpec,
    /// The list's path, e.g. `/clients`; its form is `<base>/new`.
    pub base: &'static str,
    /// Page title and heading, e.g. `Clients`.
    pub title: &'static str,
    /// The plural the page uses in sentences, e.g. `companies`.
    pub noun: &'static str,
    /// The "New …" button's text.
    pub new_label: &'static str,
    pub search_label: &'static str,
    /// The CSV export of the current filter.
    pub export: &'static str,
    pub columns: &'static [Column],
    /// One table row.
    pub row: fn(&R) -> AnyView,
}

/// The page for `list`, its rows from `fetch` (the list's server function, given the URL's query).
pub fn halo_list_page<R, Fut>(list: &'static HaloList<R>, fetch: fn(String) -> Fut) -> impl IntoView
where
    R: Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = Result<ListPage<R>, AppError>> + Send + 'static,
{
    let spec = list.spec;
    let base = list.base;
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&spec, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&spec))
        })
    });
    let data = Resource::new(move || location.search.get(), fetch);
    let options = OnceResource::new(get_filter_options());
    let (pending, set_pending) = signal(false);
    let loading = format!("Loading {}…", list.noun);
    view! {
        <Title text=list.title/>
        <h1>{list.title}</h1>
        <p class="record-actions"><a class="button primary" href=format!("{base}/new") data-testid="new-link">{list.new_label}</a></p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = options.await.unwrap_or_default();
                view! { <Toolbar spec params base search_label=list.search_label options export=list.export/> }
            })}
        </Suspense>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=move || view! { <p class="loading">{loading.clone()}</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec base record_count=page.record_count page_count=pages/>
                                {list_table(&page, spec, base, list.noun, list.columns, list.row)}
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}
