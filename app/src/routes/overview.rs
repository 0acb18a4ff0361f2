//! `/` — the overview: counts per entity straight from HaloPSA.

use crate::components::error_panel::ErrorPanel;
use crate::functions::overview::get_overview_counts;
use leptos::prelude::*;
use leptos_meta::Title;

/// The overview page.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let (refreshes, set_refreshes) = signal(0u32);
    let counts = Resource::new(move || refreshes.get(), |_| get_overview_counts());
    view! {
        <Title text="Overview"/>
        <h1>"Overview"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading counts…"</p> }>
            {move || Suspend::new(async move {
                match counts.await {
                    Ok(c) => view! {
                        <dl class="stat-grid">
                            <div class="stat">
                                <dt><a href="/clients">"Clients"</a></dt>
                                <dd data-testid="client-count">{c.clients}</dd>
                            </div>
                        </dl>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                }
            })}
        </Transition>
        <form method="get" action="/" class="refresh-form">
            <button
                type="submit"
                data-testid="refresh-counts"
                on:click=move |ev| {
                    ev.prevent_default();
                    set_refreshes.update(|n| *n += 1);
                }
            >
                "Refresh counts"
            </button>
            <span class="muted" data-testid="refresh-note">
                {move || match refreshes.get() {
                    0 => String::new(),
                    1 => "Refreshed once".to_string(),
                    n => format!("Refreshed {n} times"),
                }}
            </span>
        </form>
    }
}
