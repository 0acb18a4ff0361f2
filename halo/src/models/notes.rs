//! CRM notes (`AreaNote`) and popup notes (`AreaPopup`) of clients and sites.

use crate::models::{CustomField, HaloDateTime};

record! {
    /// A CRM note on a client, site or supplier (`AreaNote`, `/CRMNote`).
    pub struct CrmNote {
        client_id: i32,
        supplier_id: i32,
        site_id: i32,
        user_id: i32,
        ticketid: i32,
        sales_order_id: i32,
        purchase_order_id: i32,
        quote_id: i32,
        invoice_id: i32,
        datetime: HaloDateTime,
        who_agentid: i32,
        note: String,
        detail: String,
        timetaken: f64,
        hide_time_taken: bool,
        nextcalldate: HaloDateTime,
        nextcallduration: f64,
        add_to_calendar: bool,
        satisfaction: String,
        app_subject: String,
        customfields: Vec<CustomField>,
        #[serde(rename = "_warning")]
        warning: String,
    }
}

record! {
    /// A popup note shown to agents when they open a client, site or user (`AreaPopup`, `/PopupNote`).
    pub struct PopupNote {
        client_id: i32,
        site_id: i32,
        user_id: i32,
        date_created: HaloDateTime,
        note: String,
        dismissable: bool,
        read_status: i32,
        displaymodal: bool,
        displayhtml: bool,
        limitdaterange: bool,
        startdate: HaloDateTime,
        enddate: HaloDateTime,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
