//! The "Demo data" banner shown on every page while Haloscope runs on its built-in simulator.

use crate::components::shell_info::use_shell_info;
use leptos::prelude::*;

/// Renders the banner when the server says it runs on demo data.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let info = use_shell_info();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let demo = info.await.map(|i| i.demo).unwrap_or(false);
                demo.then(|| view! {
                    // a landmark of its own (complementary), so no content sits outside landmarks
                    <aside class="demo-banner" aria-label="Demo data">
                        <strong>"Demo data"</strong>
                        " — Haloscope is running on its built-in HaloPSA simulator. Set HALO_URL and the client credentials to use your tenant."
                    </aside>
                })
            })}
        </Suspense>
    }
}
