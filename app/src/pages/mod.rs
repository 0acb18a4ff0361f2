//! The generic pages: each takes an entity descriptor and works for every entity. [`EntityRoutes`] builds
//! the route table's entity part from the registry; the lists ([`list`]) and the record pages
//! ([`detail`]) are routed by the server.

pub mod delete;
#[cfg(feature = "ssr")]
pub mod detail;
pub mod form;
#[cfg(feature = "ssr")]
pub mod list;
#[cfg(feature = "ssr")]
pub mod overview;

#[cfg(all(test, feature = "ssr"))]
mod drawn_once;

use crate::entities::{Entity, ALL};
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::{NestedRoute, ParamSegment, SsrMode, StaticSegment};

/// The Leptos routes of every registered entity: `new`, `edit` and `delete` (its lists and its record page
/// are drawn by the server). Data pages render completely on the server (`SsrMode::Async`), so they work without JavaScript.
#[component(transparent)]
pub fn EntityRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    let mut routes = Vec::new();
    for &e in ALL {
        routes.extend(routes_of(e));
    }
    StaticVec::from(routes)
}

/// A data page's route, rendered completely on the server before it is sent (`SsrMode::Async`), so it
/// works without JavaScript.
fn async_page<Segments, View>(route: NestedRoute<Segments, (), (), View>) -> AnyNestedRoute
where
    NestedRoute<Segments, (), (), View>: IntoAnyNestedRoute,
{
    route.ssr_mode(SsrMode::Async).into_any_nested_route()
}

fn routes_of(e: &'static Entity) -> Vec<AnyNestedRoute> {
    // the lists and the record page are not Leptos routes: the server draws them itself (`list`, `detail`)
    let base = StaticSegment(e.path);
    let id = ParamSegment("id");
    let form = move || view! { <form::RecordFormPage entity=e/> };
    vec![
        async_page(NestedRoute::new((base, StaticSegment("new")), form)),
        async_page(NestedRoute::new((base, id, StaticSegment("edit")), form)),
        async_page(NestedRoute::new(
            (base, id, StaticSegment("delete")),
            move || {
                view! { <delete::RecordDeletePage entity=e/> }
            },
        )),
    ]
}
