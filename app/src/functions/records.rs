//! The one write path: a form's data, create, update, the delete confirmation and delete, for every
//! entity, as one set of server functions that take the entity's kind (server functions cannot be
//! generic; each dispatches once, through [`crate::entities::with_store!`], to the generic steps in
//! [`super::record_ssr`]). Every mutating function ends in a redirect (to the record, the list or back to
//! the form), with its message kept in the session ([`super::flash`]), so forms work without JavaScript.

use crate::entities::EntityKind;
use crate::errors::AppError;
use crate::functions::forms::{DeleteInfo, FormData, FormOutcome};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The form of record `id` of `entity` (empty or `new` = a blank form) with its pickers' choices, and the
/// entered values and errors of a refused attempt, if one is waiting in the session. `client` pre-fills a
/// new site's client picker (an id, e.g. from "Add a site" on a client).
#[server(endpoint = "record_form", input = server_fn::codec::GetUrl)]
pub async fn record_form(
    entity: EntityKind,
    id: String,
    client: Option<String>,
) -> Result<FormData, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    let hint = client.unwrap_or_default();
    crate::entities::with_store!(entity, S => super::record_ssr::form_data::<S>(&halo, &id, &hint).await)
        .map_err(with_status)
}

/// Creates a record of `entity` from the posted fields.
#[server(endpoint = "create_record")]
pub async fn create_record(
    entity: EntityKind,
    fields: BTreeMap<String, String>,
) -> Result<FormOutcome, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    crate::entities::with_store!(entity, S => super::record_ssr::create::<S>(&halo, fields).await)
        .map_err(with_status)
}

/// Updates record `id` of `entity` with the shown fields the person changed (see
/// [`super::form_ssr::update`]): `orig` holds the values as loaded, `fingerprint` the whole record as
/// loaded, `force` = "Save anyway" after a concurrent change.
#[server(endpoint = "update_record")]
pub async fn update_record(
    entity: EntityKind,
    id: String,
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> Result<FormOutcome, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, entity.entity().words.one_title)?;
    let halo = halo().map_err(with_status)?;
    let form = super::form_ssr::update_form(fingerprint, orig, fields, force);
    crate::entities::with_store!(entity, S => super::record_ssr::update::<S>(&halo, id, form).await)
        .map_err(with_status)
}

/// What deleting record `id` of `entity` would remove: its name and what hangs off it.
#[server(endpoint = "record_delete_info", input = server_fn::codec::GetUrl)]
pub async fn record_delete_info(entity: EntityKind, id: String) -> Result<DeleteInfo, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, entity.entity().words.one_title)?;
    let halo = halo().map_err(with_status)?;
    crate::entities::with_store!(entity, S => super::record_ssr::delete_info::<S>(&halo, id).await)
        .map_err(with_status)
}

/// Deletes record `id` of `entity`, then goes to the list with a notice.
#[server(endpoint = "delete_record")]
pub async fn delete_record(entity: EntityKind, id: String) -> Result<(), AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, entity.entity().words.one_title)?;
    let halo = halo().map_err(with_status)?;
    crate::entities::with_store!(entity, S => super::record_ssr::delete::<S>(&halo, id).await)
}
