//! Form definitions and validation, pure (std + serde only, no Leptos): the server re-validates with
//! these, and the browser mirrors the simple rules as HTML attributes (`required`, `maxlength`, `type`).

pub mod crm_note;
pub mod custom;
#[cfg(feature = "ssr")]
pub mod outcome;
#[cfg(feature = "ssr")]
pub mod record;
pub mod spec;
pub mod time_zones;
pub mod validate;

pub use spec::{Field, FieldErrors, FormSpec, Kind, Values, When};
pub use validate::{validate, Valid};

/// `client` → `Client`.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The form whose pages live under `path` (`clients`, … and `notes` for a CRM note): the browser's field
/// checks find their rules by it.
pub fn spec_by_path(path: &str) -> Option<&'static FormSpec> {
    if path == crm_note::CRM_NOTE.path {
        return Some(&crm_note::CRM_NOTE);
    }
    crate::entities::ALL
        .iter()
        .map(|e| e.form)
        .find(|f| f.path == path)
}
