//! `/clients/:id/delete` — confirm, then delete.

use crate::components::error_panel::ErrorPanel;
use crate::components::record_form::delete_page;
use crate::forms::entities::CLIENT;
use crate::functions::clients_write::{client_delete_info, DeleteClient};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The client delete confirmation page.
#[component]
pub fn ClientDeletePage() -> impl IntoView {
    let params = use_params_map();
    let info = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        client_delete_info,
    );
    let action = ServerAction::<DeleteClient>::new();
    let pending = action.pending();
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(i) => delete_page(&CLIENT, "Clients", i, pending.into(), move |body| {
                        view! { <ActionForm action=action attr:class="record-form">{body}</ActionForm> }.into_any()
                    }),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
