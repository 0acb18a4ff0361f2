//! `/suppliers/:id` — a company (supplier) with its contact details and CRM notes.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::{facts, num, web_link};
use crate::components::list::table::status_pill;
use crate::components::notes::crm_notes;
use crate::components::record_actions::record_actions;
use crate::functions::suppliers::{get_supplier, SupplierDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The company (supplier) detail page.
#[component]
pub fn SupplierDetailPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_supplier,
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading company…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <Title text=s.name.clone()/> {supplier_view(s)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn supplier_view(s: SupplierDetail) -> impl IntoView {
    let labelled = |items: &[(String, String)]| {
        items
            .iter()
            .map(|(l, v)| (l.clone(), Some(v.clone())))
            .collect::<Vec<_>>()
    };
    let mut key_facts = vec![
        ("Top level".to_string(), s.toplevel.clone()),
        ("Contact".to_string(), s.contact_name.clone()),
        ("Contact title".to_string(), s.contact_title.clone()),
    ];
    key_facts.extend(labelled(&s.emails));
    key_facts.extend(labelled(&s.phones));
    key_facts.extend([
        ("Address".to_string(), s.address.clone()),
        ("E-mail domain".to_string(), s.email_domain.clone()),
        ("Contracts".to_string(), num(s.contract_count)),
    ]);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/suppliers">"Companies"</a></nav>
        <header class="detail-head">
            <h1>{s.name.clone()}</h1>
            {status_pill(s.inactive)}
            {s.halo_link.clone().map(|href| view! { <a class="button" href=href rel="external noopener" target="_blank">"Open in HaloPSA"</a> })}
        </header>
        {record_actions("suppliers", s.id)}
        <section aria-labelledby="facts-h">
            <h2 id="facts-h" class="visually-hidden">"Key facts"</h2>
            {facts(key_facts)}
            <dl class="facts">
                {s.website.clone().map(|w| view! { <div><dt>"Website"</dt><dd>{web_link(Some(w))}</dd></div> })}
            </dl>
            {s.notes.clone().map(|n| view! { <h3>"Notes"</h3><p class="note-body">{n}</p> })}
        </section>
        <section aria-labelledby="crm-h">
            <h2 id="crm-h">"CRM notes"</h2>
            {crm_notes(s.crm_notes.clone())}
        </section>
    }
}
