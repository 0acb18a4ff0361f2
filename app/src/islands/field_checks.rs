//! The checks of a create/edit form, run in the browser as the person types: the same `forms::validate`
//! rules the server applies, through the browser's own constraint validation (so a bad value blocks the
//! submit and the browser says why, without moving the page), and a server message beside a field goes
//! away once its value is fixed. A client picker's choices follow what is typed (~200 ms after a pause).
//! The form itself is the server's markup; without JavaScript the server's checks answer the submit.

use crate::forms::FormSpec;
use leptos::prelude::*;

/// The checks of the form `spec`: put inside the form.
pub fn field_checks(spec: &'static FormSpec) -> impl IntoView {
    provide_context(ChecksFor(spec.path));
    view! { <FieldChecks/> }
}

/// The form whose checks the next [`FieldChecks`] runs (its [`FormSpec`]'s path: `clients`, `notes`, …),
/// as the server draws it: the island writes it into its own markup, where its start reads it, so the
/// island has no props to decode.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
struct ChecksFor(&'static str);

/// Renders an empty marker naming its form (`<span hidden data-form="clients">`); started, it enhances the
/// form around it.
#[island]
fn FieldChecks() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(host) = crate::browser::island_host() {
        let spec = host
            .first_element_child()
            .and_then(|marker| marker.get_attribute("data-form"))
            .and_then(|path| crate::forms::spec_by_path(&path));
        if let (Some(spec), Ok(Some(form))) = (spec, host.closest("form")) {
            browser::enhance(spec, &form);
        }
    }
    #[cfg(feature = "ssr")]
    let drawn = format!(
        r#"<span hidden data-form="{}"></span>"#,
        use_context::<ChecksFor>().map_or("", |c| c.0)
    );
    #[cfg(not(feature = "ssr"))]
    let drawn = String::new();
    leptos::tachys::html::InertElement::new(drawn)
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::forms::validate::{clean_value, field_error};
    use crate::forms::FormSpec;
    use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{
        Element, Event, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
    };
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    const PICKER_PAUSE: Duration = Duration::from_millis(200);

    pub fn enhance(spec: &'static FormSpec, form: &Element) {
        let form_el = form.clone();
        let check = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            if let Some(el) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                recheck(spec, &form_el, &el);
            }
        });
        let pending: Rc<Cell<Option<TimeoutHandle>>> = Default::default();
        let picker = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .filter(|i| i.has_attribute("data-client-picker"))
            else {
                return;
            };
            if let Some(h) = pending.take() {
                h.clear();
            }
            let handle = set_timeout_with_handle(move || refresh_choices(input), PICKER_PAUSE).ok();
            pending.set(handle);
        });
        for event in ["input", "change"] {
            let _ = form.add_event_listener_with_callback(event, check.as_ref().unchecked_ref());
        }
        let _ = form.add_event_listener_with_callback("input", picker.as_ref().unchecked_ref());
        // they live as long as the form
        check.forget();
        picker.forget();
    }

    /// The field's key in `fields[key]`.
    fn key_of(name: &str) -> Option<&str> {
        name.strip_prefix("fields[")?.strip_suffix(']')
    }

    /// Runs the field's checks on its current value.
    fn recheck(spec: &'static FormSpec, form: &Element, el: &Element) {
        let Some(name) = el.get_attribute("name") else {
            return;
        };
        let Some(field) = key_of(&name).and_then(|k| spec.field(k)) else {
            return;
        };
        let Some(raw) = value_of(el) else { return };
        let loaded = form
            .query_selector(&format!(r#"input[name="orig[{}]"]"#, field.key))
            .ok()
            .flatten()
            .and_then(|o| o.get_attribute("value"));
        let value = clean_value(field, &raw);
        let problem = field_error(field, &value, loaded.as_ref());
        set_validity(el, problem.as_deref().unwrap_or(""));
        if problem.is_none() {
            clear_server_message(el);
        }
    }

    fn value_of(el: &Element) -> Option<String> {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            Some(i.value())
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            Some(t.value())
        } else {
            el.dyn_ref::<HtmlSelectElement>().map(|s| s.value())
        }
    }

    fn set_validity(el: &Element, message: &str) {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.set_custom_validity(message);
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_custom_validity(message);
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.set_custom_validity(message);
        }
    }

    /// The field is fine now: the server's message about it goes.
    fn clear_server_message(el: &Element) {
        if el.get_attribute("aria-invalid").as_deref() != Some("true") {
            return;
        }
        let _ = el.remove_attribute("aria-invalid");
        if let Some(wrap) = el.closest(".field").ok().flatten() {
            let _ = wrap.class_list().remove_1("invalid");
            if let Ok(Some(msg)) = wrap.query_selector(".field-error") {
                msg.remove();
            }
        }
    }

    /// Asks the server for the clients whose names match what is typed and lists them in the picker.
    fn refresh_choices(input: HtmlInputElement) {
        let q = input.value();
        leptos::task::spawn_local(async move {
            let Ok(found) = crate::functions::lookups::search_clients(q).await else {
                return;
            };
            let Some(list) = input
                .get_attribute("list")
                .and_then(|id| document().get_element_by_id(&id))
            else {
                return;
            };
            list.set_inner_html("");
            for choice in found {
                if let Ok(option) = document().create_element("option") {
                    let _ = option.set_attribute("value", &choice);
                    let _ = list.append_child(&option);
                }
            }
        });
    }
}
