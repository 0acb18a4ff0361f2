//! Detail query shared by endpoints that only take `includedetails`, and the empty organisation list query.

use serde::{Deserialize, Serialize};

/// Query parameters of the detail GETs that only take `includedetails`
/// (`/Supplier/{id}`, `/Organisation/{id}`, `/CRMNote/{id}`, `/TopLevel/{id}`…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailQuery {
    /// Include extra nested objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includedetails: Option<bool>,
}

impl DetailQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `includedetails`.
    pub fn includedetails(mut self, value: impl Into<bool>) -> Self {
        self.includedetails = Some(value.into());
        self
    }
}

/// Query parameters of `GET /Organisation`: none are documented, so this sends nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationQuery {}

impl OrganisationQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }
}
