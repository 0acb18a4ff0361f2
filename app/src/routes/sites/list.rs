//! `/sites` — the site list: Halo searches, filters (status, client, stock location), sorts and pages.

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices,
    pager::Pager,
    sort_header::Column,
    table::{list_table, status_pill},
    toolbar::Toolbar,
};
use crate::functions::sites::{list_sites, SiteRow};
use crate::params::{lists::SITES, ListParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/sites";
/// Columns of a site table (also used on the client page).
pub const SITE_COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Client", "client"),
    Column::plain("Status"),
    Column::plain("Phone"),
    Column::sorts("Time zone", "timezone"),
    Column::plain("Stock"),
];

/// The site list page.
#[component]
pub fn SiteListPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&SITES, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&SITES))
        })
    });
    let data = Resource::new(move || location.search.get(), list_sites);
    let client_name =
        Signal::derive(move || data.get().and_then(|r| r.ok()).and_then(|l| l.client_name));
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Sites"/>
        <h1>"Sites"</h1>
        <p class="record-actions"><a class="button primary" href="/sites/new" data-testid="new-link">"New site"</a></p>
        <p class="subnav"><a href="/sites/stock-bins">"Stock bins →"</a></p>
        <Toolbar spec=SITES params base=BASE search_label="Search sites" client_name export="/export/sites.csv"/>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading sites…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => {
                            let page = list.page;
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=SITES base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, SITES, BASE, "sites", SITE_COLUMNS, site_row)}
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

/// A site as a table row.
pub fn site_row(s: &SiteRow) -> AnyView {
    view! {
        <tr>
            <td><a href=format!("/sites/{}", s.id)>{s.name.clone()}</a></td>
            <td>{s.client.clone().map(|(id, name)| view! { <a href=format!("/clients/{id}")>{name}</a> })}</td>
            <td>{status_pill(s.inactive)}</td>
            <td>{s.phone.clone().unwrap_or_default()}</td>
            <td>{s.timezone.clone().unwrap_or_default()}</td>
            <td>{if s.stock_location { "Stock location" } else { "" }}</td>
        </tr>
    }
    .into_any()
}
