//! The "interactive" mark end-to-end tests and the bench wait for: `<body data-interactive="true">` and a
//! `performance.mark("interactive")`, set once every island on the page has started (after the effects
//! their start queued have run), cleared when a client-side navigation begins and set again when the new
//! page's islands have started.

use leptos::prelude::*;

const ATTRIBUTE: &str = "data-interactive";

/// The page is changing: not interactive until its islands start.
pub fn clear() {
    if let Some(body) = document().body() {
        let _ = body.remove_attribute(ATTRIBUTE);
    }
}

/// Sets the mark once the work the islands queued while starting has run: their effects' first runs are
/// tasks on the same local executor, which runs its queue in order, so a task queued after them runs after
/// them. (A zero timeout, used before, also waited for the browser to restyle and repaint the page first:
/// 40–80 ms with a 4× slower CPU, with the islands already listening.)
pub fn set_when_started() {
    leptos::task::spawn_local(async {
        if let Some(body) = document().body() {
            let _ = body.set_attribute(ATTRIBUTE, "true");
        }
        if let Some(perf) = window().performance() {
            let _ = perf.mark("interactive");
        }
    });
}
