//! One-time messages after a write ("Saved.", "Deleted “Acme”.", a refusal) and the entered values of a
//! refused form. They live in the person's server-side session, each addressed to the page path it is for,
//! and are read once by that page: nothing of them travels in a URL, so no link can forge one and no long
//! note ends up in browser history or proxy logs. The same page renders them with and without JavaScript.

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

/// Takes the messages addressed to page `path` (e.g. `/clients/7`) out of the session.
#[server(endpoint = "take_notices", input = server_fn::codec::GetUrl)]
pub async fn take_notices(path: String) -> Result<Notices, AppError> {
    Ok(ssr::take(&path).await)
}

/// Takes the refused form addressed to `path` (entered values, errors) out of the session.
#[server(endpoint = "take_form_outcome", input = server_fn::codec::GetUrl)]
pub async fn take_form_outcome(path: String) -> Result<Option<FormOutcome>, AppError> {
    Ok(ssr::take_form(&path).await)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;

    /// The session key of the pending messages.
    const KEY: &str = "haloscope.flash";
    /// At most this many messages wait at once (a person who never opens the page they were meant for
    /// must not grow their session without end).
    const MAX_WAITING: usize = 8;

    #[derive(Debug, Clone, Default, Serialize, Deserialize)]
    struct Waiting(Vec<Message>);

    #[derive(Debug, Clone, Serialize, Deserialize)]
    struct Message {
        path: String,
        body: Body,
    }

    #[derive(Debug, Clone, Serialize, Deserialize)]
    enum Body {
        Note(String),
        Error(String),
        Form(Box<FormOutcome>),
    }

    fn session() -> Option<tower_sessions::Session> {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<tower_sessions::Session>().cloned())
    }

    async fn update<T>(f: impl FnOnce(&mut Vec<Message>) -> T) -> Option<T> {
        let session = session()?;
        let mut waiting = match session.get::<Waiting>(KEY).await {
            Ok(w) => w.unwrap_or_default(),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the session's messages");
                Waiting::default()
            }
        };
        let out = f(&mut waiting.0);
        let result = if waiting.0.is_empty() {
            session.remove::<Waiting>(KEY).await.map(|_| ())
        } else {
            session.insert(KEY, &waiting).await
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not store the session's messages");
        }
        Some(out)
    }

    async fn push(path: &str, body: Body) {
        let path = path_only(path).to_owned();
        update(move |w| {
            // a newer form outcome for the same page replaces the older one
            if matches!(body, Body::Form(_)) {
                w.retain(|m| !(m.path == path && matches!(m.body, Body::Form(_))));
            }
            w.push(Message { path, body });
            let extra = w.len().saturating_sub(MAX_WAITING);
            w.drain(..extra);
        })
        .await;
    }

    /// `/clients/7?x#h` → `/clients/7`.
    fn path_only(p: &str) -> &str {
        p.split(['?', '#']).next().unwrap_or(p)
    }

    /// Queues "Saved." (or any short good news) for page `path`.
    pub async fn note(path: &str, text: impl Into<String>) {
        push(path, Body::Note(text.into())).await
    }

    /// Queues an error message for page `path`.
    pub async fn error(path: &str, text: impl Into<String>) {
        push(path, Body::Error(text.into())).await
    }

    /// Keeps a refused form's outcome (entered values, errors) for the form at `path`.
    pub async fn keep_form(path: &str, outcome: &FormOutcome) {
        push(path, Body::Form(Box::new(outcome.clone()))).await
    }

    /// The notes and error waiting for `path`, removed from the session.
    pub async fn take(path: &str) -> Notices {
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
        .await
        .unwrap_or_default()
    }

    /// The refused form waiting for `path`, removed from the session.
    pub async fn take_form(path: &str) -> Option<FormOutcome> {
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
        .await
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
