//! The pages the server draws without Leptos's router and asynchronous renderer: the lists
//! (`/clients`, `/sites/stock-bins`, …, `app::pages::list`), the record pages (`/clients/{id}`, …,
//! `app::pages::detail`) and the overview (`/`, `app::pages::overview`). Each is drawn in a reactive
//! owner holding the same contexts a Leptos page gets (the request, the response's options, the server's
//! own), so the page's server functions, its HaloPSA handle and its error statuses work as they do on
//! every other page.

use crate::state::AppState;
use app::entities::ALL;
use app::shell::AssetManifest;
use axum::body::Body;
use axum::extract::{Path, Request};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use http::header;
use leptos::prelude::{provide_context, Owner};
use leptos::reactive::computed::ScopedFuture;
use leptos::reactive::owner::Sandboxed;
use leptos_axum::ResponseOptions;
use std::future::Future;
use std::sync::Arc;

/// `router` with a GET route for every list page, every entity's record page and the overview. A list
/// also answers with a trailing slash (which the Leptos router, which drew the lists before, also
/// answered); a record's address with a trailing slash redirects to the address without it, so
/// `/clients/new/` still reaches the form. `context` provides the server's contexts.
pub fn add(
    mut router: Router<AppState>,
    assets: &AssetManifest,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Router<AppState> {
    let assets = Arc::new(assets.clone());
    for (entity, view) in app::pages::list::all() {
        let handler = {
            let (assets, context) = (assets.clone(), context.clone());
            move |req: Request<Body>| {
                page(req, context, move |path, query| async move {
                    app::pages::list::document(entity, view, &assets, &path, &query).await
                })
            }
        };
        router = router
            .route(view.href, get(handler.clone()))
            .route(&format!("{}/", view.href), get(handler));
    }
    for &entity in ALL {
        let handler = {
            let (assets, context) = (assets.clone(), context.clone());
            move |Path(id): Path<String>, req: Request<Body>| {
                page(req, context, move |path, query| async move {
                    app::pages::detail::document(entity, &assets, id, &path, &query).await
                })
            }
        };
        let record = format!("/{}/{{id}}", entity.path);
        router = router
            .route(&record, get(handler))
            .route(&format!("{record}/"), get(without_slash));
    }
    let overview = move |req: Request<Body>| {
        page(req, context, move |path, query| async move {
            app::pages::overview::document(&assets, &path, &query).await
        })
    };
    router.route("/", get(overview))
}

/// A record's address with a trailing slash: the same address without it, query kept.
async fn without_slash(req: Request<Body>) -> Redirect {
    let uri = req.uri();
    let path = uri.path().trim_end_matches('/');
    match uri.query() {
        Some(q) => Redirect::permanent(&format!("{path}?{q}")),
        None => Redirect::permanent(path),
    }
}

/// One page, drawn by `draw` from the request's path and query (without `?`), with the status and headers
/// the drawing set in `ResponseOptions`.
async fn page<F, D>(req: Request<Body>, context: impl Fn() + Send + 'static, draw: D) -> Response
where
    D: FnOnce(String, String) -> F,
    F: Future<Output = String> + 'static,
{
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
        Sandboxed::new(ScopedFuture::new(draw(path, query)))
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
