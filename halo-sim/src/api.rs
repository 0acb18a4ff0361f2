//! The resource server under `/api`: routing (case-insensitive, as ASP.NET's), bearer-token and scope
//! checks, the rate limit, and the detail shapes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::Grant;
use crate::entity::Entity;
use crate::error::ApiError;
use crate::query::{self, Params};
use crate::scope;
use crate::sim::Inner;
use crate::store::{int_of, Record, Store};
use crate::write;

/// Every request under `/api/…`.
pub(crate) async fn dispatch(
    State(sim): State<Arc<Inner>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path();
    let rest = path.get(4..).unwrap_or("");
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() == 1 && segments[0].eq_ignore_ascii_case("authinfo") {
        return authinfo(&sim, &headers);
    }
    match serve(&sim, &method, &segments, uri.query(), &headers, &body) {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

/// `GET /api/authinfo` (anonymous): where the authorisation server is and which tenant to name.
fn authinfo(sim: &Inner, headers: &HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    if !sim.cfg.authinfo {
        return StatusCode::NOT_FOUND.into_response();
    }
    let auth_url = format!("{scheme}://{host}{}/auth", sim.cfg.base_path);
    if sim.cfg.on_premise {
        return Json(json!({ "auth_url": auth_url })).into_response();
    }
    Json(json!({ "auth_url": auth_url, "tenant_id": sim.cfg.tenant })).into_response()
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn need(grant: &Grant, entity: Entity, write: bool) -> Result<(), ApiError> {
    if scope::allows(&grant.scopes, entity.scope_area(), write) {
        Ok(())
    } else {
        let verb = if write { "change" } else { "read" };
        Err(ApiError::Forbidden(format!(
            "The application's scopes do not allow it to {verb} {} records",
            entity.label()
        )))
    }
}

/// A JSON body that is already text.
fn json_text(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn parse_id(segment: &str) -> Result<i64, ApiError> {
    segment
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(ApiError::NotFound)
}

fn serve(
    sim: &Inner,
    method: &Method,
    segments: &[&str],
    raw_query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, ApiError> {
    let grant = bearer(headers)
        .and_then(|t| sim.auth_state().check(t))
        .ok_or(ApiError::Unauthorized)?;
    sim.rate_check(&grant.client_id)?;

    let Some(entity) = segments.first().and_then(|s| Entity::from_path(s)) else {
        return Err(ApiError::NotFound);
    };
    let params = Params::parse(raw_query);
    let is = |i: usize, name: &str| {
        segments
            .get(i)
            .is_some_and(|s| s.eq_ignore_ascii_case(name))
    };

    match (segments.len(), method.clone()) {
        (1, Method::GET) => {
            need(&grant, entity, false)?;
            let store = sim.store();
            Ok(json_text(query::list(&store, entity, &params, false)?))
        }
        (1, Method::POST) if entity != Entity::PopupNote => {
            need(&grant, entity, true)?;
            let saved = write::upsert(
                &mut sim.store_mut(),
                entity,
                body,
                grant.agent_id,
                sim.cfg.strict,
            )?;
            let status = if entity.post_is_created() {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            let first = saved.into_iter().next().unwrap_or(Value::Null);
            Ok((status, Json(first)).into_response())
        }
        (2, Method::GET) if entity == Entity::Site && is(1, "stockbins") => {
            need(&grant, entity, false)?;
            let store = sim.store();
            Ok(json_text(query::list(&store, entity, &params, true)?))
        }
        (2, Method::POST) if entity == Entity::Service && is(1, "unsubscribe") => {
            need(&grant, entity, true)?;
            write::unsubscribe(&mut sim.store_mut(), body, grant.agent_id)?;
            Ok(StatusCode::OK.into_response())
        }
        (2, Method::POST) if entity == Entity::PopupNote && is(1, "read") => {
            need(&grant, entity, true)?;
            let read = write::mark_popups_read(&mut sim.store_mut(), body)?;
            Ok(Json(Value::Array(read)).into_response())
        }
        (2, Method::GET) => {
            need(&grant, entity, false)?;
            let id = parse_id(segments[1])?;
            let details = params.bool("includedetails")?.unwrap_or(false);
            let store = sim.store();
            let rec = store.get(entity, id).ok_or(ApiError::NotFound)?;
            Ok(Json(detail(&store, entity, rec, details)).into_response())
        }
        (2, Method::DELETE) => {
            need(&grant, entity, true)?;
            let id = parse_id(segments[1])?;
            let removed =
                write::delete(&mut sim.store_mut(), entity, id).ok_or(ApiError::NotFound)?;
            Ok(Json(Value::Object(removed)).into_response())
        }
        (1 | 2, _) => Err(ApiError::MethodNotAllowed),
        _ => Err(ApiError::NotFound),
    }
}

fn popups_of(store: &Store, field: &str, id: i64, site_level: bool) -> Value {
    let mut out = Vec::new();
    for rec in store.table(Entity::PopupNote).records() {
        if int_of(rec.get(field)) != Some(id) {
            continue;
        }
        let has_site = int_of(rec.get("site_id")).is_some_and(|s| s > 0);
        if site_level || !has_site {
            out.push(Value::Object(rec.clone()));
        }
    }
    Value::Array(out)
}

/// An `AddressStore` built from a site's address lines.
/// A site's invoice address store: its own invoice lines, or its delivery lines unless it says the
/// invoice address is not the delivery one.
fn invoice_store(site: &Record) -> Value {
    let separate = site
        .get("invoice_address_isdelivery")
        .and_then(Value::as_bool)
        == Some(false);
    address_store(site, if separate { "invoice" } else { "delivery" }, 2)
}

fn address_store(site: &Record, prefix: &str, kind: i64) -> Value {
    let line = |n: u8| {
        site.get(&format!("{prefix}_address_line{n}"))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let site_id = int_of(site.get("id")).unwrap_or(0);
    json!({
        "id": site_id * 2 + kind - 1,
        "type": kind,
        "description": if kind == 1 { "Delivery Address" } else { "Invoice Address" },
        "note": null,
        "line1": line(1),
        "line2": line(2),
        "line3": line(3),
        "line4": line(4),
        "postcode": line(5),
        "primary": true,
        "inactive": false,
        "date_active": null,
        "date_inactive": null,
        "lat": site.get("geocoord1").cloned().unwrap_or(Value::Null),
        "long": site.get("geocoord2").cloned().unwrap_or(Value::Null),
        "site_id": site_id,
        "site_name": site.get("name").cloned().unwrap_or(Value::Null),
        "client_name": site.get("client_name").cloned().unwrap_or(Value::Null),
        "user_id": null,
    })
}

/// The detail shape of a record: the whole stored record, plus nested objects when `includedetails`.
pub(crate) fn detail(store: &Store, entity: Entity, rec: &Record, details: bool) -> Value {
    let mut out = rec.clone();
    if !details {
        return Value::Object(out);
    }
    let id = int_of(rec.get("id")).unwrap_or(0);
    match entity {
        Entity::Client => {
            out.insert(
                "popup_notes".into(),
                popups_of(store, "client_id", id, false),
            );
            if let Some(site) =
                int_of(rec.get("main_site_id")).and_then(|s| store.get(Entity::Site, s))
            {
                out.insert(
                    "main_delivery_address".into(),
                    address_store(site, "delivery", 1),
                );
                out.insert("main_invoice_address".into(), invoice_store(site));
                for (from, to) in [
                    ("phonenumber", "main_phonenumber"),
                    ("maincontact_name", "main_contact_name"),
                ] {
                    if let Some(v) = site.get(from) {
                        out.entry(to).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        Entity::Site => {
            out.insert("delivery_address".into(), address_store(rec, "delivery", 1));
            out.insert("invoice_address".into(), invoice_store(rec));
            out.insert("popup_notes".into(), popups_of(store, "site_id", id, true));
            let bins = if rec.get("isstocklocation").and_then(Value::as_bool) == Some(true) {
                json!([{
                    "id": rec.get("stockbin_id").cloned().unwrap_or(Value::Null),
                    "name": rec.get("stockbin_name").cloned().unwrap_or(Value::Null),
                    "site_id": id,
                    "dont_add_to_order": false,
                }])
            } else {
                json!([])
            };
            out.insert("stockbins".into(), bins);
            out.entry("sitecontacts").or_insert_with(|| json!([]));
        }
        Entity::Service => {
            let history: Vec<Value> = store
                .table(Entity::ServiceStatus)
                .records()
                .filter(|s| int_of(s.get("service_id")) == Some(id))
                .map(|s| Value::Object(s.clone()))
                .collect();
            out.insert("status_history".into(), Value::Array(history));
        }
        _ => {}
    }
    Value::Object(out)
}
