//! A record page's HaloPSA reads, sent before the page is drawn (`app::functions::early_record` says
//! why). Runs inside the session gate, whose request handle the reads use.

use app::functions::early_record;
use app::state::server::RequestHalo;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// For a record page (`GET /<entity>/<id>`): starts its reads, gives way once so their connections write
/// the calls, and hands the started read to the page as a request extension. Every other request passes
/// as it is.
pub async fn start(mut req: Request, next: Next) -> Response {
    // the handle is cloned only for a record page
    if req.method() == http::Method::GET && early_record::record_page(req.uri().path()).is_some() {
        let halo = req
            .extensions()
            .get::<RequestHalo>()
            .and_then(|h| h.0.clone());
        if let Some(halo) = halo {
            if let Some(early) = early_record::start(req.uri().path(), &halo).await {
                if early.waiting() {
                    // the connections' tasks, woken by the first poll, run before this request resumes
                    tokio::task::yield_now().await;
                }
                req.extensions_mut().insert(early);
            }
        }
    }
    next.run(req).await
}
