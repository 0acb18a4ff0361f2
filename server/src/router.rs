//! The axum router: site assets, the session gate in front of the Leptos pages, server functions and
//! exports, the sign-in routes, health probes, `/metrics`, and the simulator under `/_sim` in demo mode;
//! around everything the security headers, the cross-site check, body limit, compression and tracing.

use crate::auth::session_store::Store;
use crate::auth::{callback, gate, login};
use crate::metrics::MetricsAccess;
use crate::routes::export::export_csv;
use crate::routes::health::{healthz, readyz};
use crate::security::csrf::refuse_cross_site;
use crate::security::headers::{security_headers, HeaderPolicy};
use crate::state::AppState;
use app::functions::views::ViewsThisRequest;
use app::shell::shell;
use app::state::server::{CspNonce, ServerInfo};
use app::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http::header;
use leptos::prelude::{provide_context, with_context};
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::sensitive_headers::{
    SetSensitiveRequestHeadersLayer, SetSensitiveResponseHeadersLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::SessionManagerLayer;

/// Largest request body accepted (forms are a few KB).
pub const BODY_LIMIT: usize = 256 * 1024;
/// Longest a request may take to produce its response head.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);

/// Routes the server adds besides the Leptos pages and server functions: `(method, path)`.
pub const SERVER_ROUTES: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/auth/callback"),
    ("POST", "/logout"),
    ("GET", "/export/{file}"),
    ("GET", "/data-health.csv"),
    ("GET", "/metrics"),
];

/// The brotli quality and gzip level for what tower-http compresses per response: pages for clients that
/// prefer gzip, server functions' answers, the sign-in page. Pages for clients that prefer brotli are
/// compressed by `page_tail` through the page memo (at this quality, or a cheaper one for pages under
/// `page_brotli::SMALL_PAGE`); static assets are precompressed
/// at build time and cost nothing per response.
const PAGE_COMPRESSION: i32 = crate::page_brotli::PAGE_QUALITY as i32;

/// Where the simulator is mounted in demo mode.
pub const SIM_PREFIX: &str = "/_sim";

/// The whole application.
pub fn build(
    state: AppState,
    sim: Option<halo_sim::Simulator>,
    metrics: MetricsAccess,
    sessions: SessionManagerLayer<Store>,
    policy: HeaderPolicy,
) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let info = ServerInfo(state.shell.clone());
        let health_interval = state.health_interval;
        let views = state.views.clone();
        let jobs = state.jobs.clone();
        let reports = state.reports.clone();
        let upstream_seen = state.ready.seen.clone();
        move || {
            provide_context(info.clone());
            provide_context(health_interval);
            provide_context(views.clone());
            provide_context(jobs.clone());
            provide_context(reports.clone());
            provide_context(upstream_seen.clone());
            // a message is read once per page view, however often the page's parts ask for it
            provide_context(app::functions::flash::ssr::TakenThisRequest::default());
            // a bare list reads its saved views twice (the default to go to, the panel), and the early
            // reads may have asked too: once from the store
            let (views_read, nonce) = with_context::<http::request::Parts, _>(|p| {
                let views_read = p.extensions.get::<ViewsThisRequest>().cloned();
                (views_read, p.extensions.get::<CspNonce>().cloned())
            })
            .unwrap_or_default();
            provide_context(views_read.unwrap_or_default());
            // the CSP header's nonce, for the shell's inline script and Leptos's own
            if let Some(n) = nonce {
                provide_context(leptos::nonce::Nonce::from_value(n.0));
            }
        }
    };
    let page = {
        let manifest = state.manifest.clone();
        move || shell(manifest.clone())
    };
    let not_found = {
        let context = context.clone();
        let page = page.clone();
        move |req: Request<Body>| {
            let context = context.clone();
            let page = page.clone();
            async move {
                // the app renders its 404 page (it sets the status)
                leptos_axum::render_app_to_stream_with_context(context, page)(req)
                    .await
                    .into_response()
            }
        }
    };

    let pages = crate::routes::drawn::add(Router::new(), &state.manifest, context.clone());
    let mut router = pages
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/login", get(login::show).post(login::submit))
        .route("/auth/callback", get(callback::callback))
        .route("/logout", post(login::logout))
        .route("/export/{file}", get(export_csv))
        .route(
            "/data-health.csv",
            get(crate::routes::data_health::data_health_csv),
        )
        .leptos_routes_with_context(&state, routes, context, page)
        .route_layer(middleware::from_fn(crate::metrics::track))
        .fallback(not_found)
        // pages end without Leptos's empty hydration tables (the browser declares them itself), and go
        // out as brotli from the page memo when the browser prefers it
        .layer(middleware::from_fn_with_state(
            crate::page_brotli::PageMemo::new(),
            crate::page_tail::finish,
        ))
        // a record page's, a list's and the overview's HaloPSA calls go out before the page is drawn
        .layer(middleware::from_fn_with_state(
            state.views.clone(),
            crate::early_reads::start,
        ))
        .layer(middleware::from_fn_with_state(
            state.auth.clone(),
            gate::gate,
        ))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.shared.clone(),
            crate::shared::guard,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), serve_assets))
        .with_state(state.clone())
        .merge(
            Router::new()
                .route("/metrics", get(crate::metrics::metrics))
                .with_state(metrics),
        );
    if let Some(sim) = sim {
        router = router.nest(SIM_PREFIX, sim.router());
    }
    outer_layers(router, state.auth.clone(), policy)
}

/// Around everything, outermost last: sensitive headers marked, tracing, compression, the security
/// headers, the cross-site check, the response-head timeout and the body limit.
fn outer_layers(router: Router, auth: crate::auth::Auth, policy: HeaderPolicy) -> Router {
    router
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            RESPONSE_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(
            auth,
            refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(policy, security_headers))
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(PAGE_COMPRESSION)),
        )
        // spans name the path only: a query can hold an OAuth code or `state`
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            tracing::debug_span!("request", method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetSensitiveResponseHeadersLayer::new([header::SET_COOKIE]))
        .layer(SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
            header::COOKIE,
            header::PROXY_AUTHORIZATION,
        ]))
}

/// Site files (the hashed `/pkg` bundle, favicon) are served before the session is looked at: they hold no
/// HaloPSA data.
///
/// A `/pkg/` file this release does not have is a plain 404 at once, signed in or not: during a rolling
/// update a page from a newer replica asks for its own hashed bundle, and a load balancer that retries
/// `/pkg/` on another backend after a 404 (see the README) finds the replica that has it.
async fn serve_assets(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), http::Method::GET | http::Method::HEAD) {
        if let Some(res) = state.assets.respond(req.uri().path(), req.headers()) {
            return res;
        }
        if req.uri().path().starts_with("/pkg/") {
            return (
                http::StatusCode::NOT_FOUND,
                [(header::CACHE_CONTROL, "no-store")],
                "This release has no such file.",
            )
                .into_response();
        }
    }
    next.run(req).await
}
