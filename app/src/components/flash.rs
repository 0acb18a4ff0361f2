//! One-time notices after a write ("Saved.", "Deleted “Acme”.") and a failed write's reason, read once
//! from the server-side session for the page they are addressed to (`functions::flash`). Never from the
//! URL: a link cannot put words in Haloscope's mouth. Shown as text (never HTML).

use crate::components::writes::write_count;
use crate::functions::flash::{take_notices, Notices};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The notices waiting for the current page (mounted once, in the app's frame, above every page).
#[component]
pub fn Flash() -> impl IntoView {
    let location = use_location();
    let writes = write_count();
    let notices = Resource::new(
        move || (location.pathname.get(), writes.get()),
        |(path, _)| take_notices(path),
    );
    // Messages are read once, so a refetch on the same page (after a write elsewhere on it) usually finds
    // none: what was shown stays until the page changes or new messages arrive.
    let shown: StoredValue<Option<(String, Notices)>> = StoredValue::new(None);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let path = location.pathname.get_untracked();
                let fresh = notices.await.unwrap_or_default();
                let current = if fresh == Notices::default() {
                    shown
                        .get_value()
                        .filter(|(p, _)| *p == path)
                        .map(|(_, n)| n)
                        .unwrap_or_default()
                } else {
                    shown.set_value(Some((path, fresh.clone())));
                    fresh
                };
                notices_view(current)
            })}
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
