//! `/organisations/:id` — an organisation: contact details, portal branding, tax and bank details, and the
//! client it is linked to.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::{facts, web_link};
use crate::components::list::cells::is_css_colour;
use crate::components::record_actions::record_actions;
use crate::functions::organisations::{get_organisation, Logo, OrganisationDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The organisation detail page.
#[component]
pub fn OrganisationDetailPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_organisation,
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading organisation…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(o) => view! { <Title text=o.name.clone()/> {organisation_view(o)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A logo as a picture (http(s) only, decided on the server) or as text.
fn logo_view(label: &'static str, logo: Option<Logo>, alt: String) -> Option<AnyView> {
    let shown = match logo? {
        Logo::Url(src) => view! { <img class="logo" src=src alt=alt loading="lazy" referrerpolicy="no-referrer"/> }.into_any(),
        Logo::Text(t) => view! { <span>{t}</span> }.into_any(),
    };
    Some(view! { <div><dt>{label}</dt><dd>{shown}</dd></div> }.into_any())
}

fn organisation_view(o: OrganisationDetail) -> impl IntoView {
    let swatch = o.portal_colour.clone().filter(|c| is_css_colour(c));
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/organisations">"Organisations"</a></nav>
        <header class="detail-head">
            <h1>
                {swatch.clone().map(|c| view! { <svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill=c></rect></svg> })}
                {o.name.clone()}
            </h1>
        </header>
        {record_actions("organisations", o.id)}
        <section aria-labelledby="contact-h">
            <h2 id="contact-h">"Contact details"</h2>
            {facts(vec![
                ("Phone", o.phone.clone()),
                ("Fax", o.fax.clone()),
                ("E-mail", o.email.clone()),
                ("Reply address", o.reply_address.clone()),
                ("Address", o.address.clone()),
                ("Tax number", o.tax_number.clone()),
            ])}
            <dl class="facts">
                {o.website.clone().map(|w| view! { <div><dt>"Website"</dt><dd>{web_link(Some(w))}</dd></div> })}
                {o.linked_client.clone().map(|(id, name)| view! {
                    <div><dt>"Linked client"</dt><dd><a href=format!("/clients/{id}") data-testid="org-client">{name}</a></dd></div>
                })}
            </dl>
        </section>
        <section aria-labelledby="portal-h">
            <h2 id="portal-h">"Portal branding"</h2>
            {facts(vec![("Portal title", o.portal_title.clone())])}
            <dl class="facts">
                {o.portal_url.clone().map(|u| view! { <div><dt>"Portal URL"</dt><dd>{web_link(Some(u))}</dd></div> })}
                {o.portal_colour.clone().map(|c| view! {
                    <div><dt>"Portal colour"</dt><dd>
                        {swatch.clone().map(|s| view! { <svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill=s></rect></svg> })}
                        {c}
                    </dd></div>
                })}
                {logo_view("Logo", o.logo.clone(), format!("{} logo", o.name))}
                {logo_view("Portal logo", o.portal_logo.clone(), format!("{} portal logo", o.name))}
            </dl>
        </section>
        <section aria-labelledby="bank-h">
            <h2 id="bank-h">"Bank details"</h2>
            {if o.bank_details.is_empty() {
                view! { <p class="muted">"No bank details."</p> }.into_any()
            } else {
                view! { <ul class="plain-list" data-testid="bank-details">{o.bank_details.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}
