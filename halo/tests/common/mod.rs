//! A small Halo-shaped HTTP server on 127.0.0.1:0 that records every request and answers as
//! each test scripts it (401/429/500/slow/quirky JSON on demand).
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use halo::client::{Gateway, GatewayConfig, HaloClient, RetryPolicy, SecretString, TokenSet};
use halo::models::ClientSummary;
use halo::query::ClientQuery;
use halo::{Error, Page};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub body: String,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub at: Instant,
}

impl Recorded {
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }
    pub fn form(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// A scripted reply.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: impl ToString) -> Self {
        Self {
            status,
            headers: vec![],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }
    pub fn ok(body: impl ToString) -> Self {
        Self::json(200, body)
    }
    pub fn header(mut self, k: &'static str, v: impl ToString) -> Self {
        self.headers.push((k, v.to_string()));
        self
    }
    pub fn delay(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }
}

type Handler = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

pub struct MockState {
    pub requests: Mutex<Vec<Recorded>>,
    pub api_calls: AtomicUsize,
    pub token_calls: AtomicUsize,
    api: Box<Handler>,
    token: Box<Handler>,
}

#[derive(Clone)]
pub struct Mock {
    pub base: String,
    pub state: Arc<MockState>,
}

impl Mock {
    pub fn api_requests(&self) -> Vec<Recorded> {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.starts_with("/api"))
            .cloned()
            .collect()
    }
    pub fn token_requests(&self) -> Vec<Recorded> {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.starts_with("/auth"))
            .cloned()
            .collect()
    }
    /// A gateway config pointing at this server, limiter off, fast retries.
    pub fn config(&self, client_id: &str) -> GatewayConfig {
        let mut cfg = GatewayConfig::new(
            format!("{}/api", self.base).parse().unwrap(),
            format!("{}/auth", self.base).parse().unwrap(),
            client_id,
        );
        cfg.tenant = Some("demo".into());
        cfg.client_secret = Some(SecretString::from("s3cret-value-123"));
        cfg.rate_limit = 0;
        cfg.request_timeout = Duration::from_secs(5);
        cfg.retry = RetryPolicy {
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(100),
            rate_limit_base: Duration::from_millis(100),
            rate_limit_max: Duration::from_secs(2),
            ..RetryPolicy::default()
        };
        cfg
    }
    /// [`Mock::config`] with the outbound limiter on: `calls` per `window`.
    pub fn limited(&self, client_id: &str, calls: u32, window: Duration) -> GatewayConfig {
        let mut cfg = self.config(client_id);
        cfg.rate_limit = calls;
        cfg.rate_window = window;
        cfg
    }
    pub fn gateway(&self) -> Gateway {
        Gateway::new(self.config("test-client")).unwrap()
    }
    /// The app's client (client credentials) of a fresh [`Mock::gateway`].
    pub fn app(&self) -> HaloClient {
        self.gateway().app_client()
    }
    /// The first page of clients as the app reads it: one `GET /Client`, retries aside.
    pub async fn list_clients(&self) -> Result<Page<ClientSummary>, Error> {
        self.app().clients().list(&ClientQuery::new()).await
    }
}

/// Page 1 of the clients, `size` rows a page, paginated.
pub async fn first_client_page(c: &HaloClient, size: i32) -> Page<ClientSummary> {
    c.clients()
        .list(
            &ClientQuery::new()
                .pageinate(true)
                .page_size(size)
                .page_no(1),
        )
        .await
        .unwrap()
}

/// An agent's tokens with refresh token `refresh`: the access token `access` ran out a second
/// ago when `expired`, else it is good for an hour.
pub fn agent_tokens(access: &str, refresh: Option<&str>, expired: bool) -> TokenSet {
    let now = chrono::Utc::now();
    let at = if expired {
        now - chrono::Duration::seconds(1)
    } else {
        now + chrono::Duration::hours(1)
    };
    TokenSet::new(access, refresh.map(Into::into), Some(at))
}

/// A token endpoint that hands out `tok1`, `tok2`, … valid for `expires_in` seconds.
pub fn counting_tokens(
    expires_in: u64,
    delay: Duration,
) -> impl Fn(&Recorded, usize) -> Reply + Send + Sync {
    move |_r, n| {
        Reply::ok(serde_json::json!({
            "access_token": format!("tok{n}"),
            "token_type": "Bearer",
            "expires_in": expires_in,
            "refresh_token": format!("ref{n}"),
            "scope": "all"
        }))
        .delay(delay)
    }
}

/// Starts the server with `api` and a token endpoint that hands out hour-long tokens at once.
pub async fn spawn_api(api: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> Mock {
    spawn(api, counting_tokens(3600, Duration::ZERO)).await
}

/// Starts the server with [`echo_api`] and a token endpoint that always answers `status` `body`.
pub async fn spawn_refusing_tokens(status: u16, body: &'static str) -> Mock {
    spawn(echo_api, move |_: &Recorded, _| Reply::json(status, body)).await
}

/// Starts the server. `api` answers `/api/…` (given the request and its 1-based count);
/// `token` answers `/auth/token`.
pub async fn spawn(
    api: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
    token: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static,
) -> Mock {
    let state = Arc::new(MockState {
        requests: Mutex::new(Vec::new()),
        api_calls: AtomicUsize::new(0),
        token_calls: AtomicUsize::new(0),
        api: Box::new(api),
        token: Box::new(token),
    });
    let st = state.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let st = st.clone();
            async move {
                let rec = Recorded {
                    method: method.to_string(),
                    path: uri.path().to_owned(),
                    query: uri.query().unwrap_or("").to_owned(),
                    body: String::from_utf8_lossy(&body).into_owned(),
                    authorization: headers
                        .get("authorization")
                        .map(|v| v.to_str().unwrap().to_owned()),
                    content_type: headers
                        .get("content-type")
                        .map(|v| v.to_str().unwrap().to_owned()),
                    at: Instant::now(),
                };
                st.requests.lock().unwrap().push(rec.clone());
                let reply = if rec.path.starts_with("/auth/token") {
                    let n = st.token_calls.fetch_add(1, Ordering::SeqCst) + 1;
                    (st.token)(&rec, n)
                } else {
                    let n = st.api_calls.fetch_add(1, Ordering::SeqCst) + 1;
                    (st.api)(&rec, n)
                };
                if !reply.delay.is_zero() {
                    tokio::time::sleep(reply.delay).await;
                }
                let mut resp: Response =
                    (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
                resp.headers_mut()
                    .insert("content-type", "application/json".parse().unwrap());
                for (k, v) in reply.headers {
                    resp.headers_mut().insert(k, v.parse().unwrap());
                }
                resp
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Mock {
        base: format!("http://{addr}"),
        state,
    }
}

/// An API that answers `{"id": N}` for `/X/N`, `[]` for lists and `{}` for posts.
pub fn echo_api(r: &Recorded, _n: usize) -> Reply {
    let last = r.path.rsplit('/').next().unwrap_or("");
    if last == "me" {
        Reply::ok(serde_json::json!({ "id": 1 }))
    } else if let Ok(id) = last.parse::<i64>() {
        Reply::ok(serde_json::json!({ "id": id }))
    } else if r.method == "POST" {
        Reply::ok("{}")
    } else {
        Reply::ok("[]")
    }
}
