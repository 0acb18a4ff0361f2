//! `/clients` — the client list: Halo searches, filters (status, top level), sorts and pages.

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices,
    pager::Pager,
    sort_header::Column,
    table::{list_table, status_pill},
    toolbar::Toolbar,
};
use crate::functions::clients::{list_clients, ClientRow};
use crate::functions::lookups::get_filter_options;
use crate::params::{lists::CLIENTS, ListParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/clients";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Top level", "toplevel"),
    Column::plain("Status"),
    Column::plain("Website"),
    Column::numeric("Open tickets", "open_tickets"),
];

/// The client list page.
#[component]
pub fn ClientListPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&CLIENTS, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&CLIENTS))
        })
    });
    let data = Resource::new(move || location.search.get(), list_clients);
    let options = OnceResource::new(get_filter_options());
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Clients"/>
        <h1>"Clients"</h1>
        <p class="record-actions"><a class="button primary" href="/clients/new" data-testid="new-link">"New client"</a></p>
        <crate::components::flash::Flash/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = options.await.unwrap_or_default();
                view! { <Toolbar spec=CLIENTS params base=BASE search_label="Search clients" options export="/export/clients.csv"/> }
            })}
        </Suspense>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading clients…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=CLIENTS base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, CLIENTS, BASE, "clients", COLUMNS, client_row)}
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

fn client_row(c: &ClientRow) -> AnyView {
    view! {
        <tr>
            <td><a href=format!("/clients/{}", c.id)>{c.name.clone()}</a></td>
            <td>{c.toplevel.clone().unwrap_or_default()}</td>
            <td>{status_pill(c.inactive)}</td>
            <td>{c.website.clone().unwrap_or_default()}</td>
            <td class="num">{c.open_tickets.map(|n| n.to_string()).unwrap_or_default()}</td>
        </tr>
    }
    .into_any()
}
