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
    let record = (req.method() == http::Method::GET)
        .then(|| early_record::record_page(req.uri().path()))
        .flatten();
    // the handle is cloned only for a record page
    let halo = record.and_then(|_| req.extensions().get::<RequestHalo>()?.0.clone());
    if let (Some((kind, id)), Some(halo)) = (record, halo) {
        let early = early_record::start(kind, id, &halo).await;
        if early.waiting() {
            // the connections' tasks, woken by the first poll, run before this request resumes
            tokio::task::yield_now().await;
        }
        req.extensions_mut().insert(early);
    }
    next.run(req).await
}
