//! A page that shows work in progress (a running job, a data-health walk) shows itself again every few
//! seconds. Without JavaScript a `<meta http-equiv="refresh">` inside `<noscript>` reloads it; with
//! JavaScript the island fetches the page and swaps it in place (no reload, no history entry, no progress
//! bar, the scroll position kept), and stops once its page is gone or no longer asks for it.

use leptos::prelude::*;

/// Renders the no-JavaScript refresh and the island that does it in place.
#[component]
pub fn SelfRefresh(seconds: u32) -> impl IntoView {
    view! {
        <noscript><meta http-equiv="refresh" content=seconds.to_string()/></noscript>
        <RefreshInPlace seconds/>
    }
}

/// Asks for its page again after `seconds`, unless the page has gone by then.
#[island]
fn RefreshInPlace(seconds: u32) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(host) = crate::browser::island_host() {
        set_timeout(
            move || {
                if host.is_connected() {
                    crate::browser::refresh_in_place();
                }
            },
            std::time::Duration::from_secs(seconds.into()),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = seconds;
    leptos::tachys::html::InertElement::new("<span hidden></span>")
}
