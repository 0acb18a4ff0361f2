//! `/clients/:id` — a client with its sites, CRM notes and popup notes.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::{facts, num, web_link};
use crate::components::list::cells::is_css_colour;
use crate::components::list::table::{list_table, status_pill};
use crate::components::note_forms::CrmNoteForm;
use crate::components::notes::{crm_notes, popup_notes};
use crate::components::record_actions::record_actions;
use crate::entities::sites::ENTITY as SITES_ENTITY;
use crate::functions::clients::{get_client, ClientDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The client detail page.
#[component]
pub fn ClientDetailPage() -> impl IntoView {
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
        |(id, _)| get_client(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading client…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! { <Title text=c.name.clone()/> {client_view(c)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn client_view(c: ClientDetail) -> impl IntoView {
    let all_sites = format!("/sites?client_id={}&status=all", c.id);
    let site_count = c.sites.record_count;
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/clients">"Clients"</a></nav>
        <header class="detail-head">
            <h1>
                {c.colour.clone().filter(|col| is_css_colour(col)).map(|col| view! { <svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill=col></rect></svg> })}
                {c.name.clone()}
            </h1>
            {status_pill(c.inactive)}
            {c.halo_link.clone().map(|href| view! { <a class="button" href=href rel="external noopener" target="_blank">"Open in HaloPSA"</a> })}
        </header>
        {record_actions("clients", c.id)}
        <p><a class="button" href=format!("/sites/new?client={}", c.id) data-testid="add-site">"Add a site"</a></p>
        <section aria-labelledby="facts-h">
            <h2 id="facts-h" class="visually-hidden">"Key facts"</h2>
            {facts(vec![
                ("Top level", c.toplevel.clone()),
                ("Account manager", c.account_manager.clone()),
                ("Main contact", c.main_contact.clone()),
                ("Phone", c.main_phone.clone()),
                ("Main address", c.main_address.clone()),
                ("Colour", c.colour.clone()),
                ("Open tickets", num(c.open_tickets)),
                ("On hold", num(c.onhold_tickets)),
                ("Opened this month", num(c.opened_this_month)),
                ("Total tickets", num(c.total_tickets)),
            ])}
            <dl class="facts">
                {c.website.clone().map(|w| view! { <div><dt>"Website"</dt><dd>{web_link(Some(w))}</dd></div> })}
                {c.main_site.clone().map(|(id, name)| view! { <div><dt>"Main site"</dt><dd><a href=format!("/sites/{id}")>{name}</a></dd></div> })}
            </dl>
            {c.notes.clone().map(|n| view! { <h3>"Notes"</h3><p class="note-body">{n}</p> })}
        </section>
        <section aria-labelledby="sites-h">
            <h2 id="sites-h">"Sites " <span class="muted">{format!("({site_count})")}</span></h2>
            {list_table(&c.sites, &SITES_ENTITY, &SITES_ENTITY.list)}
            {(site_count > c.sites.rows.len() as u64).then(|| view! { <p><a href=all_sites.clone()>{format!("All {site_count} sites →")}</a></p> })}
        </section>
        <section aria-labelledby="crm-h">
            <h2 id="crm-h">"CRM notes"</h2>
            {crm_notes(c.crm_notes.clone())}
            <CrmNoteForm client_id=c.id on_site=None/>
        </section>
        <section aria-labelledby="popup-h">
            <h2 id="popup-h">"Popup notes"</h2>
            {popup_notes(c.popup_notes.clone(), Some(c.id), None)}
        </section>
    }
}
