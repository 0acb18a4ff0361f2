//! `/metrics` in Prometheus text format: the gateway's upstream figures (calls, latency, cache hits and
//! misses, rate-limit budget, 429s — reported by `halo` through the `metrics` facade) plus requests and
//! latency by route, recorded here. Answers only from loopback or with `HALOSCOPE_METRICS_TOKEN`.

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::time::Instant;

/// Installs the global recorder once; later calls (tests) reuse the first handle.
pub fn install() -> PrometheusHandle {
    static HANDLE: std::sync::OnceLock<PrometheusHandle> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets(&[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                ])
                .expect("bucket list is not empty")
                .install_recorder()
                .expect("the metrics recorder is installed once")
        })
        .clone()
}

/// Who may read `/metrics`.
#[derive(Clone)]
pub struct MetricsAccess {
    pub handle: PrometheusHandle,
    /// A bearer token that also grants access from other addresses.
    pub token: Option<String>,
    /// Requests through these come from elsewhere, even when the proxy runs on this machine.
    pub proxies: crate::client_ip::TrustedProxies,
}

/// `GET /metrics`.
pub async fn metrics(
    State(access): State<MetricsAccess>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let token_ok = matches!((&access.token, bearer), (Some(t), Some(b)) if constant_time_eq(t.as_bytes(), b.as_bytes()));
    if !access.proxies.is_local(peer, &headers) && !token_ok {
        return (
            StatusCode::FORBIDDEN,
            "metrics are served to loopback or with HALOSCOPE_METRICS_TOKEN",
        )
            .into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/plain; version=0.0.4"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        access.handle.render(),
    )
        .into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware: counts requests and their latency by route pattern and status class.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| {
            if req.uri().path().starts_with("/pkg/") {
                "/pkg/*"
            } else {
                "other"
            }
            .to_string()
        });
    let method = req.method().to_string();
    let started = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("haloscope_requests_total", &labels).increment(1);
    metrics::histogram!("haloscope_request_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    res
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
