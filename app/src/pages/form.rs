//! `/<entity>/new` and `/<entity>/:id/edit`: one create-and-edit page for every entity, built from its
//! descriptor's form.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::form_page;
use crate::entities::Entity;
use crate::functions::records::{record_form, CreateRecord, UpdateRecord};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The create/edit page of `entity`. A refused save comes back to this same page (a redirect, so a fresh
/// page view), which shows its errors and entered values.
#[component]
pub fn RecordFormPage(entity: &'static Entity) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("client")),
            )
        },
        move |(id, client)| record_form(entity.kind, id, client),
    );
    let create = ServerAction::<CreateRecord>::new();
    let update = ServerAction::<UpdateRecord>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading form…"</p> }>
            {Suspend::new(async move {
                match data.await {
                    Ok(mut d) => {
                        let id = d.id;
                        let outcome = d.outcome.take();
                        let kind = entity.path;
                        form_page(entity, d, outcome, move |body| match id {
                            None => view! {
                                <ActionForm action=create attr:class="record-form">
                                    <input type="hidden" name="entity" value=kind/>
                                    {body}
                                </ActionForm>
                            }.into_any(),
                            Some(id) => view! {
                                <ActionForm action=update attr:class="record-form">
                                    <input type="hidden" name="entity" value=kind/>
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    {body}
                                </ActionForm>
                            }.into_any(),
                        })
                    }
                    Err(e) => view! { <ErrorPanel error=e whole_page=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
