//! Sites (`Site_List` rows and `Site` records, path `/Site`) and stock bins.

use crate::models::{AddressStore, CustomField, Extra, HaloDateTime, PopupNote};
use serde::{Deserialize, Serialize};

/// A site row as `GET /Site` (and `GET /Site/StockBins`) lists it (`Site_List`).
/// Halo sends `client_id` as a double here; it is read leniently into an `i32`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteSummary {
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
    /// Halo's `client_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub client_id: Option<i32>,
    /// Halo's `client_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub client_name: Option<String>,
    /// Halo's `clientsite_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub clientsite_name: Option<String>,
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `sla_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub sla_id: Option<i32>,
    /// Halo's `phonenumber` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phonenumber: Option<String>,
    /// Halo's `colour` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub colour: Option<String>,
    /// Halo's `timezone` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub timezone: Option<String>,
    /// Halo's `notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub notes: Option<String>,
    /// Halo's `isstocklocation` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub isstocklocation: Option<bool>,
    /// Halo's `invoice_address_isdelivery` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub invoice_address_isdelivery: Option<bool>,
    /// Halo's `maincontact_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub maincontact_id: Option<i32>,
    /// Halo's `delivery_address_line1` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line1: Option<String>,
    /// Halo's `delivery_address_line2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line2: Option<String>,
    /// Halo's `delivery_address_line3` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line3: Option<String>,
    /// Halo's `delivery_address_line4` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line4: Option<String>,
    /// Halo's `delivery_address_line5` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line5: Option<String>,
    /// Halo's `ref` field.
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub reference: Option<String>,
    /// Halo's `itglue_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub itglue_id: Option<String>,
    /// Halo's `stockbin_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub stockbin_id: Option<i32>,
    /// Halo's `stockbin_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub stockbin_name: Option<String>,
    /// Halo's `country_code_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub country_code_name: Option<String>,
    /// Halo's `region_code_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub region_code_name: Option<String>,
    /// Halo's `item_quantity_in_stock` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub item_quantity_in_stock: Option<f64>,
    /// Halo's `item_quantity_available` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub item_quantity_available: Option<f64>,
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

/// A full site record (`Site`, `GET /Site/{id}`), also the body of create/update posts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Site {
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
    /// Halo's `client_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub client_id: Option<i32>,
    /// Halo's `client_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub client_name: Option<String>,
    /// Halo's `clientsite_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub clientsite_name: Option<String>,
    /// Halo's `inactive` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub inactive: Option<bool>,
    /// Halo's `sla_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub sla_id: Option<i32>,
    /// Halo's `phonenumber` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub phonenumber: Option<String>,
    /// Halo's `colour` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub colour: Option<String>,
    /// Halo's `timezone` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub timezone: Option<String>,
    /// Halo's `notes` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub notes: Option<String>,
    /// Halo's `isstocklocation` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub isstocklocation: Option<bool>,
    /// Halo's `invoice_address_isdelivery` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub invoice_address_isdelivery: Option<bool>,
    /// Halo's `maincontact_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub maincontact_id: Option<i32>,
    /// Halo's `delivery_address_line1` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line1: Option<String>,
    /// Halo's `delivery_address_line2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line2: Option<String>,
    /// Halo's `delivery_address_line3` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line3: Option<String>,
    /// Halo's `delivery_address_line4` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line4: Option<String>,
    /// Halo's `delivery_address_line5` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub delivery_address_line5: Option<String>,
    /// Halo's `ref` field.
    #[serde(
        rename = "ref",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub reference: Option<String>,
    /// Halo's `itglue_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub itglue_id: Option<String>,
    /// Halo's `stockbin_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub stockbin_id: Option<i32>,
    /// Halo's `stockbin_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub stockbin_name: Option<String>,
    /// Halo's `country_code_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub country_code_name: Option<String>,
    /// Halo's `region_code_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub region_code_name: Option<String>,
    /// Halo's `item_quantity_in_stock` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub item_quantity_in_stock: Option<f64>,
    /// Halo's `item_quantity_available` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub item_quantity_available: Option<f64>,
    /// Halo's `emaildomain` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub emaildomain: Option<String>,
    /// Halo's `isinvoicesite` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub isinvoicesite: Option<bool>,
    /// Halo's `delivery_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_nested"
    )]
    pub delivery_address: Option<AddressStore>,
    /// Halo's `invoice_address` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_nested"
    )]
    pub invoice_address: Option<AddressStore>,
    /// Halo's `invoice_address_line1` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub invoice_address_line1: Option<String>,
    /// Halo's `invoice_address_line2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub invoice_address_line2: Option<String>,
    /// Halo's `invoice_address_line3` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub invoice_address_line3: Option<String>,
    /// Halo's `invoice_address_line4` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub invoice_address_line4: Option<String>,
    /// Halo's `invoice_address_line5` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub invoice_address_line5: Option<String>,
    /// Halo's `maincontact_name` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub maincontact_name: Option<String>,
    /// Halo's `datecreated` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_datetime"
    )]
    pub datecreated: Option<HaloDateTime>,
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
    /// Halo's `geocoord1` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub geocoord1: Option<f64>,
    /// Halo's `geocoord2` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_f64"
    )]
    pub geocoord2: Option<f64>,
    /// Halo's `language_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub language_id: Option<i32>,
    /// Halo's `country_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub country_code: Option<String>,
    /// Halo's `region_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub region_code: Option<i32>,
    /// Halo's `default_currency_code` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub default_currency_code: Option<i32>,
    /// Halo's `azuretenantid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub azuretenantid: Option<String>,
    /// Halo's `datto_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub datto_id: Option<String>,
    /// Halo's `auvik_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub auvik_id: Option<String>,
    /// Halo's `connectwiseid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub connectwiseid: Option<i32>,
    /// Halo's `autotaskid` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub autotaskid: Option<i32>,
    /// Halo's `ncentral_details_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub ncentral_details_id: Option<i32>,
    /// Halo's `stockbins` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_vec"
    )]
    pub stockbins: Option<Vec<StockBin>>,
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
    /// Halo's `newsite_contactname` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newsite_contactname: Option<String>,
    /// Halo's `newsite_contactemail` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newsite_contactemail: Option<String>,
    /// Halo's `newsite_contacttitle` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_string"
    )]
    pub newsite_contacttitle: Option<String>,
    /// Halo's `newsite_web_access_level` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub newsite_web_access_level: Option<i32>,
    /// Halo's `newsite_sendwelcomeemail` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub newsite_sendwelcomeemail: Option<bool>,
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

/// A stock bin inside a stock-location site (`StockBin`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StockBin {
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
    /// Halo's `site_id` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_i32"
    )]
    pub site_id: Option<i32>,
    /// Halo's `dont_add_to_order` field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::models::lenient::opt_bool"
    )]
    pub dont_add_to_order: Option<bool>,
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
