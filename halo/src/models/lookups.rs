//! Lookups that forms need: top levels, service categories and service statuses.

use crate::models::HaloDateTime;

record! {
    /// A top level (`Tree`, `/TopLevel`): the grouping clients and suppliers hang under.
    pub struct TopLevel {
        name: String,
        long_name: String,
        parentid: i32,
        organisation_id: i32,
        organisation_name: String,
        #[serde(rename = "type")]
        kind: i32,
        notes: String,
        #[serde(rename = "_warning")]
        warning: String,
    }
}

record! {
    /// A service category (`ServiceCategory`, `/ServiceCategory`).
    pub struct ServiceCategory {
        name: String,
        long_name: String,
        parent_id: i32,
        parent_name: String,
        summary: String,
        seq: i32,
        icon: String,
        service_count: i32,
        access_control_level: i32,
        #[serde(rename = "_warning")]
        warning: String,
    }
}

record! {
    /// A service status entry (`ServStatus`, `/ServiceStatus`).
    pub struct ServiceStatus {
        status: i32,
        message_public: String,
        message_internal: String,
        timestamp: HaloDateTime,
        who: String,
        ticket_id: i32,
        lastcheck: HaloDateTime,
        okcount: i32,
        failedcount: i32,
        #[serde(rename = "_warning")]
        warning: String,
    }
}
