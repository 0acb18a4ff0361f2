//! `/healthz` (the process answers) and `/readyz` (HaloPSA answers too).

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// Always 200 `ok` while the process serves requests.
pub async fn healthz() -> &'static str {
    "ok"
}

/// 200 `ok` when the upstream answers, else 503 with a one-line reason.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    match state.upstream.ready().await {
        Ok(()) => (StatusCode::OK, "ok".into()),
        Err(reason) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "HaloPSA is not ready: {}",
                reason.lines().next().unwrap_or("")
            ),
        ),
    }
}
