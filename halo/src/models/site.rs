//! Sites (`Site_List` rows and `Site` records, path `/Site`) and stock bins.

use crate::models::{AddressStore, CustomField, HaloDateTime, PopupNote};

summary_and_detail! {
    /// A site row as `GET /Site` (and `GET /Site/StockBins`) lists it (`Site_List`).
    /// Halo sends `client_id` as a double here; it is read leniently into an `i32`.
    pub struct SiteSummary;
    /// A full site record (`Site`, `GET /Site/{id}`), also the body of create/update posts.
    pub struct Site;
    shared {
        name: String,
        client_id: i32,
        client_name: String,
        clientsite_name: String,
        inactive: bool,
        sla_id: i32,
        phonenumber: String,
        colour: String,
        timezone: String,
        notes: String,
        isstocklocation: bool,
        invoice_address_isdelivery: bool,
        maincontact_id: i32,
        delivery_address_line1: String,
        delivery_address_line2: String,
        delivery_address_line3: String,
        delivery_address_line4: String,
        delivery_address_line5: String,
        #[serde(rename = "ref")]
        reference: String,
        itglue_id: String,
        stockbin_id: i32,
        stockbin_name: String,
        country_code_name: String,
        region_code_name: String,
        item_quantity_in_stock: f64,
        item_quantity_available: f64,
        customfields: Vec<CustomField>,
    }
    detail {
        emaildomain: String,
        isinvoicesite: bool,
        delivery_address: AddressStore,
        invoice_address: AddressStore,
        invoice_address_line1: String,
        invoice_address_line2: String,
        invoice_address_line3: String,
        invoice_address_line4: String,
        invoice_address_line5: String,
        maincontact_name: String,
        datecreated: HaloDateTime,
        open_ticket_count: i32,
        onhold_ticket_count: i32,
        total_ticket_count: i32,
        opened_thismonth_count: i32,
        geocoord1: f64,
        geocoord2: f64,
        language_id: i32,
        country_code: String,
        region_code: i32,
        default_currency_code: i32,
        azuretenantid: String,
        datto_id: String,
        auvik_id: String,
        connectwiseid: i32,
        autotaskid: i32,
        ncentral_details_id: i32,
        stockbins: Vec<StockBin>,
        popup_notes: Vec<PopupNote>,
        newsite_contactname: String,
        newsite_contactemail: String,
        newsite_contacttitle: String,
        newsite_web_access_level: i32,
        newsite_sendwelcomeemail: bool,
        #[serde(rename = "_warning")]
        warning: String,
    }
}

record! {
    /// A stock bin inside a stock-location site (`StockBin`).
    pub struct StockBin {
        name: String,
        site_id: i32,
        dont_add_to_order: bool,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
