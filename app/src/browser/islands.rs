//! Starting the islands a page holds. Leptos compiles each `#[island]` into an exported function of the
//! wasm module named by the island's `data-component`; the boot script hands us that module, and a page
//! swapped in by a client-side navigation has its new islands started the same way.

use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{js_sys, Element, HtmlElement};
use std::cell::RefCell;

thread_local! {
    /// The wasm module's exports (`import * as m`), as the boot script passed them.
    static MODULE: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
    /// The island being started, while its component runs.
    static HOST: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
}

/// A property (not an attribute: the markup stays what the server sent) set on a started island.
const STARTED: &str = "__haloscopeStarted";

/// Keeps the module whose exports start islands.
pub fn set_module(module: JsValue) {
    MODULE.with(|m| *m.borrow_mut() = module);
}

/// Starts every island under `root` not started yet. An island inside another island is started by its
/// parent's own hydration, so only outermost ones are called.
pub fn start_within(root: &Element) {
    let Ok(found) = root.query_selector_all("leptos-island") else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        let nested = el
            .parent_element()
            .and_then(|p| p.closest("leptos-island").ok().flatten())
            .is_some();
        if nested || started(&el) {
            continue;
        }
        start(&el);
    }
}

/// The `<leptos-island>` element whose component is running now; `None` outside an island's start. An
/// island that enhances the markup around it starts from here, at once: the page is already parsed, so it
/// needs no effect deferred until after hydration (a reactive effect's first run costs a first visit
/// several milliseconds of compiling and scheduling, measured in `docs/PERFORMANCE.md`).
pub fn host() -> Option<HtmlElement> {
    HOST.with(|h| h.borrow().clone())
}

/// Whether `el` (an island) runs already.
pub fn started(el: &Element) -> bool {
    js_sys::Reflect::get(el, &JsValue::from_str(STARTED)).is_ok_and(|v| v.is_truthy())
}

fn start(el: &HtmlElement) {
    let Some(name) = el.get_attribute("data-component") else {
        return;
    };
    let function = MODULE.with(|m| js_sys::Reflect::get(&m.borrow(), &JsValue::from_str(&name)));
    match function.map(|f| f.dyn_into::<js_sys::Function>()) {
        Ok(Ok(f)) => {
            let _ = js_sys::Reflect::set(el, &JsValue::from_str(STARTED), &JsValue::TRUE);
            HOST.with(|h| *h.borrow_mut() = Some(el.clone()));
            let started = f.call1(&JsValue::NULL, el);
            HOST.with(|h| *h.borrow_mut() = None);
            if let Err(e) = started {
                leptos::logging::error!("island {name} failed to start: {e:?}");
            }
        }
        _ => leptos::logging::warn!("no island called {name} in this build"),
    }
}
