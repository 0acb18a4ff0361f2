//! Postal addresses (`AddressStore`).

use crate::models::HaloDateTime;

record! {
    /// A postal address as Halo stores it (`AddressStore`), used for site delivery/invoice
    /// addresses and organisation addresses.
    pub struct AddressStore {
        #[serde(rename = "type")]
        kind: i32,
        description: String,
        note: String,
        line1: String,
        line2: String,
        line3: String,
        line4: String,
        postcode: String,
        primary: bool,
        inactive: bool,
        date_active: HaloDateTime,
        date_inactive: HaloDateTime,
        lat: f64,
        long: f64,
        site_id: i32,
        site_name: String,
        user_id: i32,
        user_name: String,
        client_name: String,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
