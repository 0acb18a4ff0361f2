//! `/suppliers` — the Companies list: Halo searches, filters (status, top level), sorts and pages.

use crate::components::list::halo_list_page::{halo_list_page, HaloList};
use crate::components::list::{sort_header::Column, table::status_pill};
use crate::functions::suppliers::{list_suppliers, SupplierRow};
use crate::params::lists::SUPPLIERS;
use leptos::prelude::*;

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

static LIST: HaloList<SupplierRow> = HaloList {
    spec: SUPPLIERS,
    base: BASE,
    title: "Companies",
    noun: "companies",
    new_label: "New company",
    search_label: "Search companies",
    export: "/export/suppliers.csv",
    columns: COLUMNS,
    row: supplier_row,
};

/// The companies list page.
#[component]
pub fn SupplierListPage() -> impl IntoView {
    halo_list_page(&LIST, list_suppliers)
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
