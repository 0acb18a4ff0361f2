//! Checking a POST body before anything is written: each element's fields against the spec's types,
//! the references it makes, and the name where one is required.

use serde_json::{json, Value};

use crate::entity::Entity;
use crate::error::ApiError;
use crate::schema_types::{kind, Kind};
use crate::store::{int_of, Record, Store};

/// One checked element of a POST body.
pub(super) struct Item {
    /// `Some(id)` = update an existing record.
    pub(super) id: Option<i64>,
    pub(super) fields: Record,
    /// `popup_notes` sent on a Client or Site.
    pub(super) popups: Vec<Record>,
}

/// Parses and checks a POST body; nothing is written when any element is invalid.
pub(super) fn check(store: &Store, entity: Entity, body: &[u8]) -> Result<Vec<Item>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::field(
            "",
            format!("Unexpected character encountered while parsing value: {e}. Path ''."),
        )
    })?;
    let Value::Array(elements) = value else {
        return Err(ApiError::field(
            "",
            "Cannot deserialize the current JSON object into a list because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.",
        ));
    };
    if elements.is_empty() {
        return Err(ApiError::field("", "At least one record is required."));
    }
    let mut items = Vec::with_capacity(elements.len());
    for (i, el) in elements.into_iter().enumerate() {
        let Value::Object(raw) = el else {
            return Err(ApiError::field(
                format!("[{i}]"),
                "Cannot deserialize the current JSON value into an object.",
            ));
        };
        items.push(check_item(store, entity, i, raw)?);
    }
    Ok(items)
}

fn check_item(store: &Store, entity: Entity, i: usize, raw: Record) -> Result<Item, ApiError> {
    let (fields, popups) = typed_fields(entity, i, raw)?;
    let id = int_of(fields.get("id")).filter(|id| *id > 0);
    if let Some(id) = id {
        if store.get(entity, id).is_none() {
            return Err(ApiError::field(
                format!("[{i}].id"),
                format!("{} {id} does not exist.", entity.label()),
            ));
        }
    }
    if entity.requires_name() {
        let blank = match fields.get("name") {
            Some(Value::String(s)) => s.trim().is_empty(),
            Some(_) => true,
            None => id.is_none(),
        };
        if blank {
            return Err(ApiError::field(
                format!("[{i}].name"),
                "The name field is required.",
            ));
        }
    }
    check_references(store, entity, i, &fields, id)?;
    Ok(Item { id, fields, popups })
}

/// The element's fields (keys lower-cased, values checked against the spec's types; write-only `_flags`
/// dropped) and the popup notes sent inside a client or site.
fn typed_fields(entity: Entity, i: usize, raw: Record) -> Result<(Record, Vec<Record>), ApiError> {
    let mut fields = Record::new();
    let mut popups = Vec::new();
    for (key, value) in raw {
        let key_lc = key.to_ascii_lowercase();
        if key_lc.starts_with('_') {
            continue; // write-only flags such as _dont_fire_automations, _isimport
        }
        if key_lc == "popup_notes" && matches!(entity, Entity::Client | Entity::Site) {
            popups.extend(popup_notes(i, value)?);
            continue;
        }
        let value = match kind(entity, &key_lc) {
            Some(kd) => normalise(&format!("[{i}].{key}"), kd, value)?,
            None => value,
        };
        fields.insert(key_lc, value);
    }
    Ok((fields, popups))
}

/// The `popup_notes` list of element `i`, each note's fields checked.
fn popup_notes(i: usize, value: Value) -> Result<Vec<Record>, ApiError> {
    let list = match value {
        Value::Array(list) => list,
        Value::Null => return Ok(Vec::new()),
        _ => {
            return Err(ApiError::field(
                format!("[{i}].popup_notes"),
                "Cannot deserialize the current JSON value into a list.",
            ))
        }
    };
    let mut popups = Vec::new();
    for (j, p) in list.into_iter().enumerate() {
        let Value::Object(mut p) = p else {
            return Err(ApiError::field(
                format!("[{i}].popup_notes[{j}]"),
                "Cannot deserialize the current JSON value into an object.",
            ));
        };
        for (k, v) in p.clone() {
            if let Some(kd) = kind(Entity::PopupNote, &k) {
                let path = format!("[{i}].popup_notes[{j}].{k}");
                p.insert(k, normalise(&path, kd, v)?);
            }
        }
        popups.push(p);
    }
    Ok(popups)
}

/// References that must exist (and, on create, the required ones must be there).
fn check_references(
    store: &Store,
    entity: Entity,
    i: usize,
    fields: &Record,
    id: Option<i64>,
) -> Result<(), ApiError> {
    let reference = |field: &str, target: Entity, required: bool| -> Result<(), ApiError> {
        match fields.get(field) {
            Some(v) if !v.is_null() => match int_of(Some(v)) {
                Some(0) if !required => Ok(()),
                Some(r) if store.get(target, r).is_some() => Ok(()),
                _ => Err(ApiError::field(
                    format!("[{i}].{field}"),
                    format!("{} {} does not exist.", target.label(), v),
                )),
            },
            _ if required && id.is_none() => Err(ApiError::field(
                format!("[{i}].{field}"),
                format!("The {field} field is required."),
            )),
            _ => Ok(()),
        }
    };
    match entity {
        Entity::Client | Entity::Supplier => reference("toplevel_id", Entity::TopLevel, false)?,
        Entity::Site => reference("client_id", Entity::Client, true)?,
        Entity::Service => reference("service_category_id", Entity::ServiceCategory, false)?,
        Entity::CrmNote => {
            reference("client_id", Entity::Client, false)?;
            reference("site_id", Entity::Site, false)?;
            reference("supplier_id", Entity::Supplier, false)?;
        }
        Entity::PopupNote => {
            reference("client_id", Entity::Client, false)?;
            reference("site_id", Entity::Site, false)?;
        }
        Entity::ServiceStatus => reference("service_id", Entity::Service, true)?,
        _ => {}
    }
    Ok(())
}

/// Checks a value against the spec type, normalising what Newtonsoft would accept
/// (numeric strings, `"true"`); null is always allowed.
fn normalise(path: &str, kd: Kind, v: Value) -> Result<Value, ApiError> {
    let bad = |what: &str, v: &Value| {
        ApiError::field(
            path,
            format!(
                "Could not convert {} to {what}: {}. Path '{path}'.",
                type_name(v),
                v
            ),
        )
    };
    match (kd, &v) {
        (_, Value::Null) => Ok(v),
        (Kind::Int, _) => match int_of(Some(&v)) {
            Some(n) if i32::try_from(n).is_ok() => Ok(json!(n)),
            _ => Err(bad("integer", &v)),
        },
        (Kind::Double, Value::Number(n)) => Ok(json!(n.as_f64().unwrap_or(0.0))),
        (Kind::Double, Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .map(|f| json!(f))
            .map_err(|_| bad("double", &v)),
        (Kind::Bool, Value::Bool(_)) => Ok(v),
        (Kind::Bool, Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(json!(true)),
        (Kind::Bool, Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(json!(false)),
        (Kind::Double, _) => Err(bad("double", &v)),
        (Kind::Bool, _) => Err(bad("boolean", &v)),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
