//! The inside of every create/edit form, built from a [`FormSpec`]: one labelled widget per field with its
//! error beside it, the values as loaded in hidden `orig[…]` inputs and the record's fingerprint (edit),
//! the form-level message, the "changed meanwhile" review with "Save anyway", and the submit button. The
//! `FieldChecks` island in it runs the fields' checks in the browser as the person types.

use crate::entities::Entity;
use crate::forms::time_zones::TIME_ZONES;
use crate::forms::{Field, FormSpec, Kind};
use crate::functions::forms::{FormData, FormOutcome};
use leptos::prelude::*;

/// The fields, messages and buttons of a form (the page wraps them in its `ActionForm`).
pub fn form_body(spec: &'static FormSpec, data: FormData, outcome: Option<FormOutcome>) -> AnyView {
    let creating = data.id.is_none();
    let (values, loaded, fingerprint) = shown_values(&data, outcome.as_ref());
    let outcome = outcome.unwrap_or_default();
    let errors = outcome.errors.clone();
    let conflict = outcome.conflict;
    let message = outcome.message.clone();
    let changed = outcome.changed.clone();
    let first_error = first_error(spec, creating, &errors);
    let fields = spec
        .shown(creating)
        .map(|f| {
            let value = values.get(f.key).cloned().unwrap_or_default();
            let error = errors.get(f.key).cloned();
            let options = data.options.get(f.key).cloned().unwrap_or_default();
            let loaded_value = (!creating).then(|| loaded.get(f.key).cloned().unwrap_or_default());
            let orig = loaded_value.clone().map(|v| {
                view! { <input type="hidden" name=format!("orig[{}]", f.key) value=v/> }
            });
            let focus = first_error == Some(f.key);
            view! { {field_view(f, value, error, options, focus)} {orig} }
        })
        .collect_view();
    let custom_focus = first_error
        .is_none()
        .then(|| data.custom.iter().find(|i| errors.contains_key(&i.key)))
        .flatten()
        .map(|i| i.key.clone());
    let custom = super::custom_fields::custom_fieldset(
        data.custom.clone(),
        &values,
        &loaded,
        &errors,
        custom_focus.as_deref(),
    );
    let submit = if creating {
        format!("Create {}", spec.singular)
    } else {
        "Save changes".to_string()
    };
    view! {
        {message.map(|m| view! {
            <div class="error-panel" role="alert" data-testid="form-message">
                <p>{m}</p>
                {changed_table(changed)}
            </div>
        })}
        {crate::islands::field_checks(spec)}
        {(!creating).then(|| view! { <input type="hidden" name="fingerprint" value=fingerprint/> })}
        {fields}
        {custom}
        <div class="form-actions">
            <button type="submit" class="button primary" name="force" value="">{submit}</button>
            {conflict.then(|| view! {
                <button type="submit" class="button" name="force" value="1" data-testid="save-anyway">
                    "Save anyway"
                </button>
            })}
            <a class="button" href=match data.id {
                Some(id) => format!("/{}/{id}", spec.path),
                None => format!("/{}", spec.path),
            }>"Cancel"</a>
        </div>
    }
    .into_any()
}

/// The values the fields show (what was entered, after a refused save), the values as loaded (kept in
/// hidden inputs for the change set) and the record's fingerprint.
fn shown_values(
    data: &FormData,
    outcome: Option<&FormOutcome>,
) -> (crate::forms::Values, crate::forms::Values, String) {
    let Some(o) = outcome else {
        return (
            data.values.clone(),
            data.values.clone(),
            data.fingerprint.clone(),
        );
    };
    let loaded = if o.loaded.is_empty() {
        &data.values
    } else {
        &o.loaded
    };
    let fingerprint = if o.fingerprint.is_empty() {
        &data.fingerprint
    } else {
        &o.fingerprint
    };
    (o.values.clone(), loaded.clone(), fingerprint.clone())
}

/// The fields someone changed in HaloPSA since the form was opened: then and now.
fn changed_table(changed: Vec<crate::functions::forms::ChangedField>) -> impl IntoView {
    (!changed.is_empty()).then(|| view! {
        <table class="changed" data-testid="changed-fields">
            <thead><tr><th>"Field"</th><th>"When you opened the form"</th><th>"In HaloPSA now"</th></tr></thead>
            <tbody>
                {changed.into_iter().map(|c| view! {
                    <tr><th scope="row">{c.label}</th><td>{shown(&c.loaded)}</td><td>{shown(&c.now)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// The key of the first field (in form order) with an error: it gets `autofocus`, so after a round trip
/// without JavaScript the keyboard starts there (with JavaScript, `components::focus` does the same).
fn first_error(
    spec: &'static FormSpec,
    creating: bool,
    errors: &crate::forms::FieldErrors,
) -> Option<&'static str> {
    spec.shown(creating)
        .find(|f| errors.contains_key(f.key))
        .map(|f| f.key)
}

fn shown(v: &str) -> String {
    if v.is_empty() {
        "(empty)".into()
    } else {
        v.to_owned()
    }
}

/// One labelled widget with its error message; `focus`: the widget has `autofocus` (the first error).
fn field_view(
    f: &'static Field,
    value: String,
    error: Option<String>,
    options: Vec<(String, String)>,
    focus: bool,
) -> AnyView {
    let id = format!("f-{}", f.key);
    let name = format!("fields[{}]", f.key);
    let err_id = format!("{id}-error");
    // the browser runs the same checks as the person types (`islands::FieldChecks`)
    let invalid = error.is_some();
    let aria_invalid = invalid.then_some("true");
    let described = err_id.clone();
    let message =
        error.map(|e| view! { <p class="field-error" id=err_id.clone() role="alert">{e}</p> });
    let max = f.max.to_string();
    let widget = match f.kind {
        Kind::Flag => return view! {
            <div class="field checkbox" class:invalid=invalid>
                <label>
                    <input type="checkbox" id=id name=name value="true" checked=value == "true" autofocus=focus/>
                    <span>{f.label}</span>
                </label>
                {message}
            </div>
        }
        .into_any(),
        Kind::LongText => view! {
            <textarea id=id.clone() name=name maxlength=max rows="5" required=f.required autofocus=focus
                aria-invalid=aria_invalid aria-describedby=described>{value}</textarea>
        }
        .into_any(),
        Kind::TopLevel | Kind::ServiceCategory | Kind::ServiceStatus | Kind::TimeZone => {
            let w = Widget { id: id.clone(), name, required: f.required, focus, described };
            choice_select(w, f.kind, value, options, aria_invalid)
        }
        Kind::Client => client_picker(&id, name, value, options, (f.required, focus), aria_invalid, described),
        kind => {
            let w = Widget { id: id.clone(), name, required: f.required, focus, described };
            text_input(w, kind, value, max, aria_invalid)
        }
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{f.label}{f.required.then_some(" *")}</label>
            {widget}
            {message}
        </div>
    }
    .into_any()
}

/// What every widget of a field carries: its id and form name, whether it is required, whether it
/// takes focus (the first error), and the id of its error message.
struct Widget {
    id: String,
    name: String,
    required: bool,
    focus: bool,
    described: String,
}

/// A `<select>` of a picker's choices (time zones from the list every browser knows, the rest from
/// HaloPSA's lookups); a current value that is not among them stays selectable.
fn choice_select(
    w: Widget,
    kind: Kind,
    value: String,
    options: Vec<(String, String)>,
    aria_invalid: Option<&'static str>,
) -> AnyView {
    let mut choices: Vec<(String, String)> = if kind == Kind::TimeZone {
        TIME_ZONES
            .iter()
            .map(|z| (z.to_string(), z.to_string()))
            .collect()
    } else {
        options
    };
    if !value.is_empty() && !choices.iter().any(|(v, _)| *v == value) {
        choices.insert(0, (value.clone(), value.clone()));
    }
    view! {
        <select id=w.id name=w.name required=w.required autofocus=w.focus
            aria-invalid=aria_invalid aria-describedby=w.described>
            <option value="" selected=value.is_empty()>"— none —"</option>
            {choices.into_iter().map(|(v, label)| {
                let selected = v == value;
                view! { <option value=v selected=selected>{label}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// A one-line input typed for its kind (e-mail, web address, phone, colour), with the browser's hints.
fn text_input(
    w: Widget,
    kind: Kind,
    value: String,
    max: String,
    aria_invalid: Option<&'static str>,
) -> AnyView {
    let (ty, pattern, placeholder, inputmode) = match kind {
        Kind::Email => ("email", None, Some("name@example.com"), None),
        Kind::Url => ("text", None, Some("https://example.com"), Some("url")),
        Kind::Phone => ("tel", None, Some("+44 20 7946 0958"), None),
        Kind::Colour => (
            "text",
            Some("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})"),
            Some("#1a7f37"),
            None,
        ),
        _ => ("text", None, None, None),
    };
    view! {
        <input type=ty id=w.id name=w.name value=value maxlength=max required=w.required
            autofocus=w.focus pattern=pattern placeholder=placeholder inputmode=inputmode
            aria-invalid=aria_invalid aria-describedby=w.described/>
    }
    .into_any()
}

/// A searchable client picker: a text input with a `<datalist>` of `Name (#id)` choices. The server fills
/// the first choices (so it works without JavaScript: type an exact name or pick one); in the browser the
/// list follows what is typed.
fn client_picker(
    id: &str,
    name: String,
    value: String,
    options: Vec<(String, String)>,
    (required, focus): (bool, bool),
    aria_invalid: Option<&'static str>,
    described: String,
) -> AnyView {
    let list_id = format!("{id}-choices");
    view! {
        <input type="text" id=id.to_owned() name=name value=value list=list_id.clone() required=required autofocus=focus
            autocomplete="off" maxlength="200" placeholder="Type to search clients"
            aria-invalid=aria_invalid aria-describedby=described data-client-picker=""/>
        <datalist id=list_id>
            {options.into_iter().map(|(c, _)| view! { <option value=c></option> }).collect_view()}
        </datalist>
    }
    .into_any()
}

/// A whole create/edit page: breadcrumbs, heading, and the form (`wrap` puts the body in the page's
/// `ActionForm`, for create or update).
pub fn form_page(
    entity: &'static Entity,
    data: FormData,
    outcome: Option<FormOutcome>,
    wrap: impl FnOnce(AnyView) -> AnyView,
) -> AnyView {
    use leptos_meta::Title;
    let spec = entity.form;
    let plural_label = entity.words.many_title;
    let title = match data.id {
        None => format!("New {}", entity.words.one),
        Some(_) => format!("Edit {}", data.name),
    };
    let crumb = data
        .id
        .map(|id| view! { " / " <a href=format!("/{}/{id}", spec.path)>{data.name.clone()}</a> });
    let body = form_body(spec, data, outcome);
    view! {
        <Title text=title.clone()/>
        <nav class="breadcrumbs" aria-label="Breadcrumb"><a href=format!("/{}", spec.path)>{plural_label}</a>{crumb}</nav>
        <h1>{title}</h1>
        {wrap(body)}
    }
    .into_any()
}

/// A delete confirmation page: names the record and what hangs off it; `wrap` puts the body in the
/// page's delete `ActionForm`.
pub fn delete_page(
    entity: &'static Entity,
    info: crate::functions::forms::DeleteInfo,
    wrap: impl FnOnce(AnyView) -> AnyView,
) -> AnyView {
    use leptos_meta::Title;
    let (spec, plural_label) = (entity.form, entity.words.many_title);
    let title = format!("Delete {}?", info.name);
    let id = info.id;
    let body = view! {
        <input type="hidden" name="id" value=id.to_string()/>
        <p>
            {format!("This deletes the {} \u{201c}{}\u{201d} from HaloPSA. It cannot be undone here.", entity.words.one, info.name)}
        </p>
        {info.dependents.clone().map(|d| view! { <p class="warning" data-testid="dependents">{format!("It has {d}.")}</p> })}
        <div class="form-actions">
            <button type="submit" class="button danger">{format!("Delete {}", entity.words.one)}</button>
            <a class="button" href=format!("/{}/{id}", spec.path)>"Cancel"</a>
        </div>
    }
    .into_any();
    view! {
        <Title text=title.clone()/>
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <a href=format!("/{}", spec.path)>{plural_label}</a>
            " / " <a href=format!("/{}/{id}", spec.path)>{info.name.clone()}</a>
        </nav>
        <h1>{title}</h1>
        {wrap(body)}
    }
    .into_any()
}

/// Just the labelled fields of a create-style form (no fingerprint or originals), with an outcome's
/// message, errors and entered values; for small forms such as the CRM note.
pub fn form_body_fields(spec: &'static FormSpec, outcome: Option<FormOutcome>) -> AnyView {
    let outcome = outcome.unwrap_or_default();
    let message = outcome.message.clone();
    let first_error = first_error(spec, true, &outcome.errors);
    let fields = spec
        .shown(true)
        .map(|f| {
            let value = outcome.values.get(f.key).cloned().unwrap_or_default();
            field_view(
                f,
                value,
                outcome.errors.get(f.key).cloned(),
                Vec::new(),
                first_error == Some(f.key),
            )
        })
        .collect_view();
    view! {
        {message.map(|m| view! { <div class="error-panel" role="alert" data-testid="form-message"><p>{m}</p></div> })}
        {crate::islands::field_checks(spec)}
        {fields}
    }
    .into_any()
}
