//! One-time notices after a write ("Saved.", "Deleted “Acme”.") and a failed write's reason, read once
//! from the server-side session for the page they are addressed to (`functions::flash`). Never from the
//! URL: a link cannot put words in Haloscope's mouth. Shown as text (never HTML).

use crate::functions::flash::{take_notices, Notices};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The notices waiting for the current page (in the app's frame, above every page; each page view is a
/// server render of its own, so it reads them once).
#[component]
pub fn Flash() -> impl IntoView {
    let location = use_location();
    let notices = Resource::new(move || location.pathname.get(), take_notices);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { notices_view(notices.await.unwrap_or_default()) })}
        </Suspense>
    }
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
