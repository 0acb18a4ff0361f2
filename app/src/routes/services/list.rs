//! `/services` — the service list: Halo searches, filters (category), sorts and pages. Services have no
//! active/inactive status in HaloPSA, so there is no status filter.

use crate::components::error_panel::ErrorPanel;
use crate::components::list::{
    notices::Notices, pager::Pager, sort_header::Column, table::list_table, toolbar::Toolbar,
};
use crate::functions::lookups::get_filter_options;
use crate::functions::services::{list_services, ServiceRow};
use crate::params::{lists::SERVICES, ListParams};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/services";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Category", "category"),
    Column::plain("Status code"),
    Column::plain("Business owner"),
    Column::numeric("Subscribers", "subscribers"),
];

/// The service list page.
#[component]
pub fn ServiceListPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&SERVICES, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&SERVICES))
        })
    });
    let data = Resource::new(move || location.search.get(), list_services);
    let options = OnceResource::new(get_filter_options());
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Services"/>
        <h1>"Services"</h1>
        <p class="record-actions"><a class="button primary" href="/services/new" data-testid="new-link">"New service"</a></p>
        <crate::components::flash::Flash/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let options = options.await.unwrap_or_default();
                view! { <Toolbar spec=SERVICES params base=BASE search_label="Search services" options export="/export/services.csv"/> }
            })}
        </Suspense>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading services…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=SERVICES base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, SERVICES, BASE, "services", COLUMNS, service_row)}
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

fn service_row(s: &ServiceRow) -> AnyView {
    view! {
        <tr>
            <td><a href=format!("/services/{}", s.id)>{s.name.clone()}</a></td>
            <td>{s.category.clone().map(|(id, name)| view! { <a href=format!("/services?category_id={id}")>{name}</a> })}</td>
            <td>{s.status_code.map(|n| n.to_string()).unwrap_or_default()}</td>
            <td>{s.business_owner.clone().unwrap_or_default()}</td>
            <td class="num">{s.subscribers.map(|n| n.to_string()).unwrap_or_default()}</td>
        </tr>
    }
    .into_any()
}
