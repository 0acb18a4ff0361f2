//! The 404 page: also the router's fallback, answered with status 404.

use leptos::prelude::*;
use leptos_meta::Title;

/// "Page not found", with status 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href="/">"Go to the overview"</a></p>
        </section>
    }
}
