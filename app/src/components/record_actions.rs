//! The write controls of a detail page: Edit / Delete links and the service unsubscribe button.

use crate::functions::unsubscribe::UnsubscribeService;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Edit and Delete links for record `id` under `/{path}`.
pub fn record_actions(path: &'static str, id: i32) -> impl IntoView {
    view! {
        <p class="record-actions">
            <a class="button" href=format!("/{path}/{id}/edit") data-testid="edit-link">"Edit"</a>
            " "
            <a class="button" href=format!("/{path}/{id}/delete") data-testid="delete-link">"Delete…"</a>
        </p>
    }
}

/// Unsubscribes the signed-in person from service `id` (a POST form; works without JavaScript).
#[component]
pub fn UnsubscribeButton(id: i32) -> impl IntoView {
    let action = ServerAction::<UnsubscribeService>::new();
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            <button type="submit" class="button" data-testid="unsubscribe">"Unsubscribe"</button>
        </ActionForm>
    }
}
