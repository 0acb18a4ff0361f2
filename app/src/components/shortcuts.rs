//! Keyboard shortcuts, with JavaScript (the pages need none of them): `/` focuses the page's search box;
//! in a list `j` and `k` move to the next and previous row (the focus goes to the row's name link, so a
//! screen reader reads the record's name, the row is highlighted, and `Enter` opens it as any link does),
//! `x` ticks or clears the row's checkbox for bulk actions (a live region says what changed and how many
//! are selected), `e` edits the row, and `?` shows the list of shortcuts. A shift-click on a row's checkbox
//! ticks (or clears) every row between it and the one clicked before. None of them act while the person is typing in
//! a field or holds Ctrl, Alt or ⌘.

use leptos::prelude::*;

/// The shortcuts, as the dialog lists them: `(keys, what they do)`.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("/", "Search this page"),
    ("j", "Next row of a list"),
    ("k", "Previous row of a list"),
    ("Enter", "Open the row"),
    ("x", "Select the row (or clear it) for a bulk change"),
    ("e", "Edit the row"),
    ("?", "Show these shortcuts"),
];

/// The shortcuts: in the browser, the listeners for the keys and for shift-clicks on row checkboxes, and
/// the dialog listing the keys, written into this island's empty host when `?` first asks for it (closed by
/// `Esc` or its button). The keys do nothing without JavaScript, so no page carries the dialog for
/// nothing. One per page, outside `<main>`, so a client-side navigation keeps it running.
#[island]
pub fn Shortcuts() -> impl IntoView {
    listen();
    view! { <div id="shortcuts-host"></div> }
}

/// Listens for the shortcuts for as long as the calling component lives.
fn listen() {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::keydown, browser::on_key);
        let clicks = window_event_listener(leptos::ev::click, browser::on_click);
        on_cleanup(move || {
            handle.remove();
            clicks.remove();
        });
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{
        Element, HtmlAnchorElement, HtmlDialogElement, HtmlElement, HtmlInputElement,
    };

    /// The name links of the list's rows, in order.
    const ROW_LINKS: &str = "[data-testid=list-table] tbody tr td:first-child a";

    pub fn on_key(ev: leptos::ev::KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing() {
            return;
        }
        let done = match ev.key().as_str() {
            "/" => focus_search(),
            "j" => step(1),
            "k" => step(-1),
            "x" => toggle_current(),
            "e" => edit_current(),
            "?" => show_shortcuts(),
            _ => false,
        };
        if done {
            ev.prevent_default();
        }
    }

    thread_local! {
        /// The row checkbox clicked last (its value, the record id): where a shift-click's range starts.
        static LAST: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// A click on a row's checkbox; with Shift, every checkbox from the last one clicked to this one takes
    /// this one's new state.
    pub fn on_click(ev: leptos::ev::MouseEvent) {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if input.has_attribute("data-select-page") {
            for b in row_boxes() {
                b.set_checked(input.checked());
            }
            announce(&format!("{} selected.", selected()));
            return;
        }
        if !input.class_list().contains("row-select") {
            return;
        }
        let last = LAST.with(|l| l.replace(Some(input.value())));
        if let Some(last) = last.filter(|_| ev.shift_key()) {
            let boxes = row_boxes();
            let at = |v: &str| boxes.iter().position(|b| b.value() == v);
            if let (Some(a), Some(b)) = (at(&last), at(&input.value())) {
                for b in &boxes[a.min(b)..=a.max(b)] {
                    b.set_checked(input.checked());
                }
            }
        }
        follow_rows();
    }

    /// The rows' checkboxes, in order.
    fn row_boxes() -> Vec<HtmlInputElement> {
        document()
            .query_selector_all("input.row-select")
            .map(|l| {
                (0..l.length())
                    .filter_map(|i| l.item(i))
                    .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn selected() -> u32 {
        document()
            .query_selector_all("input.row-select:checked")
            .map(|l| l.length())
            .unwrap_or(0)
    }

    /// Says `words` in the selection's live region.
    fn announce(words: &str) {
        if let Some(status) = document().get_element_by_id("selection-status") {
            status.set_text_content(Some(words));
        }
    }

    /// The "all on this page" box shows the rows: ticked when all are, mixed when some are.
    fn follow_rows() {
        let Some(all) = document()
            .query_selector("input[data-select-page]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let (ticked, rows) = (selected() as usize, row_boxes().len());
        all.set_checked(rows > 0 && ticked == rows);
        all.set_indeterminate(ticked > 0 && ticked < rows);
    }

    /// Whether the focus is in a field that takes text (its keys are the person's, not shortcuts).
    fn typing() -> bool {
        document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
    }

    fn focus_search() -> bool {
        let found = document().query_selector("[data-search]").ok().flatten();
        match found.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            Some(input) => input.focus().is_ok(),
            None => false,
        }
    }

    fn row_links() -> Vec<HtmlAnchorElement> {
        let Ok(list) = document().query_selector_all(ROW_LINKS) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlAnchorElement>().ok())
            .collect()
    }

    /// The position of the row holding the focus, if any.
    fn current(links: &[HtmlAnchorElement]) -> Option<usize> {
        let active: Element = document().active_element()?;
        let row = active.closest("tr").ok().flatten()?;
        links
            .iter()
            .position(|a| a.closest("tr").ok().flatten().as_ref() == Some(&row))
    }

    /// Moves the focus `by` rows (the first row when none has it yet).
    fn step(by: isize) -> bool {
        let links = row_links();
        if links.is_empty() {
            return false;
        }
        let next = match current(&links) {
            Some(i) => i.saturating_add_signed(by).min(links.len() - 1),
            None if by > 0 => 0,
            None => links.len() - 1,
        };
        links[next].focus().is_ok()
    }

    /// Ticks or clears the focused row's checkbox and says so in the selection's live region.
    fn toggle_current() -> bool {
        let links = row_links();
        let Some(i) = current(&links) else {
            return false;
        };
        let input = links[i]
            .closest("tr")
            .ok()
            .flatten()
            .and_then(|row| row.query_selector("input.row-select").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
        let Some(input) = input else {
            return false;
        };
        input.set_checked(!input.checked());
        follow_rows();
        let selected = selected();
        let name = links[i].text_content().unwrap_or_default();
        let verb = if input.checked() {
            "Selected"
        } else {
            "Cleared"
        };
        announce(&format!("{verb} {name}. {selected} selected."));
        true
    }

    /// Opens the focused row's edit page (through the router, as a click on a link would).
    fn edit_current() -> bool {
        let links = row_links();
        let Some(i) = current(&links) else {
            return false;
        };
        let href = format!("{}/edit", links[i].pathname());
        let Ok(el) = document().create_element("a") else {
            return false;
        };
        let Ok(a) = el.dyn_into::<HtmlAnchorElement>() else {
            return false;
        };
        a.set_href(&href);
        a.set_hidden(true);
        let Some(main) = document().get_element_by_id("main") else {
            return false;
        };
        if main.append_child(&a).is_err() {
            return false;
        }
        a.click();
        a.remove();
        true
    }

    /// The dialog's frame: fixed words only (the keys are written as text below).
    const DIALOG: &str = "<h2 id=\"shortcuts-title\">Keyboard shortcuts</h2><dl></dl>\
        <form method=\"dialog\"><button type=\"submit\" class=\"button\">Close</button></form>";

    /// The shortcuts dialog, written into the island's host the first time it is asked for.
    fn dialog() -> Option<HtmlDialogElement> {
        let doc = document();
        if let Some(d) = doc.get_element_by_id("shortcuts") {
            return d.dyn_into().ok();
        }
        let host = doc.get_element_by_id("shortcuts-host")?;
        let dialog = doc.create_element("dialog").ok()?;
        dialog.set_id("shortcuts");
        dialog.set_class_name("shortcuts");
        dialog
            .set_attribute("aria-labelledby", "shortcuts-title")
            .ok()?;
        dialog.set_inner_html(DIALOG);
        let list = dialog.query_selector("dl").ok()??;
        for (keys, what) in super::SHORTCUTS {
            let row = doc.create_element("div").ok()?;
            let dt = doc.create_element("dt").ok()?;
            let kbd = doc.create_element("kbd").ok()?;
            let dd = doc.create_element("dd").ok()?;
            kbd.set_text_content(Some(keys));
            dd.set_text_content(Some(what));
            dt.append_child(&kbd).ok()?;
            row.append_child(&dt).ok()?;
            row.append_child(&dd).ok()?;
            list.append_child(&row).ok()?;
        }
        host.append_child(&dialog).ok()?;
        dialog.dyn_into().ok()
    }

    fn show_shortcuts() -> bool {
        match dialog() {
            Some(d) if !d.open() => d.show_modal().is_ok(),
            _ => false,
        }
    }
}
