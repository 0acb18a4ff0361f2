//! Pages are sent whole: Leptos's empty hydration tables left off, then brotli through the page memo.
//!
//! leptos_axum ends every page with two scripts declaring the tables hydration reads resources, errors
//! and unfinished chunks from. In islands mode with nothing serialised (`app::shell`) they are always
//! empty: about 220 bytes (90 compressed) of every page that say nothing. This layer drops them when, and
//! only when, they are exactly the empty ones; `app::browser::start` declares empty tables before the
//! islands start, so what the wasm reads lazily is still there.
//!
//! Since the page is in hand whole, a request that prefers brotli gets it here, from
//! [`crate::page_brotli::PageMemo`] (a page sent before is not compressed again); tower-http's compression
//! passes on what already has a `Content-Encoding` and still serves gzip to the rest.

use crate::page_brotli::{prefers_brotli, PageMemo};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{self, HeaderValue};

/// Pages larger than this are passed on as they are (no page comes near it).
const LIMIT: usize = 4 * 1024 * 1024;

/// Drops the empty tables from the end of an HTML page, and compresses it when the request prefers brotli.
pub async fn finish(State(memo): State<PageMemo>, req: Request, next: Next) -> Response {
    let brotli = prefers_brotli(req.headers());
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, LIMIT).await else {
        // a body that fails or is too large mid-way cannot be sent whole either
        parts.status = http::StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::from("The page could not be completed."));
    };
    let page = bytes.slice(..without_empty_tables(&bytes));
    parts.headers.remove(header::CONTENT_LENGTH);
    let Some(compressed) = brotli.then(|| memo.brotli(&page)).flatten() else {
        return Response::from_parts(parts, Body::from(page));
    };
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, Body::from(compressed))
}

/// How many bytes of `page` to send: all of it, or up to its `</html>` when only the empty tables follow.
fn without_empty_tables(page: &[u8]) -> usize {
    const END: &[u8] = b"</html>";
    let Some(at) = page.windows(END.len()).rposition(|w| w == END) else {
        return page.len();
    };
    let end = at + END.len();
    let Ok(tail) = std::str::from_utf8(&page[end..]) else {
        return page.len();
    };
    let Some(nonce) = tail
        .strip_prefix("<script nonce=\"")
        .and_then(|t| t.split_once('"'))
        .map(|(n, _)| n)
    else {
        return page.len();
    };
    let empty = format!(
        "<script nonce=\"{nonce}\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];__PENDING_RESOURCES=[];\
         __RESOURCE_RESOLVERS=[];</script><script nonce=\"{nonce}\">__INCOMPLETE_CHUNKS=[];</script>"
    );
    if tail == empty {
        end
    } else {
        page.len()
    }
}

#[cfg(test)]
mod tests {
    use super::without_empty_tables;

    const EMPTY: &str = "<script nonce=\"n1\">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];\
        __PENDING_RESOURCES=[];__RESOURCE_RESOLVERS=[];</script><script nonce=\"n1\">__INCOMPLETE_CHUNKS=[];</script>";

    #[test]
    fn only_exactly_empty_tables_are_dropped() {
        let page = format!("<html><body>x</body></html>{EMPTY}");
        assert_eq!(
            without_empty_tables(page.as_bytes()),
            page.len() - EMPTY.len()
        );
        // a resolved resource, an error or an unfinished chunk: kept whole
        for full in [
            EMPTY.replace("__RESOLVED_RESOURCES=[]", "__RESOLVED_RESOURCES=[\"1\",]"),
            EMPTY.replace("__INCOMPLETE_CHUNKS=[]", "__INCOMPLETE_CHUNKS=[3,]"),
            EMPTY.replace("nonce=\"n1\">__INC", "nonce=\"n2\">__INC"),
            format!("{EMPTY}<p>after</p>"),
        ] {
            let page = format!("<html></html>{full}");
            assert_eq!(without_empty_tables(page.as_bytes()), page.len(), "{full}");
        }
        assert_eq!(without_empty_tables(b"no end tag"), 10);
    }
}
