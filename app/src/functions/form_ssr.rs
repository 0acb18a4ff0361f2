//! Server-side steps shared by every entity's write functions: loading a record into form values with its
//! fingerprint, the change set (only shown fields that differ from the record as it is now), concurrent
//! change detection, building a new record, the pickers' choices, and the redirects that make forms work
//! without JavaScript (see [`crate::functions::forms`]).

use crate::audit::{self, AuditEvent};
use crate::errors::AppError;
use crate::forms::validate::{client_label, client_ref, parse_id};
pub use crate::forms::Values;
use crate::forms::{validate, FieldErrors, FormSpec, Kind, Valid};
use crate::functions::forms::{ChangedField, FormOutcome};
use halo::client::{HaloClient, Resource};
use halo::entity::{Detailed, Writable};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A record as HaloPSA holds it now.
pub struct Loaded {
    pub json: Map<String, Value>,
    pub values: Values,
    pub fingerprint: String,
    pub name: String,
}

/// The text a form shows for a stored value.
fn text_of(kind: Kind, v: Option<&Value>) -> String {
    match (kind, v) {
        (Kind::Flag, Some(Value::Bool(b))) => b.to_string(),
        (Kind::Flag, _) => "false".into(),
        (_, None | Some(Value::Null)) => String::new(),
        (k, Some(Value::Number(n))) if k.is_id() && n.as_i64() == Some(0) => String::new(),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(other)) => other.to_string(),
    }
}

/// The form values of the shown (edit) fields of a stored record. A client picker shows `Name (#id)`
/// using the record's `client_name`.
pub fn values_of(spec: &FormSpec, json: &Map<String, Value>) -> Values {
    spec.shown(false)
        .map(|f| {
            let mut text = text_of(f.kind, json.get(f.key));
            if f.kind == Kind::Client {
                if let Ok(id) = text.parse::<i32>() {
                    let name = json
                        .get("client_name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .unwrap_or_else(|| format!("Client {id}"));
                    text = client_label(id, &name);
                }
            }
            (f.key.to_owned(), text)
        })
        .collect()
}

/// Loads record `id` (the plain detail, the same every time, so fingerprints compare).
pub async fn load<E>(res: &Resource<E>, spec: &FormSpec, id: i32) -> Result<Loaded, AppError>
where
    E: Detailed + Writable,
{
    // leaf futures are boxed throughout: the halo client's futures are large in debug builds, and
    // nesting them inline overflows the stack of the server's render tasks
    let record = Box::pin(res.get(id, &E::DetailQuery::default()))
        .await
        .map_err(|e| match e {
            halo::Error::NotFound => {
                AppError::not_found(format!("{} {id}", capitalised(spec.singular)))
            }
            other => other.into(),
        })?;
    let fingerprint = halo::models::fingerprint(&record);
    let json = match serde_json::to_value(&record) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let name = json
        .get("name")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{} {id}", capitalised(spec.singular)));
    Ok(Loaded {
        values: values_of(spec, &json),
        json,
        fingerprint,
        name,
    })
}

/// `client` → `Client`.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The JSON value HaloPSA expects for a cleaned form value.
fn json_of(kind: Kind, text: &str) -> Value {
    match kind {
        Kind::Flag => Value::Bool(text == "true"),
        Kind::Client => Value::from(client_ref(text).unwrap_or(0)),
        k if k.is_id() => Value::from(parse_id(text).unwrap_or(0)),
        _ => Value::String(text.to_owned()),
    }
}

/// Whether the stored value and the cleaned form value mean the same (absent = empty = 0 for pickers).
fn same(kind: Kind, stored: Option<&Value>, text: &str) -> bool {
    match kind {
        Kind::Client => client_ref(&text_of(kind, stored)) == client_ref(text),
        _ => text_of(kind, stored) == text,
    }
}

/// Whether the person left a field as it was loaded.
fn untouched(kind: Kind, loaded: Option<&String>, text: &str) -> bool {
    match (kind, loaded) {
        (_, None) => false,
        (Kind::Client, Some(l)) => client_ref(l) == client_ref(text),
        (_, Some(l)) => l.trim() == text,
    }
}

/// The update body: the shown fields the person changed (entered value ≠ value as loaded) whose value
/// also differs from the record as it is now. A field the person did not touch is never sent, so a change
/// someone else made meanwhile is not undone, even after "Save anyway".
pub fn change_set(
    spec: &FormSpec,
    now: &Map<String, Value>,
    valid: &Valid,
    loaded: &Values,
) -> Map<String, Value> {
    let mut out = Map::new();
    for f in spec.shown(false) {
        let Some(text) = valid.0.get(f.key) else {
            continue;
        };
        if untouched(f.kind, loaded.get(f.key), text) {
            continue;
        }
        if !same(f.kind, now.get(f.key), text) {
            out.insert(f.key.to_owned(), json_of(f.kind, text));
        }
    }
    out
}

/// The body of a new record: the non-empty shown fields (flags only when ticked).
pub fn new_record(spec: &FormSpec, valid: &Valid) -> Map<String, Value> {
    let mut out = Map::new();
    for f in spec.shown(true) {
        let Some(text) = valid.0.get(f.key) else {
            continue;
        };
        let keep = match f.kind {
            Kind::Flag => text == "true",
            _ => !text.is_empty(),
        };
        if keep {
            out.insert(f.key.to_owned(), json_of(f.kind, text));
        }
    }
    out
}

/// The shown fields whose value as loaded differs from the value now.
pub fn changed_fields(spec: &FormSpec, loaded: &Values, now: &Values) -> Vec<ChangedField> {
    spec.shown(false)
        .filter_map(|f| {
            let was = loaded.get(f.key).cloned().unwrap_or_default();
            let is = now.get(f.key).cloned().unwrap_or_default();
            (was != is).then(|| ChangedField {
                key: f.key.to_owned(),
                label: f.label.to_owned(),
                loaded: was,
                now: is,
            })
        })
        .collect()
}

/// The posted arguments of an update.
pub struct UpdateForm {
    pub fingerprint: String,
    pub loaded: Values,
    pub fields: Values,
    pub force: bool,
}

impl UpdateForm {
    /// An outcome that keeps what was entered.
    pub fn outcome(&self) -> FormOutcome {
        FormOutcome {
            values: self.fields.clone(),
            loaded: self.loaded.clone(),
            fingerprint: self.fingerprint.clone(),
            ..Default::default()
        }
    }
}

/// Validates a form; `Err` carries the outcome with the field errors.
pub fn checked(
    spec: &FormSpec,
    fields: &Values,
    creating: bool,
    loaded: &Values,
    keep: FormOutcome,
) -> Result<Valid, Box<FormOutcome>> {
    validate(spec, fields, creating, loaded).map_err(|errors| {
        Box::new(FormOutcome {
            errors,
            message: Some("Please correct the fields marked below.".into()),
            ..keep
        })
    })
}

/// The outcome of a failed write: HaloPSA's refusal (or unavailability) in plain words, input kept, and
/// each reason HaloPSA gave for a field shown on the form put beside that field. A missing record stays an
/// error (the form cannot be saved at all).
pub fn failed(
    spec: &FormSpec,
    err: halo::Error,
    keep: FormOutcome,
) -> Result<FormOutcome, AppError> {
    let mut errors = keep.errors.clone();
    if let halo::Error::Validation { fields, .. } = &err {
        for f in fields {
            if let Some(field) = spec.field(&f.field) {
                errors
                    .entry(field.key.to_owned())
                    .or_insert_with(|| f.message.clone());
            }
        }
    }
    let app: AppError = err.into();
    match app {
        AppError::NotFound { .. } | AppError::SignInRequired => Err(app),
        other => Ok(FormOutcome {
            message: Some(other.to_string()),
            errors,
            ..keep
        }),
    }
}

/// Updates record `id` from a posted form: re-validates, refetches, refuses to overwrite a concurrent change
/// unless forced, and sends only the shown fields that differ from the record as it is now. `resolve`
/// turns the cleaned values into what is sent (the site form resolves its client picker there).
pub async fn update<E, F, Fut>(
    res: &Resource<E>,
    spec: &FormSpec,
    id: i32,
    form: UpdateForm,
    resolve: F,
) -> Result<FormOutcome, AppError>
where
    E: Detailed + Writable,
    F: FnOnce(Valid) -> Fut,
    Fut: std::future::Future<Output = Result<Valid, FieldErrors>>,
{
    let keep = form.outcome();
    let valid = match checked(spec, &form.fields, false, &form.loaded, keep.clone()) {
        Ok(v) => v,
        Err(o) => return Ok(*o),
    };
    let valid = match Box::pin(resolve(valid)).await {
        Ok(v) => v,
        Err(errors) => {
            return Ok(FormOutcome {
                errors,
                message: Some("Please correct the fields marked below.".into()),
                ..keep
            })
        }
    };
    let now = Box::pin(load(res, spec, id)).await?;
    if !form.force && now.fingerprint != form.fingerprint {
        let changed = changed_fields(spec, &form.loaded, &now.values);
        let message = if changed.is_empty() {
            format!("This {} was changed in HaloPSA after you opened the form (in fields this form does not show). Review and save again if your change still stands.", spec.singular)
        } else {
            format!("This {} was changed in HaloPSA after you opened the form. Review what changed below; \"Save anyway\" writes your values for the fields you changed here.", spec.singular)
        };
        return Ok(FormOutcome {
            conflict: true,
            changed,
            message: Some(message),
            ..keep
        });
    }
    let changes = change_set(spec, &now.json, &valid, &form.loaded);
    let sent: Vec<String> = changes.keys().cloned().collect();
    if changes.is_empty() {
        return Ok(FormOutcome {
            saved: Some(id),
            ..keep
        });
    }
    let result = Box::pin(res.update(id, changes)).await;
    audit::record(AuditEvent::change(
        "update",
        entity_name::<E>(),
        Some(id.into()),
        sent.clone(),
        &result,
    ));
    match result {
        Ok(_) => Ok(FormOutcome {
            saved: Some(id),
            sent,
            ..keep
        }),
        Err(e) => failed(spec, e, keep),
    }
}

/// Creates a record from a posted form; `resolve` as in [`update`]. `E::Detail` is built from the fields.
pub async fn create<E, F, Fut>(
    res: &Resource<E>,
    spec: &FormSpec,
    fields: Values,
    resolve: F,
) -> Result<FormOutcome, AppError>
where
    E: Detailed + Writable,
    F: FnOnce(Valid) -> Fut,
    Fut: std::future::Future<Output = Result<Valid, FieldErrors>>,
{
    let keep = FormOutcome {
        values: fields.clone(),
        ..Default::default()
    };
    let valid = match checked(spec, &fields, true, &Values::new(), keep.clone()) {
        Ok(v) => v,
        Err(o) => return Ok(*o),
    };
    let valid = match Box::pin(resolve(valid)).await {
        Ok(v) => v,
        Err(errors) => {
            return Ok(FormOutcome {
                errors,
                message: Some("Please correct the fields marked below.".into()),
                ..keep
            })
        }
    };
    let body = new_record(spec, &valid);
    let sent: Vec<String> = body.keys().cloned().collect();
    let record: E::Detail = serde_json::from_value(Value::Object(body))
        .map_err(|e| AppError::Internal(format!("could not build the record: {e}")))?;
    let result = Box::pin(res.create(&record)).await;
    let new_id = result
        .as_ref()
        .ok()
        .and_then(|saved| serde_json::to_value(saved).ok())
        .and_then(|v| v.get("id").and_then(Value::as_i64));
    audit::record(AuditEvent::change(
        "create",
        entity_name::<E>(),
        new_id,
        sent.clone(),
        &result,
    ));
    match result {
        Ok(_) => {
            let id = new_id
                .and_then(|n| i32::try_from(n).ok())
                .filter(|n| *n > 0);
            match id {
                Some(id) => Ok(FormOutcome {
                    saved: Some(id),
                    sent,
                    ..keep
                }),
                None => Ok(FormOutcome {
                    message: Some("HaloPSA did not say which record it created; check the list before trying again.".into()),
                    ..keep
                }),
            }
        }
        Err(e) => failed(spec, e, keep),
    }
}

/// No extra resolution step.
pub async fn as_is(valid: Valid) -> Result<Valid, FieldErrors> {
    Ok(valid)
}

/// Resolves a client picker value (`Name (#id)`, an id, or an exact name) to the client's id, checking
/// that the client exists. Unknown or ambiguous names become a field error.
pub async fn resolve_client(
    halo: &HaloClient,
    key: &str,
    mut valid: Valid,
) -> Result<Valid, FieldErrors> {
    let Some(text) = valid.0.get(key).cloned().filter(|t| !t.is_empty()) else {
        return Ok(valid);
    };
    let err = |m: String| Err(FieldErrors::from([(key.to_owned(), m)]));
    let id = match client_ref(&text) {
        Some(id) => id,
        None => {
            let q = halo::query::ClientQuery::new()
                .search(text.clone())
                .includeactive(true)
                .includeinactive(true)
                .pageinate(true)
                .page_size(50);
            let clients = halo.clients();
            let rows = match Box::pin(clients.list(&q)).await {
                Ok(p) => p.items,
                Err(e) => return err(AppError::from(e).to_string()),
            };
            let exact: Vec<_> = rows
                .iter()
                .filter(|c| {
                    c.name
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&text))
                })
                .collect();
            match exact.as_slice() {
                [one] => one.id,
                [] if rows.is_empty() => return err(format!("No client is called \"{text}\".")),
                [] => {
                    return err(format!(
                        "{} clients match \"{text}\": pick one from the list.",
                        rows.len()
                    ))
                }
                many => {
                    return err(format!(
                        "{} clients are called \"{text}\": pick one from the list.",
                        many.len()
                    ))
                }
            }
        }
    };
    let clients = halo.clients();
    let detail_q = halo::query::ClientDetailQuery::new();
    match Box::pin(clients.get(id, &detail_q)).await {
        Ok(_) => {
            valid.0.insert(key.to_owned(), id.to_string());
            Ok(valid)
        }
        Err(halo::Error::NotFound) => err(format!("Client #{id} does not exist.")),
        Err(e) => err(AppError::from(e).to_string()),
    }
}

/// Client picker choices: up to 20 `Name (#id)` labels whose name contains `q` (all clients when empty).
pub async fn client_choices(halo: &HaloClient, q: &str) -> Result<Vec<String>, AppError> {
    let mut query = halo::query::ClientQuery::new()
        .pageinate(true)
        .page_size(20)
        .order("name")
        .includeactive(true)
        .includeinactive(true);
    let q = q.trim();
    if !q.is_empty() {
        let term = client_ref(q)
            .and_then(|_| q.rsplit_once(" (#").map(|(n, _)| n.to_owned()))
            .unwrap_or_else(|| q.to_owned());
        query = query.search(term.chars().take(100).collect::<String>());
    }
    let clients = halo.clients();
    let page = Box::pin(clients.list(&query)).await?;
    Ok(page
        .items
        .into_iter()
        .map(|c| {
            let name = c.name.unwrap_or_else(|| format!("Client {}", c.id));
            client_label(c.id, &name)
        })
        .collect())
}

/// The choices of the picker fields in `spec` (fetched concurrently, only those the form needs), plus the
/// client picker's first choices for `client_q`.
pub async fn options(
    halo: &HaloClient,
    spec: &FormSpec,
    client_q: &str,
) -> Result<BTreeMap<String, Vec<(String, String)>>, AppError> {
    let has = |k: Kind| spec.fields.iter().find(|f| f.kind == k).map(|f| f.key);
    let lookups = halo.lookups();
    let (tq, cq, sq) = (
        Default::default(),
        Default::default(),
        halo::query::ServiceStatusQuery::default(),
    );
    let named =
        |id: i32, name: Option<String>| (id.to_string(), name.unwrap_or_else(|| format!("#{id}")));
    let (tops, cats, statuses, clients) = futures::join!(
        async {
            match has(Kind::TopLevel) {
                Some(_) => Box::pin(lookups.top_levels(&tq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match has(Kind::ServiceCategory) {
                Some(_) => Box::pin(lookups.service_categories(&cq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match has(Kind::ServiceStatus) {
                Some(_) => Box::pin(lookups.service_statuses(&sq)).await.map(Some),
                None => Ok(None),
            }
        },
        async {
            match has(Kind::Client) {
                Some(_) => Box::pin(client_choices(halo, client_q)).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let mut out = BTreeMap::new();
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort_by_key(|(_, l)| l.to_lowercase());
        v
    };
    if let (Some(k), Some(t)) = (has(Kind::TopLevel), tops?) {
        out.insert(
            k.to_owned(),
            sorted(t.into_iter().map(|t| named(t.id, t.name)).collect()),
        );
    }
    if let (Some(k), Some(c)) = (has(Kind::ServiceCategory), cats?) {
        out.insert(
            k.to_owned(),
            sorted(c.into_iter().map(|c| named(c.id, c.name)).collect()),
        );
    }
    if let (Some(k), Some(s)) = (has(Kind::ServiceStatus), statuses?) {
        // Halo names no statuses: offer each status number it has used, labelled by its latest message.
        let mut by_code: BTreeMap<i32, String> = BTreeMap::new();
        for st in s {
            if let Some(code) = st.status {
                let label = match st
                    .message_public
                    .as_deref()
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                {
                    Some(m) => {
                        format!("Status {code} — {}", m.chars().take(60).collect::<String>())
                    }
                    None => format!("Status {code}"),
                };
                by_code.insert(code, label);
            }
        }
        out.insert(
            k.to_owned(),
            by_code
                .into_iter()
                .map(|(c, l)| (c.to_string(), l))
                .collect(),
        );
    }
    if let (Some(k), Some(c)) = (has(Kind::Client), clients?) {
        out.insert(
            k.to_owned(),
            c.into_iter().map(|l| (l.clone(), l)).collect(),
        );
    }
    Ok(out)
}

/// Reads the `fields`/`orig` maps and flags of a posted update.
pub fn update_form(
    fingerprint: String,
    orig: Option<BTreeMap<String, String>>,
    fields: BTreeMap<String, String>,
    force: Option<String>,
) -> UpdateForm {
    UpdateForm {
        fingerprint,
        loaded: orig.unwrap_or_default(),
        fields,
        force: force.is_some_and(|f| !f.is_empty() && f != "0" && f != "false"),
    }
}

/// The id of an edit form, or `None` for a create form (`""` or `new`).
pub fn form_id(raw: &str, what: &str) -> Result<Option<i32>, AppError> {
    match raw.trim() {
        "" | "new" => Ok(None),
        other => super::ssr::parse_id(other, what).map(Some),
    }
}

/// [`load`] when editing; nothing when creating.
pub async fn load_opt<E>(
    res: &Resource<E>,
    spec: &FormSpec,
    id: Option<i32>,
) -> Result<Option<Loaded>, AppError>
where
    E: Detailed + Writable,
{
    match id {
        Some(id) => Box::pin(load(res, spec, id)).await.map(Some),
        None => Ok(None),
    }
}

/// Puts a form's data together.
pub fn form_data(
    id: Option<i32>,
    loaded: Result<Option<Loaded>, AppError>,
    options: Result<BTreeMap<String, Vec<(String, String)>>, AppError>,
) -> Result<crate::functions::forms::FormData, AppError> {
    let loaded = loaded?;
    let options = options?;
    Ok(match loaded {
        Some(l) => crate::functions::forms::FormData {
            id,
            name: l.name,
            values: l.values,
            fingerprint: l.fingerprint,
            options,
            outcome: None,
        },
        None => crate::functions::forms::FormData {
            id: None,
            name: String::new(),
            values: Values::new(),
            fingerprint: String::new(),
            options,
            outcome: None,
        },
    })
}

/// Whether the request is a plain HTML form post (no JavaScript).
fn plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// A failed mutation: back to `path` with the reason kept in the session (so the page shows it without
/// JavaScript); callers that asked for JSON also get the error's HTTP status.
pub fn fail_to(path: &str, err: AppError) -> AppError {
    super::flash::ssr::error(path, err.to_string());
    leptos_axum::redirect(path);
    if plain_form_post() {
        err
    } else {
        super::ssr::with_status(err)
    }
}

/// HaloPSA's name of entity `E` (`Client`, `Site`, …), for audit lines.
pub fn entity_name<E: halo::entity::Entity>() -> &'static str {
    E::PATH.trim_start_matches('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{clients::FORM as CLIENT, sites::FORM as SITE};
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn the_change_set_holds_only_shown_fields_that_differ() {
        let now = obj(
            json!({"id": 4, "name": "Acme", "website": null, "inactive": false,
            "toplevel_id": 0, "colour": "#fff", "notes": "n", "xeroid": "keep"}),
        );
        let mut v = values_of(&CLIENT, &now);
        assert_eq!(v["toplevel_id"], "");
        assert_eq!(v["website"], "");
        // nothing touched → nothing sent
        let loaded = v.clone();
        let valid = validate(&CLIENT, &v, false, &loaded).unwrap();
        assert!(change_set(&CLIENT, &now, &valid, &loaded).is_empty());
        v.insert("website".into(), "https://acme.example".into());
        v.insert("inactive".into(), "on".into());
        let valid = validate(&CLIENT, &v, false, &loaded).unwrap();
        let c = change_set(&CLIENT, &now, &valid, &loaded);
        assert_eq!(
            Value::Object(c),
            json!({"website": "https://acme.example", "inactive": true})
        );
        // someone renamed the client meanwhile: the untouched name is not sent back
        let mut now2 = now.clone();
        now2.insert("name".into(), json!("Acme Renamed"));
        let c = change_set(&CLIENT, &now2, &valid, &loaded);
        assert!(!c.contains_key("name"));
        // without originals every differing field counts as touched
        let c = change_set(&CLIENT, &now2, &valid, &Values::new());
        assert_eq!(c["name"], json!("Acme"));
    }

    #[test]
    fn the_site_client_shows_as_a_label_and_compares_by_id() {
        let now = obj(json!({"id": 9, "name": "HQ", "client_id": 12, "client_name": "Acme"}));
        let v = values_of(&SITE, &now);
        assert_eq!(v["client_id"], "Acme (#12)");
        let mut entered = v.clone();
        entered.insert("client_id".into(), "12".into());
        let valid = validate(&SITE, &entered, false, &v).unwrap();
        assert!(change_set(&SITE, &now, &valid, &v).is_empty());
        entered.insert("client_id".into(), "13".into());
        let valid = validate(&SITE, &entered, false, &v).unwrap();
        assert_eq!(
            Value::Object(change_set(&SITE, &now, &valid, &v)),
            json!({"client_id": 13})
        );
    }

    #[test]
    fn new_records_carry_only_what_was_entered() {
        let entered: Values = [
            ("name", "New"),
            ("newclient_sitename", "Main"),
            ("inactive", ""),
            ("toplevel_id", "2"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let valid = validate(&CLIENT, &entered, true, &Values::new()).unwrap();
        assert_eq!(
            Value::Object(new_record(&CLIENT, &valid)),
            json!({"name": "New", "newclient_sitename": "Main", "toplevel_id": 2})
        );
    }

    #[test]
    fn halo_reasons_go_beside_their_field() {
        let refusal = |field: &str| halo::Error::Validation {
            message: format!("[0].{field}: no"),
            fields: vec![halo::FieldError {
                field: field.into(),
                message: "TopLevel 9 does not exist.".into(),
            }],
        };
        let o = failed(&CLIENT, refusal("toplevel_id"), FormOutcome::default()).unwrap();
        assert_eq!(o.errors["toplevel_id"], "TopLevel 9 does not exist.");
        assert!(o
            .message
            .unwrap()
            .starts_with("HaloPSA rejected the change"));
        let o = failed(&CLIENT, refusal("secret_field"), FormOutcome::default()).unwrap();
        assert!(
            o.errors.is_empty(),
            "a field not on the form stays in the message only"
        );
    }

    #[test]
    fn changed_fields_name_what_moved() {
        let a: Values = [("name".to_string(), "A".to_string())].into();
        let b: Values = [("name".to_string(), "B".to_string())].into();
        let c = changed_fields(&CLIENT, &a, &b);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].loaded.as_str(), c[0].now.as_str()), ("A", "B"));
    }
}
