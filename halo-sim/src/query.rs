//! List query semantics as Halo's (§3.2–3.3): paging with the 100-row cap, `count`, `search`,
//! `order`…`order5`, active/inactive filters, entity filters, `idonly`. Unknown parameters are ignored.

use serde_json::{Map, Value};

use crate::entity::{Entity, Wrapper};
use crate::error::ApiError;
use crate::store::{int_of, Record, Row, SortSpec, Store};

/// The most rows a page holds, whatever `page_size` asks for.
pub const PAGE_CAP: usize = 100;
/// `page_size` when paginating without one.
pub const DEFAULT_PAGE_SIZE: usize = 50;

/// Query parameters with lower-cased names (ASP.NET binds them case-insensitively).
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        Self { pairs }
    }

    /// A non-empty value.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(ApiError::bad_param(name, v)),
        }
    }

    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| ApiError::bad_param(name, v)),
        }
    }

    /// A comma-separated list of ints.
    pub fn int_list(&self, name: &str) -> Result<Option<Vec<i64>>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
                .map_err(|_| ApiError::bad_param(name, v)),
        }
    }
}

/// The sort from `order`…`order5` / `orderdesc`…`orderdesc5`, or the entity's default.
fn sort_spec(entity: Entity, p: &Params) -> Result<SortSpec, ApiError> {
    let mut spec = SortSpec::new();
    for i in 1..=5 {
        let (ok, dk) = if i == 1 {
            ("order".to_owned(), "orderdesc".to_owned())
        } else {
            (format!("order{i}"), format!("orderdesc{i}"))
        };
        if let Some(field) = p.str(&ok) {
            let desc = p.bool(&dk)?.unwrap_or(false);
            spec.push((field.to_ascii_lowercase(), desc));
        }
    }
    if spec.is_empty() {
        let first_desc = p.bool("orderdesc")?;
        for (i, (f, d)) in entity.default_order().iter().enumerate() {
            let d = if i == 0 { first_desc.unwrap_or(*d) } else { *d };
            spec.push(((*f).to_owned(), d));
        }
    }
    Ok(spec)
}

/// `(include active, include inactive)`; default = active only.
fn active_filter(p: &Params) -> Result<(bool, bool), ApiError> {
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

/// The entity-specific filters named by the query.
fn filters<'a>(
    store: &'a Store,
    entity: Entity,
    p: &Params,
    stockbins: bool,
) -> Result<Vec<Filter<'a>>, ApiError> {
    let mut out: Vec<Filter<'a>> = Vec::new();
    if entity.has_active_filter() {
        let (active, inactive) = active_filter(p)?;
        if !(active && inactive) {
            out.push(Box::new(
                move |r: &Row| {
                    if r.hot.inactive {
                        inactive
                    } else {
                        active
                    }
                },
            ));
        }
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
        Entity::Site => {
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
            if !(stock && nonstock) {
                out.push(Box::new(
                    move |r: &Row| {
                        if r.hot.stock {
                            stock
                        } else {
                            nonstock
                        }
                    },
                ));
            }
            if let Some(ids) = p.int_list("stocklocation")? {
                out.push(Box::new(move |r: &Row| {
                    r.hot.stock && int_of(r.rec.get("id")).is_some_and(|id| ids.contains(&id))
                }));
            }
        }
        Entity::Supplier => {
            if let Some(t) = p.int("toplevel_id")? {
                out.push(Box::new(move |r: &Row| r.hot.toplevel_id == Some(t)));
            }
        }
        Entity::Service => {
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
        }
        Entity::CrmNote => {
            for f in ["client_id", "supplier_id", "site_id"] {
                if let Some(v) = p.int(f)? {
                    out.push(field_is(f, v));
                }
            }
            if let Some(t) = p.int("toplevel_id")? {
                out.push(Box::new(move |r: &Row| {
                    client_toplevel(store, r.hot.client_id) == Some(t)
                }));
            }
        }
        Entity::PopupNote => {
            for f in ["client_id", "site_id", "user_id"] {
                if let Some(v) = p.int(f)? {
                    out.push(field_is(f, v));
                }
            }
            if !p.bool("showall")?.unwrap_or(false) {
                let now = crate::data::halo_now();
                out.push(Box::new(move |r: &Row| popup_is_showing(&r.rec, &now)));
            }
        }
        Entity::ServiceStatus => {
            if let Some(s) = p.int("service_id")? {
                out.push(field_is("service_id", s));
            }
        }
        Entity::Organisation | Entity::TopLevel | Entity::ServiceCategory => {}
    }
    Ok(out)
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

/// The abbreviated list shape of a record.
pub(crate) fn project(entity: Entity, rec: &Record) -> Value {
    match entity.list_fields() {
        None => Value::Object(rec.clone()),
        Some(fields) => {
            let mut m = Map::new();
            for f in fields {
                if let Some(v) = rec.get(*f) {
                    m.insert((*f).to_owned(), v.clone());
                }
            }
            Value::Object(m)
        }
    }
}

/// Runs a list request and renders Halo's response body as JSON text.
/// `stockbins` serves `GET /Site/StockBins` (stock locations only, a bare array).
pub(crate) fn list(
    store: &Store,
    entity: Entity,
    p: &Params,
    stockbins: bool,
) -> Result<String, ApiError> {
    let paginate = p.bool("pageinate")?.unwrap_or(false);
    let page_size = p.int("page_size")?;
    let page_no = p.int("page_no")?;
    let count = p.int("count")?;
    let idonly = !matches!(entity, Entity::Service) && p.bool("idonly")?.unwrap_or(false);
    let search = p.str("search").map(str::to_lowercase);
    let spec = sort_spec(entity, p)?;
    let filters = filters(store, entity, p, stockbins)?;

    // (rows to skip, rows to take, echoed page_no/page_size)
    let (skip, take, echo) = if paginate && !idonly {
        let size = page_size.filter(|s| *s > 0).map_or(DEFAULT_PAGE_SIZE, |s| {
            usize::try_from(s).unwrap_or(usize::MAX)
        });
        let effective = size.min(PAGE_CAP);
        let no = page_no
            .filter(|n| *n > 0)
            .map_or(1, |n| usize::try_from(n).unwrap_or(usize::MAX));
        (
            (no - 1).saturating_mul(effective),
            effective,
            Some((no, size)),
        )
    } else if let Some(c) = count.filter(|c| *c >= 0).filter(|_| !paginate || idonly) {
        (0, usize::try_from(c).unwrap_or(usize::MAX), None)
    } else {
        (0, usize::MAX, None)
    };

    let wrapper = if stockbins {
        Wrapper::Bare
    } else {
        entity.wrapper()
    };
    let need_total = matches!(wrapper, Wrapper::Object { .. });

    let table = store.table(entity);
    let order = table.sorted(&spec);
    let mut body = String::with_capacity(if take == usize::MAX {
        1 << 16
    } else {
        2048 * take.min(PAGE_CAP) + 256
    });
    let mut rows_out = 0usize;
    let mut matched = 0usize;
    for &id in order.iter() {
        let Some(row) = table.row(id) else { continue };
        if let Some(needle) = &search {
            if !row.name_lc.contains(needle.as_str()) {
                continue;
            }
        }
        if !filters.iter().all(|f| f(row)) {
            continue;
        }
        if matched >= skip && rows_out < take {
            if rows_out > 0 {
                body.push(',');
            }
            if idonly {
                body.push_str("{\"id\":");
                body.push_str(&id.to_string());
                body.push('}');
            } else {
                body.push_str(row.list_json(entity));
            }
            rows_out += 1;
        }
        matched += 1;
        if !need_total && rows_out >= take {
            break;
        }
    }

    Ok(match wrapper {
        Wrapper::Bare => format!("[{body}]"),
        Wrapper::Object { key, columns } => {
            let (no, size) = match echo {
                Some((n, s)) => (n.to_string(), s.to_string()),
                None => ("null".to_owned(), "null".to_owned()),
            };
            let columns = if columns {
                ",\"columns_id\":null,\"columns_tilehtml\":null,\"columns\":null"
            } else {
                ""
            };
            format!(
                "{{\"page_no\":{no},\"page_size\":{size},\"record_count\":{matched},\"{key}\":[{body}]{columns}}}"
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_case_insensitive_and_typed() {
        let p = Params::parse(Some("PageInate=True&page_size=abc&search=&Order=Name"));
        assert_eq!(p.bool("pageinate").unwrap(), Some(true));
        assert!(p.int("page_size").is_err());
        assert_eq!(p.str("search"), None);
        assert_eq!(p.str("order"), Some("Name"));
    }

    #[test]
    fn activeinactive_sets_both_and_explicit_flags_win() {
        let p = Params::parse(Some("activeinactive=false,true"));
        assert_eq!(active_filter(&p).unwrap(), (false, true));
        let p = Params::parse(Some("activeinactive=false,true&includeactive=true"));
        assert_eq!(active_filter(&p).unwrap(), (true, true));
        let p = Params::parse(None);
        assert_eq!(active_filter(&p).unwrap(), (true, false));
    }
}
