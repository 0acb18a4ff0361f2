//! Puts a page the server sent in place of the one shown. Everything in `<body>` is replaced by the new
//! markup, freshly parsed, so the page equals a fresh load of its URL — attributes, text and form controls'
//! values included — with three things kept from the old page:
//!
//! - the frame's islands already running (outside `<main>`) whose new copy is the same island with the
//!   same props: the status light keeps its state and its one poll timer. A page's own islands (in
//!   `<main>`) start anew with their page, since they enhance the markup around them, which is new;
//! - the form control being typed in (the search box as you type), with its caret, when the new page has
//!   the same control: it takes the new page's attributes but keeps what the person has typed since;
//! - the navigation progress bar.

use super::islands;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{
    Document, DomParser, Element, HtmlElement, HtmlInputElement, Node, SupportedType,
};

/// Why a page could not be swapped in (the caller then loads it the browser's way).
#[derive(Debug)]
pub struct NotSwapped;

/// Replaces the shown page with `html` (a whole document).
pub fn page(html: &str) -> Result<(), NotSwapped> {
    let parser = DomParser::new().map_err(|_| NotSwapped)?;
    let new_doc = parser
        .parse_from_string(html, SupportedType::TextHtml)
        .map_err(|_| NotSwapped)?;
    let new_body = new_doc.body().ok_or(NotSwapped)?;
    let doc = document();
    let body = doc.body().ok_or(NotSwapped)?;
    doc.set_title(&new_doc.title());
    inert_noscript(&new_body);

    keep_running_islands(&body, &new_body);
    let typing = keep_typed_control(&doc, &new_doc);
    let bar = super::progress::element();

    while let Some(child) = body.first_child() {
        let _ = body.remove_child(&child);
    }
    while let Some(child) = new_body.first_child() {
        let adopted = doc.adopt_node(&child).map_err(|_| NotSwapped)?;
        let _ = body.append_child(&adopted);
    }
    if let Some(bar) = bar {
        let _ = body.prepend_with_node_1(&bar);
    }
    if let Some(kept) = typing {
        kept.restore();
    }
    Ok(())
}

/// `DOMParser` parses without scripting, so a `<noscript>`'s content became live elements (a no-JavaScript
/// `<meta http-equiv="refresh">` would fire); a browser with scripting keeps that content as text, and so
/// does the page swapped in.
fn inert_noscript(body: &HtmlElement) {
    let Ok(all) = body.query_selector_all("noscript") else {
        return;
    };
    for i in 0..all.length() {
        if let Some(el) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let markup = el.inner_html();
            el.set_text_content(Some(&markup));
        }
    }
}

/// Moves each running island of `old`'s frame into `new` in place of its twin (same island, same props,
/// the first of its kind not matched yet).
fn keep_running_islands(old: &HtmlElement, new: &HtmlElement) {
    const FRAME_ISLANDS: &str = "leptos-island:not(main leptos-island)";
    let (Ok(olds), Ok(news)) = (
        old.query_selector_all(FRAME_ISLANDS),
        new.query_selector_all(FRAME_ISLANDS),
    ) else {
        return;
    };
    let news: Vec<Element> = (0..news.length())
        .filter_map(|i| news.item(i)?.dyn_into().ok())
        .collect();
    let mut used = vec![false; news.len()];
    for i in 0..olds.length() {
        let Some(running) = olds.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if !islands::started(&running) {
            continue;
        }
        let twin = news
            .iter()
            .enumerate()
            .find(|(j, n)| !used[*j] && same_island(&running, n));
        if let Some((j, twin)) = twin {
            used[j] = true;
            let _ = twin.replace_with_with_node_1(&running);
        }
    }
}

fn same_island(a: &Element, b: &Element) -> bool {
    a.get_attribute("data-component") == b.get_attribute("data-component")
        && a.get_attribute("data-props") == b.get_attribute("data-props")
}

/// The control being typed in, moved into the new page in place of its twin.
struct Typing {
    el: HtmlElement,
    selection: Option<(u32, u32)>,
}

impl Typing {
    /// Gives the control its focus and caret back (moving it took them).
    fn restore(&self) {
        let _ = self.el.focus();
        if let (Some((start, end)), Some(input)) =
            (self.selection, self.el.dyn_ref::<HtmlInputElement>())
        {
            let _ = input.set_selection_range(start, end);
        }
    }
}

fn keep_typed_control(doc: &Document, new_doc: &Document) -> Option<Typing> {
    let el: HtmlElement = doc.active_element()?.dyn_into().ok()?;
    let kind = el.tag_name();
    let text_input = el
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(|i| matches!(i.type_().as_str(), "search" | "text"));
    if !(text_input || kind == "TEXTAREA") {
        return None;
    }
    let twin = twin_of(&el, new_doc)?;
    if twin.tag_name() != kind {
        return None;
    }
    let selection = el
        .dyn_ref::<HtmlInputElement>()
        .and_then(|i| Some((i.selection_start().ok()??, i.selection_end().ok()??)));
    copy_attributes(&twin, &el);
    let node: &Node = el.as_ref();
    twin.replace_with_with_node_1(node).ok()?;
    Some(Typing { el, selection })
}

/// The control of the new page that is `el`'s: the same id, else the same name in a form with the same
/// action.
fn twin_of(el: &Element, new_doc: &Document) -> Option<Element> {
    if !el.id().is_empty() {
        return new_doc.get_element_by_id(&el.id());
    }
    let name = el.get_attribute("name")?;
    let action = |e: &Element| {
        e.closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.get_attribute("action"))
    };
    let all = new_doc.get_elements_by_name(&name);
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<Element>().ok())
        .find(|e| action(e) == action(el))
}

/// Makes `to`'s attributes exactly `from`'s (its typed value, a property, is left alone).
fn copy_attributes(from: &Element, to: &Element) {
    let old = to.get_attribute_names();
    for i in 0..old.length() {
        if let Some(name) = old.get(i).as_string() {
            if !from.has_attribute(&name) {
                let _ = to.remove_attribute(&name);
            }
        }
    }
    let new = from.get_attribute_names();
    for i in 0..new.length() {
        if let Some(name) = new.get(i).as_string() {
            let value = from.get_attribute(&name).unwrap_or_default();
            let _ = to.set_attribute(&name, &value);
        }
    }
}
