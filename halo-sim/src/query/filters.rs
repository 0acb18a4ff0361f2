//! The filters a list query names: the active flag for the entities that have one, then each
//! entity's own (client, top level, stock location, category, status, subscription, note owner, …).

use serde_json::Value;

use super::Params;
use crate::entity::Entity;
use crate::error::ApiError;
use crate::store::{int_of, Record, Row, Store};

/// `(include active, include inactive)`; default = active only.
pub(super) fn active_filter(p: &Params) -> Result<(bool, bool), ApiError> {
    let (mut active, mut inactive) = (true, false);
    if let Some(pair) = p.str("activeinactive") {
        let mut parts = pair.split(',').map(str::trim);
        let parse = |v: Option<&str>| match v {
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(ApiError::bad_param("activeinactive", pair)),
        };
        active = parse(parts.next())?;
        inactive = parse(parts.next())?;
    }
    if let Some(v) = p.bool("includeactive")? {
        active = v;
    }
    if let Some(v) = p.bool("includeinactive")? {
        inactive = v;
    }
    Ok((active, inactive))
}

fn truthy(rec: &Record, field: &str) -> bool {
    rec.get(field).and_then(Value::as_bool).unwrap_or(false)
}

type Filter<'a> = Box<dyn Fn(&Row) -> bool + 'a>;

fn field_is<'a>(field: &'static str, id: i64) -> Filter<'a> {
    Box::new(move |r: &Row| int_of(r.rec.get(field)) == Some(id))
}

fn client_toplevel(store: &Store, client_id: Option<i64>) -> Option<i64> {
    let id = u32::try_from(client_id?).ok()?;
    store.table(Entity::Client).row(id)?.hot.toplevel_id
}

fn client_is_internal(store: &Store, client_id: Option<i64>) -> bool {
    client_id
        .and_then(|c| store.get(Entity::Client, c))
        .is_some_and(is_internal)
}

fn is_internal(client: &Record) -> bool {
    client.get("toplevel_name").and_then(Value::as_str) == Some("Internal")
}

/// Keeps the rows with `flag` set when `set`, and those without when `unset`: a filter unless both.
fn keep_by_flag(out: &mut Vec<Filter<'_>>, flag: fn(&Row) -> bool, set: bool, unset: bool) {
    if !(set && unset) {
        out.push(Box::new(move |r: &Row| if flag(r) { set } else { unset }));
    }
}

/// The entity-specific filters named by the query.
pub(super) fn filters<'a>(
    store: &'a Store,
    entity: Entity,
    p: &Params,
    stockbins: bool,
) -> Result<Vec<Filter<'a>>, ApiError> {
    let mut out: Vec<Filter<'a>> = Vec::new();
    if entity.has_active_filter() {
        let (active, inactive) = active_filter(p)?;
        keep_by_flag(&mut out, |r| r.hot.inactive, inactive, active);
    }
    match entity {
        Entity::Client => {
            if let Some(t) = p.int("toplevel_id")? {
                out.push(Box::new(move |r: &Row| r.hot.toplevel_id == Some(t)));
            }
            if p.bool("exclude_internal")?.unwrap_or(false) {
                out.push(Box::new(|r: &Row| !is_internal(&r.rec)));
            }
        }
        Entity::Site => site_filters(store, p, stockbins, &mut out)?,
        Entity::Supplier => {
            if let Some(t) = p.int("toplevel_id")? {
                out.push(Box::new(move |r: &Row| r.hot.toplevel_id == Some(t)));
            }
        }
        Entity::Service => service_filters(p, &mut out)?,
        Entity::CrmNote => crm_note_filters(store, p, &mut out)?,
        Entity::PopupNote => popup_note_filters(p, &mut out)?,
        Entity::ServiceStatus => {
            if let Some(s) = p.int("service_id")? {
                out.push(field_is("service_id", s));
            }
        }
        Entity::Organisation | Entity::TopLevel | Entity::ServiceCategory => {}
    }
    Ok(out)
}

fn site_filters<'a>(
    store: &'a Store,
    p: &Params,
    stockbins: bool,
    out: &mut Vec<Filter<'a>>,
) -> Result<(), ApiError> {
    if let Some(c) = p.int("client_id")? {
        out.push(Box::new(move |r: &Row| r.hot.client_id == Some(c)));
    }
    if let Some(s) = p.int("site_id")? {
        out.push(field_is("id", s));
    }
    if let Some(t) = p.int("toplevel_id")? {
        out.push(Box::new(move |r: &Row| {
            client_toplevel(store, r.hot.client_id) == Some(t)
        }));
    }
    if p.bool("exclude_internal")?.unwrap_or(false) {
        out.push(Box::new(move |r: &Row| {
            !client_is_internal(store, r.hot.client_id)
        }));
    }
    let stock = stockbins || p.bool("includestocklocations")?.unwrap_or(true);
    let nonstock = !stockbins && p.bool("includenonstocklocations")?.unwrap_or(true);
    keep_by_flag(out, |r| r.hot.stock, stock, nonstock);
    if let Some(ids) = p.int_list("stocklocation")? {
        out.push(Box::new(move |r: &Row| {
            r.hot.stock && int_of(r.rec.get("id")).is_some_and(|id| ids.contains(&id))
        }));
    }
    Ok(())
}

fn service_filters(p: &Params, out: &mut Vec<Filter<'_>>) -> Result<(), ApiError> {
    let mut cats = p.int_list("service_category_ids")?.unwrap_or_default();
    if let Some(c) = p.int("service_category_id")? {
        cats.push(c);
    }
    if !cats.is_empty() {
        out.push(Box::new(move |r: &Row| {
            int_of(r.rec.get("service_category_id")).is_some_and(|c| cats.contains(&c))
        }));
    }
    if let Some(statuses) = p.int_list("service_status_ids")? {
        out.push(Box::new(move |r: &Row| {
            int_of(r.rec.get("current_status")).is_some_and(|s| statuses.contains(&s))
        }));
    }
    if p.bool("subscribedonly")?.unwrap_or(false) {
        out.push(Box::new(|r: &Row| truthy(&r.rec, "user_subscribed")));
    }
    Ok(())
}

fn crm_note_filters<'a>(
    store: &'a Store,
    p: &Params,
    out: &mut Vec<Filter<'a>>,
) -> Result<(), ApiError> {
    // (`hot.client_id` is the record's `client_id`, read once when the row was stored or last written)
    if let Some(c) = p.int("client_id")? {
        out.push(Box::new(move |r: &Row| r.hot.client_id == Some(c)));
    }
    for f in ["supplier_id", "site_id"] {
        if let Some(v) = p.int(f)? {
            out.push(field_is(f, v));
        }
    }
    if let Some(t) = p.int("toplevel_id")? {
        out.push(Box::new(move |r: &Row| {
            client_toplevel(store, r.hot.client_id) == Some(t)
        }));
    }
    Ok(())
}

fn popup_note_filters(p: &Params, out: &mut Vec<Filter<'_>>) -> Result<(), ApiError> {
    if let Some(c) = p.int("client_id")? {
        out.push(Box::new(move |r: &Row| r.hot.client_id == Some(c)));
    }
    for f in ["site_id", "user_id"] {
        if let Some(v) = p.int(f)? {
            out.push(field_is(f, v));
        }
    }
    if !p.bool("showall")?.unwrap_or(false) {
        let now = crate::data::halo_now();
        out.push(Box::new(move |r: &Row| popup_is_showing(&r.rec, &now)));
    }
    Ok(())
}

/// Without `showall`: unread (or not dismissable) and inside its date range when limited.
fn popup_is_showing(r: &Record, now: &str) -> bool {
    let read = int_of(r.get("read_status")).unwrap_or(0) != 0;
    if read && truthy(r, "dismissable") {
        return false;
    }
    if truthy(r, "limitdaterange") {
        let start = r.get("startdate").and_then(Value::as_str).unwrap_or("");
        let end = r.get("enddate").and_then(Value::as_str).unwrap_or("9999");
        return start <= now && now <= end;
    }
    true
}
