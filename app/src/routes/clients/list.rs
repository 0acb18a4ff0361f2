//! `/clients` — the client list: Halo searches, filters (status, top level), sorts and pages.

use crate::components::list::halo_list_page::{halo_list_page, HaloList};
use crate::components::list::{sort_header::Column, table::status_pill};
use crate::functions::clients::{list_clients, ClientRow};
use crate::params::lists::CLIENTS;
use leptos::prelude::*;

const BASE: &str = "/clients";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::sorts("Top level", "toplevel"),
    Column::plain("Status"),
    Column::plain("Website"),
    Column::numeric("Open tickets", "open_tickets"),
];

static LIST: HaloList<ClientRow> = HaloList {
    spec: CLIENTS,
    base: BASE,
    title: "Clients",
    noun: "clients",
    new_label: "New client",
    search_label: "Search clients",
    export: "/export/clients.csv",
    columns: COLUMNS,
    row: client_row,
};

/// The clients list page.
#[component]
pub fn ClientListPage() -> impl IntoView {
    halo_list_page(&LIST, list_clients)
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
