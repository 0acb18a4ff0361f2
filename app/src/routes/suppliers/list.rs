//! `/suppliers` — the Companies list: Halo searches, filters (status, top level), sorts and pages.

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices,
    pager::Pager,
    sort_header::Column,
    table::{list_table, status_pill},
    toolbar::Toolbar,
};
use crate::functions::lookups::get_filter_options;
use crate::functions::suppliers::{list_suppliers, SupplierRow};
use crate::params::{lists::SUPPLIERS, ListParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/suppliers";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Top level", "toplevel"),
    Column::plain("Status"),
    Column::plain("Contact"),
    Column::plain("Phone"),
    Column::plain("E-mail"),
    Column::numeric("Contracts", "contracts"),
];

/// The Companies (suppliers) list page.
#[component]
pub fn SupplierListPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&SUPPLIERS, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&SUPPLIERS))
        })
    });
    let data = Resource::new(move || location.search.get(), list_suppliers);
    let options = OnceResource::new(get_filter_options());
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Companies"/>
        <h1>"Companies"</h1>
        <p class="record-actions"><a class="button primary" href="/suppliers/new" data-testid="new-link">"New supplier"</a></p>
        <crate::components::flash::Flash/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = options.await.unwrap_or_default();
                view! { <Toolbar spec=SUPPLIERS params base=BASE search_label="Search companies" options export="/export/suppliers.csv"/> }
            })}
        </Suspense>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading companies…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=SUPPLIERS base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, SUPPLIERS, BASE, "companies", COLUMNS, supplier_row)}
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

fn supplier_row(s: &SupplierRow) -> AnyView {
    view! {
        <tr>
            <td><a href=format!("/suppliers/{}", s.id)>{s.name.clone()}</a></td>
            <td>{s.toplevel.clone().unwrap_or_default()}</td>
            <td>{status_pill(s.inactive)}</td>
            <td>{s.contact.clone().unwrap_or_default()}</td>
            <td>{s.phone.clone().unwrap_or_default()}</td>
            <td>{s.email.clone().unwrap_or_default()}</td>
            <td class="num">{s.contracts.map(|n| n.to_string()).unwrap_or_default()}</td>
        </tr>
    }
    .into_any()
}
