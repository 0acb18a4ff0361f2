//! One-time notices after a write, carried in the URL the write redirected to (`?saved=1`,
//! `?deleted=<name>`, …) and an `?error=` a failed write came back with. Shown as text (never HTML).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The flash parameters of a URL, as one value: a detail page keys its data on it, so a write that
/// returns to the same page (a note added, a popup read, an unsubscribe) reloads the record even when the
/// browser's router keeps the page mounted.
pub fn write_marker(q: &leptos_router::params::ParamsMap) -> String {
    ["saved", "noted", "read", "unsubscribed"]
        .iter()
        .filter_map(|k| q.get(k).map(|v| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join("&")
}

/// The notices for the current URL's flash parameters.
#[component]
pub fn Flash() -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let mut notes: Vec<String> = Vec::new();
        if q.get("saved").is_some() {
            notes.push("Saved.".into());
        }
        if let Some(name) = q.get("deleted") {
            let name: String = name.chars().take(200).collect();
            notes.push(format!("Deleted \u{201c}{name}\u{201d}."));
        }
        if q.get("unsubscribed").is_some() {
            notes.push("You are unsubscribed from this service.".into());
        }
        if q.get("noted").is_some() {
            notes.push("CRM note added.".into());
        }
        if q.get("read").is_some() {
            notes.push("Popup note marked read.".into());
        }
        let error: Option<String> = q.get("error").map(|e| e.chars().take(500).collect());
        view! {
            {(!notes.is_empty()).then(|| view! {
                <ul class="notices flash" role="status" data-testid="flash">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            })}
            {error.map(|e| view! {
                <div class="error-panel" role="alert" data-testid="flash-error"><p>{e}</p></div>
            })}
        }
    }
}
