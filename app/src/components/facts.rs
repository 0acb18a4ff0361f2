//! A detail page's key facts as a definition list; empty values are left out.

use leptos::prelude::*;

/// `<dl class="facts">` of the facts (label, value) that have a value; values are shown as text.
pub fn facts<L: Into<String>>(items: Vec<(L, Option<String>)>) -> impl IntoView {
    let items: Vec<(String, String)> = items
        .into_iter()
        .filter_map(|(l, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (l.into(), v)))
        .collect();
    view! {
        <dl class="facts">
            {items
                .into_iter()
                .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                .collect_view()}
        </dl>
    }
}

/// A number as text, when there is one.
pub fn num(n: Option<i32>) -> Option<String> {
    n.map(|n| n.to_string())
}

/// Whether `u` may be a link: http(s) only (never `javascript:` or `data:`).
pub fn is_web_address(u: &str) -> bool {
    u.starts_with("https://") || u.starts_with("http://")
}

/// An external link only for http(s) addresses; anything else is shown as text. It opens in the same tab
/// (no surprise window; back returns to the page), and the `Referrer-Policy: same-origin` header keeps
/// Haloscope's addresses from the site it leads to.
pub fn web_link(url: Option<String>) -> AnyView {
    match url {
        Some(u) if is_web_address(&u) => {
            let text = u.clone();
            view! { <a href=u>{text}</a> }.into_any()
        }
        Some(u) => view! { <span>{u}</span> }.into_any(),
        None => ().into_any(),
    }
}
