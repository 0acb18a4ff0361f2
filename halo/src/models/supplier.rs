//! Suppliers, called Companies in Halo (`Company_List` rows and `Company` records, path `/Supplier`).

use crate::models::{CustomField, HaloDateTime};

summary_and_detail! {
    /// A supplier row as `GET /Supplier` lists it (`Company_List`).
    pub struct SupplierSummary;
    /// A full supplier record (`Company`, `GET /Supplier/{id}`), also the body of create/update posts.
    pub struct Supplier;
    shared {
        name: String,
        toplevel_id: i32,
        toplevel_name: String,
        contact_name: String,
        email_address: String,
        support_email_address: String,
        ordering_email_address: String,
        phone_number: String,
        inactive: bool,
        website: String,
        mobile: String,
        contract_count: i32,
        default_currency_code: i32,
        customfields: Vec<CustomField>,
    }
    detail {
        datecreated: HaloDateTime,
        phone_number_2: String,
        phone_number_3: String,
        notes: String,
        address: String,
        accounts_id: String,
        portal_url: String,
        contact_title: String,
        fax: String,
        parentid: i32,
        emaildomain: String,
        is_supplier: bool,
        is_manufacturer: bool,
        last_modified: HaloDateTime,
        access_control_level: i32,
        xero_id: String,
        kashflowid: i32,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
