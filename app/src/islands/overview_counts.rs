//! The overview's "Refresh counts" button: the counts ask HaloPSA again and are redrawn in place, without
//! reloading the page. The counts themselves are the server's markup beside the island (`stat`), so the
//! page carries them once; the island finds each by its `data-testid`. Without JavaScript the button is a
//! plain GET of the overview.

use crate::entities::EntityKind;
use leptos::prelude::*;

/// The `data-testid` of a kind's count on the overview (`client-count`, `company-count`, …): how the
/// server labels it and how the island finds it again.
pub fn count_testid(kind: EntityKind) -> String {
    format!("{}-count", kind.entity().words.one.replace(' ', "-"))
}

/// What the note says after `n` refreshes, the last of which failed with `failed`.
pub fn note_words(n: u32, failed: Option<String>) -> String {
    match (n, failed) {
        (_, Some(e)) => format!("The counts could not be refreshed: {e}"),
        (0, None) => String::new(),
        (1, None) => "Refreshed once".to_string(),
        (n, None) => format!("Refreshed {n} times"),
    }
}

/// The button that reads the counts again, and the live note saying how that went.
#[island]
pub fn OverviewCounts() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(host) = crate::browser::island_host() {
        browser::listen(&host);
    }
    leptos::tachys::html::InertElement::new(concat!(
        r#"<form method="get" action="/" class="refresh-form">"#,
        r#"<button type="submit" data-testid="refresh-counts">Refresh counts</button>"#,
        r#"<span class="muted" data-testid="refresh-note" role="status"></span>"#,
        "</form>"
    ))
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::functions::overview::{get_overview_counts, Count};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    use leptos::web_sys::{Event, HtmlElement};
    use std::cell::Cell;
    use std::rc::Rc;

    /// Refreshes the counts when the island's button is clicked (the form is not submitted).
    pub fn listen(host: &HtmlElement) {
        let Ok(Some(button)) = host.query_selector("button") else {
            return;
        };
        let refreshes = Rc::new(Cell::new(0u32));
        let note = host
            .query_selector("[data-testid=refresh-note]")
            .ok()
            .flatten();
        let click = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            ev.prevent_default();
            let (refreshes, note) = (refreshes.clone(), note.clone());
            leptos::task::spawn_local(async move {
                let failed = match get_overview_counts().await {
                    Ok(fresh) => {
                        redraw(&fresh);
                        None
                    }
                    Err(e) => Some(e.to_string()),
                };
                refreshes.set(refreshes.get() + 1);
                if let Some(note) = note {
                    note.set_text_content(Some(&super::note_words(refreshes.get(), failed)));
                }
            });
        });
        let _ = button.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
        // lives as long as the page's button
        click.forget();
    }

    /// Puts each fresh count where the server drew it.
    fn redraw(fresh: &[Count]) {
        for c in fresh {
            let selector = format!("main [data-testid={}]", super::count_testid(c.kind));
            if let Ok(Some(shown)) = document().query_selector(&selector) {
                shown.set_text_content(Some(&c.count.to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::note_words;

    #[test]
    fn the_note_counts_refreshes_and_names_a_failure() {
        assert_eq!(note_words(0, None), "");
        assert_eq!(note_words(1, None), "Refreshed once");
        assert_eq!(note_words(3, None), "Refreshed 3 times");
        assert_eq!(
            note_words(2, Some("HaloPSA is not answering".into())),
            "The counts could not be refreshed: HaloPSA is not answering"
        );
    }
}
