//! HaloPSA's lookups that feed the filter and form pickers.

use crate::components::list::toolbar::FilterOptions;
use crate::errors::AppError;
use leptos::prelude::*;

/// Top levels and service categories, sorted by name (fetched concurrently).
#[server(endpoint = "get_filter_options", input = server_fn::codec::GetUrl)]
pub async fn get_filter_options() -> Result<FilterOptions, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    let lookups = halo.lookups();
    let (top_q, cat_q) = (Default::default(), Default::default());
    let (tops, cats) = futures::join!(
        lookups.top_levels(&top_q),
        lookups.service_categories(&cat_q)
    );
    let named = |id: i32, name: Option<String>| (id, name.unwrap_or_else(|| format!("#{id}")));
    let mut toplevels: Vec<(i32, String)> = tops
        .map_err(|e| with_status(e.into()))?
        .into_iter()
        .map(|t| named(t.id, t.name))
        .collect();
    let mut categories: Vec<(i32, String)> = cats
        .map_err(|e| with_status(e.into()))?
        .into_iter()
        .map(|c| named(c.id, c.name))
        .collect();
    toplevels.sort_by_key(|t| t.1.to_lowercase());
    categories.sort_by_key(|c| c.1.to_lowercase());
    Ok(FilterOptions {
        toplevels,
        categories,
    })
}

/// Up to 20 clients whose name contains `q`, as `Name (#id)` picker labels (the searchable client picker).
#[server(endpoint = "search_clients", input = server_fn::codec::GetUrl)]
pub async fn search_clients(q: String) -> Result<Vec<String>, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    Box::pin(super::form_ssr::client_choices(&halo, &q))
        .await
        .map_err(with_status)
}
