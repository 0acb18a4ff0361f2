//! `/<entity>/:id/delete`: one confirmation page for every entity — it names the record and what hangs
//! off it, then deletes.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::delete_page;
use crate::entities::Entity;
use crate::functions::records::{record_delete_info, DeleteRecord};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The delete confirmation page of `entity`.
#[component]
pub fn RecordDeletePage(entity: &'static Entity) -> impl IntoView {
    let params = use_params_map();
    let info = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        move |id| record_delete_info(entity.kind, id),
    );
    let action = ServerAction::<DeleteRecord>::new();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {Suspend::new(async move {
                match info.await {
                    Ok(i) => delete_page(entity, i, move |body| {
                        view! {
                            <ActionForm action=action attr:class="record-form">
                                <input type="hidden" name="entity" value=entity.path/>
                                {body}
                            </ActionForm>
                        }.into_any()
                    }),
                    Err(e) => view! { <ErrorPanel error=e whole_page=true/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
