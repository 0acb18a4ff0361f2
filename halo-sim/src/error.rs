//! The resource server's failures and how Halo shapes them on the wire.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

/// A failed resource-server request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400 with an ASP.NET model-state body keyed by path, e.g. `{"[0].name": ["…"]}`.
    #[error("invalid request: {0}")]
    BadRequest(Value),
    /// 401: missing, unknown, expired or revoked token. Empty body.
    #[error("unauthorised")]
    Unauthorized,
    /// 403: the token's scopes do not cover this operation.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// 404: unknown path or record. Empty body.
    #[error("not found")]
    NotFound,
    /// 405.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 429 with Halo's message under `error`.
    #[error("rate limited: {0}")]
    RateLimited(String),
}

impl ApiError {
    /// A model-state style 400 for one key.
    pub fn field(key: impl Into<String>, message: impl Into<String>) -> Self {
        let mut m = Map::new();
        m.insert(key.into(), json!([message.into()]));
        ApiError::BadRequest(Value::Object(m))
    }

    /// A 400 about a query parameter whose value does not parse.
    pub fn bad_param(name: &str, value: &str) -> Self {
        Self::field(
            name,
            format!("The value '{value}' is not valid for {name}."),
        )
    }
}

/// Halo's rate-limit message for `limit` requests per `window_secs`.
pub(crate) fn rate_limit_message(limit: u32, window_secs: u64) -> String {
    let window = if window_secs > 0 && window_secs.is_multiple_of(60) {
        format!("{} minute", window_secs / 60)
    } else {
        format!("{window_secs} second")
    };
    format!("Rate Limit Reached - {limit} Requests per rolling {window} window")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::BadRequest(body) => (StatusCode::BAD_REQUEST, Json(body)).into_response(),
            ApiError::Unauthorized => {
                let mut r = StatusCode::UNAUTHORIZED.into_response();
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer error=\"invalid_token\""),
                );
                r
            }
            ApiError::Forbidden(msg) => {
                (StatusCode::FORBIDDEN, Json(json!({ "error": msg }))).into_response()
            }
            ApiError::NotFound => StatusCode::NOT_FOUND.into_response(),
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED.into_response(),
            ApiError::RateLimited(msg) => {
                (StatusCode::TOO_MANY_REQUESTS, Json(json!({ "error": msg }))).into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_message_is_halos_text() {
        assert_eq!(
            rate_limit_message(300, 300),
            "Rate Limit Reached - 300 Requests per rolling 5 minute window"
        );
        assert_eq!(
            rate_limit_message(3, 2),
            "Rate Limit Reached - 3 Requests per rolling 2 second window"
        );
    }
}
