//! Adding a CRM note from a client or site page, and marking a popup note read (POST forms that work
//! without JavaScript).

use crate::components::record_form::form_body_fields;
use crate::forms::entities::CRM_NOTE;
use crate::functions::forms::outcome_from_query;
use crate::functions::notes_write::{AddCrmNote, MarkPopupRead};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The "Add a CRM note" form; after a problem the page's `?note=` outcome refills it with the errors.
#[component]
pub fn CrmNoteForm(client_id: i32, on_site: Option<(i32,)>) -> impl IntoView {
    let site_id = on_site.map(|(s,)| s);
    let query = use_query_map();
    let action = ServerAction::<AddCrmNote>::new();
    let pending = action.pending();
    move || {
        let outcome = outcome_from_query(query.with(|q| q.get("note")));
        let open = outcome.is_some();
        view! {
            <details class="note-form" open=open>
                <summary>"Add a CRM note"</summary>
                <ActionForm action=action attr:class="record-form">
                    <input type="hidden" name="client_id" value=client_id.to_string()/>
                    {site_id.map(|s| view! { <input type="hidden" name="site_id" value=s.to_string()/> })}
                    {form_body_fields(&CRM_NOTE, outcome)}
                    <div class="form-actions">
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {move || if pending.get() { "Adding…" } else { "Add note" }}
                        </button>
                    </div>
                </ActionForm>
            </details>
        }
    }
}

/// "Mark read" for popup note `id` of a client or site.
#[component]
pub fn MarkReadButton(
    id: i32,
    /// `(client id, site id)`: whose note it is.
    owner: (Option<i32>, Option<i32>),
) -> impl IntoView {
    let (client_id, site_id) = owner;
    let action = ServerAction::<MarkPopupRead>::new();
    let pending = action.pending();
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            {client_id.map(|c| view! { <input type="hidden" name="client_id" value=c.to_string()/> })}
            {site_id.map(|s| view! { <input type="hidden" name="site_id" value=s.to_string()/> })}
            <button type="submit" class="button" disabled=move || pending.get() data-testid="mark-read">"Mark read"</button>
        </ActionForm>
    }
}
