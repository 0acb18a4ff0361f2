//! Adding a CRM note from a client or site page, and marking a popup note read: plain POST forms to their
//! server functions, which work without JavaScript (the server function answers a form with a redirect).

use crate::components::record_form::form_body_fields;
use crate::forms::crm_note::CRM_NOTE;
use crate::functions::notes_write::{AddCrmNote, MarkPopupRead};
use leptos::prelude::*;
use maud::{html, Markup, PreEscaped};
use server_fn::ServerFn;

/// The "Add a CRM note" form of client `client_id` (from its site `site_id`); after a refused note it
/// opens again with the errors and the text entered (kept in the session, read once).
pub fn crm_note_form(client_id: i32, site_id: Option<i32>) -> Markup {
    #[cfg(feature = "ssr")]
    let refused = crate::functions::flash::ssr::take_form(
        &crate::functions::notes_write::crm_note_form_key(client_id, site_id),
    );
    #[cfg(not(feature = "ssr"))]
    let refused: Option<crate::functions::forms::FormOutcome> = None;
    let open = refused.is_some();
    // the fields are the record forms' own (Leptos's markup, with their checks' island)
    let fields = form_body_fields(&CRM_NOTE, refused).to_html();
    html! {
        details class="note-form" open[open] {
            summary { "Add a CRM note" }
            form action=(AddCrmNote::url()) method="post" class="record-form" {
                input type="hidden" name="client_id" value=(client_id);
                @if let Some(s) = site_id { input type="hidden" name="site_id" value=(s); }
                (PreEscaped(fields))
                div class="form-actions" {
                    button type="submit" class="button primary" { "Add note" }
                }
            }
        }
    }
}

/// "Mark read" for popup note `id` of a client or site (whose note it is).
pub fn mark_read_button(id: i32, client_id: Option<i32>, site_id: Option<i32>) -> Markup {
    html! {
        form action=(MarkPopupRead::url()) method="post" class="inline-form" {
            input type="hidden" name="id" value=(id);
            @if let Some(c) = client_id { input type="hidden" name="client_id" value=(c); }
            @if let Some(s) = site_id { input type="hidden" name="site_id" value=(s); }
            button type="submit" class="button" data-testid="mark-read" { "Mark read" }
        }
    }
}

/// Unsubscribes the signed-in person from service `id`.
pub fn unsubscribe_button(id: i32) -> Markup {
    use crate::functions::unsubscribe::UnsubscribeService;
    html! {
        form action=(UnsubscribeService::url()) method="post" class="inline-form" {
            input type="hidden" name="id" value=(id);
            button type="submit" class="button" data-testid="unsubscribe" { "Unsubscribe" }
        }
    }
}
