//! One-time notices after a write ("Saved.", "Deleted “Acme”.") and a failed write's reason, read once
//! from the server-side session for the page they are addressed to (`functions::flash`). Never from the
//! URL: a link cannot put words in Haloscope's mouth. Shown as text (never HTML).

use crate::functions::flash::Notices;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

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
    notices_view(notices)
}

fn notices_view(n: Notices) -> AnyView {
    let Notices { notes, error } = n;
    view! {
        {(!notes.is_empty()).then(|| view! {
            <div role="status" data-testid="flash">
                <ul class="notices flash">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        })}
        {error.map(|e| view! {
            <div class="error-panel" role="alert" data-testid="flash-error"><p>{e}</p></div>
        })}
    }
    .into_any()
}
