//! CRM notes (`AreaNote`) and popup notes (`AreaPopup`) of clients and sites.

use crate::models::{CustomField, Extra, HaloDateTime};
use serde::{Deserialize, Serialize};

/// A CRM note on a client, site or supplier (`AreaNote`, `/CRMNote`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrmNote {
    /// Halo record id (0 or absent = new record).
    #[serde(default, deserialize_with = "crate::models::lenient::id")]
    pub id: i32,
    /// Halo's `client_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub client_id: Option<i32>,
    /// Halo's `supplier_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub supplier_id: Option<i32>,
    /// Halo's `site_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub site_id: Option<i32>,
    /// Halo's `user_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub user_id: Option<i32>,
    /// Halo's `ticketid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub ticketid: Option<i32>,
    /// Halo's `sales_order_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub sales_order_id: Option<i32>,
    /// Halo's `purchase_order_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub purchase_order_id: Option<i32>,
    /// Halo's `quote_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub quote_id: Option<i32>,
    /// Halo's `invoice_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub invoice_id: Option<i32>,
    /// Halo's `datetime` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub datetime: Option<HaloDateTime>,
    /// Halo's `who_agentid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub who_agentid: Option<i32>,
    /// Halo's `note` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub note: Option<String>,
    /// Halo's `detail` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub detail: Option<String>,
    /// Halo's `timetaken` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub timetaken: Option<f64>,
    /// Halo's `hide_time_taken` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub hide_time_taken: Option<bool>,
    /// Halo's `nextcalldate` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub nextcalldate: Option<HaloDateTime>,
    /// Halo's `nextcallduration` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub nextcallduration: Option<f64>,
    /// Halo's `add_to_calendar` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub add_to_calendar: Option<bool>,
    /// Halo's `satisfaction` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub satisfaction: Option<String>,
    /// Halo's `app_subject` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub app_subject: Option<String>,
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

/// A popup note shown to agents when they open a client, site or user (`AreaPopup`, `/PopupNote`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PopupNote {
    /// Halo record id (0 or absent = new record).
    #[serde(default, deserialize_with = "crate::models::lenient::id")]
    pub id: i32,
    /// Halo's `client_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub client_id: Option<i32>,
    /// Halo's `site_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub site_id: Option<i32>,
    /// Halo's `user_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub user_id: Option<i32>,
    /// Halo's `date_created` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub date_created: Option<HaloDateTime>,
    /// Halo's `note` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub note: Option<String>,
    /// Halo's `dismissable` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub dismissable: Option<bool>,
    /// Halo's `read_status` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub read_status: Option<i32>,
    /// Halo's `displaymodal` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub displaymodal: Option<bool>,
    /// Halo's `displayhtml` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub displayhtml: Option<bool>,
    /// Halo's `limitdaterange` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub limitdaterange: Option<bool>,
    /// Halo's `startdate` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub startdate: Option<HaloDateTime>,
    /// Halo's `enddate` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub enddate: Option<HaloDateTime>,
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
