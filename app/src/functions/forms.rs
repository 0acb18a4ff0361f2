//! What the write pages exchange with their server functions: the data that fills a form, the outcome of
//! a save (field errors and entered values kept, HaloPSA's refusal, a concurrent change), and what a delete
//! confirmation shows.
//!
//! No-JavaScript strategy: every mutating server function ends with `leptos_axum::redirect`. On success it
//! goes to the record (or the list, after a delete) with a one-time notice kept in the session; otherwise
//! back to the form, whose data then carries the refused attempt's outcome (errors beside fields, entered
//! values), also kept in the session and read once (`super::flash`). Nothing of it travels in the URL.
//! With JavaScript the same redirect is followed by the client-side router, so both paths render the same
//! page. Callers that ask for JSON (tests, scripts) get the outcome as the function's value.

use crate::forms::{FieldErrors, Values};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything a create or edit form needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormData {
    /// The record being edited; `None` when creating.
    pub id: Option<i32>,
    /// The record's name as loaded (for the title and breadcrumbs).
    pub name: String,
    /// The shown fields' values as loaded (empty when creating), the editable custom fields' among them.
    pub values: Values,
    /// The record's custom fields, shown after the descriptor's fields (none when creating: HaloPSA
    /// names a record's custom fields only on the record).
    #[serde(default)]
    pub custom: Vec<crate::forms::custom::CustomInput>,
    /// Fingerprint of the whole record as loaded (empty when creating).
    pub fingerprint: String,
    /// Choices of the picker fields: field key → `(value, label)`.
    pub options: BTreeMap<String, Vec<(String, String)>>,
    /// A refused attempt to save this form (entered values, errors), read once from the session.
    pub outcome: Option<FormOutcome>,
}

/// A field whose value changed in HaloPSA after the form was loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedField {
    pub key: String,
    pub label: String,
    /// The value when the form was loaded.
    pub loaded: String,
    /// The value HaloPSA holds now.
    pub now: String,
}

/// The result of a create or update.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FormOutcome {
    /// The id of the record saved; `None` when nothing was saved.
    pub saved: Option<i32>,
    /// The values as entered (kept so the form can be shown again).
    pub values: Values,
    /// The values as loaded (`orig[…]`), carried along for the next attempt.
    pub loaded: Values,
    /// The fingerprint the form was loaded with.
    pub fingerprint: String,
    /// Messages beside fields.
    pub errors: FieldErrors,
    /// A message about the whole form (HaloPSA's refusal in plain words, a concurrent change).
    pub message: Option<String>,
    /// The record changed in HaloPSA since the form was loaded: what differs. When `conflict` is true the
    /// form offers "Save anyway".
    pub conflict: bool,
    pub changed: Vec<ChangedField>,
    /// The field names sent to HaloPSA (empty when nothing changed or nothing was saved).
    pub sent: Vec<String>,
    /// A create HaloPSA accepted without saying which record it made (`saved` is `None`): reported as
    /// created, and the person is sent to the list, never back to a form that would create it twice.
    #[serde(default)]
    pub created: bool,
}

/// What a delete confirmation names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteInfo {
    pub id: i32,
    pub name: String,
    /// What hangs off the record, in words (e.g. "3 sites"), when known.
    pub dependents: Option<String>,
}
