//! Why every data page writes `<Suspense>{Suspend::new(async move { … })}</Suspense>`, with no closure
//! around the `Suspend`.
//!
//! On the server a boundary walks its children up to three times before it sends them: once to find the
//! resources they read, once more to check that no new read appeared, and once to draw. A closure child is
//! called on each walk, and each call makes a new `Suspend`, which the walk polls; when the data are already
//! there (a warm cache) each poll draws the whole content, so a list's 50 rows were built three times and
//! two of them thrown away (≈ 17 % of a warm list page's CPU, measured). A `Suspend` given as the child
//! itself keeps what its first poll drew and hands it to the later walks. The pages are drawn on the
//! server only (islands mode), so no page needs the closure's reactivity.

use futures::StreamExt;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Renders `view` as a data page is rendered (in order, every boundary awaited) and returns the HTML.
async fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view().into_view().to_html_stream_in_order());
    html.collect::<Vec<_>>().await.concat()
}

/// A drawing that counts how often it is made.
fn counted(drawn: &Arc<AtomicUsize>) -> impl IntoView {
    drawn.fetch_add(1, Ordering::SeqCst);
    view! { <p>"rows"</p> }
}

/// How often the boundary `page` makes (given a drawing counter) drew its content in one render.
async fn times_drawn<V: IntoView + 'static>(page: impl FnOnce(Arc<AtomicUsize>) -> V) -> usize {
    let _ = any_spawner::Executor::init_tokio();
    let drawn = Arc::new(AtomicUsize::new(0));
    let d = drawn.clone();
    let html = render(move || page(d)).await;
    assert!(html.contains("<p>rows</p>"), "{html}");
    drawn.load(Ordering::SeqCst)
}

#[tokio::test]
async fn a_suspend_given_as_the_child_is_drawn_once() {
    let drawn = times_drawn(|d| {
        view! {
            <Suspense fallback=|| "loading">
                {Suspend::new(async move { counted(&d) })}
            </Suspense>
        }
    })
    .await;
    assert_eq!(drawn, 1);
}

#[tokio::test]
async fn a_closure_child_is_drawn_on_every_walk() {
    let drawn = times_drawn(|d| {
        view! {
            <Suspense fallback=|| "loading">
                {move || {
                    let d = d.clone();
                    Suspend::new(async move { counted(&d) })
                }}
            </Suspense>
        }
    })
    .await;
    // if Leptos ever draws a closure child once, this module's advice can go
    assert!(drawn > 1, "{drawn}");
}

/// Every page with a boundary, as written: none may wrap its `Suspend` in a closure.
#[test]
fn no_page_wraps_its_suspend_in_a_closure() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pages = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("the app's sources") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                if text.contains("<Suspense fallback") && !path.ends_with("drawn_once.rs") {
                    pages.push((path, text));
                }
            }
        }
    }
    // a floor, so that a walk that finds nothing cannot pass: seven files hold boundaries since the lists,
    // the record page and the overview are drawn without Leptos's renderer (`pages/list.rs`,
    // `pages/detail.rs`, `pages/overview.rs`) and the CRM note form reads its entry directly
    assert!(
        pages.len() >= 7,
        "found only {} pages with a boundary",
        pages.len()
    );
    for (path, text) in &pages {
        // each boundary's child starts `{Suspend::new(`, not `{move || Suspend::new(` or a block
        let squashed: String = text.split_whitespace().collect();
        for (at, _) in squashed.match_indices("<Suspensefallback") {
            let child = squashed[at..]
                .find("Suspend::new(")
                .unwrap_or_else(|| panic!("{}: a boundary with no Suspend", path.display()));
            assert_eq!(
                &squashed[at + child - 1..at + child],
                "{",
                "{} wraps a Suspend in a closure",
                path.display()
            );
        }
    }
}
