//! One-time notices after a write ("Saved.", "Deleted “Acme”.") and a failed write's reason, read once
//! from the server-side session for the page they are addressed to (`functions::flash`). Never from the
//! URL: a link cannot put words in Haloscope's mouth. Shown as text (never HTML).

use crate::functions::flash::Notices;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_router::hooks::use_location;
use maud::{html, Markup};

/// The notices waiting for the current page (in the app's frame, above every page; each page view is a
/// server render of its own, so it reads them once). Read directly, not through a resource: the frame is
/// server-only, and the read is a lookup in memory (loaded from Redis before the request with replicas).
#[component]
pub fn Flash() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    #[cfg(feature = "ssr")]
    let notices = crate::functions::flash::ssr::take(&path);
    #[cfg(not(feature = "ssr"))]
    let notices = {
        let _ = path;
        Notices::default()
    };
    InertElement::new(markup(&notices).into_string())
}

/// The notices' markup (nothing when there are none): the Leptos frame and the pages drawn without it
/// (`crate::shell::document`) both write this. Text only: every message is escaped.
pub fn markup(n: &Notices) -> Markup {
    html! {
        @if !n.notes.is_empty() {
            div role="status" data-testid="flash" {
                ul class="notices flash" { @for note in &n.notes { li { (note) } } }
            }
        }
        @if let Some(e) = &n.error {
            div class="error-panel" role="alert" data-testid="flash-error" { p { (e) } }
        }
    }
}
