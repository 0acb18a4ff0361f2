//! The root component: frame (banner, header, progress bar) and the route table.

use crate::components::{
    demo_banner::DemoBanner, focus::FocusOnNavigate, header::Header, progress_bar::ProgressBar,
};
use crate::routes::clients::{
    delete::ClientDeletePage, detail::ClientDetailPage, form::ClientFormPage, list::ClientListPage,
};
use crate::routes::organisations::{
    delete::OrganisationDeletePage, detail::OrganisationDetailPage, form::OrganisationFormPage,
    list::OrganisationListPage,
};
use crate::routes::services::{
    delete::ServiceDeletePage, detail::ServiceDetailPage, form::ServiceFormPage,
    list::ServiceListPage,
};
use crate::routes::sites::{
    delete::SiteDeletePage, detail::SiteDetailPage, form::SiteFormPage, list::SiteListPage,
    stock_bins::StockBinsPage,
};
use crate::routes::suppliers::{
    delete::SupplierDeletePage, detail::SupplierDetailPage, form::SupplierFormPage,
    list::SupplierListPage,
};
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
    crate::components::shell_info::provide_shell_info();
    let (is_routing, set_is_routing) = signal(false);
    // Runs only in the browser, once hydration has attached: end-to-end tests wait for this mark.
    Effect::new(move |_| mark_hydrated());
    // `/` focuses the page's search box (unless the person is typing somewhere).
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, focus_search_on_slash);
        on_cleanup(move || handle.remove());
    }

    view! {
        <Title formatter=|text: String| {
            if text.is_empty() { "Haloscope".to_string() } else { format!("{text} · Haloscope") }
        }/>
        <Router set_is_routing>
            <ProgressBar active=is_routing/>
            <FocusOnNavigate/>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <DemoBanner/>
            <Header/>
            <main id="main" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=OverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients") view=ClientListPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients/new") view=ClientFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id") view=ClientDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id/edit") view=ClientFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/clients/:id/delete") view=ClientDeletePage ssr=SsrMode::Async/>
                    <Route path=path!("/sites") view=SiteListPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/stock-bins") view=StockBinsPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/new") view=SiteFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/:id") view=SiteDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/:id/edit") view=SiteFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/sites/:id/delete") view=SiteDeletePage ssr=SsrMode::Async/>
                    <Route path=path!("/suppliers") view=SupplierListPage ssr=SsrMode::Async/>
                    <Route path=path!("/suppliers/new") view=SupplierFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/suppliers/:id") view=SupplierDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/suppliers/:id/edit") view=SupplierFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/suppliers/:id/delete") view=SupplierDeletePage ssr=SsrMode::Async/>
                    <Route path=path!("/organisations") view=OrganisationListPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisations/new") view=OrganisationFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisations/:id") view=OrganisationDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisations/:id/edit") view=OrganisationFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/organisations/:id/delete") view=OrganisationDeletePage ssr=SsrMode::Async/>
                    <Route path=path!("/services") view=ServiceListPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/new") view=ServiceFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id") view=ServiceDetailPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id/edit") view=ServiceFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/services/:id/delete") view=ServiceDeletePage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
fn focus_search_on_slash(ev: leptos::ev::KeyboardEvent) {
    use leptos::wasm_bindgen::JsCast;
    if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    let typing = document().active_element().is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.has_attribute("contenteditable")
    });
    if typing {
        return;
    }
    if let Ok(Some(el)) = document().query_selector("[data-search]") {
        if let Ok(input) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
            ev.prevent_default();
            let _ = input.focus();
        }
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
