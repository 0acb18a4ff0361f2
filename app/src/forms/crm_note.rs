//! The form of a CRM note added from a client's or a site's page (not an entity of its own: notes live on
//! their client's and site's pages).

use super::spec::{Field, FormSpec, Kind, NAME, NOTES};

/// A CRM note added from a client or site page.
pub const CRM_NOTE: FormSpec = FormSpec {
    singular: "note",
    path: "notes",
    fields: &[
        Field::new("app_subject", "Subject", Kind::Text, false, NAME),
        Field::new("note", "Note", Kind::LongText, true, NOTES),
    ],
};
