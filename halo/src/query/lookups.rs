//! Lookup queries (top levels, service categories, service statuses).

use serde::{Deserialize, Serialize};

use super::Paged;

/// Query parameters of `GET /TopLevel`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopLevelQuery {
    /// Halo's `agent_departments_only` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_departments_only: Option<bool>,
    /// Halo's `can_edit_only` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_edit_only: Option<bool>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Return ids only (not compatible with paging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idonly: Option<bool>,
    /// Halo's `include_agents` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_agents: Option<bool>,
    /// Halo's `include_managers` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_managers: Option<bool>,
    /// Halo's `include_teams` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_teams: Option<bool>,
    /// Halo's `isorgchart` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isorgchart: Option<bool>,
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
    /// Halo's `org_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i32>,
    /// 1-based page number (only with `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_no: Option<i32>,
    /// Rows per page (only with `pageinate`; Halo caps pages at 100 rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// `true` turns paging on (Halo spells it `pageinate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pageinate: Option<bool>,
    /// "Like" filter on the record (name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Halo's `show_all` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_all: Option<bool>,
    /// Halo's `type` parameter.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<i32>,
}

impl TopLevelQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `agent_departments_only`.
    pub fn agent_departments_only(mut self, value: impl Into<bool>) -> Self {
        self.agent_departments_only = Some(value.into());
        self
    }

    /// Sets `can_edit_only`.
    pub fn can_edit_only(mut self, value: impl Into<bool>) -> Self {
        self.can_edit_only = Some(value.into());
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `idonly`.
    pub fn idonly(mut self, value: impl Into<bool>) -> Self {
        self.idonly = Some(value.into());
        self
    }

    /// Sets `include_agents`.
    pub fn include_agents(mut self, value: impl Into<bool>) -> Self {
        self.include_agents = Some(value.into());
        self
    }

    /// Sets `include_managers`.
    pub fn include_managers(mut self, value: impl Into<bool>) -> Self {
        self.include_managers = Some(value.into());
        self
    }

    /// Sets `include_teams`.
    pub fn include_teams(mut self, value: impl Into<bool>) -> Self {
        self.include_teams = Some(value.into());
        self
    }

    /// Sets `isorgchart`.
    pub fn isorgchart(mut self, value: impl Into<bool>) -> Self {
        self.isorgchart = Some(value.into());
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

    /// Sets `org_id`.
    pub fn org_id(mut self, value: i32) -> Self {
        self.org_id = Some(value);
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

    /// Sets `search`.
    pub fn search(mut self, value: impl Into<String>) -> Self {
        self.search = Some(value.into());
        self
    }

    /// Sets `show_all`.
    pub fn show_all(mut self, value: impl Into<bool>) -> Self {
        self.show_all = Some(value.into());
        self
    }

    /// Sets `type`.
    pub fn kind(mut self, value: i32) -> Self {
        self.kind = Some(value);
        self
    }
}

impl Paged for TopLevelQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}

/// Query parameters of `GET /ServiceCategory`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceCategoryQuery {
    /// Halo's `access_control_level` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_control_level: Option<i32>,
    /// Halo's `include_parent_name` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_parent_name: Option<bool>,
    /// Halo's `itil_ticket_type` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub itil_ticket_type: Option<i32>,
    /// Only rows of / in the context of this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i32>,
}

impl ServiceCategoryQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `access_control_level`.
    pub fn access_control_level(mut self, value: i32) -> Self {
        self.access_control_level = Some(value);
        self
    }

    /// Sets `include_parent_name`.
    pub fn include_parent_name(mut self, value: impl Into<bool>) -> Self {
        self.include_parent_name = Some(value.into());
        self
    }

    /// Sets `itil_ticket_type`.
    pub fn itil_ticket_type(mut self, value: i32) -> Self {
        self.itil_ticket_type = Some(value);
        self
    }

    /// Sets `user_id`.
    pub fn user_id(mut self, value: i32) -> Self {
        self.user_id = Some(value);
        self
    }
}

/// Query parameters of `GET /ServiceStatus`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceStatusQuery {
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
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
    /// Halo's `service_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_id: Option<i32>,
}

impl ServiceStatusQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
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

    /// Sets `service_id`.
    pub fn service_id(mut self, value: i32) -> Self {
        self.service_id = Some(value);
        self
    }
}

impl Paged for ServiceStatusQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}

/// Query parameters of `GET /TopLevel/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopLevelDetailQuery {
    /// Halo's `include_agents` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_agents: Option<bool>,
    /// Halo's `include_teams` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_teams: Option<bool>,
    /// Include extra nested objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includedetails: Option<bool>,
}

impl TopLevelDetailQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `include_agents`.
    pub fn include_agents(mut self, value: impl Into<bool>) -> Self {
        self.include_agents = Some(value.into());
        self
    }

    /// Sets `include_teams`.
    pub fn include_teams(mut self, value: impl Into<bool>) -> Self {
        self.include_teams = Some(value.into());
        self
    }

    /// Sets `includedetails`.
    pub fn includedetails(mut self, value: impl Into<bool>) -> Self {
        self.includedetails = Some(value.into());
        self
    }
}
