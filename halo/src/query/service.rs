//! Service list and detail queries.

use serde::{Deserialize, Serialize};

use super::Paged;

/// Query parameters of `GET /Service` (every documented one; no `idonly` and no active filters exist here).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceQuery {
    /// Halo's `access_control_level` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_control_level: Option<i32>,
    /// Halo's `asset_ids` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset_ids: Option<String>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Halo's `includechildservices` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includechildservices: Option<bool>,
    /// Halo's `includestatusinfo` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includestatusinfo: Option<bool>,
    /// Halo's `itil_ticket_type` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub itil_ticket_type: Option<i32>,
    /// Halo's `monitoredonly` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoredonly: Option<bool>,
    /// Field to sort by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Sort field number 2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order2: Option<String>,
    /// Sort field number 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order3: Option<String>,
    /// Sort field number 4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order4: Option<String>,
    /// Sort field number 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order5: Option<String>,
    /// Sort `order` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc: Option<bool>,
    /// Sort `order2` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc2: Option<bool>,
    /// Sort `order3` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc3: Option<bool>,
    /// Sort `order4` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc4: Option<bool>,
    /// Sort `order5` descending.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orderdesc5: Option<bool>,
    /// 1-based page number (only with `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_no: Option<i32>,
    /// Rows per page (only with `pageinate`; Halo caps pages at 100 rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// `true` turns paging on (Halo spells it `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pageinate: Option<bool>,
    /// Halo's `parent_service_category_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_service_category_id: Option<i32>,
    /// Halo's `relatedservicesonly` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relatedservicesonly: Option<bool>,
    /// "Like" filter on the record (name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Halo's `service_category_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_category_id: Option<i32>,
    /// Halo's `service_category_ids` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_category_ids: Option<String>,
    /// Halo's `service_status_ids` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_status_ids: Option<String>,
    /// Halo's `subscribedonly` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribedonly: Option<bool>,
    /// Halo's `template_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_id: Option<i32>,
    /// Halo's `ticket_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i32>,
    /// Halo's `tickettype_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i32>,
    /// Only rows of / in the context of this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i32>,
}

impl ServiceQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `access_control_level`.
    pub fn access_control_level(mut self, value: i32) -> Self {
        self.access_control_level = Some(value);
        self
    }

    /// Sets `asset_ids`.
    pub fn asset_ids(mut self, value: impl Into<String>) -> Self {
        self.asset_ids = Some(value.into());
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `includechildservices`.
    pub fn includechildservices(mut self, value: impl Into<bool>) -> Self {
        self.includechildservices = Some(value.into());
        self
    }

    /// Sets `includestatusinfo`.
    pub fn includestatusinfo(mut self, value: impl Into<bool>) -> Self {
        self.includestatusinfo = Some(value.into());
        self
    }

    /// Sets `itil_ticket_type`.
    pub fn itil_ticket_type(mut self, value: i32) -> Self {
        self.itil_ticket_type = Some(value);
        self
    }

    /// Sets `monitoredonly`.
    pub fn monitoredonly(mut self, value: impl Into<bool>) -> Self {
        self.monitoredonly = Some(value.into());
        self
    }

    /// Sets `order`.
    pub fn order(mut self, value: impl Into<String>) -> Self {
        self.order = Some(value.into());
        self
    }

    /// Sets `order2`.
    pub fn order2(mut self, value: impl Into<String>) -> Self {
        self.order2 = Some(value.into());
        self
    }

    /// Sets `order3`.
    pub fn order3(mut self, value: impl Into<String>) -> Self {
        self.order3 = Some(value.into());
        self
    }

    /// Sets `order4`.
    pub fn order4(mut self, value: impl Into<String>) -> Self {
        self.order4 = Some(value.into());
        self
    }

    /// Sets `order5`.
    pub fn order5(mut self, value: impl Into<String>) -> Self {
        self.order5 = Some(value.into());
        self
    }

    /// Sets `orderdesc`.
    pub fn orderdesc(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc = Some(value.into());
        self
    }

    /// Sets `orderdesc2`.
    pub fn orderdesc2(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc2 = Some(value.into());
        self
    }

    /// Sets `orderdesc3`.
    pub fn orderdesc3(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc3 = Some(value.into());
        self
    }

    /// Sets `orderdesc4`.
    pub fn orderdesc4(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc4 = Some(value.into());
        self
    }

    /// Sets `orderdesc5`.
    pub fn orderdesc5(mut self, value: impl Into<bool>) -> Self {
        self.orderdesc5 = Some(value.into());
        self
    }

    /// Sets `page_no`.
    pub fn page_no(mut self, value: i32) -> Self {
        self.page_no = Some(value);
        self
    }

    /// Sets `page_size`.
    pub fn page_size(mut self, value: i32) -> Self {
        self.page_size = Some(value);
        self
    }

    /// Sets `pageinate`.
    pub fn pageinate(mut self, value: impl Into<bool>) -> Self {
        self.pageinate = Some(value.into());
        self
    }

    /// Sets `parent_service_category_id`.
    pub fn parent_service_category_id(mut self, value: i32) -> Self {
        self.parent_service_category_id = Some(value);
        self
    }

    /// Sets `relatedservicesonly`.
    pub fn relatedservicesonly(mut self, value: impl Into<bool>) -> Self {
        self.relatedservicesonly = Some(value.into());
        self
    }

    /// Sets `search`.
    pub fn search(mut self, value: impl Into<String>) -> Self {
        self.search = Some(value.into());
        self
    }

    /// Sets `service_category_id`.
    pub fn service_category_id(mut self, value: i32) -> Self {
        self.service_category_id = Some(value);
        self
    }

    /// Sets `service_category_ids`.
    pub fn service_category_ids(mut self, value: impl Into<String>) -> Self {
        self.service_category_ids = Some(value.into());
        self
    }

    /// Sets `service_status_ids`.
    pub fn service_status_ids(mut self, value: impl Into<String>) -> Self {
        self.service_status_ids = Some(value.into());
        self
    }

    /// Sets `subscribedonly`.
    pub fn subscribedonly(mut self, value: impl Into<bool>) -> Self {
        self.subscribedonly = Some(value.into());
        self
    }

    /// Sets `template_id`.
    pub fn template_id(mut self, value: i32) -> Self {
        self.template_id = Some(value);
        self
    }

    /// Sets `ticket_id`.
    pub fn ticket_id(mut self, value: i32) -> Self {
        self.ticket_id = Some(value);
        self
    }

    /// Sets `tickettype_id`.
    pub fn tickettype_id(mut self, value: i32) -> Self {
        self.tickettype_id = Some(value);
        self
    }

    /// Sets `user_id`.
    pub fn user_id(mut self, value: i32) -> Self {
        self.user_id = Some(value);
        self
    }
}

impl Paged for ServiceQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}

/// Query parameters of `GET /Service/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDetailQuery {
    /// Include extra nested objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includedetails: Option<bool>,
    /// Only rows of / in the context of this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i32>,
}

impl ServiceDetailQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `includedetails`.
    pub fn includedetails(mut self, value: impl Into<bool>) -> Self {
        self.includedetails = Some(value.into());
        self
    }

    /// Sets `user_id`.
    pub fn user_id(mut self, value: i32) -> Self {
        self.user_id = Some(value);
        self
    }
}
