//! Writing clients: the form's data, create, update, delete (with its confirmation data).

use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The client form: values and fingerprint of client `id` (empty or `new` = a blank form), and its pickers.
#[server(endpoint = "client_form", input = server_fn::codec::GetUrl)]
pub async fn client_form(id: String) -> Result<FormData, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::CLIENT;
    let halo = halo().map_err(with_status)?;
    let id = f::form_id(&id, "Client")?;
    let clients = halo.clients();
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&clients, &CLIENT, id)),
        Box::pin(f::options(&halo, &CLIENT, ""))
    );
    f::form_data(id, loaded, options).map_err(with_status)
}

/// Creates a client (and, with the helper fields, its first site and contact).
#[server(endpoint = "create_client")]
pub async fn create_client(fields: BTreeMap<String, String>) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::CLIENT;
    let halo = halo().map_err(with_status)?;
    let outcome = f::create(&halo.clients(), &CLIENT, fields, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, "/clients/new", |id| {
        format!("/clients/{id}?saved=1")
    }))
}

/// Updates client `id` with the shown fields that changed (see [`super::form_ssr::update`]).
#[server(endpoint = "update_client")]
pub async fn update_client(
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::CLIENT;
    let id = parse_id(&id, "Client")?;
    let halo = halo().map_err(with_status)?;
    let form = f::update_form(fingerprint, orig, fields, force);
    let outcome = f::update(&halo.clients(), &CLIENT, id, form, f::as_is)
        .await
        .map_err(with_status)?;
    Ok(f::finish(outcome, &format!("/clients/{id}/edit"), |id| {
        format!("/clients/{id}?saved=1")
    }))
}

/// What deleting client `id` would remove: its name and number of sites.
#[server(endpoint = "client_delete_info", input = server_fn::codec::GetUrl)]
pub async fn client_delete_info(id: String) -> Result<DeleteInfo, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::CLIENT;
    let id = parse_id(&id, "Client")?;
    let halo = halo().map_err(with_status)?;
    let q = halo::query::SiteQuery::new()
        .client_id(id)
        .pageinate(true)
        .page_size(1)
        .includeactive(true)
        .includeinactive(true);
    let (sites, loaded) = (halo.sites(), halo.clients());
    let (sites, loaded) = futures::join!(
        Box::pin(sites.list(&q)),
        Box::pin(f::load(&loaded, &CLIENT, id))
    );
    let loaded = loaded.map_err(with_status)?;
    let dependents = sites.ok().map(|p| match p.record_count {
        1 => "1 site".to_owned(),
        n => format!("{n} sites"),
    });
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents,
    })
}

/// Deletes client `id`, then goes to the client list with a notice.
#[server(endpoint = "delete_client")]
pub async fn delete_client(id: String) -> Result<(), AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::CLIENT;
    let id = parse_id(&id, "Client")?;
    let halo = halo().map_err(with_status)?;
    f::delete(&halo.clients(), &CLIENT, id).await
}
