//! The "Demo data" banner shown on every page while Haloscope runs on its built-in simulator.

use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use maud::{html, Markup};

/// The banner, when `demo` (the server runs on the simulator's demo data).
#[component]
pub fn DemoBanner(demo: bool) -> impl IntoView {
    demo.then(|| InertElement::new(markup(true).into_string()))
}

/// The banner's markup (nothing when not `demo`): the Leptos frame and the pages drawn without it
/// (`crate::shell::document`) both write this.
pub fn markup(demo: bool) -> Markup {
    html! {
        @if demo {
            // a landmark of its own (complementary), so no content sits outside landmarks
            aside class="demo-banner" aria-label="Demo data" {
                strong { "Demo data" }
                " — Haloscope is running on its built-in HaloPSA simulator. Set HALO_URL and the client credentials to use your tenant."
            }
        }
    }
}
