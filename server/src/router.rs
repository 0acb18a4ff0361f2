//! The axum router: health probes, Leptos pages and server functions, site assets, and the simulator
//! under `/_sim` in demo mode.

use crate::metrics::MetricsAccess;
use crate::routes::export::export_csv;
use crate::routes::health::{healthz, readyz};
use crate::state::AppState;
use app::shell::shell;
use app::state::server::{RequestHalo, ServerInfo};
use app::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

/// The whole application.
pub fn build(state: AppState, sim: Option<halo_sim::Simulator>, metrics: MetricsAccess) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let info = ServerInfo(state.shell.clone());
        move || provide_context(info.clone())
    };
    let page = {
        let manifest = state.manifest.clone();
        move || shell(manifest.clone())
    };
    let fallback = {
        let context = context.clone();
        let page = page.clone();
        move |State(state): State<AppState>, req: Request<Body>| {
            let context = context.clone();
            let page = page.clone();
            async move {
                if let Some(res) = state.assets.respond(req.uri().path(), req.headers()) {
                    return res;
                }
                // Not a file: let the app render its 404 page (it sets the status).
                leptos_axum::render_app_to_stream_with_context(context, page)(req)
                    .await
                    .into_response()
            }
        }
    };

    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/export/{file}", get(export_csv))
        .leptos_routes_with_context(&state, routes, context, page)
        .route_layer(middleware::from_fn(crate::metrics::track))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), attach_halo))
        .with_state(state)
        .merge(
            Router::new()
                .route("/metrics", get(crate::metrics::metrics))
                .with_state(metrics),
        );
    if let Some(sim) = sim {
        router = router.nest("/_sim", sim.router());
    }
    router
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(TraceLayer::new_for_http())
}

/// Puts the request's HaloPSA handle into its extensions, where `app::functions::halo` finds it.
async fn attach_halo(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    req.extensions_mut()
        .insert(RequestHalo(state.upstream.app_client.clone()));
    next.run(req).await
}
