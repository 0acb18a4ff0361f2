//! Every write that reaches the resource server, kept as it came (method, path, raw body), so
//! tests can assert on what reached the wire instead of on what the client says it sent.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use crate::sim::Inner;

/// How many writes are kept (the oldest go first).
const KEPT: usize = 1000;

/// One write request as it reached the simulator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedWrite {
    /// `POST` or `DELETE`.
    pub method: String,
    /// The path, e.g. `/api/Client`.
    pub path: String,
    /// The body exactly as sent.
    pub body: String,
}

impl RecordedWrite {
    /// The body parsed as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// The kept writes.
#[derive(Default)]
pub(crate) struct Recorder(Mutex<VecDeque<RecordedWrite>>);

impl Recorder {
    fn push(&self, w: RecordedWrite) {
        let mut q = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if q.len() == KEPT {
            q.pop_front();
        }
        q.push_back(w);
    }

    pub fn all(&self) -> Vec<RecordedWrite> {
        let q = self.0.lock().unwrap_or_else(|p| p.into_inner());
        q.iter().cloned().collect()
    }
}

/// The middleware that keeps every `POST`/`DELETE` under `/api/` (bodies up to 1 MiB).
pub(crate) async fn layer(State(sim): State<Arc<Inner>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let is_write = method == axum::http::Method::POST || method == axum::http::Method::DELETE;
    if !(is_write && req.uri().path().starts_with("/api/")) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    sim.writes.push(RecordedWrite {
        method: method.to_string(),
        path: parts.uri.path().to_owned(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    });
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
