//! `/services/:id/delete` — confirm, then delete.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::delete_page;
use crate::forms::entities::SERVICE;
use crate::functions::services_write::{service_delete_info, DeleteService};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The service delete confirmation page.
#[component]
pub fn ServiceDeletePage() -> impl IntoView {
    let params = use_params_map();
    let info = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        service_delete_info,
    );
    let action = ServerAction::<DeleteService>::new();
    let pending = action.pending();
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(i) => delete_page(&SERVICE, "Services", i, pending.into(), move |body| {
                        view! { <ActionForm action=action attr:class="record-form">{body}</ActionForm> }.into_any()
                    }),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
