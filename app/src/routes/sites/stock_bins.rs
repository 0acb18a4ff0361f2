//! `/sites/stock-bins` — sites that are stock-bin locations. HaloPSA returns them all at once
//! (a bare array), so Haloscope searches, sorts and pages them on the server.

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices, pager::Pager, sort_header::Column, table::list_table, toolbar::Toolbar,
};
use crate::functions::sites::list_stock_bins;
use crate::params::{lists::STOCK_BINS, ListParams};
use crate::routes::sites::list::site_row;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/sites/stock-bins";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Client", "client"),
    Column::plain("Status"),
    Column::plain("Phone"),
    Column::plain("Time zone"),
    Column::plain("Stock"),
];

/// The stock-bin list page.
#[component]
pub fn StockBinsPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&STOCK_BINS, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&STOCK_BINS))
        })
    });
    let data = Resource::new(move || location.search.get(), list_stock_bins);
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Stock bins"/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/sites">"Sites"</a></nav>
        <h1>"Stock bins"</h1>
        <Toolbar spec=STOCK_BINS params base=BASE search_label="Search stock bins" export="/export/stock-bins.csv"/>
        <div class="list-body" class:stale=pending>
            <Transition fallback=|| view! { <p class="loading">"Loading stock bins…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=STOCK_BINS base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, STOCK_BINS, BASE, "stock bins", COLUMNS, site_row)}
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
