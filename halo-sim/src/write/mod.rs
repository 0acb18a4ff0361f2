//! `POST /X` as Halo does it: a JSON array of records, each an upsert (id → update only the sent
//! fields, no id → create), checked against the spec's field types first, all-or-nothing.

mod check;
mod custom;

use serde_json::{json, Value};

use crate::data::{halo_now, new_record_defaults};
use crate::entity::Entity;
use crate::error::ApiError;
use crate::store::{int_of, Record, Store};
use check::{check, Item};

/// Applies a POST body; returns the saved records in order. `strict`: a posted `customfields` array
/// empties the fields it leaves out, as hosted HaloPSA does (see [`custom`]).
pub(crate) fn upsert(
    store: &mut Store,
    entity: Entity,
    body: &[u8],
    agent_id: i64,
    strict: bool,
) -> Result<Vec<Value>, ApiError> {
    let items = check(store, entity, body)?;
    let mut saved = Vec::with_capacity(items.len());
    for item in items {
        let id = apply(store, entity, item, (agent_id, strict));
        if let Some(rec) = store.get(entity, id) {
            saved.push(Value::Object(rec.clone()));
        }
    }
    Ok(saved)
}

fn apply(store: &mut Store, entity: Entity, item: Item, (agent_id, strict): (i64, bool)) -> i64 {
    let Item {
        id,
        mut fields,
        popups,
    } = item;
    if strict {
        // HaloPSA ignores the fields it does not know
        fields.retain(|k, _| crate::known_fields::known(entity, k));
    }
    derive_names(store, entity, &mut fields);
    let now = halo_now();
    let id = match id {
        Some(id) => {
            if let Some(posted) = fields.get_mut("customfields") {
                let stored = store.get(entity, id).and_then(|r| r.get("customfields"));
                *posted = custom::merged(stored.unwrap_or(&Value::Null), posted, strict);
            }
            store.table_mut(entity).merge(id, fields);
            id
        }
        None => {
            let mut rec = new_record_defaults(entity, &now, agent_id);
            if let Some(posted) = fields.get_mut("customfields") {
                let defined = rec.get("customfields").unwrap_or(&Value::Null);
                *posted = custom::merged(defined, posted, false);
            }
            for (k, v) in fields {
                rec.insert(k, v);
            }
            let id = store.table_mut(entity).insert(rec);
            after_create(store, entity, id, &now);
            id
        }
    };
    after_write(store, entity, id);
    for p in popups {
        save_popup(store, entity, id, p, &now);
    }
    id
}

/// Read-only names that follow an id: `toplevel_name`, `client_name`, `service_category_name`.
fn derive_names(store: &Store, entity: Entity, fields: &mut Record) {
    let name_of = |target: Entity, v: Option<&Value>| -> Value {
        int_of(v)
            .and_then(|id| store.str_field(target, id, "name"))
            .map_or(Value::Null, Value::String)
    };
    match entity {
        Entity::Client | Entity::Supplier if fields.contains_key("toplevel_id") => {
            let n = name_of(Entity::TopLevel, fields.get("toplevel_id"));
            fields.insert("toplevel_name".into(), n);
        }
        Entity::Site if fields.contains_key("client_id") => {
            let n = name_of(Entity::Client, fields.get("client_id"));
            fields.insert("client_name".into(), n);
            // Halo serialises a site's client_id as a double
            if let Some(c) = int_of(fields.get("client_id")) {
                fields.insert("client_id".into(), json!(c as f64));
            }
        }
        Entity::Service if fields.contains_key("service_category_id") => {
            let n = name_of(Entity::ServiceCategory, fields.get("service_category_id"));
            fields.insert("service_category_name".into(), n);
        }
        _ => {}
    }
}

/// Creates the main site a new client asks for with `newclient_sitename` (default "Main").
fn after_create(store: &mut Store, entity: Entity, id: i64, now: &str) {
    if entity != Entity::Client {
        return;
    }
    let Some(client) = store.get(Entity::Client, id).cloned() else {
        return;
    };
    let site_name = client
        .get("newclient_sitename")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("Main")
        .to_owned();
    let mut site = new_record_defaults(Entity::Site, now, 0);
    site.insert("name".into(), json!(site_name));
    site.insert("client_id".into(), json!(id as f64));
    site.insert(
        "client_name".into(),
        client.get("name").cloned().unwrap_or(Value::Null),
    );
    for (from, to) in [
        ("newclient_phonenumber", "phonenumber"),
        ("newclient_timezone", "timezone"),
        ("newclient_domain", "emaildomain"),
    ] {
        if let Some(v) = client.get(from).filter(|v| !v.is_null()) {
            site.insert(to.into(), v.clone());
        }
    }
    let site_id = store.table_mut(Entity::Site).insert(site);
    after_write(store, Entity::Site, site_id);
    if let Some(mut c) = store.table_mut(Entity::Client).get_mut(id) {
        c.insert("main_site_id".into(), json!(site_id));
        c.insert("main_site_name".into(), json!(site_name));
        for k in [
            "newclient_sitename",
            "newclient_phonenumber",
            "newclient_timezone",
            "newclient_domain",
            "newclient_contactname",
            "newclient_contactemail",
            "newclient_contacttitle",
            "newclient_web_access_level",
            "newclient_sendwelcomeemail",
            "newclient_delivery_address",
        ] {
            c.remove(k);
        }
    }
}

/// Keeps derived fields in step after a write.
fn after_write(store: &mut Store, entity: Entity, id: i64) {
    match entity {
        Entity::Client => {
            // a renamed client renames its sites' client_name / clientsite_name
            let Some(name) = store.str_field(Entity::Client, id, "name") else {
                return;
            };
            let site_ids: Vec<i64> = store
                .table(Entity::Site)
                .ids()
                .filter(|s| {
                    int_of(store.get(Entity::Site, *s).and_then(|r| r.get("client_id"))) == Some(id)
                })
                .collect();
            let sites = store.table_mut(Entity::Site);
            for s in site_ids {
                if let Some(mut rec) = sites.get_mut(s) {
                    let site_name = rec.get("name").and_then(Value::as_str).unwrap_or("");
                    let combined = format!("{name}/{site_name}");
                    rec.insert("client_name".into(), json!(name));
                    rec.insert("clientsite_name".into(), json!(combined));
                }
            }
        }
        Entity::Site => {
            let client = store
                .get(Entity::Site, id)
                .and_then(|r| r.get("client_name"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            if let Some(mut rec) = store.table_mut(Entity::Site).get_mut(id) {
                let site_name = rec.get("name").and_then(Value::as_str).unwrap_or("");
                let combined = format!("{client}/{site_name}");
                rec.insert("clientsite_name".into(), json!(combined));
            }
        }
        Entity::Service => {
            if let Some(mut rec) = store.table_mut(Entity::Service).get_mut(id) {
                let n = rec
                    .get("subscribers")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                rec.insert("subscriber_count".into(), json!(n));
            }
        }
        _ => {}
    }
}

/// Upserts a popup note sent inside a Client or Site.
fn save_popup(store: &mut Store, owner: Entity, owner_id: i64, mut p: Record, now: &str) {
    let client_id = match owner {
        Entity::Client => Some(owner_id),
        _ => store
            .get(Entity::Site, owner_id)
            .and_then(|s| int_of(s.get("client_id"))),
    };
    p.insert("client_id".into(), json!(client_id));
    if owner == Entity::Site {
        p.insert("site_id".into(), json!(owner_id));
    }
    let table = store.table_mut(Entity::PopupNote);
    match int_of(p.get("id")).filter(|id| *id > 0 && table.get(*id).is_some()) {
        Some(id) => {
            table.merge(id, p);
        }
        None => {
            let mut rec = new_record_defaults(Entity::PopupNote, now, 0);
            for (k, v) in p {
                rec.insert(k, v);
            }
            table.insert(rec);
        }
    }
}

/// `POST /PopupNote/read`: marks the sent notes read; returns them.
pub(crate) fn mark_popups_read(store: &mut Store, body: &[u8]) -> Result<Vec<Value>, ApiError> {
    let ids: Vec<i64> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(list)) => list
            .iter()
            .map(|p| int_of(p.get("id")))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| ApiError::field("[0].id", "The id field is required."))?,
        _ => {
            return Err(ApiError::field(
                "",
                "Cannot deserialize the current JSON object into a list because the type requires a JSON array.",
            ))
        }
    };
    let table = store.table_mut(Entity::PopupNote);
    let mut out = Vec::new();
    for id in ids {
        if let Some(mut rec) = table.get_mut(id) {
            rec.insert("read_status".into(), json!(1));
            out.push(Value::Object(rec.clone()));
        }
    }
    Ok(out)
}

/// `POST /Service/unsubscribe` with `[{"serviceid": N}]`: removes the calling technician's
/// subscription to each service.
pub(crate) fn unsubscribe(store: &mut Store, body: &[u8], agent_id: i64) -> Result<(), ApiError> {
    let ids: Vec<i64> = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Array(list)) => {
            let mut ids = Vec::new();
            for (i, el) in list.iter().enumerate() {
                match int_of(el.get("serviceid")) {
                    Some(id) => ids.push(id),
                    None => {
                        return Err(ApiError::field(
                            format!("[{i}].serviceid"),
                            "The serviceid field is required.",
                        ))
                    }
                }
            }
            ids
        }
        _ => {
            return Err(ApiError::field(
                "",
                "Cannot deserialize the current JSON object into a list because the type requires a JSON array.",
            ))
        }
    };
    for (i, id) in ids.iter().enumerate() {
        if store.get(Entity::Service, *id).is_none() {
            return Err(ApiError::field(
                format!("[{i}].serviceid"),
                format!("Service {id} does not exist."),
            ));
        }
    }
    for id in ids {
        if let Some(mut rec) = store.table_mut(Entity::Service).get_mut(id) {
            if let Some(Value::Array(subs)) = rec.get_mut("subscribers") {
                subs.retain(|s| {
                    !(s.get("type").and_then(Value::as_str) == Some("agent")
                        && int_of(s.get("data_id")) == Some(agent_id))
                });
            }
            rec.insert("user_subscribed".into(), json!(false));
        }
        after_write(store, Entity::Service, id);
    }
    Ok(())
}

/// Removes a record; deleting a client also removes its sites and notes. Returns the record.
pub(crate) fn delete(store: &mut Store, entity: Entity, id: i64) -> Option<Record> {
    let rec = store.table_mut(entity).remove(id)?;
    let owned_by = |e: Entity, field: &'static str, store: &Store| -> Vec<i64> {
        store
            .table(e)
            .ids()
            .filter(|x| int_of(store.get(e, *x).and_then(|r| r.get(field))) == Some(id))
            .collect()
    };
    let cascade: Vec<(Entity, Vec<i64>)> = match entity {
        Entity::Client => vec![
            (Entity::Site, owned_by(Entity::Site, "client_id", store)),
            (
                Entity::CrmNote,
                owned_by(Entity::CrmNote, "client_id", store),
            ),
            (
                Entity::PopupNote,
                owned_by(Entity::PopupNote, "client_id", store),
            ),
        ],
        Entity::Site => vec![(
            Entity::PopupNote,
            owned_by(Entity::PopupNote, "site_id", store),
        )],
        Entity::Service => vec![(
            Entity::ServiceStatus,
            owned_by(Entity::ServiceStatus, "service_id", store),
        )],
        _ => vec![],
    };
    for (e, ids) in cascade {
        for x in ids {
            store.table_mut(e).remove(x);
        }
    }
    Some(rec)
}
