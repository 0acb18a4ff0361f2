//! One-time messages after a write ("Saved.", "Deleted “Acme”.", a refusal) and the entered values of a
//! refused form. They are kept on the server for the person's session, each addressed to the page path it
//! is for, and are read once by that page: nothing of them travels in a URL, so no link can forge one and no
//! long note ends up in browser history or proxy logs. The same page renders them with and without
//! JavaScript.
//!
//! They are not stored *in* the session record: tower-sessions saves a whole record per request, so a
//! concurrent request of the same person (another tab, the gate's once-a-minute "seen" write) that loaded
//! the record earlier would save it back without the message. They live beside it, keyed by the session
//! id, behind one lock, in this process (the embedded default). With replicas the server loads the
//! session's waiting messages from Redis into a [`ssr::FlashBox`] before the request and writes them back
//! before the response leaves, so the next page shows them once whichever replica serves it.

use serde::{Deserialize, Serialize};

/// The messages one page shows once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notices {
    /// Things that went well.
    pub notes: Vec<String>,
    /// Why the last write did not happen.
    pub error: Option<String>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::functions::forms::FormOutcome;
    use leptos::prelude::*;

    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, OnceLock};

    /// At most this many messages wait for one session at once (a person who never opens the page they
    /// were meant for must not grow the store without end).
    const MAX_WAITING: usize = 8;
    /// A message nobody read within this many seconds is dropped.
    pub const KEPT_FOR_SECS: i64 = 600;
    /// Above this many sessions with waiting messages, expired ones are swept on the next write.
    const SWEEP_ABOVE: usize = 1_000;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Message {
        path: String,
        /// When it was left (Unix seconds).
        at: i64,
        body: Body,
    }

    impl Message {
        fn fresh(&self, now: i64) -> bool {
            now - self.at < KEPT_FOR_SECS
        }
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    enum Body {
        Note(String),
        Error(String),
        Form(Box<FormOutcome>),
    }

    /// Waiting messages by session id.
    fn store() -> &'static Mutex<HashMap<String, Vec<Message>>> {
        static STORE: OnceLock<Mutex<HashMap<String, Vec<Message>>>> = OnceLock::new();
        STORE.get_or_init(Default::default)
    }

    /// The current request's session id (a signed-in session always has one).
    fn session_id() -> Option<String> {
        with_context::<http::request::Parts, _>(|p| {
            p.extensions
                .get::<tower_sessions::Session>()
                .and_then(|s| s.id())
        })
        .flatten()
        .map(|id| id.to_string())
    }

    /// With replicas: this request's session's waiting messages, loaded from the shared store by the
    /// server before the request and written back (when changed) before the response leaves.
    #[derive(Debug, Default)]
    pub struct FlashBox {
        waiting: Mutex<Vec<Message>>,
        changed: AtomicBool,
    }

    impl FlashBox {
        /// The box of the messages as stored (`None` or unreadable: none).
        pub fn from_json(stored: Option<&str>) -> FlashBox {
            let waiting = stored
                .and_then(|j| serde_json::from_str(j).ok())
                .unwrap_or_default();
            FlashBox {
                waiting: Mutex::new(waiting),
                changed: AtomicBool::new(false),
            }
        }

        /// The messages to store again when the request changed them (`Some("")`: none are left).
        pub fn changed_json(&self) -> Option<String> {
            if !self.changed.load(Ordering::Relaxed) {
                return None;
            }
            let waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
            if waiting.is_empty() {
                return Some(String::new());
            }
            serde_json::to_string(&*waiting).ok()
        }
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    /// This request's box, with replicas.
    fn request_box() -> Option<std::sync::Arc<FlashBox>> {
        with_context::<http::request::Parts, _>(|p| {
            p.extensions.get::<std::sync::Arc<FlashBox>>().cloned()
        })
        .flatten()
    }

    /// Runs `f` on the current session's waiting messages, atomically.
    fn update<T>(f: impl FnOnce(&mut Vec<Message>) -> T) -> Option<T> {
        let now = now();
        if let Some(shared) = request_box() {
            let mut waiting = shared.waiting.lock().unwrap_or_else(|p| p.into_inner());
            let before = waiting.clone();
            waiting.retain(|m| m.fresh(now));
            let out = f(&mut waiting);
            if *waiting != before {
                shared.changed.store(true, Ordering::Relaxed);
            }
            return Some(out);
        }
        let id = session_id()?;
        let mut all = store().lock().unwrap_or_else(|p| p.into_inner());
        if all.len() > SWEEP_ABOVE {
            all.retain(|_, w| {
                w.retain(|m| m.fresh(now));
                !w.is_empty()
            });
        }
        let waiting = all.entry(id.clone()).or_default();
        waiting.retain(|m| m.fresh(now));
        let out = f(waiting);
        if waiting.is_empty() {
            all.remove(&id);
        }
        Some(out)
    }

    fn push(path: &str, body: Body) {
        let path = path_only(path).to_owned();
        update(move |w| {
            // a newer form outcome for the same page replaces the older one
            if matches!(body, Body::Form(_)) {
                w.retain(|m| !(m.path == path && matches!(m.body, Body::Form(_))));
            }
            w.push(Message {
                path,
                at: now(),
                body,
            });
            let extra = w.len().saturating_sub(MAX_WAITING);
            w.drain(..extra);
        });
    }

    /// `/clients/7?x#h` → `/clients/7`.
    fn path_only(p: &str) -> &str {
        p.split(['?', '#']).next().unwrap_or(p)
    }

    /// Queues "Saved." (or any short good news) for page `path`.
    pub fn note(path: &str, text: impl Into<String>) {
        push(path, Body::Note(text.into()))
    }

    /// Queues an error message for page `path`.
    pub fn error(path: &str, text: impl Into<String>) {
        push(path, Body::Error(text.into()))
    }

    /// Keeps a refused form's outcome (entered values, errors) for the form at `path`.
    pub fn keep_form(path: &str, outcome: &FormOutcome) {
        push(path, Body::Form(Box::new(outcome.clone())))
    }

    /// The notes and error waiting for `path`, removed from the session.
    pub fn take(path: &str) -> Notices {
        let path = path_only(path);
        update(|w| {
            let mut out = Notices::default();
            w.retain(|m| {
                if m.path != path {
                    return true;
                }
                match &m.body {
                    Body::Note(t) => out.notes.push(t.clone()),
                    Body::Error(t) => out.error = Some(t.clone()),
                    Body::Form(_) => return true,
                }
                false
            });
            out
        })
        .unwrap_or_default()
    }

    /// What this page view has taken from the session already. The server may draw a part of a page
    /// twice (a suspended part is run once to start its reads, then again with their data), and each
    /// run asks for its messages: a message is read once per page view, so the second run must be given
    /// what the first took, not find it gone. The router provides one per request.
    #[derive(Clone, Default)]
    pub struct TakenThisRequest(std::sync::Arc<Mutex<HashMap<String, Option<FormOutcome>>>>);

    /// The refused form waiting for `path`, removed from the session (the same answer for every ask in
    /// one page view).
    pub fn take_form(path: &str) -> Option<FormOutcome> {
        let path = path_only(path);
        let taken = use_context::<TakenThisRequest>();
        if let Some(t) = &taken {
            if let Some(seen) = t.0.lock().unwrap_or_else(|p| p.into_inner()).get(path) {
                return seen.clone();
            }
        }
        let outcome = take_form_from_session(path);
        if let Some(t) = taken {
            let mut seen = t.0.lock().unwrap_or_else(|p| p.into_inner());
            seen.insert(path.to_owned(), outcome.clone());
        }
        outcome
    }

    fn take_form_from_session(path: &str) -> Option<FormOutcome> {
        update(|w| {
            let i = w
                .iter()
                .position(|m| m.path == path && matches!(m.body, Body::Form(_)))?;
            match w.remove(i).body {
                Body::Form(o) => Some(*o),
                _ => None,
            }
        })
        .flatten()
    }

    #[cfg(test)]
    mod tests {
        use super::path_only;

        #[test]
        fn messages_are_addressed_to_a_path_without_query_or_fragment() {
            assert_eq!(path_only("/clients/7?x=1#crm-h"), "/clients/7");
            assert_eq!(path_only("/clients/7#crm-h"), "/clients/7");
            assert_eq!(path_only("/clients"), "/clients");
        }
    }
}
