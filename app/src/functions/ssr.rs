//! Server-side helpers shared by the server functions, above all the one extractor that gives a server
//! function its HaloPSA handle.

use crate::entities::ListView;
use crate::errors::AppError;
use crate::params::{ListParams, Parsed, StatusFilter};
use crate::state::server::{RequestHalo, ServerInfo};
use leptos::prelude::*;

/// The current request's HaloPSA client (the app's in `service` mode, the agent's in `agent` mode), put in
/// the request's extensions by the server's middleware. Fails with `SignInRequired` when there is none.
pub fn halo() -> Result<halo::client::HaloClient, AppError> {
    with_context::<http::request::Parts, _>(|parts| parts.extensions.get::<RequestHalo>().cloned())
        .flatten()
        .and_then(|h| h.0)
        .ok_or(AppError::SignInRequired)
}

/// The notice for a page some of whose reads were answered with an older copy because HaloPSA could not
/// be asked (stale-if-error); `None` when every read was fresh.
pub fn stale_note(
    halo: &halo::client::HaloClient,
) -> Option<crate::components::stale_notice::StaleNote> {
    let read = halo.served_stale()?;
    Some(crate::components::stale_notice::StaleNote::of(
        &read,
        chrono::Utc::now(),
    ))
}

/// Sets the HTTP status of the current response to match an error, and hands the error back.
pub fn with_status(err: AppError) -> AppError {
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(err.status_code()) {
            opts.set_status(code);
        }
    }
    err
}

/// Parses a list page's raw query; a rejected value becomes a 400 with its message (nothing goes upstream).
pub fn parse_list(list: &ListView, raw: &str) -> Result<Parsed, AppError> {
    let parsed = ListParams::from_query(list.spec, raw)
        .map_err(|r| with_status(AppError::bad_input(r.message)))?;
    crate::components::list::columns::shown(list, parsed.params.cols.as_deref())
        .map_err(|m| with_status(AppError::bad_input(m)))?;
    Ok(parsed)
}

/// A record id from the URL; anything but a positive whole number is "not found" (no upstream call).
pub fn parse_id(raw: &str, what: &str) -> Result<i32, AppError> {
    match raw.trim().parse::<i32>() {
        Ok(id) if id > 0 => Ok(id),
        _ => {
            let shown: String = raw.chars().take(40).collect();
            Err(with_status(AppError::not_found(format!(
                "{what} {shown:?}"
            ))))
        }
    }
}

/// HaloPSA's status filter for the list's.
pub fn halo_status(status: StatusFilter) -> halo::query::Status {
    match status {
        StatusFilter::Active => halo::query::Status::Active,
        StatusFilter::Inactive => halo::query::Status::Inactive,
        StatusFilter::All => halo::query::Status::All,
    }
}

/// A link into HaloPSA's own web UI (tenant mode only).
pub fn halo_web_link(path: &str) -> Option<String> {
    let base = use_context::<ServerInfo>()?.0.halo_web_url?;
    Some(format!("{}/{path}", base.trim_end_matches('/')))
}
