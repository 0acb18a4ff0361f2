//! Writing sites: the form's data (with the client picker), create, update, delete; and the client search
//! that feeds the picker.

use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Up to 20 clients whose name contains `q`, as `Name (#id)` picker labels.
#[server(endpoint = "search_clients", input = server_fn::codec::GetUrl)]
pub async fn search_clients(q: String) -> Result<Vec<String>, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    Box::pin(super::form_ssr::client_choices(&halo, &q))
        .await
        .map_err(with_status)
}

/// The site form: values and fingerprint of site `id` (empty or `new` = a blank form). `client` pre-fills
/// the client picker of a new site (an id, e.g. from "Add site" on a client) and seeds its first choices.
#[server(endpoint = "site_form", input = server_fn::codec::GetUrl)]
pub async fn site_form(id: String, client: String) -> Result<FormData, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SITE;
    use crate::forms::validate::{client_label, client_ref};
    let halo = halo().map_err(with_status)?;
    let id = f::form_id(&id, "Site")?;
    let sites = halo.sites();
    let (loaded, options) = futures::join!(
        Box::pin(f::load_opt(&sites, &SITE, id)),
        Box::pin(f::options(&halo, &SITE, &client))
    );
    let mut data = f::form_data(id, loaded, options).map_err(with_status)?;
    if data.id.is_some() && client.trim().is_empty() {
        // an edit starts with the choices around the current client
        let current = data.values.get("client_id").cloned().unwrap_or_default();
        if let Ok(found) = Box::pin(f::client_choices(&halo, &current)).await {
            data.options.insert(
                "client_id".into(),
                found.into_iter().map(|l| (l.clone(), l)).collect(),
            );
        }
    }
    if data.id.is_none() {
        if let Some(cid) = client_ref(&client) {
            let (clients, q) = (halo.clients(), halo::query::ClientDetailQuery::new());
            if let Ok(c) = Box::pin(clients.get(cid, &q)).await {
                let name = c.name.unwrap_or_else(|| format!("Client {cid}"));
                data.values
                    .insert("client_id".into(), client_label(cid, &name));
            }
        }
    }
    Ok(data)
}

/// Creates a site for the picked client.
#[server(endpoint = "create_site")]
pub async fn create_site(fields: BTreeMap<String, String>) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, with_status};
    use crate::forms::entities::SITE;
    let halo = halo().map_err(with_status)?;
    let resolver = halo.clone();
    let outcome = f::create(&halo.sites(), &SITE, fields, |v| async move {
        f::resolve_client(&resolver, "client_id", v).await
    })
    .await
    .map_err(with_status)?;
    Ok(f::finish(outcome, "/sites/new", |id| {
        format!("/sites/{id}?saved=1")
    }))
}

/// Updates site `id` with the shown fields that changed (see [`super::form_ssr::update`]).
#[server(endpoint = "update_site")]
pub async fn update_site(
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SITE;
    let id = parse_id(&id, "Site")?;
    let halo = halo().map_err(with_status)?;
    let resolver = halo.clone();
    let form = f::update_form(fingerprint, orig, fields, force);
    let outcome = f::update(&halo.sites(), &SITE, id, form, |v| async move {
        f::resolve_client(&resolver, "client_id", v).await
    })
    .await
    .map_err(with_status)?;
    Ok(f::finish(outcome, &format!("/sites/{id}/edit"), |id| {
        format!("/sites/{id}?saved=1")
    }))
}

/// What deleting site `id` would remove: its name.
#[server(endpoint = "site_delete_info", input = server_fn::codec::GetUrl)]
pub async fn site_delete_info(id: String) -> Result<DeleteInfo, AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SITE;
    let id = parse_id(&id, "Site")?;
    let halo = halo().map_err(with_status)?;
    let loaded = Box::pin(f::load(&halo.sites(), &SITE, id))
        .await
        .map_err(with_status)?;
    Ok(DeleteInfo {
        id,
        name: loaded.name,
        dependents: None,
    })
}

/// Deletes site `id`, then goes to the site list with a notice.
#[server(endpoint = "delete_site")]
pub async fn delete_site(id: String) -> Result<(), AppError> {
    use super::form_ssr as f;
    use super::ssr::{halo, parse_id, with_status};
    use crate::forms::entities::SITE;
    let id = parse_id(&id, "Site")?;
    let halo = halo().map_err(with_status)?;
    f::delete(&halo.sites(), &SITE, id).await
}
