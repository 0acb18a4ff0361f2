//! `/sites/new` (`?client=<id>` pre-fills the client) and `/sites/:id/edit` — one form for both.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::form_page;
use crate::forms::entities::SITE;
use crate::functions::forms::outcome_from_query;
use crate::functions::sites_write::{site_form, CreateSite, UpdateSite};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The site create/edit page.
#[component]
pub fn SiteFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let outcome = Memo::new(move |_| outcome_from_query(query.with(|q| q.get("outcome"))));
    // the client picker's first choices follow `?client=` or, after a failed save, what was typed
    let data = Resource::new(
        move || {
            let typed = outcome.with(|o| {
                o.as_ref()
                    .and_then(|o| o.values.get("client_id").cloned())
                    .unwrap_or_default()
            });
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("client")).unwrap_or(typed),
            )
        },
        |(id, client)| site_form(id, client),
    );
    let create = ServerAction::<CreateSite>::new();
    let update = ServerAction::<UpdateSite>::new();
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading form…"</p> }>
            {move || {
                let outcome = outcome.get();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let id = d.id;
                            form_page(&SITE, "Sites", d, outcome, pending, move |body| match id {
                                None => view! { <ActionForm action=create attr:class="record-form">{body}</ActionForm> }.into_any(),
                                Some(id) => view! {
                                    <ActionForm action=update attr:class="record-form">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        {body}
                                    </ActionForm>
                                }.into_any(),
                            })
                        }
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
