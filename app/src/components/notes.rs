//! CRM notes and popup notes as lists on detail pages (text only: HTML in notes is shown, never run).

use crate::components::error_panel::ErrorPanel;
use crate::components::note_forms::MarkReadButton;
use crate::errors::AppError;
use crate::functions::notes::{CrmNoteView, PopupNoteView};
use leptos::prelude::*;

/// The CRM notes section.
pub fn crm_notes(notes: Result<Vec<CrmNoteView>, AppError>) -> AnyView {
    match notes {
        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
        Ok(v) if v.is_empty() => view! { <p class="muted">"No CRM notes."</p> }.into_any(),
        Ok(v) => view! {
            <ul class="notes" data-testid="crm-notes">
                {v.into_iter().map(|n| view! {
                    <li>
                        <div class="note-meta">
                            {n.when.clone().unwrap_or_default()}
                            {n.subject.clone().map(|s| view! { " · " <strong>{s}</strong> })}
                        </div>
                        <div class="note-body">{n.note.clone()}</div>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

/// The popup notes section.
/// Unread notes get a "Mark read" button for their client or site.
pub fn popup_notes(
    notes: Result<Vec<PopupNoteView>, AppError>,
    client_id: Option<i32>,
    site_id: Option<i32>,
) -> AnyView {
    match notes {
        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
        Ok(v) if v.is_empty() => view! { <p class="muted">"No popup notes."</p> }.into_any(),
        Ok(v) => view! {
            <ul class="notes" data-testid="popup-notes">
                {v.into_iter().map(|n| view! {
                    <li class:unread=!n.read>
                        <div class="note-meta">
                            {n.when.clone().unwrap_or_default()}
                            " · "
                            {if n.read { "read" } else { "unread" }}
                        </div>
                        <div class="note-body">{n.note.clone()}</div>
                        {(!n.read).then(|| view! { <MarkReadButton id=n.id owner=(client_id, site_id)/> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}
