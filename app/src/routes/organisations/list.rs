//! `/organisations` — the organisation list. HaloPSA returns every organisation at once (a bare array),
//! so Haloscope searches, sorts and pages them on the server.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::web_link;
use crate::components::list::{
    notices::Notices, pager::Pager, sort_header::Column, table::list_table, toolbar::Toolbar,
};
use crate::functions::organisations::{list_organisations, OrganisationRow};
use crate::params::{lists::ORGANISATIONS, ListParams};
use crate::routes::clients::detail::is_css_colour;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const BASE: &str = "/organisations";
const COLUMNS: &[Column] = &[
    Column::sorts("Name", "name"),
    Column::plain("Phone"),
    Column::plain("E-mail"),
    Column::plain("Website"),
    Column::plain("Portal"),
];

/// The organisation list page.
#[component]
pub fn OrganisationListPage() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| {
        location.search.with(|q| {
            ListParams::from_query(&ORGANISATIONS, q)
                .map(|p| p.params)
                .unwrap_or_else(|_| ListParams::defaults(&ORGANISATIONS))
        })
    });
    let data = Resource::new(move || location.search.get(), list_organisations);
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Organisations"/>
        <h1>"Organisations"</h1>
        <p class="record-actions"><a class="button primary" href="/organisations/new" data-testid="new-link">"New organisation"</a></p>
        <Toolbar spec=ORGANISATIONS params base=BASE search_label="Search organisations" export="/export/organisations.csv"/>
        <div class="list-body" class:stale=pending aria-busy=move || pending.get().to_string()>
            <Transition fallback=|| view! { <p class="loading">"Loading organisations…"</p> } set_pending>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => {
                            let pages = page.page_count();
                            view! {
                                <Notices notices=page.notices.clone()/>
                                <Pager params=page.params.clone() spec=ORGANISATIONS base=BASE record_count=page.record_count page_count=pages/>
                                {list_table(&page, ORGANISATIONS, BASE, "organisations", COLUMNS, organisation_row)}
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

fn organisation_row(o: &OrganisationRow) -> AnyView {
    view! {
        <tr>
            <td>
                {o.colour.clone().filter(|c| is_css_colour(c)).map(|c| view! { <svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill=c></rect></svg> })}
                <a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a>
            </td>
            <td>{o.phone.clone().unwrap_or_default()}</td>
            <td>{o.email.clone().unwrap_or_default()}</td>
            <td>{web_link(o.website.clone())}</td>
            <td>{web_link(o.portal_url.clone())}</td>
        </tr>
    }
    .into_any()
}
