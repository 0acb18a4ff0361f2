//! Adding a CRM note to a client or site, and marking a popup note read.

use crate::entities::EntityKind;
use crate::errors::AppError;
use crate::functions::forms::FormOutcome;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The session key of a refused CRM note on a client's (or a site's) page.
pub fn crm_note_form_key(client_id: i32, site_id: Option<i32>) -> String {
    match site_id {
        Some(s) => format!("{}/crm-note", EntityKind::Sites.entity().record_href(s)),
        None => format!(
            "{}/crm-note",
            EntityKind::Clients.entity().record_href(client_id)
        ),
    }
}

/// Adds a CRM note to client `client_id` (and site `site_id`, when given), then back to that page. On a
/// problem the note form there opens again with the errors and the text kept (in the session).
#[server(endpoint = "add_crm_note")]
pub async fn add_crm_note(
    client_id: String,
    site_id: Option<String>,
    fields: BTreeMap<String, String>,
) -> Result<FormOutcome, AppError> {
    use super::flash::ssr as flash;
    use super::form_ssr::{checked, failed};
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::crm_note::CRM_NOTE;
    let client_id = parse_id(&client_id, "Client")?;
    let site_id = match site_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(parse_id(s, "Site")?),
    };
    let back = match site_id {
        Some(s) => EntityKind::Sites.entity().record_href(s),
        None => EntityKind::Clients.entity().record_href(client_id),
    };
    let halo = halo().map_err(with_status)?;
    let keep = FormOutcome {
        values: fields.clone(),
        ..Default::default()
    };
    let outcome = match checked(&CRM_NOTE, &fields, true, &Default::default(), keep.clone()) {
        Err(o) => *o,
        Ok(valid) => {
            let text = |k: &str| valid.0.get(k).cloned().filter(|s| !s.is_empty());
            let note = halo::models::CrmNote {
                client_id: Some(client_id),
                site_id,
                note: text("note"),
                app_subject: text("app_subject"),
                ..Default::default()
            };
            let result = halo.crm_notes().add(&note).await;
            crate::audit::record(crate::audit::AuditEvent::change(
                "note",
                "CRMNote",
                result.as_ref().ok().map(|n| n.id.into()),
                vec![
                    "client_id".into(),
                    "site_id".into(),
                    "note".into(),
                    "app_subject".into(),
                ],
                &result,
            ));
            match result {
                Ok(saved) => FormOutcome {
                    saved: Some(saved.id),
                    ..keep
                },
                Err(e) => failed(&CRM_NOTE, e, keep).map_err(with_status)?,
            }
        }
    };
    match outcome.saved {
        Some(_) => flash::note(&back, "CRM note added."),
        None => flash::keep_form(&crm_note_form_key(client_id, site_id), &outcome),
    }
    leptos_axum::redirect(&format!("{back}#crm-h"));
    Ok(outcome)
}

/// Marks popup note `id` (of client `client_id`, or of site `site_id` when given) read, then back.
#[server(endpoint = "mark_popup_read")]
pub async fn mark_popup_read(
    id: String,
    client_id: Option<String>,
    site_id: Option<String>,
) -> Result<(), AppError> {
    use super::form_ssr::fail_to;
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Popup note")?;
    let owner = |raw: Option<String>, what| match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => parse_id(s, what).map(Some),
    };
    let client_id = owner(client_id, "Client")?;
    let site_id = owner(site_id, "Site")?;
    let back = match (site_id, client_id) {
        (Some(s), _) => EntityKind::Sites.entity().record_href(s),
        (None, Some(c)) => EntityKind::Clients.entity().record_href(c),
        (None, None) => {
            return Err(with_status(AppError::bad_input(
                "Say whose popup note this is.",
            )))
        }
    };
    let halo = halo().map_err(with_status)?;
    let popups = halo.popup_notes();
    let notes = match site_id {
        Some(s) => popups.for_site(s, true).await,
        None => popups.for_client(client_id.unwrap_or_default(), true).await,
    };
    let notes = match notes {
        Ok(n) => n,
        Err(e) => return Err(fail_to(&back, e.into())),
    };
    let Some(note) = notes.into_iter().find(|n| n.id == id) else {
        return Err(fail_to(
            &back,
            AppError::not_found(format!("Popup note {id}")),
        ));
    };
    let result = popups.mark_read(&[note]).await;
    let done = ("popup_read", "PopupNote", id);
    super::form_ssr::settle(done, result, &back, "Popup note marked read.")?;
    leptos_axum::redirect(&format!("{back}#popup-h"));
    Ok(())
}
