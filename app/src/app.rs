//! The root component: frame (banner, header, progress bar) and the route table.

use crate::components::{demo_banner::DemoBanner, header::Header, progress_bar::ProgressBar};
use crate::routes::clients::{detail::ClientDetailPage, list::ClientListPage};
use crate::routes::sites::{detail::SiteDetailPage, list::SiteListPage, stock_bins::StockBinsPage};
use crate::routes::{not_found::NotFound, overview::OverviewPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The application. Data pages render completely on the server (`SsrMode::Async`) so they work without
/// JavaScript; the browser then hydrates them.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let (is_routing, set_is_routing) = signal(false);
    // Runs only in the browser, once hydration has attached: end-to-end tests wait for this mark.
    Effect::new(move |_| mark_hydrated());

    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "Haloscope".to_string() } else { format!("{text} · Haloscope") }
        }/>
        <Router set_is_routing>
            <ProgressBar active=is_routing/>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <DemoBanner/>
            <Header/>
            <main id="main" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=OverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view=ClientListPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id") view=ClientDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites") view=SiteListPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/stock-bins") view=StockBinsPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/:id") view=SiteDetailPage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
