//! `/services` — the service list: Halo searches, filters (category), sorts and pages. Services have no
//! active/inactive status in HaloPSA, so there is no status filter.

use crate::components::list::halo_list_page::{halo_list_page, HaloList};
use crate::components::list::sort_header::Column;
use crate::functions::services::{list_services, ServiceRow};
use crate::params::lists::SERVICES;
use leptos::prelude::*;

const BASE: &str = "/services";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Category", "category"),
    Column::plain("Status code"),
    Column::plain("Business owner"),
    Column::numeric("Subscribers", "subscribers"),
];

static LIST: HaloList<ServiceRow> = HaloList {
    spec: SERVICES,
    base: BASE,
    title: "Services",
    noun: "services",
    new_label: "New service",
    search_label: "Search services",
    export: "/export/services.csv",
    columns: COLUMNS,
    row: service_row,
};

/// The services list page.
#[component]
pub fn ServiceListPage() -> impl IntoView {
    halo_list_page(&LIST, list_services)
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
