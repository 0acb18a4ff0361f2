//! Clients (`Area_List` rows and `Area` records, path `/Client`).

use crate::models::{AddressStore, CustomField, Extra, HaloDateTime, PopupNote};
use serde::{Deserialize, Serialize};

/// A client row as `GET /Client` lists it (`Area_List`): abbreviated; fetch [`Client`] for the full record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClientSummary {
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
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `colour` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub colour: Option<String>,
    /// Halo's `website` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub website: Option<String>,
    /// Halo's `notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub notes: Option<String>,
    /// Halo's `main_site_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub main_site_id: Option<i32>,
    /// Halo's `accountsemailaddress` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountsemailaddress: Option<String>,
    /// Halo's `ref` field.
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub reference: Option<String>,
    /// Halo's `is_vip` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub is_vip: Option<bool>,
    /// Halo's `taxable` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub taxable: Option<bool>,
    /// Halo's `customertype` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub customertype: Option<i32>,
    /// Halo's `stopped` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub stopped: Option<i32>,
    /// Halo's `open_ticket_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub open_ticket_count: Option<i32>,
    /// Halo's `opps_ticket_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub opps_ticket_count: Option<i32>,
    /// Halo's `pritech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub pritech: Option<i32>,
    /// Halo's `sectech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub sectech: Option<i32>,
    /// Halo's `accountmanagertech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub accountmanagertech: Option<i32>,
    /// Halo's `itglue_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub itglue_id: Option<String>,
    /// Halo's `xeroid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub xeroid: Option<String>,
    /// Halo's `default_currency_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub default_currency_code: Option<i32>,
    /// Halo's `calldate` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub calldate: Option<HaloDateTime>,
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

/// A full client record (`Area`, `GET /Client/{id}`), also the body of create/update posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Client {
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
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `colour` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub colour: Option<String>,
    /// Halo's `website` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub website: Option<String>,
    /// Halo's `notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub notes: Option<String>,
    /// Halo's `trading_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub trading_name: Option<String>,
    /// Halo's `domain` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub domain: Option<String>,
    /// Halo's `ref` field.
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub reference: Option<String>,
    /// Halo's `is_vip` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub is_vip: Option<bool>,
    /// Halo's `taxable` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub taxable: Option<bool>,
    /// Halo's `customertype` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub customertype: Option<i32>,
    /// Halo's `stopped` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub stopped: Option<i32>,
    /// Halo's `main_site_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub main_site_id: Option<i32>,
    /// Halo's `main_site_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub main_site_name: Option<String>,
    /// Halo's `main_contact_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub main_contact_name: Option<String>,
    /// Halo's `main_phonenumber` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub main_phonenumber: Option<String>,
    /// Halo's `pritech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub pritech: Option<i32>,
    /// Halo's `pritech_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub pritech_name: Option<String>,
    /// Halo's `sectech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub sectech: Option<i32>,
    /// Halo's `sectech_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub sectech_name: Option<String>,
    /// Halo's `accountmanagertech` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub accountmanagertech: Option<i32>,
    /// Halo's `accountmanagertech_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountmanagertech_name: Option<String>,
    /// Halo's `accountsemailaddress` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountsemailaddress: Option<String>,
    /// Halo's `accountsfirstname` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountsfirstname: Option<String>,
    /// Halo's `accountslastname` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountslastname: Option<String>,
    /// Halo's `accountsid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub accountsid: Option<String>,
    /// Halo's `datecreated` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub datecreated: Option<HaloDateTime>,
    /// Halo's `announce` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub announce: Option<String>,
    /// Halo's `open_ticket_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub open_ticket_count: Option<i32>,
    /// Halo's `onhold_ticket_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub onhold_ticket_count: Option<i32>,
    /// Halo's `total_ticket_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub total_ticket_count: Option<i32>,
    /// Halo's `opened_thismonth_count` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub opened_thismonth_count: Option<i32>,
    /// Halo's `linked_organisation_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub linked_organisation_id: Option<i32>,
    /// Halo's `default_currency_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub default_currency_code: Option<i32>,
    /// Halo's `hourlyrate` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub hourlyrate: Option<f64>,
    /// Halo's `prepaybalance` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub prepaybalance: Option<f64>,
    /// Halo's `tax_number` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub tax_number: Option<String>,
    /// Halo's `itglue_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub itglue_id: Option<String>,
    /// Halo's `xeroid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub xeroid: Option<String>,
    /// Halo's `main_delivery_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_nested"
    )]
    pub main_delivery_address: Option<AddressStore>,
    /// Halo's `main_invoice_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_nested"
    )]
    pub main_invoice_address: Option<AddressStore>,
    /// Halo's `popup_notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_vec"
    )]
    pub popup_notes: Option<Vec<PopupNote>>,
    /// Halo's `customfields` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_vec"
    )]
    pub customfields: Option<Vec<CustomField>>,
    /// Halo's `newclient_sitename` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_sitename: Option<String>,
    /// Halo's `newclient_phonenumber` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_phonenumber: Option<String>,
    /// Halo's `newclient_domain` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_domain: Option<String>,
    /// Halo's `newclient_timezone` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_timezone: Option<String>,
    /// Halo's `newclient_contactname` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_contactname: Option<String>,
    /// Halo's `newclient_contactemail` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_contactemail: Option<String>,
    /// Halo's `newclient_contacttitle` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newclient_contacttitle: Option<String>,
    /// Halo's `newclient_web_access_level` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub newclient_web_access_level: Option<i32>,
    /// Halo's `newclient_sendwelcomeemail` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub newclient_sendwelcomeemail: Option<bool>,
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
