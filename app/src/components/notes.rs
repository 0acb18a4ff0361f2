//! CRM notes and popup notes as lists on detail pages (text only: HTML in notes is shown, never run).
//! Compiled templates, like the rest of the record page (`crate::pages::detail`).

use crate::components::error_panel;
use crate::components::note_forms::mark_read_button;
use crate::errors::AppError;
use crate::functions::notes::{CrmNoteView, PopupNoteView};
use maud::{html, Markup};

/// The CRM notes section.
pub fn crm_notes(notes: Result<Vec<CrmNoteView>, AppError>) -> Markup {
    match notes {
        Err(e) => error_panel::markup(e),
        Ok(v) if v.is_empty() => html! { p class="muted" { "No CRM notes." } },
        Ok(v) => html! {
            ul class="notes" data-testid="crm-notes" {
                @for n in &v {
                    li {
                        div class="note-meta" {
                            (n.when.as_deref().unwrap_or_default())
                            @if let Some(s) = &n.subject { " · " strong { (s) } }
                        }
                        div class="note-body" { (n.note) }
                    }
                }
            }
        },
    }
}

/// The popup notes section.
/// Unread notes get a "Mark read" button for their client or site.
pub fn popup_notes(
    notes: Result<Vec<PopupNoteView>, AppError>,
    client_id: Option<i32>,
    site_id: Option<i32>,
) -> Markup {
    match notes {
        Err(e) => error_panel::markup(e),
        Ok(v) if v.is_empty() => html! { p class="muted" { "No popup notes." } },
        Ok(v) => html! {
            ul class="notes" data-testid="popup-notes" {
                @for n in &v {
                    li class=[(!n.read).then_some("unread")] {
                        div class="note-meta" {
                            (n.when.as_deref().unwrap_or_default())
                            " · "
                            (if n.read { "read" } else { "unread" })
                        }
                        div class="note-body" { (n.note) }
                        @if !n.read { (mark_read_button(n.id, client_id, site_id)) }
                    }
                }
            }
        },
    }
}
