//! Organisations (multi-tenancy branding records, path `/Organisation`).

use crate::models::{AddressStore, CustomField};

record! {
    /// An organisation (`Organisation`): branding and portal settings. `GET /Organisation` returns a
    /// bare array of these (no wrapper, no paging).
    pub struct Organisation {
        guid: String,
        name: String,
        reply_address: String,
        phone: String,
        fax: String,
        email: String,
        website: String,
        logo: String,
        portal_logo: String,
        portalurl: String,
        portalcolour: String,
        portal_title: String,
        portal_allow_pwa: bool,
        linked_client_id: i32,
        deliverysite: i32,
        messagegroup_id: i32,
        address: AddressStore,
        tax_number: String,
        allowall_tickettypes: bool,
        bank_details_line_1: String,
        bank_details_line_2: String,
        bank_details_line_3: String,
        bank_details_line_4: String,
        bank_details_line_5: String,
        customfields: Vec<CustomField>,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
