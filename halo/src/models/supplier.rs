//! Suppliers, called Companies in Halo (`Company_List` rows and `Company` records, path `/Supplier`).

use crate::models::{CustomField, Extra, HaloDateTime};
use serde::{Deserialize, Serialize};

/// A supplier row as `GET /Supplier` lists it (`Company_List`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SupplierSummary {
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
    /// Halo's `toplevel_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub toplevel_id: Option<i32>,
    /// Halo's `toplevel_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub toplevel_name: Option<String>,
    /// Halo's `contact_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub contact_name: Option<String>,
    /// Halo's `email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub email_address: Option<String>,
    /// Halo's `support_email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub support_email_address: Option<String>,
    /// Halo's `ordering_email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub ordering_email_address: Option<String>,
    /// Halo's `phone_number` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phone_number: Option<String>,
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `website` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub website: Option<String>,
    /// Halo's `mobile` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub mobile: Option<String>,
    /// Halo's `contract_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub contract_count: Option<i32>,
    /// Halo's `default_currency_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub default_currency_code: Option<i32>,
    /// Halo's `customfields` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_vec"
    )]
    pub customfields: Option<Vec<CustomField>>,
    /// Every field Haloscope does not type, kept verbatim so a read/write round trip loses nothing.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A full supplier record (`Company`, `GET /Supplier/{id}`), also the body of create/update posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Supplier {
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
    /// Halo's `toplevel_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub toplevel_id: Option<i32>,
    /// Halo's `toplevel_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub toplevel_name: Option<String>,
    /// Halo's `contact_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub contact_name: Option<String>,
    /// Halo's `email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub email_address: Option<String>,
    /// Halo's `support_email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub support_email_address: Option<String>,
    /// Halo's `ordering_email_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub ordering_email_address: Option<String>,
    /// Halo's `phone_number` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phone_number: Option<String>,
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `website` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub website: Option<String>,
    /// Halo's `mobile` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub mobile: Option<String>,
    /// Halo's `contract_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub contract_count: Option<i32>,
    /// Halo's `default_currency_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub default_currency_code: Option<i32>,
    /// Halo's `datecreated` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub datecreated: Option<HaloDateTime>,
    /// Halo's `phone_number_2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phone_number_2: Option<String>,
    /// Halo's `phone_number_3` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phone_number_3: Option<String>,
    /// Halo's `notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub notes: Option<String>,
    /// Halo's `address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub address: Option<String>,
    /// Halo's `accounts_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accounts_id: Option<String>,
    /// Halo's `portal_url` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub portal_url: Option<String>,
    /// Halo's `contact_title` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub contact_title: Option<String>,
    /// Halo's `fax` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub fax: Option<String>,
    /// Halo's `parentid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub parentid: Option<i32>,
    /// Halo's `emaildomain` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub emaildomain: Option<String>,
    /// Halo's `is_supplier` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub is_supplier: Option<bool>,
    /// Halo's `is_manufacturer` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub is_manufacturer: Option<bool>,
    /// Halo's `last_modified` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub last_modified: Option<HaloDateTime>,
    /// Halo's `access_control_level` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub access_control_level: Option<i32>,
    /// Halo's `xero_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub xero_id: Option<String>,
    /// Halo's `kashflowid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub kashflowid: Option<i32>,
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
