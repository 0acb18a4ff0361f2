//! `/sites/:id` — a site with its addresses, contacts, stock bins, maintenance windows, change freezes,
//! custom fields and popup notes.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::{facts, num};
use crate::components::list::table::status_pill;
use crate::components::note_forms::CrmNoteForm;
use crate::components::notes::popup_notes;
use crate::components::record_actions::record_actions;
use crate::functions::sites::{get_site, SiteDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The site detail page.
#[component]
pub fn SiteDetailPage() -> impl IntoView {
    let params = use_params_map();
    let writes = crate::components::writes::write_count();
    // keyed on the write counter too: a write that comes back to this page shows its result at once
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                writes.get(),
            )
        },
        |(id, _)| get_site(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading site…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <Title text=s.name.clone()/> {site_view(s)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn text_list(items: Vec<String>, empty: &'static str, testid: &'static str) -> AnyView {
    if items.is_empty() {
        view! { <p class="muted">{empty}</p> }.into_any()
    } else {
        view! { <ul class="plain-list" data-testid=testid>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
    }
}

fn site_view(s: SiteDetail) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <a href="/sites">"Sites"</a>
            {s.client.clone().map(|(id, name)| view! { " / " <a href=format!("/clients/{id}")>{name}</a> })}
        </nav>
        <header class="detail-head">
            <h1>{s.name.clone()}</h1>
            {status_pill(s.inactive)}
            {s.stock_location.then(|| view! { <span class="pill">"Stock location"</span> })}
            {s.halo_link.clone().map(|href| view! { <a class="button" href=href rel="external noopener" target="_blank">"Open in HaloPSA"</a> })}
        </header>
        {record_actions("sites", s.id)}
        <dl class="facts">
            {s.client.clone().map(|(id, name)| view! { <div><dt>"Client"</dt><dd><a href=format!("/clients/{id}") data-testid="site-client">{name}</a></dd></div> })}
        </dl>
        {facts(vec![
            ("Delivery address", s.delivery_address.clone()),
            ("Invoice address", s.invoice_address.clone()),
            ("Phone", s.phone.clone()),
            ("Time zone", s.timezone.clone()),
            ("E-mail domain", s.email_domain.clone()),
            ("Main contact", s.main_contact.clone()),
            ("Coordinates", s.coordinates.map(|(a, b)| format!("{a:.5}, {b:.5}"))),
            ("Open tickets", num(s.open_tickets)),
            ("On hold", num(s.onhold_tickets)),
            ("Opened this month", num(s.opened_this_month)),
            ("Total tickets", num(s.total_tickets)),
        ])}
        {s.notes.clone().map(|n| view! { <h2>"Notes"</h2><p class="note-body">{n}</p> })}
        <section>
            <h2>"Contacts"</h2>
            {text_list(s.contacts.clone(), "No contacts listed.", "site-contacts")}
        </section>
        <section>
            <h2>"Stock bins"</h2>
            {text_list(s.stock_bins.iter().map(|(_, n)| n.clone()).collect(), "No stock bins.", "site-stock-bins")}
        </section>
        <section>
            <h2>"Maintenance windows"</h2>
            {text_list(s.maintenance_windows.clone(), "No maintenance windows.", "maintenance-windows")}
            <h2>"Change freezes"</h2>
            {text_list(s.change_freezes.clone(), "No change-freeze periods.", "change-freezes")}
        </section>
        {(!s.custom_fields.is_empty()).then(|| view! {
            <section>
                <h2>"Custom fields"</h2>
                {facts(s.custom_fields.iter().map(|(l, v)| (l.clone(), Some(v.clone()))).collect())}
            </section>
        })}
        <section>
            <h2 id="popup-h">"Popup notes"</h2>
            {popup_notes(s.popup_notes.clone(), None, Some(s.id))}
        </section>
        {s.client.clone().map(|(client_id, _)| view! {
            <section aria-labelledby="crm-h">
                <h2 id="crm-h">"CRM notes"</h2>
                <p class="muted">"CRM notes of this site are listed on its client's page."</p>
                <CrmNoteForm client_id on_site=Some((s.id,))/>
            </section>
        })}
    }
}
