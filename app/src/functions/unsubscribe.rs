//! Unsubscribing the signed-in person from a service subscription (ServSite).

use crate::errors::AppError;
use leptos::prelude::*;

/// Unsubscribes the signed-in person from service `id`, then back to the service with a notice.
#[server(endpoint = "unsubscribe_service")]
pub async fn unsubscribe_service(id: String) -> Result<(), AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let id = parse_id(&id, "Service")?;
    let halo = halo().map_err(with_status)?;
    let back = crate::entities::EntityKind::Services
        .entity()
        .record_href(id);
    let result = halo.services().unsubscribe(id).await;
    let done = ("unsubscribe", "Service", id);
    super::form_ssr::settle(
        done,
        result,
        &back,
        "You are unsubscribed from this service.",
    )?;
    leptos_axum::redirect(&back);
    Ok(())
}
