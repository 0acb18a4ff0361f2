//! The root component: frame (banner, header, shortcuts) and the route table.

use crate::components::{demo_banner::DemoBanner, header::Header};
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The application, rendered on the server only (islands mode): data pages render completely
/// (`SsrMode::Async`), so they work without JavaScript; in the browser only the islands start, and
/// `browser::navigate` moves between pages by fetching them.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let info = crate::components::shell_info::shell_info();

    view! {
        <Title formatter=title_text/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <DemoBanner demo=info.demo/>
            <Header user=info.user/>
            <main id="main" class="page">
                // one place for every page's one-time messages
                <crate::components::flash::Flash/>
                <Routes fallback=NotFound>
                    <Route path=path!("/activity") view=crate::routes::activity::ActivityPage ssr=SsrMode::Async/>
                    <Route path=path!("/data-health") view=crate::routes::data_health::DataHealthPage ssr=SsrMode::Async/>
                    <Route path=path!("/data-health/compare") view=crate::routes::compare::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/bulk") view=crate::routes::bulk::BulkPage ssr=SsrMode::Async/>
                    <Route path=path!("/jobs") view=crate::routes::jobs::JobsPage ssr=SsrMode::Async/>
                    <Route path=path!("/jobs/:id") view=crate::routes::jobs::JobPage ssr=SsrMode::Async/>
                    <crate::pages::EntityRoutes/>
                </Routes>
                // the first paint's cue (`shell::MAIN_END`; server/tests/drawn_pages.rs checks every page)
                <span id="main-end"></span>
            </main>
            // `/`, and in lists `j`, `k`, `x`, `e` and `?` (unless the person is typing somewhere)
            <crate::components::shortcuts::Shortcuts/>
        </Router>
    }
}

/// A page's `<title>`: the page's own title, then the product's name.
pub fn full_title(text: &str) -> String {
    if text.is_empty() {
        "Haloscope".to_string()
    } else {
        format!("{text} · Haloscope")
    }
}

/// The text Leptos's meta context writes into the server's `<title>`: [`full_title`], escaped. leptos_meta
/// writes that text into the page as it is, so a record named `</title><meta http-equiv="refresh" …>`
/// would otherwise add tags of its choosing to the page's head (its edit and delete pages are titled with
/// its name). In the browser the text goes to `document.title`, which takes it as text.
fn title_text(text: String) -> String {
    let full = full_title(&text);
    if cfg!(feature = "ssr") {
        maud::html! { (full) }.into_string()
    } else {
        full
    }
}
