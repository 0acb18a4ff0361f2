//! Writing suppliers: the form's data, create, update, delete (with its confirmation data).

use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The supplier form: values and fingerprint of supplier `id` (empty or `new` = a blank form), and its pickers.
#[server(endpoint = "supplier_form", input = server_fn::codec::GetUrl)]
pub async fn supplier_form(id: String) -> Result<FormData, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SUPPLIER;
    let halo = halo().map_err(with_status)?;
    let id = f::form_id(&id, "Supplier")?;
    let records = halo.suppliers();
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&records, &SUPPLIER, id)),
        Box::pin(f::options(&halo, &SUPPLIER, ""))
    );
    f::form_data(id, loaded, options).map_err(with_status)
}

/// Creates a supplier.
#[server(endpoint = "create_supplier")]
pub async fn create_supplier(fields: BTreeMap<String, String>) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SUPPLIER;
    let halo = halo().map_err(with_status)?;
    let outcome = f::create(&halo.suppliers(), &SUPPLIER, fields, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, "/suppliers/new", |id| {
        format!("/suppliers/{id}?saved=1")
    }))
}

/// Updates supplier `id` with the shown fields that changed (see [`super::form_ssr::update`]).
#[server(endpoint = "update_supplier")]
pub async fn update_supplier(
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SUPPLIER;
    let id = parse_id(&id, "Supplier")?;
    let halo = halo().map_err(with_status)?;
    let form = f::update_form(fingerprint, orig, fields, force);
    let outcome = f::update(&halo.suppliers(), &SUPPLIER, id, form, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, &format!("/suppliers/{id}/edit"), |id| {
        format!("/suppliers/{id}?saved=1")
    }))
}

/// What deleting supplier `id` would remove: its name.
#[server(endpoint = "supplier_delete_info", input = server_fn::codec::GetUrl)]
pub async fn supplier_delete_info(id: String) -> Result<DeleteInfo, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SUPPLIER;
    let id = parse_id(&id, "Supplier")?;
    let halo = halo().map_err(with_status)?;
    let loaded = Box::pin(f::load(&halo.suppliers(), &SUPPLIER, id))
        .await
        .map_err(with_status)?;
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents: None,
    })
}

/// Deletes supplier `id`, then goes to the supplier list with a notice.
#[server(endpoint = "delete_supplier")]
pub async fn delete_supplier(id: String) -> Result<(), AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SUPPLIER;
    let id = parse_id(&id, "Supplier")?;
    let halo = halo().map_err(with_status)?;
    f::delete(&halo.suppliers(), &SUPPLIER, id).await
}
