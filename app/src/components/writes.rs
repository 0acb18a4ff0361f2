//! The write counter: one number per browser tab that goes up whenever a form's server action finishes.
//! Pages key their data on it, so a write that comes back to the page already shown (a note added, a
//! popup read, a refused form) reloads that page's data and its one-time messages. On the server (and
//! without JavaScript) every write is a full round trip, and the counter stays at zero.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct WriteCount(RwSignal<u64>);

/// Puts the counter in context (once, in the app's root).
pub fn provide_write_count() {
    provide_context(WriteCount(RwSignal::new(0)));
}

/// The counter, for a resource's source.
pub fn write_count() -> Signal<u64> {
    match use_context::<WriteCount>() {
        Some(WriteCount(c)) => c.into(),
        None => Signal::from(0),
    }
}

/// Counts `action`'s completions.
pub fn count_writes<S>(action: ServerAction<S>)
where
    S: server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let Some(WriteCount(count)) = use_context::<WriteCount>() else {
        return;
    };
    let version = action.version();
    Effect::new(move |seen: Option<usize>| {
        let now = version.get();
        if seen.is_some_and(|s| s != now) {
            count.update(|c| *c += 1);
        }
        now
    });
}
