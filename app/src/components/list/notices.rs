//! Notices about values the server clamped (e.g. a page size over 100).

use leptos::prelude::*;

/// A polite note per clamped value.
#[component]
pub fn Notices(notices: Vec<String>) -> impl IntoView {
    (!notices.is_empty()).then(|| {
        view! {
            <div role="status" data-testid="notices">
                <ul class="notices">
                    {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}
