//! HTTP clients kept per request thread, so an upstream call's connection is driven where the call is.
//!
//! Haloscope serves requests on several threads, each with its own single-threaded tokio runtime
//! (`server/src/serve.rs`). A reqwest connection is driven by a task on the runtime that opened it, so with
//! one pool shared by every thread, a page on one thread sent its calls over connections another thread
//! drives: each call woke that thread to write the request, and each chunk of the reply crossed back
//! (traced with `strace`: a cold page's calls all went out from the other thread, with an `eventfd` wake
//! per hand-over). A thread that calls [`pin_connections_to_this_thread`] gets a client of its own for
//! each gateway, whose connections live on its own runtime. Every other thread (tests, the main runtime)
//! shares the gateway's client as before.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

/// One gateway's client on this thread. `owner` is the gateway's state, held weakly: a gateway dropped
/// (settings changed, a test over) lets its entry go when the next one is added.
struct Entry {
    owner: Weak<dyn Send + Sync>,
    http: reqwest::Client,
}

thread_local! {
    /// `None` on threads that did not pin: they use the gateway's shared client.
    static PINNED: RefCell<Option<Vec<Entry>>> = const { RefCell::new(None) };
}

/// From now on, upstream calls made on this thread use connections of this thread's own (one per
/// gateway). Call it once at the start of a thread whose runtime lives as long as the thread, as the
/// request threads' do: the connections are driven by tasks on that runtime.
pub fn pin_connections_to_this_thread() {
    PINNED.with(|p| {
        p.borrow_mut().get_or_insert_with(Vec::new);
    });
}

/// This thread's client for the gateway whose state is `owner`, made with `build` the first time; `None`
/// when this thread did not pin (or `build` failed), and the caller uses the shared client.
pub(crate) fn client_for<T: Send + Sync + 'static>(
    owner: &Arc<T>,
    build: impl FnOnce() -> Option<reqwest::Client>,
) -> Option<reqwest::Client> {
    PINNED.with(|p| {
        let mut pinned = p.borrow_mut();
        let entries = pinned.as_mut()?;
        let here = Arc::as_ptr(owner).cast::<()>();
        if let Some(e) = entries
            .iter()
            .find(|e| e.owner.strong_count() > 0 && e.owner.as_ptr().cast::<()>() == here)
        {
            return Some(e.http.clone());
        }
        entries.retain(|e| e.owner.strong_count() > 0);
        let http = build()?;
        // `/metrics` shows which pools exist: a server whose request threads did not pin has none of these
        metrics::counter!("halo_http_clients_built_total", "kind" => "request_thread").increment(1);
        let weak: Weak<T> = Arc::downgrade(owner);
        entries.push(Entry {
            owner: weak,
            http: http.clone(),
        });
        Some(http)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn built(count: &AtomicUsize) -> Option<reqwest::Client> {
        count.fetch_add(1, Ordering::SeqCst);
        Some(reqwest::Client::new())
    }

    #[test]
    fn a_thread_that_did_not_pin_uses_the_shared_client() {
        let owner = Arc::new(1u8);
        let count = AtomicUsize::new(0);
        let got = std::thread::scope(|s| s.spawn(|| client_for(&owner, || built(&count))).join());
        assert!(got.expect("thread").is_none());
        assert_eq!(count.load(Ordering::SeqCst), 0, "nothing built");
    }

    #[test]
    fn a_pinned_thread_builds_one_client_per_gateway_and_keeps_it() {
        let (a, b) = (Arc::new(1u8), Arc::new(2u8));
        let count = AtomicUsize::new(0);
        std::thread::scope(|s| {
            s.spawn(|| {
                pin_connections_to_this_thread();
                for _ in 0..3 {
                    assert!(client_for(&a, || built(&count)).is_some());
                }
                assert_eq!(count.load(Ordering::SeqCst), 1, "one client for gateway a");
                assert!(client_for(&b, || built(&count)).is_some());
                assert_eq!(count.load(Ordering::SeqCst), 2, "another for gateway b");
            });
        });
        // another pinned thread makes its own
        std::thread::scope(|s| {
            s.spawn(|| {
                pin_connections_to_this_thread();
                assert!(client_for(&a, || built(&count)).is_some());
            });
        });
        assert_eq!(count.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_dropped_gateway_lets_its_client_go() {
        let count = AtomicUsize::new(0);
        std::thread::scope(|s| {
            s.spawn(|| {
                pin_connections_to_this_thread();
                let old = Arc::new(1u8);
                assert!(client_for(&old, || built(&count)).is_some());
                drop(old);
                let new = Arc::new(2u8);
                assert!(client_for(&new, || built(&count)).is_some());
                let kept = PINNED.with(|p| p.borrow().as_ref().map(Vec::len));
                assert_eq!(kept, Some(1), "the dropped gateway's entry is gone");
            });
        });
        assert_eq!(count.load(Ordering::SeqCst), 2);
    }
}
