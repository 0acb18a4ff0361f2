//! HaloPSA's lookups that feed the filter and form pickers.

use crate::components::list::toolbar::FilterOptions;
use crate::errors::AppError;
use leptos::prelude::*;

/// Top levels and service categories, sorted by name (fetched concurrently). A lookup HaloPSA refuses or
/// fails (an agent without that permission gets 403) leaves its filter empty with a note saying so; the
/// page keeps its own status. Only "sign in again" fails the call.
#[server(endpoint = "get_filter_options", input = server_fn::codec::GetUrl)]
pub async fn get_filter_options() -> Result<FilterOptions, AppError> {
    use super::ssr::{halo, with_status};
    let halo = halo().map_err(with_status)?;
    // a list page's choices may have been asked for before the page was drawn (`early`)
    super::early::taken_or(&super::early::pages::OptionsKey, ssr::options(&halo))
        .await
        .map_err(with_status)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::components::list::toolbar::FilterOptions;
    use crate::errors::AppError;

    /// Top levels and service categories through `halo`, both at once (`get_filter_options`).
    pub async fn options(halo: &halo::client::HaloClient) -> Result<FilterOptions, AppError> {
        let lookups = halo.lookups();
        let (top_q, cat_q) = (Default::default(), Default::default());
        let (tops, cats) = futures::join!(
            lookups.top_levels(&top_q),
            lookups.service_categories(&cat_q)
        );
        let mut notes = Vec::new();
        let toplevels = choices(tops, "Top levels", &mut notes, |t| (t.id, t.name))?;
        let categories = choices(cats, "Service categories", &mut notes, |c| (c.id, c.name))?;
        Ok(FilterOptions {
            toplevels,
            categories,
            notes,
        })
    }

    /// A lookup's `(id, name)` choices sorted by name; when it failed, none and a note in `notes` naming
    /// `what` and why (a sign-in that ended still fails).
    pub fn choices<T>(
        answer: Result<Vec<T>, halo::Error>,
        what: &str,
        notes: &mut Vec<String>,
        pick: impl Fn(T) -> (i32, Option<String>),
    ) -> Result<Vec<(i32, String)>, AppError> {
        match answer {
            Ok(items) => {
                let mut out: Vec<(i32, String)> = items
                    .into_iter()
                    .map(pick)
                    .map(|(id, name)| (id, name.unwrap_or_else(|| format!("#{id}"))))
                    .collect();
                out.sort_by_cached_key(|c| c.1.to_lowercase());
                Ok(out)
            }
            Err(halo::Error::SignInRequired) => {
                Err(super::super::ssr::with_status(AppError::SignInRequired))
            }
            Err(e) => {
                let e = AppError::from(e);
                tracing::warn!(
                    lookup = what,
                    status = e.status_code(),
                    "a filter's lookup failed: {e}"
                );
                notes.push(format!(
                    "{what} could not be loaded ({}), so that filter has no choices.",
                    e.title()
                ));
                Ok(Vec::new())
            }
        }
    }
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
