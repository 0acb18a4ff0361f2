//! `GET /export/<list>.csv?<list query>`: the list's current filter as CSV, every page, streamed.
//!
//! Exports are background work: their HaloPSA calls run on the person's own client (the agent's
//! token in agent mode) in the gateway's *background* class, so page views go first. Each person
//! runs at most one export at a time (a second answers 429 with a page saying so), and every
//! export — finished, stopped by an error, or cancelled by the browser — is one audit line: who,
//! which list, which filter, how many rows.

use app::audit::{AuditEvent, AuditLog};
use app::errors::AppError;
use app::exports::{csv_line, csv_stream, Export};
use app::state::server::{RequestHalo, RequestUser};
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use futures::StreamExt;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Longest filter (URL query) kept in an audit line.
const FILTER_IN_AUDIT: usize = 500;

/// The people with an export running (by `kind:id`); cheap to clone. With replicas a person's export also
/// holds a lock in Redis (for at most [`EXPORT_HOLD`]), so a second export through another replica waits too.
#[derive(Clone, Default)]
pub struct RunningExports {
    here: Arc<Mutex<HashSet<String>>>,
    redis: Option<crate::shared::Redis>,
}

/// The longest a replica's export holds its person's lock in Redis.
const EXPORT_HOLD: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// A person's place in [`RunningExports`]; given back when dropped.
struct Slot {
    running: RunningExports,
    key: String,
}

impl RunningExports {
    /// With replicas, `redis` also keeps the people's exports.
    pub fn new(redis: Option<crate::shared::Redis>) -> Self {
        Self {
            here: Default::default(),
            redis,
        }
    }

    fn lock_name(key: &str) -> String {
        format!("export:{key}")
    }

    /// The slot of `key`, or `None` while that person's other export runs (here or on another replica;
    /// when Redis cannot be asked, only here counts).
    async fn claim(&self, key: String) -> Option<Slot> {
        let fresh = {
            let mut set = self.here.lock().unwrap_or_else(|e| e.into_inner());
            set.insert(key.clone())
        };
        let slot = fresh.then(|| Slot {
            running: self.clone(),
            key: key.clone(),
        })?;
        match &self.redis {
            Some(redis) => match redis.lock(&Self::lock_name(&key), EXPORT_HOLD).await {
                Ok(false) => None, // the slot is dropped: given back here
                Ok(true) | Err(_) => Some(slot),
            },
            None => Some(slot),
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut set = self.running.here.lock().unwrap_or_else(|e| e.into_inner());
        set.remove(&self.key);
        if let Some(redis) = self.running.redis.clone() {
            let name = RunningExports::lock_name(&self.key);
            tokio::spawn(async move { redis.unlock(&name).await });
        }
    }
}

/// What one export did so far. When the file ends (or the browser goes away) it writes the audit line and
/// gives the person's slot back — at the end itself, not later when the body is dropped, so a next export
/// started right after the download finished is not refused.
struct Tally {
    audit: Arc<AuditLog>,
    user: RequestUser,
    list: &'static str,
    filter: String,
    /// Lines sent, the header line included.
    lines: u64,
    failure: Option<String>,
    /// Held while the export runs; `None` once [`Tally::finish`] ran.
    slot: Option<Slot>,
}

impl Tally {
    /// Writes the audit line and frees the slot, once. `complete`: the file ended normally.
    fn finish(&mut self, complete: bool) {
        if self.slot.take().is_none() {
            return;
        }
        let rows = self.lines.saturating_sub(1);
        let detail = match (&self.failure, complete) {
            (Some(e), _) => Some(format!("export incomplete: {e}")),
            (None, false) => Some("the download was cancelled before the end".to_owned()),
            (None, true) => None,
        };
        let event = AuditEvent {
            action: "export",
            result: if detail.is_none() { "ok" } else { "error" },
            detail,
            list: Some(self.list),
            filter: Some(self.filter.clone()),
            rows: Some(rows),
            ..Default::default()
        };
        self.audit.write(&event.by(&self.user));
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        self.finish(false);
    }
}

/// Streams the CSV; a bad query is a 400 and an unknown list a 404, before any upstream call.
pub async fn export_csv(
    State(running): State<RunningExports>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    Extension(halo): Extension<RequestHalo>,
    Extension(user): Extension<RequestUser>,
    Extension(audit): Extension<Arc<AuditLog>>,
) -> Response {
    let Some(export) = Export::from_file_name(&file) else {
        return (StatusCode::NOT_FOUND, "There is no such export.").into_response();
    };
    let Some(client) = halo.0 else {
        return (
            StatusCode::UNAUTHORIZED,
            AppError::SignInRequired.to_string(),
        )
            .into_response();
    };
    let query = query.unwrap_or_default();
    let Some(slot) = running.claim(format!("{}:{}", user.kind, user.id)).await else {
        return already_running();
    };
    let stream = match csv_stream(client.background().fresh_only(), export, &query) {
        Ok(s) => s,
        Err(e) => {
            let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::BAD_REQUEST);
            return (status, e.to_string()).into_response();
        }
    };
    let tally = Tally {
        audit,
        user,
        list: export.file_name(),
        filter: query.chars().take(FILTER_IN_AUDIT).collect(),
        lines: 0,
        failure: None,
        slot: Some(slot),
    };
    // A failure after the first bytes cannot change the status any more: end the file with a line saying so
    // (one cell, written by the same rules as every other cell).
    let body = stream
        .map(Some)
        .chain(futures::stream::once(async { None }))
        .scan(tally, |tally, item| {
            let out = match item {
                _ if tally.failure.is_some() => {
                    tally.finish(false);
                    None
                }
                Some(Ok(line)) => {
                    tally.lines += 1;
                    Some(Ok::<_, std::io::Error>(line))
                }
                Some(Err(e)) => {
                    tracing::warn!(error = %e, "CSV export stopped early");
                    tally.failure = Some(e.to_string());
                    Some(Ok(csv_line([format!("# export incomplete: {e}")])))
                }
                None => {
                    tally.finish(true);
                    None
                }
            };
            std::future::ready(out)
        });
    let disposition = format!("attachment; filename=\"{}\"", export.file_name());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

/// 429: this person's other export is still running.
fn already_running() -> Response {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
        <title>An export is already running · Haloscope</title></head><body><main>\
        <h1>An export is already running</h1>\
        <p>Haloscope makes one export at a time for each person, so that everyone's pages stay quick. \
        Your other export is still being written: wait until its download has finished (or cancel it), \
        then try this one again.</p><p><a href=\"/\">Back to Haloscope</a></p></main></body></html>";
    (
        StatusCode::TOO_MANY_REQUESTS,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::RETRY_AFTER, "30"),
        ],
        Html(page),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_export_per_person_until_the_slot_is_given_back() {
        let running = RunningExports::default();
        let first = running.claim("local:alice".into()).await;
        assert!(first.is_some());
        assert!(running.claim("local:alice".into()).await.is_none());
        assert!(running.claim("local:bob".into()).await.is_some());
        drop(first);
        assert!(running.claim("local:alice".into()).await.is_some());
    }
}
