//! Cross-site request refusal on top of SameSite=Lax cookies: a request that can change state (anything but
//! GET, HEAD, OPTIONS) is refused with 403 when the browser says it comes from another site
//! (`Sec-Fetch-Site`) or names another origin (`Origin`). Requests without either header (command-line
//! clients) carry no browser's cookies unless someone gave them one.

use crate::auth::Auth;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, Method, StatusCode};

/// Why a request was refused, or `None` when it may go on.
pub fn cross_site(
    method: &Method,
    headers: &HeaderMap,
    expected_origin: Option<&str>,
) -> Option<&'static str> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        match site.to_str().unwrap_or("") {
            "same-origin" | "none" => {}
            _ => return Some("the browser says this request comes from another site"),
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        if Some(origin) != expected_origin {
            return Some("the request comes from another origin");
        }
    }
    None
}

/// The middleware.
pub async fn refuse_cross_site(State(auth): State<Auth>, req: Request, next: Next) -> Response {
    let expected = auth.origin(req.headers());
    if let Some(why) = cross_site(req.method(), req.headers(), expected.as_deref()) {
        tracing::warn!(path = %req.uri().path(), why, "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            format!("Cross-site request refused: {why}. Nothing was changed."),
        )
            .into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_same_origin_writes_pass() {
        let me = Some("http://127.0.0.1:3000");
        let post = Method::POST;
        assert!(cross_site(
            &post,
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin")
            ]),
            me
        )
        .is_none());
        assert!(cross_site(&post, &headers(&[]), me).is_none());
        assert!(cross_site(&post, &headers(&[("sec-fetch-site", "cross-site")]), me).is_some());
        assert!(cross_site(&post, &headers(&[("sec-fetch-site", "same-site")]), me).is_some());
        assert!(cross_site(&post, &headers(&[("origin", "https://evil.example")]), me).is_some());
        assert!(cross_site(&post, &headers(&[("origin", "null")]), me).is_some());
        assert!(cross_site(
            &Method::DELETE,
            &headers(&[("origin", "http://localhost:3000")]),
            me
        )
        .is_some());
        assert!(cross_site(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            me
        )
        .is_none());
    }
}
