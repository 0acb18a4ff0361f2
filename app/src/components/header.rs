//! The site header: product name and the main navigation.

use crate::components::shell_info::use_shell_info;
use crate::components::status_light::StatusLight;
use crate::entities::ALL;
use leptos::prelude::*;
use leptos_router::components::A;

/// Header with the navigation; the current section is marked with `aria-current="page"` by `<A>`.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Haloscope"</a>
            <nav aria-label="Main">
                <ul>
                    <li><A href="/" exact=true>"Overview"</A></li>
                    {ALL
                        .iter()
                        .map(|e| view! { <li><A href=e.list.href>{e.words.many_title}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
            <StatusLight/>
            <SignedInAs/>
        </header>
    }
}

/// The signed-in person and a "Sign out" button (a plain form POST: works without JavaScript).
#[component]
fn SignedInAs() -> impl IntoView {
    let info = use_shell_info();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                info.await.ok().and_then(|i| i.user).map(|name| view! {
                    <form class="signed-in" method="post" action="/logout">
                        <span class="who" title="Signed in">{name}</span>
                        <button type="submit" class="link-button">"Sign out"</button>
                    </form>
                })
            })}
        </Suspense>
    }
}
