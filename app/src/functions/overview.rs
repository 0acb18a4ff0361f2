//! The overview's figures.

use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Record counts shown on the overview, straight from HaloPSA's `record_count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewCounts {
    /// Active clients.
    pub clients: u64,
}

/// Counts for the overview: one upstream list call per entity, each asking for a single row.
#[server(endpoint = "get_overview_counts", input = server_fn::codec::GetUrl)]
pub async fn get_overview_counts() -> Result<OverviewCounts, AppError> {
    use super::ssr::with_status;
    let halo = super::halo().map_err(with_status)?;
    let query = halo::query::ClientQuery::new()
        .pageinate(true)
        .page_size(1)
        .page_no(1);
    let page = halo
        .clients()
        .list(&query)
        .await
        .map_err(|e| with_status(e.into()))?;
    Ok(OverviewCounts {
        clients: page.record_count,
    })
}
