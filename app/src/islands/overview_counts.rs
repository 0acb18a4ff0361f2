//! The overview's counts with their "Refresh counts" button: the one island that holds data, because
//! refreshing redraws it in place (the counts ask HaloPSA again without reloading the page). Without
//! JavaScript the button is a plain GET of the overview.

use crate::functions::overview::{get_overview_counts, Count};
use leptos::prelude::*;

/// The counts as the server read them, and the button that reads them again.
#[island]
pub fn OverviewCounts(counts: Vec<Count>) -> impl IntoView {
    let shown = RwSignal::new(counts);
    let refreshes = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<String>);
    let refresh = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            match get_overview_counts().await {
                Ok(fresh) => {
                    shown.set(fresh);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e.to_string())),
            }
            refreshes.update(|n| *n += 1);
        });
    };
    view! {
        <dl class="stat-grid">{move || shown.get().into_iter().map(crate::routes::overview::stat).collect_view()}</dl>
        <form method="get" action="/" class="refresh-form">
            <button type="submit" data-testid="refresh-counts" on:click=refresh>"Refresh counts"</button>
            <span class="muted" data-testid="refresh-note" role="status">
                {move || match (refreshes.get(), failed.get()) {
                    (_, Some(e)) => format!("The counts could not be refreshed: {e}"),
                    (0, None) => String::new(),
                    (1, None) => "Refreshed once".to_string(),
                    (n, None) => format!("Refreshed {n} times"),
                }}
            </span>
        </form>
    }
}
