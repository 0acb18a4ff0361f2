//! The list pages (`/clients`, `/sites/stock-bins`, …): drawn by `app::pages::list` without Leptos's
//! renderer, in a reactive owner holding the same contexts a Leptos page gets (the request, the response's
//! options, the server's own), so the page's server functions, its HaloPSA handle and its error statuses
//! work as they do on every other page.

use crate::state::AppState;
use app::entities::{Entity, ListView};
use app::shell::AssetManifest;
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::header;
use leptos::prelude::{provide_context, Owner};
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Sandboxed;
use leptos_axum::ResponseOptions;
use std::sync::Arc;

/// `router` with a GET route for every list page, at its address and with a trailing slash (which the
/// Leptos router, which drew the lists before, also answered). `context` provides the server's contexts.
pub fn add(
    mut router: Router<AppState>,
    assets: &AssetManifest,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Router<AppState> {
    let assets = Arc::new(assets.clone());
    for (entity, view) in app::pages::list::all() {
        let handler = {
            let (assets, context) = (assets.clone(), context.clone());
            move |req: Request<Body>| page(req, entity, view, assets, context)
        };
        router = router
            .route(view.href, get(handler.clone()))
            .route(&format!("{}/", view.href), get(handler));
    }
    router
}

/// One list page.
async fn page(
    req: Request<Body>,
    entity: &'static Entity,
    view: &'static ListView,
    assets: Arc<AssetManifest>,
    context: impl Fn() + Send + 'static,
) -> Response {
    let (parts, _body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or_default().to_owned();
    let options = ResponseOptions::default();
    let owner = Owner::new_root(None);
    let drawn = owner.with(|| {
        provide_context(parts);
        provide_context(options.clone());
        context();
        // the owner's arena for every poll, as Leptos's own handler does
        Sandboxed::new(ScopedFuture::new(async move {
            app::pages::list::document(entity, view, &assets, &path, &query).await
        }))
    });
    let html = drawn.await;
    owner.unset_with_forced_cleanup();
    let set = options.0.read().unwrap_or_else(|e| e.into_inner());
    let mut res = (
        set.status.unwrap_or(http::StatusCode::OK),
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    res.headers_mut()
        .extend(set.headers.iter().map(|(k, v)| (k.clone(), v.clone())));
    res
}
