//! Where the keyboard focus goes after a client-side navigation, and after a form's round trip (POST forms
//! are the browser's own: the answer is a full page load, where a form's first error has `autofocus` and
//! a write's message puts the focus on the page's heading). The new page is already in place when this
//! runs, so one look decides:
//!
//! - Another page (the path changed): its first error when it shows one, else its main heading.
//! - The same page with another query (paging, sorting, filtering): focus stays where it is when the
//!   focused control was kept (the search box being typed in); otherwise it goes to the first error,
//!   else to the control with the same words (the new "Next ›", page "3", the "Name" header), else to the
//!   table, else to the heading.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Element, HtmlElement};

const HEADING: &str = "main h1";
/// The first field the server marked invalid (its message is tied to it), else an error message.
const ERRORS: [&str; 2] = [
    r#"main [aria-invalid="true"]"#,
    r#"main .error-panel[role="alert"]"#,
];

/// What was focused before the page changed: its words, to find its twin on the new page.
pub fn words_of_focused() -> String {
    document()
        .active_element()
        .map(|e| words(&e))
        .unwrap_or_default()
}

/// Places the focus on the page just swapped in; `page_changed`: the path changed, not only the query.
pub fn place(page_changed: bool, before: &str) {
    let error = ERRORS.into_iter().find_map(find);
    if page_changed {
        focus(error.or_else(|| find(HEADING)));
        return;
    }
    if focus_lost() {
        let target = error
            .or_else(|| same_words(before))
            .or_else(|| find("main .table-wrap"))
            .or_else(|| find(HEADING));
        focus(target);
    }
}

/// A page loaded after a form's round trip (a write answered with a one-time message, or a form sent
/// back): the keyboard starts at its first error, else its heading — as after a client-side change of
/// page — unless something (a field's `autofocus`) has the focus already.
pub fn after_round_trip() {
    let message = find("main .flash").or_else(|| find(r#"main [data-testid="flash-error"]"#));
    if message.is_some() && focus_lost() {
        place(true, "");
    }
}

fn find(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

/// Nothing has focus, or what had it is gone from the page.
fn focus_lost() -> bool {
    match document().active_element() {
        None => true,
        Some(el) => !el.is_connected() || el.tag_name() == "BODY",
    }
}

fn words(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .trim()
        .trim_end_matches(['▲', '▼'])
        .trim()
        .to_string()
}

/// The first link or button in the main area with these words.
fn same_words(wanted: &str) -> Option<Element> {
    if wanted.is_empty() {
        return None;
    }
    let main = find("main")?;
    ["a", "button"].into_iter().find_map(|tag| {
        let all = main.get_elements_by_tag_name(tag);
        (0..all.length())
            .filter_map(|i| all.item(i))
            .find(|el| words(el) == wanted)
    })
}

/// Focuses `el`, making a heading or message focusable by script for as long as it has the focus (so
/// the page goes back to being what the server sent once the person moves on).
fn focus(el: Option<Element>) {
    let Some(el) = el else { return };
    let focusable = matches!(
        el.tag_name().as_str(),
        "A" | "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA"
    ) || el.has_attribute("tabindex");
    let Ok(el) = el.dyn_into::<HtmlElement>() else {
        return;
    };
    if !focusable {
        let _ = el.set_attribute("tabindex", "-1");
        let again = el.clone();
        let drop_tabindex = leptos::wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = again.remove_attribute("tabindex");
        });
        let once = leptos::web_sys::AddEventListenerOptions::new();
        once.set_once(true);
        let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
            "blur",
            drop_tabindex.unchecked_ref(),
            &once,
        );
    }
    let _ = el.focus();
}
