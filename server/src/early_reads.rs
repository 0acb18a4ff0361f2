//! A page's HaloPSA reads, sent before the page is drawn (`app::functions::early` says why and which
//! pages). Runs inside the session gate, whose request handle and signed-in person the reads use.

use app::functions::early::pages;
use app::state::server::Views;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// For a record page, a list page or the overview (a `GET`): starts its reads, gives way once so their
/// connections write the calls, and hands the started reads to the page as request extensions. Every
/// other request passes as it is.
pub async fn start(State(views): State<Views>, mut req: Request, next: Next) -> Response {
    if req.method() == http::Method::GET {
        let uri = req.uri().clone();
        if pages::start(&uri, req.extensions_mut(), &views.0).await {
            // the connections' tasks, woken by the first polls, run before this request resumes
            tokio::task::yield_now().await;
        }
    }
    next.run(req).await
}
