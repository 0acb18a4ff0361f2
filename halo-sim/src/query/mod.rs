//! List query semantics as Halo's (§3.2–3.3): paging with the 100-row cap, `count`, `search`,
//! `order`…`order5`, active/inactive filters, entity filters, `idonly`. Unknown parameters are ignored.

use serde_json::{Map, Value};

mod filters;

use crate::entity::{Entity, Wrapper};
use crate::error::ApiError;
use crate::store::{Record, SortSpec, Store};
use filters::filters;

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
            // list rows carry custom fields only when `include_custom_fields` names them, which
            // the simulator does not implement: none
            if let Some(custom) = m.get_mut("customfields") {
                *custom = Value::Array(Vec::new());
            }
            Value::Object(m)
        }
    }
}

/// Rows to skip, rows to take, and the page number and size to echo (only when paging).
fn window(
    paginate: bool,
    idonly: bool,
    page_size: Option<i64>,
    page_no: Option<i64>,
    count: Option<i64>,
) -> (usize, usize, Option<(usize, usize)>) {
    if paginate && !idonly {
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
    }
}

/// The response body around the rows: a bare array, or Halo's object with the count and page.
fn wrap(wrapper: Wrapper, body: &str, matched: usize, echo: Option<(usize, usize)>) -> String {
    match wrapper {
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

    let (skip, take, echo) = window(paginate, idonly, page_size, page_no, count);

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

    Ok(wrap(wrapper, &body, matched, echo))
}

#[cfg(test)]
mod tests {
    use super::filters::active_filter;
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
