//! Recent changes (`/activity`): the record changes of the audit log — creates, updates, deletes, notes,
//! popups marked read, unsubscribes; never sign-ins or exports, which stay in the file — newest first, with
//! the filters of the page's URL. The types here cross to the page; reading the file is server only
//! ([`tail`] reads it backwards in fixed blocks, [`read`] filters and pages).

pub mod filter;
#[cfg(feature = "ssr")]
pub mod read;
#[cfg(feature = "ssr")]
pub mod tail;

use crate::entities::EntityKind;
use serde::{Deserialize, Serialize};

/// The audit actions that are changes to records (the only lines the page shows).
pub const CHANGE_ACTIONS: &[(&str, &str)] = &[
    ("create", "Created"),
    ("update", "Updated"),
    ("delete", "Deleted"),
    ("note", "CRM note added"),
    ("popup_read", "Popup note marked read"),
    ("unsubscribe", "Unsubscribed"),
];

/// Records the audit log names that are not entities of the registry: `(URL value, HaloPSA name, words)`.
pub const OTHER_RECORDS: &[(&str, &str, &str)] = &[
    ("crm-notes", "CRMNote", "CRM note"),
    ("popup-notes", "PopupNote", "Popup note"),
];

/// One change made through Haloscope, as the audit log has it (field names only, never values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// When, as logged (RFC 3339, UTC).
    pub ts: String,
    /// Who: the name shown for them, else their id.
    pub who: String,
    /// The audit action (`update`, …).
    pub action: String,
    /// The record's entity when it is one of the registry's (its page can be linked).
    pub kind: Option<EntityKind>,
    /// The record's kind as the `entity` filter names it (`clients`, `crm-notes`).
    pub entity: String,
    /// The record's kind in words (`Client`, `CRM note`).
    pub entity_words: String,
    pub id: Option<i64>,
    /// The HaloPSA field names that were sent.
    pub fields: Vec<String>,
    /// HaloPSA accepted it.
    pub ok: bool,
    /// Why it failed: the status and the plain-words reason.
    pub detail: Option<String>,
}

impl Change {
    /// The action in words ("Updated").
    pub fn action_words(&self) -> &str {
        CHANGE_ACTIONS
            .iter()
            .find(|(a, _)| *a == self.action)
            .map_or(self.action.as_str(), |(_, w)| w)
    }

    /// The record's page, when it is an entity's record.
    pub fn record_href(&self) -> Option<String> {
        let id = i32::try_from(self.id?).ok()?;
        Some(self.kind?.entity().record_href(id))
    }
}

/// What the audit log could tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Changes {
    /// One page of changes, newest first; `more` when older ones match too; `cut_short` when the log was
    /// read only so far back (a record's page reads a bounded part of it) and older lines were not looked at.
    Listed {
        changes: Vec<Change>,
        page: u32,
        more: bool,
        cut_short: bool,
    },
    /// The audit log goes to standard output (`HALOSCOPE_AUDIT_LOG=-`): Haloscope cannot read it back.
    ToStdout,
}

/// Every value of the `entity` filter with its words: the registry's entities, then the other records.
pub fn entity_choices() -> Vec<(&'static str, &'static str)> {
    let entities = crate::entities::ALL
        .iter()
        .map(|e| (e.path, e.words.one_title));
    let others = OTHER_RECORDS.iter().map(|(v, _, w)| (*v, *w));
    entities.chain(others).collect()
}
