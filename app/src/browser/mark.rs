//! The "interactive" mark end-to-end tests and the bench wait for: `<body data-interactive="true">` and a
//! `performance.mark("interactive")`, set once every island on the page has started, cleared when a
//! client-side navigation begins and set again when the new page's islands have started.

use leptos::prelude::*;

const ATTRIBUTE: &str = "data-interactive";

/// The page is changing: not interactive until its islands start.
pub fn clear() {
    if let Some(body) = document().body() {
        let _ = body.remove_attribute(ATTRIBUTE);
    }
}

/// Sets the mark: called once every island on the page has started. Islands start synchronously and queue
/// nothing (each enhances markup that is already parsed, from `islands::host`), so their start is over when
/// this runs. (Until 2026-12-07 the islands' first work ran in reactive effects and this waited for them
/// as a task queued after theirs; a zero timeout, before that, also waited for a restyle and repaint.)
pub fn set() {
    if let Some(body) = document().body() {
        let _ = body.set_attribute(ATTRIBUTE, "true");
    }
    if let Some(perf) = window().performance() {
        let _ = perf.mark("interactive");
    }
}
