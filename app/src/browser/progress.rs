//! The thin bar at the top of the window while a client-side navigation waits for the next page. It is not
//! part of the server's HTML (a page that never navigates on the client has no use for it): it is made on
//! the first navigation and kept across the pages swapped in.

use leptos::prelude::*;
use leptos::web_sys::Element;

const ID: &str = "route-progress";

fn bar() -> Option<Element> {
    let doc = document();
    if let Some(bar) = doc.get_element_by_id(ID) {
        return Some(bar);
    }
    let bar = doc.create_element("div").ok()?;
    bar.set_id(ID);
    bar.set_class_name("route-progress");
    let _ = bar.set_attribute("role", "progressbar");
    let _ = bar.set_attribute("aria-label", "Loading page");
    let _ = bar.set_attribute("aria-hidden", "true");
    doc.body()?.prepend_with_node_1(&bar).ok()?;
    Some(bar)
}

/// Shows the bar (animated towards the end while the page loads).
pub fn show() {
    if let Some(bar) = bar() {
        let _ = bar.class_list().add_1("active");
        let _ = bar.set_attribute("aria-hidden", "false");
    }
}

/// Hides the bar.
pub fn hide() {
    if let Some(bar) = bar() {
        let _ = bar.class_list().remove_1("active");
        let _ = bar.set_attribute("aria-hidden", "true");
    }
}

/// The bar, to keep it when the body's content is swapped.
pub fn element() -> Option<Element> {
    document().get_element_by_id(ID)
}
