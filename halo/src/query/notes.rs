//! CRM note and popup note queries.

use serde::{Deserialize, Serialize};

/// Query parameters of `GET /CRMNote` (SPEC: `client_id`, `supplier_id`, `toplevel_id`, `count`;
/// HaloAPI adds `includehtmlnote`, `includeattachments`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrmNoteQuery {
    /// Only rows of this client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i32>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Halo's `supplier_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<i32>,
    /// Only rows under this top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i32>,
    /// Halo's `includehtmlnote` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includehtmlnote: Option<bool>,
    /// Halo's `includeattachments` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeattachments: Option<bool>,
}

impl CrmNoteQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `client_id`.
    pub fn client_id(mut self, value: i32) -> Self {
        self.client_id = Some(value);
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `supplier_id`.
    pub fn supplier_id(mut self, value: i32) -> Self {
        self.supplier_id = Some(value);
        self
    }

    /// Sets `toplevel_id`.
    pub fn toplevel_id(mut self, value: i32) -> Self {
        self.toplevel_id = Some(value);
        self
    }

    /// Sets `includehtmlnote`.
    pub fn includehtmlnote(mut self, value: impl Into<bool>) -> Self {
        self.includehtmlnote = Some(value.into());
        self
    }

    /// Sets `includeattachments`.
    pub fn includeattachments(mut self, value: impl Into<bool>) -> Self {
        self.includeattachments = Some(value.into());
        self
    }
}

/// Query parameters of `GET /PopupNote`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopupNoteQuery {
    /// Only rows of this client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i32>,
    /// Halo's `showall` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub showall: Option<bool>,
    /// Only rows of this site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i32>,
    /// Only rows of / in the context of this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i32>,
}

impl PopupNoteQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `client_id`.
    pub fn client_id(mut self, value: i32) -> Self {
        self.client_id = Some(value);
        self
    }

    /// Sets `showall`.
    pub fn showall(mut self, value: impl Into<bool>) -> Self {
        self.showall = Some(value.into());
        self
    }

    /// Sets `site_id`.
    pub fn site_id(mut self, value: i32) -> Self {
        self.site_id = Some(value);
        self
    }

    /// Sets `user_id`.
    pub fn user_id(mut self, value: i32) -> Self {
        self.user_id = Some(value);
        self
    }
}
