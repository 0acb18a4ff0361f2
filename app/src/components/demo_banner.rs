//! The "Demo data" banner shown on every page while Haloscope runs on its built-in simulator.

use leptos::prelude::*;

/// The banner, when `demo` (the server runs on the simulator's demo data).
#[component]
pub fn DemoBanner(demo: bool) -> impl IntoView {
    demo.then(|| {
        view! {
            // a landmark of its own (complementary), so no content sits outside landmarks
            <aside class="demo-banner" aria-label="Demo data">
                <strong>"Demo data"</strong>
                " — Haloscope is running on its built-in HaloPSA simulator. Set HALO_URL and the client credentials to use your tenant."
            </aside>
        }
    })
}
