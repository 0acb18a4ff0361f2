//! Adding a CRM note from a client or site page, and marking a popup note read (POST forms that work
//! without JavaScript).

use crate::components::record_form::form_body_fields;
use crate::forms::crm_note::CRM_NOTE;
use crate::functions::notes_write::{crm_note_form_key, AddCrmNote, MarkPopupRead};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The "Add a CRM note" form; after a refused note it opens again with the errors and the text entered
/// (kept in the session, read once).
#[component]
pub fn CrmNoteForm(client_id: i32, on_site: Option<(i32,)>) -> impl IntoView {
    let site_id = on_site.map(|(s,)| s);
    let action = ServerAction::<AddCrmNote>::new();
    let key = crm_note_form_key(client_id, site_id);
    // read directly, not through a resource (a lookup in memory, as the flash notices are): the form is
    // drawn on the server only, and a resource here made the record page wait for one more task
    #[cfg(feature = "ssr")]
    let refused = crate::functions::flash::ssr::take_form(&key);
    #[cfg(not(feature = "ssr"))]
    let refused = {
        let _ = key;
        None
    };
    let form = move |outcome: Option<crate::functions::forms::FormOutcome>| {
        let open = outcome.is_some();
        view! {
            <details class="note-form" open=open>
                <summary>"Add a CRM note"</summary>
                <ActionForm action=action attr:class="record-form">
                    <input type="hidden" name="client_id" value=client_id.to_string()/>
                    {site_id.map(|s| view! { <input type="hidden" name="site_id" value=s.to_string()/> })}
                    {form_body_fields(&CRM_NOTE, outcome)}
                    <div class="form-actions">
                        <button type="submit" class="button primary">"Add note"</button>
                    </div>
                </ActionForm>
            </details>
        }
    };
    form(refused)
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
    view! {
        <ActionForm action=action attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string()/>
            {client_id.map(|c| view! { <input type="hidden" name="client_id" value=c.to_string()/> })}
            {site_id.map(|s| view! { <input type="hidden" name="site_id" value=s.to_string()/> })}
            <button type="submit" class="button" data-testid="mark-read">"Mark read"</button>
        </ActionForm>
    }
}
