//! Search as you type and filters that apply on change, for the GET form the island sits in: a search box
//! (`data-search`) submits its form once typing pauses for ~250 ms, a `<select data-submit-on-change>` as
//! soon as it changes. The submission is the form's own (`requestSubmit`), so client-side navigation takes
//! it like a click on "Search"; without JavaScript the button does the same. A search still waiting for
//! the pause is dropped once the person goes somewhere else (a link, Enter, back).

use leptos::prelude::*;

/// Put inside the form it serves; renders an empty marker. Started, it enhances the form around it.
#[island]
pub fn SubmitAsYouGo() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(form) = crate::browser::island_host().and_then(|h| h.closest("form").ok().flatten())
    {
        browser::enhance(&form);
    }
    leptos::tachys::html::InertElement::new("<span hidden></span>")
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{Element, Event, HtmlFormElement, HtmlInputElement};
    use std::cell::Cell;
    use std::time::Duration;

    const PAUSE: Duration = Duration::from_millis(250);

    pub fn enhance(form: &Element) {
        let Some(form) = form.dyn_ref::<HtmlFormElement>().cloned() else {
            return;
        };
        let pending: std::rc::Rc<Cell<Option<TimeoutHandle>>> = Default::default();
        let typed = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .filter(|i| i.has_attribute("data-search"))
            else {
                return;
            };
            if let Some(h) = pending.take() {
                h.clear();
            }
            // the form the box is in when typing pauses: a page swapped in meanwhile (an earlier search
            // arriving) keeps the box being typed in but brings a new form around it. A person who moved
            // on meanwhile (a hit clicked before the pause ran out, Enter pressed) is not taken back.
            let moves = crate::browser::moves();
            let handle = set_timeout_with_handle(
                move || match input.form() {
                    Some(form) if crate::browser::moves() == moves => submit(&form),
                    _ => {}
                },
                PAUSE,
            )
            .ok();
            pending.set(handle);
        });
        let changed = {
            let form = form.clone();
            Closure::<dyn Fn(Event)>::new(move |ev: Event| {
                if is(&ev, "select[data-submit-on-change]") {
                    submit(&form);
                }
            })
        };
        let _ = form.add_event_listener_with_callback("input", typed.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
        // they live as long as the form (a page swapped in brings a new form and a new island)
        typed.forget();
        changed.forget();
    }

    fn is(ev: &Event, selector: &str) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|el| el.matches(selector).unwrap_or(false))
    }

    fn submit(form: &HtmlFormElement) {
        if form.is_connected() {
            let _ = form.request_submit();
        }
    }
}
