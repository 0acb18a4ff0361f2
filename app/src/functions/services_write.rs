//! Writing services: the form's data, create, update, delete (with its confirmation data).

use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The service form: values and fingerprint of service `id` (empty or `new` = a blank form), and its pickers.
#[server(endpoint = "service_form", input = server_fn::codec::GetUrl)]
pub async fn service_form(id: String) -> Result<FormData, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SERVICE;
    let halo = halo().map_err(with_status)?;
    let id = f::form_id(&id, "Service")?;
    let records = halo.services();
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&records, &SERVICE, id)),
        Box::pin(f::options(&halo, &SERVICE, ""))
    );
    f::form_data(id, loaded, options).map_err(with_status)
}

/// Creates a service.
#[server(endpoint = "create_service")]
pub async fn create_service(fields: BTreeMap<String, String>) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SERVICE;
    let halo = halo().map_err(with_status)?;
    let outcome = f::create(&halo.services(), &SERVICE, fields, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, "/services/new", |id| {
        format!("/services/{id}?saved=1")
    }))
}

/// Updates service `id` with the shown fields that changed (see [`super::form_ssr::update`]).
#[server(endpoint = "update_service")]
pub async fn update_service(
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SERVICE;
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    let form = f::update_form(fingerprint, orig, fields, force);
    let outcome = f::update(&halo.services(), &SERVICE, id, form, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, &format!("/services/{id}/edit"), |id| {
        format!("/services/{id}?saved=1")
    }))
}

/// What deleting service `id` would remove: its name and number of subscribers.
#[server(endpoint = "service_delete_info", input = server_fn::codec::GetUrl)]
pub async fn service_delete_info(id: String) -> Result<DeleteInfo, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SERVICE;
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    let loaded = Box::pin(f::load(&halo.services(), &SERVICE, id))
        .await
        .map_err(with_status)?;
    let dependents = loaded
        .json
        .get("subscriber_count")
        .and_then(serde_json::Value::as_i64)
        .map(|n| match n {
            1 => "1 subscriber".to_owned(),
            n => format!("{n} subscribers"),
        });
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents,
    })
}

/// Deletes service `id`, then goes to the service list with a notice.
#[server(endpoint = "delete_service")]
pub async fn delete_service(id: String) -> Result<(), AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SERVICE;
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    f::delete(&halo.services(), &SERVICE, id).await
}

/// Unsubscribes the signed-in person from service `id`, then back to the service with a notice.
#[server(endpoint = "unsubscribe_service")]
pub async fn unsubscribe_service(id: String) -> Result<(), AppError> {
    use super::form_ssr::fail_to;
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    let back = format!("/services/{id}");
    let result = halo.services().unsubscribe(id).await;
    crate::audit::record(crate::audit::AuditEvent::change(
        "unsubscribe",
        "Service",
        Some(id.into()),
        Vec::new(),
        &result,
    ));
    result.map_err(|e| fail_to(&back, e.into()))?;
    leptos_axum::redirect(&format!("{back}?unsubscribed=1"));
    Ok(())
}
