//! Where the keyboard focus goes when the router changes the page in the browser (a full page load needs
//! nothing: the browser starts at the top, and a form's first error has `autofocus`).
//!
//! - Another page (the path changed): the new page's main heading, or its first error when it shows one
//!   (a form sent back with problems, a record that could not be loaded).
//! - The same page with another query (paging, sorting, a form round trip): focus stays where it is
//!   unless the re-render removed the focused control; then it goes to the first error, else to the
//!   control with the same words (the new "Next ›", page "3", the "Name" header), else to the table,
//!   else to the heading. An error that appears (a form sent back) is focused in any case, unless the
//!   person is typing in a field.
//!
//! The new content arrives when its data has loaded, so the page is looked at every 50 ms for 5 s after
//! the change or after a form is sent (a newer one ends the watch). Typing in the search box never loses focus: the toolbar
//! is not re-rendered, and focus that is still on the page is never moved, except to a new form error.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Mount once inside the `<Router>`.
#[component]
pub fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    // A form sent in the page may come back in place with its errors (no change of URL): watch from
    // the moment it is sent, too.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::submit, |_| browser::watch(false));
        on_cleanup(move || handle.remove());
    }
    Effect::new(move |prev: Option<(String, String)>| {
        let now = (location.pathname.get(), location.search.get());
        if let Some(prev) = prev {
            if prev != now {
                #[cfg(feature = "hydrate")]
                browser::watch(prev.0 != now.0);
            }
        }
        now
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlElement};
    use std::cell::Cell;
    use std::time::Duration;

    thread_local! {
        /// The current watch; a navigation starts a new one and the older one stops at its next look.
        static WATCH: Cell<u32> = const { Cell::new(0) };
    }
    const EVERY: Duration = Duration::from_millis(50);
    const LOOKS: u32 = 100;
    const HEADING: &str = "main h1";
    /// The first field the server marked invalid (its message is tied to it), else an error message.
    const ERRORS: [&str; 2] = [
        r#"main [aria-invalid="true"]"#,
        r#"main .error-panel[role="alert"]"#,
    ];

    /// The page as it was when the URL changed.
    struct Before {
        page_changed: bool,
        heading: Option<Element>,
        error: Option<Element>,
        /// The words of the focused control (sort arrows left out).
        words: String,
    }

    pub fn watch(page_changed: bool) {
        let id = WATCH.with(|w| {
            w.set(w.get().wrapping_add(1));
            w.get()
        });
        let before = Before {
            page_changed,
            heading: find(HEADING),
            error: first_error(),
            words: document()
                .active_element()
                .map(|e| words(&e))
                .unwrap_or_default(),
        };
        look(id, before, 0, Placed::default());
    }

    /// What this watch has done so far.
    #[derive(Clone, Copy, Default)]
    struct Placed {
        /// The focus was put somewhere for this change.
        any: bool,
        /// It was put on an error that appeared (once: the person may move on from it).
        error: bool,
    }

    fn look(id: u32, before: Before, n: u32, placed: Placed) {
        if WATCH.with(Cell::get) != id || n > LOOKS {
            return;
        }
        let placed = place(&before, placed);
        set_timeout(move || look(id, before, n + 1, placed), EVERY);
    }

    /// One look at the page. An error that appears wins, even over a heading focused while the data
    /// was still loading.
    fn place(before: &Before, placed: Placed) -> Placed {
        let error = first_error();
        let new_error = error.is_some() && error != before.error;
        if !placed.error && new_error && !typing() {
            focus(error);
            return Placed {
                any: true,
                error: true,
            };
        }
        let done = Placed {
            any: true,
            ..placed
        };
        if !placed.any && before.page_changed {
            let heading = find(HEADING);
            if heading.is_some() && heading != before.heading {
                focus(heading);
                return done;
            }
            return placed;
        }
        if focus_lost() {
            let target = error
                .or_else(|| same_words(&before.words))
                .or_else(|| find("main .table-wrap"))
                .or_else(|| find(HEADING));
            if target.is_some() {
                focus(target);
                return done;
            }
        }
        placed
    }

    fn first_error() -> Option<Element> {
        ERRORS.into_iter().find_map(find)
    }

    fn find(selector: &str) -> Option<Element> {
        document().query_selector(selector).ok().flatten()
    }

    /// The person is in a text field or a choice that is still on the page (searching as they type).
    fn typing() -> bool {
        document().active_element().is_some_and(|el| {
            el.is_connected() && matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
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

    /// Focuses `el`, making a heading or message focusable by script first.
    fn focus(el: Option<Element>) {
        let Some(el) = el else { return };
        let focusable = matches!(
            el.tag_name().as_str(),
            "A" | "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA"
        ) || el.has_attribute("tabindex");
        if !focusable {
            let _ = el.set_attribute("tabindex", "-1");
        }
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}
