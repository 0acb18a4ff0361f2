//! A thin bar at the top of the window while the router loads the next page.

use leptos::prelude::*;

/// Shown (animated) while `active` is true.
#[component]
pub fn ProgressBar(#[prop(into)] active: Signal<bool>) -> impl IntoView {
    view! {
        <div
            class="route-progress"
            class:active=move || active.get()
            role="progressbar"
            aria-hidden=move || (!active.get()).to_string()
            aria-label="Loading page"
        ></div>
    }
}
