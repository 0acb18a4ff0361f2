//! Custom field values carried on most Halo records.

use crate::models::Extra;
use serde::{Deserialize, Serialize};

/// A custom field on a Halo record (`CustomField`): id, name, label and its raw value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomField {
    /// Halo record id (0 or absent = new record).
    #[serde(default, deserialize_with = "crate::models::lenient::id")]
    pub id: i32,
    /// Halo's `name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub name: Option<String>,
    /// Halo's `label` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub label: Option<String>,
    /// Halo's `value` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// Halo's `display` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub display: Option<String>,
    /// Halo's `type` field.
    #[serde(
        rename = "type",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub kind: Option<i32>,
    /// Halo's `usage` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub usage: Option<i32>,
    /// Every field Haloscope does not type, kept verbatim so a read/write round trip loses nothing.
    #[serde(flatten)]
    pub extra: Extra,
}
