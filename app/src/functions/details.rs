//! The one record server function: any entity's record as its page shows it.

use crate::components::detail::Detail;
use crate::entities::EntityKind;
use crate::errors::AppError;
use leptos::prelude::*;

/// Record `id` of `kind` with its related records, read concurrently where they are independent. An id
/// that is not a positive whole number is a 404 without an upstream call; so is a record HaloPSA does not
/// have.
#[server(endpoint = "get_record", input = server_fn::codec::GetUrl)]
pub async fn get_record(kind: EntityKind, id: String) -> Result<Detail, AppError> {
    use super::ssr::{halo, parse_id, with_status};
    let entity = kind.entity();
    let id = parse_id(&id, entity.words.one_title)?;
    let halo = halo().map_err(with_status)?;
    // the server may have started this record's reads before the page was drawn (`early`); the audit
    // log is read on the blocking pool while HaloPSA answers, not after: read last, its thread hop (and,
    // for a long log, its scan) was added to every record page's time
    let key = super::early::pages::RecordKey(kind, id);
    let (detail, changes) = futures::join!(
        Box::pin(super::early::taken_or(
            &key,
            super::early::pages::record(kind, &halo, id)
        )),
        Box::pin(super::activity::ssr::record_section(kind, id))
    );
    let mut detail = detail.map_err(with_status)?;
    detail.stale = super::ssr::stale_note(&halo);
    detail.sections.push(changes);
    Ok(detail)
}
