//! The site header: product name and the main navigation.

use crate::components::status_light::StatusLight;
use leptos::prelude::*;
use leptos_router::components::A;

/// One entry of the main navigation.
struct NavItem {
    href: &'static str,
    label: &'static str,
}

const NAV: &[NavItem] = &[
    NavItem {
        href: "/",
        label: "Overview",
    },
    NavItem {
        href: "/clients",
        label: "Clients",
    },
    NavItem {
        href: "/sites",
        label: "Sites",
    },
    NavItem {
        href: "/suppliers",
        label: "Companies",
    },
    NavItem {
        href: "/organisations",
        label: "Organisations",
    },
    NavItem {
        href: "/services",
        label: "Services",
    },
];

/// Header with the navigation; the current section is marked with `aria-current="page"` by `<A>`.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Haloscope"</a>
            <nav aria-label="Main">
                <ul>
                    {NAV
                        .iter()
                        .map(|item| {
                            view! {
                                <li>
                                    <A href=item.href exact=item.href == "/">{item.label}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <StatusLight/>
        </header>
    }
}
