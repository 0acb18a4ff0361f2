//! The server-side glue of the one write path: loading a record with its fingerprint, updating and creating
//! through HaloPSA (with concurrent-change detection and the audit line), and the redirects that make forms
//! work without JavaScript (see [`crate::functions::forms`]). The pure steps live in
//! [`crate::forms::record`] (record ↔ form values, change sets) and [`crate::forms::outcome`] (what a
//! refused form comes back with); the pickers in [`crate::functions::pickers`].

use crate::audit::{self, AuditEvent};
use crate::errors::AppError;
use crate::forms::custom;
pub use crate::forms::outcome::{checked, failed, UpdateForm};
pub use crate::forms::record::{change_set, changed_fields, new_record, values_of};
pub use crate::forms::Values;
use crate::forms::{FieldErrors, FormSpec, Valid};
use crate::functions::forms::FormOutcome;
pub use crate::functions::pickers::{client_choices, options, resolve_client};
use halo::client::Resource;
use halo::entity::{Detailed, Writable};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A record as HaloPSA holds it now.
pub struct Loaded {
    pub json: Map<String, Value>,
    /// The shown fields' values as loaded, the editable custom fields' among them.
    pub values: Values,
    /// The record's custom fields, each with its JSON as HaloPSA sent it.
    pub custom: Vec<(halo::models::CustomField, Value)>,
    pub fingerprint: String,
    pub name: String,
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
    let custom = custom::fields_of(&json);
    let mut values = values_of(spec, &json);
    values.extend(custom::values_of(&custom));
    Ok(Loaded {
        values,
        custom,
        json,
        fingerprint,
        name,
    })
}

pub use crate::forms::capitalised;

/// The posted `fields` validated (`loaded`: the values as loaded, for an edit) and resolved; `Err` is
/// the form to show again, with `keep`'s entered values and the errors.
async fn valid_form<F, Fut>(
    spec: &FormSpec,
    fields: &Values,
    loaded: Option<&Values>,
    keep: FormOutcome,
    resolve: F,
) -> Result<Valid, Box<FormOutcome>>
where
    F: FnOnce(Valid) -> Fut,
    Fut: std::future::Future<Output = Result<Valid, FieldErrors>>,
{
    let none = Values::new();
    let valid = checked(
        spec,
        fields,
        loaded.is_none(),
        loaded.unwrap_or(&none),
        keep.clone(),
    )?;
    Box::pin(resolve(valid)).await.map_err(|errors| {
        Box::new(FormOutcome {
            errors,
            message: Some("Please correct the fields marked below.".into()),
            ..keep
        })
    })
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
    let valid = match valid_form(
        spec,
        &form.fields,
        Some(&form.loaded),
        keep.clone(),
        resolve,
    )
    .await
    {
        Ok(v) => v,
        Err(o) => return Ok(*o),
    };
    let now = Box::pin(load(res, spec, id)).await?;
    let changes = match changes(spec, &now, &valid, &form) {
        Ok(changes) => changes,
        Err(refused) => return Ok(*refused),
    };
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

/// What an update sends: the shown fields the person changed that differ from `now`, and the whole
/// custom field array when a custom value changed. `Err`: the form comes back, with the custom fields'
/// errors, or with what changed meanwhile when the record's fingerprint moved and the save is not forced.
fn changes(
    spec: &FormSpec,
    now: &Loaded,
    valid: &Valid,
    form: &UpdateForm,
) -> Result<Map<String, Value>, Box<FormOutcome>> {
    let keep = form.outcome();
    let inputs = custom::inputs_of(&now.custom);
    let custom_values =
        custom::validate(&inputs, &form.fields, &form.loaded).map_err(|errors| {
            Box::new(FormOutcome {
                errors,
                message: Some("Please correct the fields marked below.".into()),
                ..keep.clone()
            })
        })?;
    if !form.force && now.fingerprint != form.fingerprint {
        let mut changed = changed_fields(spec, &form.loaded, &now.values);
        changed.extend(custom::changed_fields(&now.custom, &form.loaded));
        let message = if changed.is_empty() {
            format!("This {} was changed in HaloPSA after you opened the form (in fields this form does not show). Review and save again if your change still stands.", spec.singular)
        } else {
            format!("This {} was changed in HaloPSA after you opened the form. Review what changed below; \"Save anyway\" writes your values for the fields you changed here.", spec.singular)
        };
        return Err(Box::new(FormOutcome {
            conflict: true,
            changed,
            message: Some(message),
            ..keep
        }));
    }
    let mut changes = change_set(spec, &now.json, valid, &form.loaded);
    if let Some(array) = custom::changed_array(&now.custom, &custom_values, &form.loaded) {
        changes.insert("customfields".into(), array);
    }
    Ok(changes)
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
    let valid = match valid_form(spec, &fields, None, keep.clone(), resolve).await {
        Ok(v) => v,
        Err(o) => return Ok(*o),
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
        .and_then(|v| v.get("id").and_then(Value::as_i64))
        .filter(|n| *n > 0);
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
                    message: Some(CREATED_UNSEEN.into()),
                    created: true,
                    sent,
                    ..keep
                }),
            }
        }
        Err(e) => failed(spec, e, keep),
    }
}

/// What a create HaloPSA accepted without naming the new record says.
pub const CREATED_UNSEEN: &str =
    "Created. HaloPSA did not say which record it is: open the list to see it.";

/// No extra resolution step.
pub async fn as_is(valid: Valid) -> Result<Valid, FieldErrors> {
    Ok(valid)
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
            custom: custom::inputs_of(&l.custom),
            fingerprint: l.fingerprint,
            options,
            outcome: None,
        },
        None => crate::functions::forms::FormData {
            id: None,
            name: String::new(),
            values: Values::new(),
            custom: Vec::new(),
            fingerprint: String::new(),
            options,
            outcome: None,
        },
    })
}

/// Whether the request is a plain HTML form post (no JavaScript).
fn plain_form_post() -> bool {
    leptos::prelude::with_context::<http::request::Parts, _>(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
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

/// After a one-step change (`(action, entity, id)` of the audit log) HaloPSA answered `result`: one audit
/// line, then `notice` for the page at `back`, or the failure's reason for it.
pub fn settle<T>(
    (action, entity, id): (&'static str, &'static str, i32),
    result: Result<T, halo::Error>,
    back: &str,
    notice: &str,
) -> Result<(), AppError> {
    audit::record(AuditEvent::change(
        action,
        entity,
        Some(id.into()),
        Vec::new(),
        &result,
    ));
    match result {
        Ok(_) => {
            super::flash::ssr::note(back, notice);
            Ok(())
        }
        Err(e) => Err(fail_to(back, AppError::of_write(e))),
    }
}
