//! Search as you type: submit the input's form once typing pauses.

use leptos::prelude::*;

/// An input handler that submits the input's form once typing pauses for ~250 ms.
pub fn debounced_submit() -> impl Fn(leptos::ev::Event) + Clone + 'static {
    use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    move |ev: leptos::ev::Event| {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let target = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
        let handle = set_timeout_with_handle(
            move || {
                if let Some(form) = target.form() {
                    let _ = form.request_submit();
                }
            },
            std::time::Duration::from_millis(250),
        )
        .ok();
        pending.set_value(handle);
    }
}
