//! Services (`ServSite_List` rows and `ServSite` records, path `/Service`) and unsubscribing.

use crate::models::{CustomField, HaloDateTime};
use serde::{Deserialize, Serialize};

summary_and_detail! {
    /// A service row as `GET /Service` lists it (`ServSite_List`). `current_status` is the status id
    /// (there is no plain `status` field).
    pub struct ServiceSummary;
    /// A full service record (`ServSite`, `GET /Service/{id}`), also the body of create/update posts.
    pub struct Service;
    shared {
        guid: String,
        name: String,
        display_name: String,
        summary: String,
        sequence: i32,
        showinusercatalog: bool,
        showintechcatalog: bool,
        trackstatus: bool,
        service_category_id: i32,
        service_category_name: String,
        business_owner_id: i32,
        business_owner_name: String,
        technical_owner_id: i32,
        technical_owner_name: String,
        cost: f64,
        subscribable: bool,
        subscriber_count: i32,
        asset_count: i32,
        current_status: i32,
        status_message_update_public: String,
        status_message_update_internal: String,
        status_date: HaloDateTime,
        status_end_date: HaloDateTime,
        criticality: i32,
        service_url: String,
        incident_url: String,
        access_control_level: i32,
        link: String,
    }
    detail {
        note: String,
        allowunsubscribe: bool,
        user_subscribed: bool,
        customfields: Vec<CustomField>,
        #[serde(rename = "_warning")]
        warning: String,
    }
}

/// The body element of `POST /Service/unsubscribe` (`UnsubscribeService`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeService {
    /// The service to unsubscribe from.
    #[serde(default, deserialize_with = "crate::models::lenient::id")]
    pub serviceid: i32,
}
