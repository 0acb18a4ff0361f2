//! Strict mode (`SimConfig::strict`, `halo-sim --strict`): the simulator answers as hosted HaloPSA
//! really does where the documentation leaves room, so clients are tested against the unkind cases.
//! Opt-in: demo mode and the simulator's own tests stay lenient.
//!
//! * the creates HaloPSA documents only as an untyped 200 (`POST /Organisation`, `POST /CRMNote`)
//!   are carried out and answered with an empty 200;
//! * an empty date in a reply reads `"1900-01-01T00:00:00"` (Halo's "no date");
//! * a list's `record_count` is sent as a string;
//! * a POST's fields HaloPSA does not know are dropped (`known_fields.rs`);
//! * a posted `customfields` array empties the record's fields it leaves out (`write/custom.rs`);
//! * refresh tokens are rotated and the used one revoked (`auth.rs`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::sim::Inner;

/// Halo's "no date".
pub const NO_DATE: &str = "1900-01-01T00:00:00";

/// Writes HaloPSA documents only as an untyped 200.
const UNTYPED_WRITES: &[&str] = &["/api/Organisation", "/api/CRMNote"];

/// Whether `key` names a date field (`calldate`, `datecreated`, `status_end_date`, `last_modified`).
fn is_date_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.starts_with("date") || k.ends_with("date") || k == "last_modified"
}

/// Rewrites a reply body the strict way: empty dates become [`NO_DATE`], `record_count` a string.
fn harden(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_date_key(k) && (v.is_null() || v.as_str() == Some("")) {
                    *v = Value::from(NO_DATE);
                } else if k == "record_count" && v.is_number() {
                    *v = Value::from(v.to_string());
                } else {
                    harden(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(harden),
        _ => {}
    }
}

/// The middleware; does nothing unless the simulator is strict.
pub(crate) async fn layer(State(sim): State<Arc<Inner>>, req: Request, next: Next) -> Response {
    if !sim.cfg.strict || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let method = req.method().clone();
    let untyped = method == Method::POST
        && UNTYPED_WRITES
            .iter()
            .any(|p| req.uri().path().eq_ignore_ascii_case(p));
    let resp = next.run(req).await;
    if untyped && resp.status().is_success() {
        return StatusCode::OK.into_response();
    }
    if method != Method::GET || !resp.status().is_success() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    harden(&mut value);
    let out = serde_json::to_vec(&value).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_dates_and_counts_are_hardened() {
        let mut v = json!({"record_count": 2, "clients": [
            {"id": 1, "calldate": null, "datecreated": "", "name": "date"},
            {"id": 2, "calldate": "2024-05-01T09:30:00"}
        ]});
        harden(&mut v);
        assert_eq!(v["record_count"], json!("2"));
        assert_eq!(v["clients"][0]["calldate"], json!(NO_DATE));
        assert_eq!(v["clients"][0]["datecreated"], json!(NO_DATE));
        assert_eq!(v["clients"][0]["name"], json!("date"));
        assert_eq!(v["clients"][1]["calldate"], json!("2024-05-01T09:30:00"));
    }
}
