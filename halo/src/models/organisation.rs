//! Organisations (multi-tenancy branding records, path `/Organisation`).

use crate::models::{AddressStore, CustomField, Extra};
use serde::{Deserialize, Serialize};

/// An organisation (`Organisation`): branding and portal settings. `GET /Organisation` returns a
/// bare array of these (no wrapper, no paging).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Halo record id (0 or absent = new record).
    #[serde(default, deserialize_with = "crate::models::lenient::id")]
    pub id: i32,
    /// Halo's `guid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub guid: Option<String>,
    /// Halo's `name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub name: Option<String>,
    /// Halo's `reply_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub reply_address: Option<String>,
    /// Halo's `phone` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phone: Option<String>,
    /// Halo's `fax` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub fax: Option<String>,
    /// Halo's `email` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub email: Option<String>,
    /// Halo's `website` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub website: Option<String>,
    /// Halo's `logo` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub logo: Option<String>,
    /// Halo's `portal_logo` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub portal_logo: Option<String>,
    /// Halo's `portalurl` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub portalurl: Option<String>,
    /// Halo's `portalcolour` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub portalcolour: Option<String>,
    /// Halo's `portal_title` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub portal_title: Option<String>,
    /// Halo's `portal_allow_pwa` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub portal_allow_pwa: Option<bool>,
    /// Halo's `linked_client_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub linked_client_id: Option<i32>,
    /// Halo's `deliverysite` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub deliverysite: Option<i32>,
    /// Halo's `messagegroup_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub messagegroup_id: Option<i32>,
    /// Halo's `address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_nested"
    )]
    pub address: Option<AddressStore>,
    /// Halo's `tax_number` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub tax_number: Option<String>,
    /// Halo's `allowall_tickettypes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub allowall_tickettypes: Option<bool>,
    /// Halo's `bank_details_line_1` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub bank_details_line_1: Option<String>,
    /// Halo's `bank_details_line_2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub bank_details_line_2: Option<String>,
    /// Halo's `bank_details_line_3` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub bank_details_line_3: Option<String>,
    /// Halo's `bank_details_line_4` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub bank_details_line_4: Option<String>,
    /// Halo's `bank_details_line_5` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub bank_details_line_5: Option<String>,
    /// Halo's `customfields` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_vec"
    )]
    pub customfields: Option<Vec<CustomField>>,
    /// Halo's `_warning` field.
    #[serde(
        rename = "_warning",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub warning: Option<String>,
    /// Every field Haloscope does not type, kept verbatim so a read/write round trip loses nothing.
    #[serde(flatten)]
    pub extra: Extra,
}
