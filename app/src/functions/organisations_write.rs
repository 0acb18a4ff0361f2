//! Writing organisations: the form's data, create, update, delete (with its confirmation data).

use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The organisation form: values and fingerprint of organisation `id` (empty or `new` = a blank form), and its pickers.
#[server(endpoint = "organisation_form", input = server_fn::codec::GetUrl)]
pub async fn organisation_form(id: String) -> Result<FormData, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::ORGANISATION;
    let halo = halo().map_err(with_status)?;
    let id = f::form_id(&id, "Organisation")?;
    let records = halo.organisations();
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&records, &ORGANISATION, id)),
        Box::pin(f::options(&halo, &ORGANISATION, ""))
    );
    f::form_data(id, loaded, options).map_err(with_status)
}

/// Creates a organisation.
#[server(endpoint = "create_organisation")]
pub async fn create_organisation(
    fields: BTreeMap<String, String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::ORGANISATION;
    let halo = halo().map_err(with_status)?;
    let outcome = f::create(&halo.organisations(), &ORGANISATION, fields, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, "/organisations/new", |id| {
        format!("/organisations/{id}?saved=1")
    }))
}

/// Updates organisation `id` with the shown fields that changed (see [`super::form_ssr::update`]).
#[server(endpoint = "update_organisation")]
pub async fn update_organisation(
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::ORGANISATION;
    let id = parse_id(&id, "Organisation")?;
    let halo = halo().map_err(with_status)?;
    let form = f::update_form(fingerprint, orig, fields, force);
    let outcome = f::update(&halo.organisations(), &ORGANISATION, id, form, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(
        outcome,
        &format!("/organisations/{id}/edit"),
        |id| format!("/organisations/{id}?saved=1"),
    ))
}

/// What deleting organisation `id` would remove: its name.
#[server(endpoint = "organisation_delete_info", input = server_fn::codec::GetUrl)]
pub async fn organisation_delete_info(id: String) -> Result<DeleteInfo, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::ORGANISATION;
    let id = parse_id(&id, "Organisation")?;
    let halo = halo().map_err(with_status)?;
    let loaded = Box::pin(f::load(&halo.organisations(), &ORGANISATION, id))
        .await
        .map_err(with_status)?;
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents: None,
    })
}

/// Deletes organisation `id`, then goes to the organisation list with a notice.
#[server(endpoint = "delete_organisation")]
pub async fn delete_organisation(id: String) -> Result<(), AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::ORGANISATION;
    let id = parse_id(&id, "Organisation")?;
    let halo = halo().map_err(with_status)?;
    f::delete(&halo.organisations(), &ORGANISATION, id).await
}
