//! Client-side navigation between the server's pages: a click on a link to another page of Haloscope, a
//! GET form's submission (search, filters, sort, page size) and the back and forward buttons fetch the next
//! page's HTML with one request and swap it in (`swap`), so islands that stay keep running and the wasm is
//! not started again. POST forms are left to the browser: they work as they do without JavaScript.
//!
//! Anything else — another site, a download, `/_sim`, a server function, an answer that is not HTML, a
//! failed request — is left to the browser's own navigation.

use super::{focus, islands, mark, progress, swap};
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    Element, FormData, HtmlAnchorElement, HtmlFormElement, MouseEvent, SubmitEvent, Url,
    UrlSearchParams,
};
use std::cell::{Cell, RefCell};

thread_local! {
    /// The newest navigation: an older one's answer arriving late is dropped.
    static LATEST: Cell<u32> = const { Cell::new(0) };
    /// How many times the person has moved (a link, a form, back or forward; not a page refreshing
    /// itself): a search waiting for typing to pause is dropped when they moved meanwhile.
    static MOVES: Cell<u32> = const { Cell::new(0) };
    /// Whether the newest navigation is a person's move still loading: a page of work in progress does
    /// not show itself again meanwhile (that would drop the move, being newer).
    static MOVING: Cell<bool> = const { Cell::new(false) };
    /// The path and query of the page shown (by the time `popstate` fires, the location is already the
    /// entry gone back to).
    static SHOWN: RefCell<String> = RefCell::new(here());
}

/// The location's path and query.
fn here() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    )
}

fn path_of(path_and_query: &str) -> &str {
    path_and_query.split('?').next().unwrap_or_default()
}

/// Paths that are not pages of the app: downloads, endpoints, sign-in and the demo simulator.
const NOT_PAGES: &[&str] = &[
    "/_sim", "/api/", "/export/", "/auth/", "/login", "/logout", "/pkg/", "/metrics", "/healthz",
    "/readyz",
];

/// How a navigation touches the history.
#[derive(Clone, Copy, PartialEq, Eq)]
enum How {
    /// A link or form: a new history entry.
    Push,
    /// Back or forward: the entry exists already.
    Restore,
    /// The page shown, again (work in progress): no history entry, no progress bar.
    Refresh,
}

/// How many times the person has moved to another page so far (see `MOVES`).
pub fn moves() -> u32 {
    MOVES.with(Cell::get)
}

/// Shows the page shown again, in place, unless the person is already on the way elsewhere.
pub fn refresh() {
    if MOVING.with(Cell::get) {
        return;
    }
    go(window().location().href().unwrap_or_default(), How::Refresh);
}

/// Listens for link clicks, GET form submissions and history moves for the rest of the tab's life.
pub fn listen() {
    SHOWN.with(|s| *s.borrow_mut() = here());
    let handles = [
        window_event_listener(leptos::ev::click, on_click),
        window_event_listener(leptos::ev::submit, on_submit),
        window_event_listener(leptos::ev::pageshow, |ev| {
            if ev.persisted() {
                release_held_forms();
            }
        }),
        window_event_listener(leptos::ev::popstate, |_| {
            // a move between places on the same page (`#…`) needs no new page
            if SHOWN.with(|s| *s.borrow() != here()) {
                go(window().location().href().unwrap_or_default(), How::Restore);
            }
        }),
    ];
    // never removed: they serve every page of the tab
    std::mem::forget(handles);
}

/// `href` as a URL when it is a page of this app.
fn page_url(href: &str) -> Option<Url> {
    let url = Url::new(href).ok()?;
    let origin = window().location().origin().ok()?;
    let path = url.pathname();
    let page = url.origin() == origin
        && !NOT_PAGES.iter().any(|p| path.starts_with(p))
        && !path.ends_with(".csv");
    page.then_some(url)
}

fn on_click(ev: MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let rel = link.rel();
    if !link.target().is_empty()
        || link.has_attribute("download")
        || rel.split_whitespace().any(|r| r == "external")
    {
        return;
    }
    let Some(url) = page_url(&link.href()) else {
        return;
    };
    let here = window().location();
    let same_page =
        here.pathname().ok() == Some(url.pathname()) && here.search().ok() == Some(url.search());
    if same_page && !url.hash().is_empty() {
        return; // a place on this page: the browser scrolls to it
    }
    ev.prevent_default();
    go(url.href(), How::Push);
}

fn on_submit(ev: SubmitEvent) {
    if ev.default_prevented() {
        return;
    }
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let submitter = ev.submitter();
    let overridden = |attr: &str| {
        submitter
            .as_ref()
            .and_then(|s| s.dyn_ref::<Element>())
            .filter(|s| s.has_attribute(attr))
            .and_then(|s| js_string(s, attr_property(attr)))
    };
    let method = overridden("formmethod").unwrap_or_else(|| form.method());
    if method.eq_ignore_ascii_case("post") {
        hold_buttons(&form);
        return; // the browser's own submission
    }
    if !method.eq_ignore_ascii_case("get") {
        return; // a dialog's form
    }
    let action = overridden("formaction").unwrap_or_else(|| form.action());
    let Some(url) = page_url(&action) else {
        return;
    };
    let Ok(data) = FormData::new_with_form(&form) else {
        return;
    };
    // the button that sent the form counts when it has a name, as in the browser's own submission
    if let Some(button) = submitter.as_ref().and_then(|s| s.dyn_ref::<Element>()) {
        if let Some(name) = button.get_attribute("name").filter(|n| !n.is_empty()) {
            let value = button.get_attribute("value").unwrap_or_default();
            let _ = data.append_with_str(&name, &value);
        }
    }
    let Ok(query) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    url.set_search(&String::from(query.to_string()));
    ev.prevent_default();
    go(url.href(), How::Push);
}

/// A POST form on its way: its submit buttons are disabled once the browser has taken the submission
/// (after this event), so a second click cannot send the write twice. Going back to this page from the
/// browser's cache finds them working again.
fn hold_buttons(form: &HtmlFormElement) {
    let form = form.clone();
    set_timeout(
        move || set_buttons_disabled(&form, true),
        std::time::Duration::ZERO,
    );
}

fn set_buttons_disabled(form: &HtmlFormElement, disabled: bool) {
    let Ok(buttons) = form.query_selector_all("button[type=submit], button:not([type])") else {
        return;
    };
    for i in 0..buttons.length() {
        if let Some(b) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = if disabled {
                b.set_attribute("disabled", "")
            } else {
                b.remove_attribute("disabled")
            };
        }
    }
}

/// A page shown again from the browser's back-forward cache: forms held while their submission went
/// out work again.
fn release_held_forms() {
    let Ok(forms) = document().query_selector_all("form") else {
        return;
    };
    for i in 0..forms.length() {
        if let Some(f) = forms
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlFormElement>().ok())
        {
            set_buttons_disabled(&f, false);
        }
    }
}

fn attr_property(attr: &str) -> &'static str {
    if attr == "formmethod" {
        "formMethod"
    } else {
        "formAction"
    }
}

fn js_string(el: &Element, property: &str) -> Option<String> {
    leptos::web_sys::js_sys::Reflect::get(el, &JsValue::from_str(property))
        .ok()?
        .as_string()
}

/// Fetches `url` and swaps its page in; the browser loads it itself when that cannot be done.
fn go(url: String, how: How) {
    let id = LATEST.with(|l| {
        l.set(l.get().wrapping_add(1));
        l.get()
    });
    let from = SHOWN.with(|s| s.borrow().clone());
    MOVING.with(|m| m.set(how != How::Refresh));
    mark::clear();
    if how != How::Refresh {
        MOVES.with(|m| m.set(m.get().wrapping_add(1)));
        progress::show();
    }
    leptos::task::spawn_local(async move {
        let page = fetch_page(&url).await;
        if LATEST.with(Cell::get) != id {
            return; // a newer navigation has started
        }
        MOVING.with(|m| m.set(false));
        let Some((final_url, html)) = page else {
            return full_load(&url);
        };
        let before = focus::words_of_focused();
        if swap::page(&html).is_err() {
            return full_load(&url);
        }
        let history = window().history().ok();
        if let Some(history) = history {
            let _ = match how {
                How::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&final_url)),
                How::Restore | How::Refresh if final_url != url => {
                    history.replace_state_with_url(&JsValue::NULL, "", Some(&final_url))
                }
                How::Restore | How::Refresh => Ok(()),
            };
        }
        let to = here();
        let page_changed = path_of(&to) != path_of(&from);
        SHOWN.with(|s| *s.borrow_mut() = to);
        if how == How::Push && page_changed {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus::place(page_changed, &before);
        if let Some(body) = document().body() {
            islands::start_within(&body);
        }
        progress::hide();
        mark::set();
    });
}

/// The page at `url` (after redirects) and its HTML; `None` for a failed request or an answer that is
/// not a page. (The browser's `fetch` itself: gloo-net's builder appends a stray `&` to a URL that has a
/// query, and the page echoes its query back in forms.)
async fn fetch_page(url: &str) -> Option<(String, String)> {
    use leptos::web_sys::{Request, RequestInit, Response};
    use wasm_bindgen_futures::JsFuture;
    let init = RequestInit::new();
    init.set_method("GET");
    let request = Request::new_with_str_and_init(url, &init).ok()?;
    request.headers().set("Accept", "text/html").ok()?;
    let res: Response = JsFuture::from(window().fetch_with_request(&request))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let html = res
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return None;
    }
    let final_url = if res.redirected() {
        res.url()
    } else {
        url.to_string()
    };
    let text = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
    Some((final_url, text))
}

fn full_load(url: &str) {
    let _ = window().location().assign(url);
}
