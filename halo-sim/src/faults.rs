//! Fault injection: latency, 500s, 429 bursts, malformed and HTML bodies, stalled bodies, token expiry.
//! Applied to the resource server (`/api/…`) and, when asked, to `/auth/token`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::StreamExt;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::rate_limit_message;
use crate::sim::Inner;

/// Which faults are active. Rates are shares of requests in `0.0..=1.0`; the first that fires wins,
/// checked in the order 429 burst, 500, HTML, malformed, stalled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FaultConfig {
    /// Added to every affected request.
    pub latency_ms: u64,
    /// A further uniformly random 0..=jitter_ms.
    pub jitter_ms: u64,
    /// Share answered `500` with a .NET exception body.
    pub error_rate: f64,
    /// The next N affected requests are answered 429 with Halo's rate-limit message.
    pub burst_429: u32,
    /// Share answered 200 with a truncated JSON body.
    pub malformed_rate: f64,
    /// Share answered 200 with an HTML page instead of JSON.
    pub html_rate: f64,
    /// Share whose body stops half-way for `stall_ms` (0 = an hour).
    pub stall_rate: f64,
    pub stall_ms: u64,
    /// After this many more affected requests (each one counts it down), every one is answered `500`:
    /// a HaloPSA that fails part-way through a walk of pages.
    pub fail_after: Option<u32>,
    /// Also apply to `POST /auth/token`.
    pub include_auth: bool,
    /// The next write (`POST /api/…`) is refused with 400 and this body, as HaloPSA refuses a value it
    /// will not store, e.g. `{"[0].website": ["The website is not valid."]}`. Used once, then cleared.
    pub reject_next_write: Option<serde_json::Value>,
    /// Resource paths (under `/api/`, compared without case, e.g. `TopLevel`) answered `403` for every
    /// method, as HaloPSA answers an agent who lacks that permission.
    pub forbidden: Vec<String>,
    /// Only this agent (by id, through the tokens issued to them) meets `forbidden`; `None`: every caller.
    pub forbidden_agent: Option<i64>,
    /// Writes (`POST /api/…`) are carried out, then answered `200` with an empty body, as HaloPSA
    /// documents some creates (`POST /Organisation`, `POST /CRMNote`) only as an untyped 200.
    pub empty_write_replies: bool,
    /// Token replies carry no `id_token` (a sign-in that does not say which agent it is).
    pub omit_id_token: bool,
}

impl FaultConfig {
    /// Whether any fault is set.
    pub fn is_active(&self) -> bool {
        *self != FaultConfig::default()
    }
}

pub(crate) struct FaultState {
    pub cfg: FaultConfig,
    rng: ChaCha8Rng,
}

#[derive(Debug, PartialEq)]
enum Action {
    None,
    TooMany,
    ServerError,
    Html,
    Malformed,
    Stall(Duration),
    Reject(serde_json::Value),
    Forbidden,
    EmptyReply,
}

impl FaultState {
    pub fn new(cfg: FaultConfig, seed: u64) -> Self {
        Self {
            cfg,
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0xFA17),
        }
    }

    fn plan(&mut self) -> (Duration, Action) {
        let c = &self.cfg;
        let mut delay = c.latency_ms;
        if c.jitter_ms > 0 {
            delay += self.rng.gen_range(0..=c.jitter_ms);
        }
        let delay = Duration::from_millis(delay);
        if self.cfg.burst_429 > 0 {
            self.cfg.burst_429 -= 1;
            return (delay, Action::TooMany);
        }
        if let Some(left) = self.cfg.fail_after.as_mut() {
            if *left == 0 {
                return (delay, Action::ServerError);
            }
            *left -= 1;
        }
        let c = &self.cfg;
        let roll: f64 = self.rng.gen();
        let mut edge = 0.0;
        let mut hit = |rate: f64| {
            edge += rate.clamp(0.0, 1.0);
            roll < edge
        };
        let action = if hit(c.error_rate) {
            Action::ServerError
        } else if hit(c.html_rate) {
            Action::Html
        } else if hit(c.malformed_rate) {
            Action::Malformed
        } else if hit(c.stall_rate) {
            Action::Stall(if c.stall_ms == 0 {
                Duration::from_secs(3600)
            } else {
                Duration::from_millis(c.stall_ms)
            })
        } else {
            Action::None
        };
        (delay, action)
    }
}

const HTML_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>HaloPSA - Log In</title></head>\
<body><h1>Sign in</h1><p>Your session has ended. Please log in again.</p></body></html>\n";

/// The agent a request's bearer token was issued to.
fn caller(sim: &Inner, headers: &axum::http::HeaderMap) -> Option<i64> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    sim.auth_state().check(token).map(|g| g.agent_id)
}

/// The faults for a request to `path` from `agent`, if any apply.
fn decide(
    sim: &Inner,
    method: &axum::http::Method,
    path: &str,
    agent: Option<i64>,
) -> Option<(Duration, Action)> {
    let mut f = sim.faults.lock().unwrap_or_else(|p| p.into_inner());
    if method == axum::http::Method::POST && path.starts_with("/api/") {
        if let Some(body) = f.cfg.reject_next_write.take() {
            return Some((Duration::ZERO, Action::Reject(body)));
        }
        if f.cfg.empty_write_replies {
            return Some((Duration::ZERO, Action::EmptyReply));
        }
    }
    if let Some(rest) = path.strip_prefix("/api/") {
        if f.cfg
            .forbidden
            .iter()
            .any(|p| p.trim_matches('/').eq_ignore_ascii_case(rest))
            && f.cfg.forbidden_agent.is_none_or(|only| agent == Some(only))
        {
            return Some((Duration::ZERO, Action::Forbidden));
        }
    }
    let applies = path.starts_with("/api/")
        || (f.cfg.include_auth && path.eq_ignore_ascii_case("/auth/token"));
    (applies && f.cfg.is_active()).then(|| f.plan())
}

/// Takes the `id_token` out of a token reply when [`FaultConfig::omit_id_token`] asks for it.
pub(crate) fn omit_id_token_if_asked(sim: &Inner, reply: &mut serde_json::Value) {
    let omit = sim
        .faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .cfg
        .omit_id_token;
    if let (true, Some(map)) = (omit, reply.as_object_mut()) {
        map.remove("id_token");
    }
}

/// The middleware that counts requests and applies the active faults.
pub(crate) async fn layer(State(sim): State<Arc<Inner>>, req: Request, next: Next) -> Response {
    sim.count_request(req.method().as_str(), req.uri().path());
    let agent = caller(&sim, req.headers());
    let Some((delay, action)) = decide(&sim, req.method(), req.uri().path(), agent) else {
        return next.run(req).await;
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match action {
        Action::None => next.run(req).await,
        Action::Reject(body) => (StatusCode::BAD_REQUEST, Json(body)).into_response(),
        Action::EmptyReply => {
            let resp = next.run(req).await;
            if resp.status().is_success() {
                StatusCode::OK.into_response()
            } else {
                resp
            }
        }
        Action::Forbidden => (
            StatusCode::FORBIDDEN,
            Json(json!({ "error": "You do not have permission to access this resource." })),
        )
            .into_response(),
        Action::TooMany => {
            let limit = sim.cfg.rate_limit.unwrap_or(300);
            let msg = rate_limit_message(limit, sim.cfg.rate_window.as_secs());
            (StatusCode::TOO_MANY_REQUESTS, Json(json!({ "error": msg }))).into_response()
        }
        Action::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({
                "ClassName": "System.Exception",
                "Message": "An unexpected error occurred (simulated fault)",
                "Data": null,
                "InnerException": null,
            })),
        )
            .into_response(),
        Action::Html => {
            let mut r = (StatusCode::OK, HTML_PAGE).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        Action::Malformed => {
            let resp = next.run(req).await;
            let (mut parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let cut = if bytes.len() > 2 {
                bytes.slice(..bytes.len() / 2)
            } else {
                Bytes::from_static(b"{\"id\":")
            };
            parts.headers.remove(header::CONTENT_LENGTH);
            parts.headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            Response::from_parts(parts, Body::from(cut))
        }
        Action::Stall(pause) => {
            let resp = next.run(req).await;
            let (mut parts, body) = resp.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let half = bytes.len() / 2;
            let (first, rest) = (bytes.slice(..half), bytes.slice(half..));
            parts.headers.insert(
                header::CONTENT_LENGTH,
                HeaderValue::from(bytes.len() as u64),
            );
            let stream = futures::stream::once(async move { Ok::<_, Infallible>(first) }).chain(
                futures::stream::once(async move {
                    tokio::time::sleep(pause).await;
                    Ok(rest)
                }),
            );
            Response::from_parts(parts, Body::from_stream(stream))
        }
    }
}

/// A handle to change faults and token state at run time.
#[derive(Clone)]
pub struct Faults {
    pub(crate) sim: Arc<Inner>,
}

impl Faults {
    /// The active faults.
    pub fn get(&self) -> FaultConfig {
        self.sim
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .cfg
            .clone()
    }

    /// Replaces the active faults.
    pub fn set(&self, cfg: FaultConfig) {
        self.sim
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .cfg = cfg;
    }

    /// Turns every fault off.
    pub fn clear(&self) {
        self.set(FaultConfig::default());
    }

    /// Answers the next `n` affected requests with 429.
    pub fn burst_429(&self, n: u32) {
        self.sim
            .faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .cfg
            .burst_429 = n;
    }

    /// Makes every issued access token expired now (refresh tokens stay valid).
    pub fn expire_tokens(&self) {
        self.sim.auth_state().expire_all();
    }

    /// Every access and refresh token the simulator has issued (for leak tests).
    pub fn issued_tokens(&self) -> Vec<String> {
        self.sim.auth_state().issued()
    }

    /// Revokes every access token, refresh token and pending authorisation code.
    pub fn revoke_tokens(&self) {
        self.sim.auth_state().revoke_all();
    }
}

/// `/_control/…`, mounted only when `SimConfig.control` is set.
pub(crate) fn control_routes() -> Router<Arc<Inner>> {
    Router::new()
        .route("/_control/faults", get(get_faults).post(set_faults))
        .route("/_control/expire-tokens", post(expire_tokens))
        .route("/_control/revoke-tokens", post(revoke_tokens))
        .route("/_control/reset", post(reset))
        .route("/_control/tokens", get(issued_tokens))
        .route("/_control/writes", get(recorded_writes))
}

/// Every write that reached `/api/…` (oldest first), each body exactly as it arrived.
async fn recorded_writes(
    State(sim): State<Arc<Inner>>,
) -> Json<Vec<crate::recorder::RecordedWrite>> {
    Json(sim.writes.all())
}

async fn issued_tokens(State(sim): State<Arc<Inner>>) -> Json<Vec<String>> {
    Json(Faults { sim }.issued_tokens())
}

async fn get_faults(State(sim): State<Arc<Inner>>) -> Json<FaultConfig> {
    Json(Faults { sim }.get())
}

async fn set_faults(
    State(sim): State<Arc<Inner>>,
    Json(cfg): Json<FaultConfig>,
) -> Json<FaultConfig> {
    let faults = Faults { sim };
    faults.set(cfg);
    Json(faults.get())
}

async fn expire_tokens(State(sim): State<Arc<Inner>>) -> StatusCode {
    Faults { sim }.expire_tokens();
    StatusCode::NO_CONTENT
}

async fn revoke_tokens(State(sim): State<Arc<Inner>>) -> StatusCode {
    Faults { sim }.revoke_tokens();
    StatusCode::NO_CONTENT
}

async fn reset(State(sim): State<Arc<Inner>>) -> StatusCode {
    sim.reset();
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn burst_comes_first_then_rates() {
        let mut s = FaultState::new(
            FaultConfig {
                burst_429: 2,
                error_rate: 1.0,
                ..Default::default()
            },
            1,
        );
        assert_eq!(s.plan().1, Action::TooMany);
        assert_eq!(s.plan().1, Action::TooMany);
        assert_eq!(s.plan().1, Action::ServerError);
    }

    #[test]
    fn shares_are_roughly_honoured() {
        let mut s = FaultState::new(
            FaultConfig {
                error_rate: 0.25,
                ..Default::default()
            },
            7,
        );
        let errors = (0..4000)
            .filter(|_| s.plan().1 == Action::ServerError)
            .count();
        assert!((800..1200).contains(&errors), "{errors}");
    }

    #[test]
    fn jitter_stays_in_range() {
        let mut s = FaultState::new(
            FaultConfig {
                latency_ms: 10,
                jitter_ms: 5,
                ..Default::default()
            },
            3,
        );
        for _ in 0..100 {
            let d = s.plan().0.as_millis();
            assert!((10..=15).contains(&d));
        }
    }
}
