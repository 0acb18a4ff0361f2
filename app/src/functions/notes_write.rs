//! Adding a CRM note to a client or site, and marking a popup note read.

use crate::errors::AppError;
use crate::functions::forms::FormOutcome;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Adds a CRM note to client `client_id` (and site `site_id`, when given), then back to that page. On a
/// problem the page gets the outcome in `?note=` (errors beside the fields, text kept).
#[server(endpoint = "add_crm_note")]
pub async fn add_crm_note(
    client_id: String,
    site_id: Option<String>,
    fields: BTreeMap<String, String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr::{checked, failed};
    use super::forms::encode_query_value;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::CRM_NOTE;
    let client_id = parse_id(&client_id, "Client")?;
    let site_id = match site_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(parse_id(s, "Site")?),
    };
    let back = match site_id {
        Some(s) => format!("/sites/{s}"),
        None => format!("/clients/{client_id}"),
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
                Err(e) => failed(e, keep).map_err(with_status)?,
            }
        }
    };
    match outcome.saved {
        Some(note_id) => leptos_axum::redirect(&format!("{back}?noted={note_id}#crm-h")),
        None => {
            let json = serde_json::to_string(&outcome).unwrap_or_default();
            leptos_axum::redirect(&format!("{back}?note={}#crm-h", encode_query_value(&json)));
        }
    }
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
        (Some(s), _) => format!("/sites/{s}"),
        (None, Some(c)) => format!("/clients/{c}"),
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
    }
    .map_err(|e| fail_to(&back, e.into()))?;
    let Some(note) = notes.into_iter().find(|n| n.id == id) else {
        return Err(fail_to(
            &back,
            AppError::not_found(format!("Popup note {id}")),
        ));
    };
    let result = popups.mark_read(&[note]).await;
    crate::audit::record(crate::audit::AuditEvent::change(
        "popup_read",
        "PopupNote",
        Some(id.into()),
        Vec::new(),
        &result,
    ));
    result.map_err(|e| fail_to(&back, e.into()))?;
    leptos_axum::redirect(&format!("{back}?read={id}#popup-h"));
    Ok(())
}
