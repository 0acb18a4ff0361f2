//! What a refused form comes back with: the values the person entered, the errors of validation or
//! HaloPSA's own reasons placed beside their fields, and the message above the form. Pure; server only.

use super::{validate, FormSpec, Valid, Values};
use crate::errors::AppError;
use crate::functions::forms::FormOutcome;

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
    let app = AppError::of_write(err);
    match app {
        AppError::NotFound { .. } | AppError::SignInRequired => Err(app),
        other => Ok(FormOutcome {
            message: Some(other.to_string()),
            errors,
            ..keep
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::clients::FORM as CLIENT;

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
}
