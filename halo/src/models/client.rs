//! Clients (`Area_List` rows and `Area` records, path `/Client`).

use crate::models::{AddressStore, CustomField, HaloDateTime, PopupNote};

summary_and_detail! {
    /// A client row as `GET /Client` lists it (`Area_List`): abbreviated; fetch [`Client`] for the full record.
    pub struct ClientSummary;
    /// A full client record (`Area`, `GET /Client/{id}`), also the body of create/update posts.
    pub struct Client;
    shared {
        name: String,
        toplevel_id: i32,
        toplevel_name: String,
        inactive: bool,
        colour: String,
        website: String,
        notes: String,
        main_site_id: i32,
        accountsemailaddress: String,
        #[serde(rename = "ref")]
        reference: String,
        is_vip: bool,
        taxable: bool,
        customertype: i32,
        stopped: i32,
        open_ticket_count: i32,
        opps_ticket_count: i32,
        pritech: i32,
        sectech: i32,
        accountmanagertech: i32,
        itglue_id: String,
        xeroid: String,
        default_currency_code: i32,
        calldate: HaloDateTime,
        customfields: Vec<CustomField>,
    }
    detail {
        trading_name: String,
        domain: String,
        main_site_name: String,
        main_contact_name: String,
        main_phonenumber: String,
        pritech_name: String,
        sectech_name: String,
        accountmanagertech_name: String,
        accountsfirstname: String,
        accountslastname: String,
        accountsid: String,
        datecreated: HaloDateTime,
        announce: String,
        onhold_ticket_count: i32,
        total_ticket_count: i32,
        opened_thismonth_count: i32,
        linked_organisation_id: i32,
        hourlyrate: f64,
        prepaybalance: f64,
        tax_number: String,
        main_delivery_address: AddressStore,
        main_invoice_address: AddressStore,
        popup_notes: Vec<PopupNote>,
        newclient_sitename: String,
        newclient_phonenumber: String,
        newclient_domain: String,
        newclient_timezone: String,
        newclient_contactname: String,
        newclient_contactemail: String,
        newclient_contacttitle: String,
        newclient_web_access_level: i32,
        newclient_sendwelcomeemail: bool,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
