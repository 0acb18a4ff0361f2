//! CRM notes and popup notes as pages show them.

use serde::{Deserialize, Serialize};

/// A CRM note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrmNoteView {
    pub id: i32,
    /// `YYYY-MM-DD HH:MM`, as HaloPSA stores it (no zone).
    pub when: Option<String>,
    pub subject: Option<String>,
    /// Plain text (HTML is shown as text, never interpreted).
    pub note: String,
    pub site_id: Option<i32>,
}

/// A popup note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopupNoteView {
    pub id: i32,
    pub when: Option<String>,
    pub note: String,
    pub read: bool,
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use halo::models::{CrmNote, HaloDateTime, PopupNote};

    /// A Halo timestamp as `YYYY-MM-DD HH:MM`.
    pub fn when(t: &Option<HaloDateTime>) -> Option<String> {
        t.as_ref()
            .map(|t| t.to_string().replace('T', " ").chars().take(16).collect())
    }

    pub fn crm_view(n: CrmNote) -> CrmNoteView {
        CrmNoteView {
            id: n.id,
            when: when(&n.datetime),
            subject: n.app_subject.filter(|s| !s.trim().is_empty()),
            note: n.note.or(n.detail).unwrap_or_default(),
            site_id: n.site_id.filter(|s| *s > 0),
        }
    }

    pub fn popup_view(n: PopupNote) -> PopupNoteView {
        PopupNoteView {
            id: n.id,
            when: when(&n.date_created),
            note: n.note.unwrap_or_default(),
            read: n.read_status.unwrap_or(0) != 0,
        }
    }
}
