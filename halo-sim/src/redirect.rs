//! Which redirect URIs the authorisation endpoints send a code to: only the demo app's own
//! ([`RedirectRule`]), never an address a link's author chose.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::auth::escape_html;
use crate::config::RedirectRule;

/// Splits `http(s)://authority/path` into the authority and the path (the path must carry no query or
/// fragment); `None` for anything else.
fn split(uri: &str) -> Option<(&str, &str)> {
    let rest = uri
        .strip_prefix("http://")
        .or_else(|| uri.strip_prefix("https://"))?;
    let (authority, path) = rest.split_at(rest.find('/')?);
    let clean =
        !authority.is_empty() && !authority.contains('@') && !path.contains(['?', '#', '\\']);
    clean.then_some((authority, path))
}

/// The host of an authority (`127.0.0.1:3000` → `127.0.0.1`, `[::1]:80` → `::1`).
fn host_of(authority: &str) -> &str {
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// Whether `uri` may receive a code under `rule`; `request_host` is the `Host` the authorisation request
/// was sent to.
pub(crate) fn redirect_allowed(rule: &RedirectRule, uri: &str, request_host: &str) -> bool {
    match rule {
        RedirectRule::Exact(list) => list.iter().any(|r| r == uri),
        RedirectRule::SameHost(path) => split(uri).is_some_and(|(authority, p)| {
            !request_host.is_empty() && authority.eq_ignore_ascii_case(request_host) && p == path
        }),
        RedirectRule::Loopback(path) => split(uri).is_some_and(|(authority, p)| {
            let host = host_of(authority);
            let loopback = host.eq_ignore_ascii_case("localhost")
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback());
            loopback && p == path
        }),
    }
}

/// Why an authorisation request is refused, and where the refusal goes.
pub(crate) enum AuthReject {
    /// Shown on the page: the redirect target cannot be trusted.
    Page(String),
    /// Sent back to the redirect URI.
    Redirect(String),
}

/// `uri` with `pairs` added to its query.
pub(crate) fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    let q = serde_urlencoded::to_string(pairs).unwrap_or_default();
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{q}")
}

/// The refusal: a page when the redirect target cannot be trusted, else back to it with `error`.
pub(crate) fn reject(err: AuthReject, redirect_uri: &str, state: Option<&str>) -> Response {
    match err {
        AuthReject::Page(msg) => (
            StatusCode::BAD_REQUEST,
            Html(format!(
                "<!DOCTYPE html><html><head><title>Sign-in error</title></head>\
                 <body><h1>Sign-in error</h1><p>{}</p></body></html>",
                escape_html(&msg)
            )),
        )
            .into_response(),
        AuthReject::Redirect(code) => {
            let mut params = vec![("error", code.as_str())];
            if let Some(s) = state {
                params.push(("state", s));
            }
            found(&with_query(redirect_uri, &params))
        }
    }
}

/// `302 Found` to `location`, as Halo's authorise endpoint answers.
pub(crate) fn found(location: &str) -> Response {
    match header::HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "invalid redirect_uri").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_demo_apps_own_callback_gets_a_code() {
        let same = RedirectRule::SameHost("/auth/callback".into());
        assert!(redirect_allowed(
            &same,
            "http://scope.example:3000/auth/callback",
            "scope.example:3000"
        ));
        assert!(redirect_allowed(
            &same,
            "https://scope.example:3000/auth/callback",
            "scope.example:3000"
        ));
        for bad in [
            "https://evil.example/auth/callback",
            "http://scope.example:3000/elsewhere",
            "http://scope.example:3000/auth/callback?x=1",
            "http://scope.example:3000@evil.example/auth/callback",
            "javascript:alert(1)",
        ] {
            assert!(!redirect_allowed(&same, bad, "scope.example:3000"), "{bad}");
        }
        assert!(!redirect_allowed(&same, "http:///auth/callback", ""));
        let loopback = RedirectRule::Loopback("/auth/callback".into());
        for good in [
            "http://127.0.0.1:4000/auth/callback",
            "http://localhost/auth/callback",
            "http://[::1]:8080/auth/callback",
        ] {
            assert!(redirect_allowed(&loopback, good, "x"), "{good}");
        }
        assert!(!redirect_allowed(
            &loopback,
            "http://192.0.2.1/auth/callback",
            "x"
        ));
        let exact = RedirectRule::Exact(vec!["https://a.example/cb".into()]);
        assert!(redirect_allowed(&exact, "https://a.example/cb", ""));
        assert!(!redirect_allowed(&exact, "https://a.example/cb2", ""));
    }
}
