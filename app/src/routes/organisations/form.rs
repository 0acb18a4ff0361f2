//! `/organisations/new` and `/organisations/:id/edit` — one form for both.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::form_page;
use crate::forms::entities::ORGANISATION;
use crate::functions::forms::outcome_from_query;
use crate::functions::organisations_write::{
    organisation_form, CreateOrganisation, UpdateOrganisation,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The organisation create/edit page.
#[component]
pub fn OrganisationFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        organisation_form,
    );
    let outcome = Memo::new(move |_| outcome_from_query(query.with(|q| q.get("outcome"))));
    let create = ServerAction::<CreateOrganisation>::new();
    let update = ServerAction::<UpdateOrganisation>::new();
    let pending = Signal::derive(move || create.pending().get() || update.pending().get());
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading form…"</p> }>
            {move || {
                let outcome = outcome.get();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let id = d.id;
                            form_page(&ORGANISATION, "Organisations", d, outcome, pending, move |body| match id {
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
