//! The site header: product name, the main navigation, the status light and who is signed in.

use crate::components::status_light::StatusLight;
use crate::entities::ALL;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use leptos_router::hooks::use_location;
use maud::{html, Markup, PreEscaped};

/// Header with the navigation; the current section's link carries `aria-current="page"`.
///
/// Rendered on the server only (islands mode): plain links, marked once from the request's path, cost
/// a fraction of the router's `<A>`, which sets up reactive state per link to follow a location that
/// never changes during a server render.
#[component]
pub fn Header(
    /// The signed-in person's name (none on pages a gate let through without a session).
    user: Option<String>,
) -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    view! {
        {InertElement::new(head_html(&path).into_string())}
        <StatusLight/>
        {InertElement::new(tail_html(user.as_deref()).into_string())}
    }
}

/// The header up to the status light, its one island: one compiled template (`maud`), written by the
/// Leptos frame and by the pages drawn without it (`crate::shell::document`) alike. `path` marks the
/// current section.
pub fn head_html(path: &str) -> Markup {
    let link = |href: &'static str, text: &'static str, exact: bool| {
        let here = is_current(href, path, exact).then_some("page");
        html! { li { a href=(href) aria-current=[here] { (text) } } }
    };
    html! {
        (PreEscaped("<header class=\"site-header\">"))
        a class="brand" href="/" { "Haloscope" }
        nav aria-label="Main" {
            ul {
                (link("/", "Overview", true))
                @for e in ALL { (link(e.list.href, e.words.many_title, false)) }
            }
        }
    }
}

/// The header after the status light: who is signed in (none on pages a gate let through without a
/// session) and the header's end.
pub fn tail_html(user: Option<&str>) -> Markup {
    html! {
        @if let Some(name) = user { (signed_in_as(name)) }
        (PreEscaped("</header>"))
    }
}

/// Whether the navigation link `href` names the section of page `path`: with `exact`, the same path;
/// otherwise that path or a page under it (`/clients` for `/clients/` and `/clients/7/edit`, not for
/// `/clientsx`), as the router's `<A>` decides.
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    if exact {
        return path == href;
    }
    let href = href.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    path == href
        || path
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The signed-in person and a "Sign out" button (a plain form POST: works without JavaScript).
fn signed_in_as(name: &str) -> Markup {
    html! {
        form method="post" action="/logout" class="signed-in" {
            span title="Signed in" class="who" { (name) }
            button type="submit" class="link-button" { "Sign out" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn a_section_is_current_on_its_own_pages_only() {
        assert!(is_current("/clients", "/clients", false));
        assert!(is_current("/clients", "/clients/7/edit", false));
        assert!(is_current("/clients", "/clients/", false));
        assert!(!is_current("/clients", "/clientsx", false));
        assert!(!is_current("/clients", "/sites", false));
        assert!(!is_current("/clients", "/", false));
    }

    #[test]
    fn the_overview_is_current_on_the_overview_only() {
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "//", true));
        assert!(!is_current("/", "/clients", true));
        assert!(!is_current("/", "/activity", true));
    }
}
