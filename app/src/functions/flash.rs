//! One-time messages after a write ("Saved.", "Deleted “Acme”.", a refusal) and the entered values of a
//! refused form. They are kept on the server for the person's session, each addressed to the page path it
//! is for, and are read once by that page: nothing of them travels in a URL, so no link can forge one and no
//! long note ends up in browser history or proxy logs. The same page renders them with and without
//! JavaScript.
//!
//! They are not stored *in* the session record: tower-sessions saves a whole record per request, so a
//! concurrent request of the same person (another tab, the gate's once-a-minute "seen" write) that loaded
//! the record earlier would save it back without the message. They live beside it, keyed by the session
//! id, behind one lock, in this process (the embedded default; replicas move them to Redis with the
//! sessions).

use crate::errors::AppError;
use crate::functions::forms::FormOutcome;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The messages one page shows once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notices {
    /// Things that went well.
    pub notes: Vec<String>,
    /// Why the last write did not happen.
    pub error: Option<String>,
}

/// Takes the messages addressed to page `path` (e.g. `/clients/7`) for this session.
#[server(endpoint = "take_notices", input = server_fn::codec::GetUrl)]
pub async fn take_notices(path: String) -> Result<Notices, AppError> {
    Ok(ssr::take(&path))
}

/// Takes the refused form addressed to `path` (entered values, errors) for this session.
#[server(endpoint = "take_form_outcome", input = server_fn::codec::GetUrl)]
pub async fn take_form_outcome(path: String) -> Result<Option<FormOutcome>, AppError> {
    Ok(ssr::take_form(&path))
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;

    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};

    /// At most this many messages wait for one session at once (a person who never opens the page they
    /// were meant for must not grow the store without end).
    const MAX_WAITING: usize = 8;
    /// A message nobody read within this time is dropped.
    const KEPT_FOR: Duration = Duration::from_secs(600);
    /// Above this many sessions with waiting messages, expired ones are swept on the next write.
    const SWEEP_ABOVE: usize = 1_000;

    #[derive(Debug, Clone)]
    struct Message {
        path: String,
        at: Instant,
        body: Body,
    }

    #[derive(Debug, Clone)]
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
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<tower_sessions::Session>().cloned())
            .and_then(|s| s.id())
            .map(|id| id.to_string())
    }

    /// Runs `f` on the current session's waiting messages, atomically.
    fn update<T>(f: impl FnOnce(&mut Vec<Message>) -> T) -> Option<T> {
        let id = session_id()?;
        let mut all = store().lock().unwrap_or_else(|p| p.into_inner());
        if all.len() > SWEEP_ABOVE {
            all.retain(|_, w| {
                w.retain(|m| m.at.elapsed() < KEPT_FOR);
                !w.is_empty()
            });
        }
        let waiting = all.entry(id.clone()).or_default();
        waiting.retain(|m| m.at.elapsed() < KEPT_FOR);
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
                at: Instant::now(),
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

    /// The refused form waiting for `path`, removed from the session.
    pub fn take_form(path: &str) -> Option<FormOutcome> {
        let path = path_only(path);
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
