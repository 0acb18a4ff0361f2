//! A record's HaloPSA custom fields on its edit form: one fieldset after the descriptor's fields, each
//! field typed for its kind (text, memo, number, date picker, checkbox), a selection shown read-only with
//! why, and the values as loaded in hidden `orig[…]` inputs so the update knows what the person changed.

use crate::forms::custom::{CustomInput, InputKind};
use crate::forms::{FieldErrors, Values};
use leptos::prelude::*;

/// The fieldset, or nothing when the record has no custom fields. `values`: what the fields show;
/// `loaded`: the values as the form was loaded; `focus`: the key of the field that takes the focus.
pub fn custom_fieldset(
    inputs: Vec<CustomInput>,
    values: &Values,
    loaded: &Values,
    errors: &FieldErrors,
    focus: Option<&str>,
) -> Option<AnyView> {
    if inputs.is_empty() {
        return None;
    }
    let fields = inputs
        .into_iter()
        .map(|input| {
            let value = values.get(&input.key).cloned().unwrap_or_default();
            let orig = loaded.get(&input.key).cloned().map(|v| {
                view! { <input type="hidden" name=format!("orig[{}]", input.key) value=v/> }
            });
            let error = errors.get(&input.key).cloned();
            let focused = focus == Some(input.key.as_str());
            view! { {custom_field(input, value, error, focused)} {orig} }
        })
        .collect_view();
    Some(
        view! {
            <fieldset data-testid="custom-fields">
                <legend>"Custom fields"</legend>
                {fields}
            </fieldset>
        }
        .into_any(),
    )
}

/// One custom field: its label, widget, note and error.
fn custom_field(input: CustomInput, value: String, error: Option<String>, focus: bool) -> AnyView {
    let id = format!("f-{}", input.key);
    let name = format!("fields[{}]", input.key);
    let err_id = format!("{id}-error");
    let note_id = format!("{id}-note");
    let invalid = error.is_some();
    let note = note_of(&input);
    let described = match (&error, &note) {
        (Some(_), Some(_)) => Some(format!("{err_id} {note_id}")),
        (Some(_), None) => Some(err_id.clone()),
        (None, Some(_)) => Some(note_id.clone()),
        (None, None) => None,
    };
    let aria_invalid = invalid.then_some("true");
    let message = error.map(|e| view! { <p class="field-error" id=err_id role="alert">{e}</p> });
    let note = note.map(|n| view! { <p class="hint" id=note_id>{n}</p> });
    let max = input.max.to_string();
    if input.kind == InputKind::Checkbox {
        return view! {
            <div class="field checkbox" class:invalid=invalid>
                <label>
                    <input type="checkbox" id=id name=name value="true" checked=value == "true" autofocus=focus
                        aria-describedby=described/>
                    <span>{input.label}</span>
                </label>
                {note}
                {message}
            </div>
        }
        .into_any();
    }
    let widget = match input.kind {
        InputKind::Memo => view! {
            <textarea id=id.clone() name=name maxlength=max rows="4" autofocus=focus
                aria-invalid=aria_invalid aria-describedby=described>{value}</textarea>
        }
        .into_any(),
        InputKind::ReadOnly => view! {
            <input type="text" id=id.clone() value=input.shown readonly=true aria-describedby=described/>
        }
        .into_any(),
        kind => {
            let (ty, inputmode, placeholder) = match kind {
                InputKind::Number => ("text", Some("decimal"), Some("12")),
                InputKind::Date if !input.unreadable => ("date", None, Some("YYYY-MM-DD")),
                _ => ("text", None, None),
            };
            view! {
                <input type=ty id=id.clone() name=name value=value maxlength=max autofocus=focus
                    inputmode=inputmode placeholder=placeholder
                    aria-invalid=aria_invalid aria-describedby=described/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{input.label}</label>
            {widget}
            {note}
            {message}
        </div>
    }
    .into_any()
}

/// The muted words under a field that is not edited as usual.
fn note_of(input: &CustomInput) -> Option<&'static str> {
    if input.kind == InputKind::ReadOnly {
        Some("Chosen in HaloPSA: its options are not available to Haloscope.")
    } else if input.unreadable {
        Some("HaloPSA sent a value Haloscope cannot read for this field; it is kept unless you change it.")
    } else {
        None
    }
}
