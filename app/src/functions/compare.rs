//! Data health's "compare details": one group of possible duplicates read in full, as the person asking.

use crate::errors::AppError;
use crate::health::compare::Comparison;
use leptos::prelude::*;

/// Records `ids` (`4,17`: two to ten) of `kind` read in full, one detail call each, and their contact
/// details set side by side. A bad id list is a 400 before anything is asked of HaloPSA; a record HaloPSA
/// does not have is a 404.
#[server(endpoint = "compare_records", input = server_fn::codec::GetUrl)]
pub async fn compare_records(kind: String, ids: String) -> Result<Comparison, AppError> {
    use super::ssr::{halo, with_status};
    let kind: crate::entities::EntityKind =
        serde_json::from_value(serde_json::Value::String(kind.clone())).map_err(|_| {
            let shown: String = kind.chars().take(20).collect();
            with_status(AppError::bad_input(format!(
                "{shown:?} is not a kind of record."
            )))
        })?;
    let ids =
        crate::health::compare::parse_ids(&ids).map_err(|m| with_status(AppError::bad_input(m)))?;
    let halo = halo().map_err(with_status)?;
    crate::entities::with_store!(kind, S => ssr::compare::<S>(&halo, kind, &ids).await)
        .map_err(with_status)
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::entities::server::{name_or, record_error, Store};
    use crate::entities::EntityKind;
    use crate::errors::AppError;
    use crate::health::compare::{compare as side_by_side, Comparison};
    use futures::future::try_join_all;
    use halo::client::HaloClient;

    pub async fn compare<S: Store>(
        halo: &HaloClient,
        kind: EntityKind,
        ids: &[i32],
    ) -> Result<Comparison, AppError> {
        let res = S::resource(halo);
        let reads = ids.iter().map(|&id| {
            let res = &res;
            async move {
                let record = Box::pin(res.get(id, &Default::default()))
                    .await
                    .map_err(|e| record_error::<S>(e, id))?;
                let json = serde_json::to_value(&record).unwrap_or_default();
                let name = json.get("name").and_then(|v| v.as_str());
                let name = name_or(name, S::entity().words.one_title, id);
                Ok::<_, AppError>((id, name, json))
            }
        });
        let records = try_join_all(reads).await?;
        Ok(side_by_side(kind, S::CONTACTS, &records))
    }
}
