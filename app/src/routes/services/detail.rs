//! `/services/:id` — a service: category, status, owners, description, cost, links and subscribers.

use crate::components::error_panel::ErrorPanel;
use crate::components::facts::{facts, num, web_link};
use crate::components::record_actions::{record_actions, UnsubscribeButton};
use crate::functions::services::{get_service, ServiceDetail, SubscriberView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The service detail page.
#[component]
pub fn ServiceDetailPage() -> impl IntoView {
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
        |(id, _)| get_service(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading service…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(s) => view! { <Title text=s.name.clone()/> {service_view(s)} }.into_any(),
                    Err(e) => view! { <Title text=e.title()/> <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn subscriber_item(s: SubscriberView) -> impl IntoView {
    let name = match s.link {
        Some(href) => view! { <a href=href>{s.name}</a> }.into_any(),
        None => view! { <span>{s.name}</span> }.into_any(),
    };
    view! {
        <li>
            {name}
            {s.kind.map(|k| view! { " " <span class="muted">{format!("({k})")}</span> })}
            {(s.email_updates == Some(true)).then_some(" · e-mail updates")}
        </li>
    }
}

fn service_view(s: ServiceDetail) -> impl IntoView {
    let yes_no = |b: Option<bool>| b.map(|b| if b { "Yes" } else { "No" }.to_string());
    let listed = s.subscribers.len();
    let count = s
        .subscriber_count
        .map(|c| c.max(0) as usize)
        .unwrap_or(listed);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <a href="/services">"Services"</a>
            {s.category.clone().map(|(id, name)| view! { " / " <a href=format!("/services?category_id={id}")>{name}</a> })}
        </nav>
        <header class="detail-head">
            <h1>{s.name.clone()}</h1>
            {s.status_code.map(|c| view! { <span class="pill" title="HaloPSA gives this status only as a number">{format!("Status code {c}")}</span> })}
        </header>
        {record_actions("services", s.id)}
        <UnsubscribeButton id=s.id/>
        <section aria-labelledby="facts-h">
            <h2 id="facts-h" class="visually-hidden">"Key facts"</h2>
            <dl class="facts">
                {s.category.clone().map(|(id, name)| view! {
                    <div><dt>"Category"</dt><dd><a href=format!("/services?category_id={id}")>{name}</a></dd></div>
                })}
            </dl>
            {facts(vec![
                ("Display name", s.display_name.clone()),
                ("Status code", num(s.status_code)),
                ("Status message", s.status_message.clone()),
                ("Status since", s.status_date.clone()),
                ("Business owner", s.business_owner.clone()),
                ("Technical owner", s.technical_owner.clone()),
                ("Cost", s.cost.clone()),
                ("Subscribable", yes_no(s.subscribable)),
                ("Subscribers", num(s.subscriber_count)),
            ])}
            <dl class="facts">
                {s.links.clone().into_iter().map(|(label, url)| view! { <div><dt>{label}</dt><dd>{web_link(Some(url))}</dd></div> }).collect_view()}
            </dl>
            {s.summary.clone().map(|t| view! { <h3>"Summary"</h3><p class="note-body">{t}</p> })}
            {s.note.clone().map(|t| view! { <h3>"Description"</h3><p class="note-body">{t}</p> })}
        </section>
        <section aria-labelledby="subs-h">
            <h2 id="subs-h">"Subscribers " <span class="muted">{format!("({count})")}</span></h2>
            {if s.subscribers.is_empty() {
                view! { <p class="muted">"No subscribers listed."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="service-subscribers">
                        {s.subscribers.clone().into_iter().map(subscriber_item).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(count > listed && listed > 0).then(|| view! { <p class="muted">{format!("HaloPSA listed {listed} of {count}.")}</p> })}
        </section>
    }
}
