//! What runs in the browser besides the islands themselves: starting the islands, client-side navigation
//! between server-rendered pages, where the focus goes after it, its progress bar, and the "interactive"
//! mark. Only compiled into the wasm (`hydrate`).

mod focus;
mod islands;
mod mark;
mod navigate;
mod progress;
mod swap;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsValue;

/// Starts the page: the islands in it (`module`: the wasm module's exports, whose functions start them),
/// then client-side navigation; marks the page interactive when all have started. The boot script is
/// `async` (`app::shell`), so the wasm can be ready before the document is parsed: then this waits for
/// the rest of the document, where islands may be.
pub fn start(module: JsValue) {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    if document().ready_state() == "loading" {
        let go = Closure::once_into_js(move || start_parsed(module));
        let _ = window().add_event_listener_with_callback("DOMContentLoaded", go.unchecked_ref());
        return;
    }
    start_parsed(module);
}

fn start_parsed(module: JsValue) {
    // what only works with JavaScript (`.js-only` in style/main.css) shows from now on
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("js");
    }
    declare_hydration_tables();
    leptos::mount::hydrate_islands();
    islands::set_module(module);
    if let Some(body) = document().body() {
        islands::start_within(&body);
    }
    navigate::listen();
    focus::after_round_trip();
    mark::set();
}

/// The tables Leptos's hydration reads (lazily) when an island holds a resource, an error boundary or a
/// suspended part. The server leaves them off a page when they are empty (`server/src/page_tail.rs`), which
/// in islands mode they always are; declared empty here, reading them finds nothing rather than failing.
fn declare_hydration_tables() {
    use leptos::web_sys::js_sys::{Array, Reflect};
    let global = leptos::web_sys::js_sys::global();
    for name in [
        "__RESOLVED_RESOURCES",
        "__SERIALIZED_ERRORS",
        "__PENDING_RESOURCES",
        "__RESOURCE_RESOLVERS",
        "__INCOMPLETE_CHUNKS",
    ] {
        let key = JsValue::from_str(name);
        if Reflect::get(&global, &key).is_ok_and(|v| v.is_undefined()) {
            let _ = Reflect::set(&global, &key, &Array::new());
        }
    }
}

/// The island starting now (see [`islands::host`]).
pub fn island_host() -> Option<leptos::web_sys::HtmlElement> {
    islands::host()
}

/// How many times the person has moved to another page in this tab (links, forms, back and forward).
pub fn moves() -> u32 {
    navigate::moves()
}

/// Fetches the page shown and swaps it in where it is (a page of work in progress showing itself again).
pub fn refresh_in_place() {
    navigate::refresh();
}
