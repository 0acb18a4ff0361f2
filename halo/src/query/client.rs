//! Client list and detail queries.

use serde::{Deserialize, Serialize};

use super::Paged;

/// Query parameters of `GET /Client` (every documented one, under Halo's exact names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientQuery {
    /// Halo's `accountmanageronly` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accountmanageronly: Option<bool>,
    /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activeinactive: Option<String>,
    /// Halo's `advanced_search` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_search: Option<String>,
    /// Halo's `azureclients` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azureclients: Option<bool>,
    /// Halo's `callplan` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callplan: Option<bool>,
    /// Halo's `columns_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub columns_id: Option<i32>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Halo's `domain` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Halo's `exclude_internal` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_internal: Option<bool>,
    /// Halo's `gficlients` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gficlients: Option<bool>,
    /// Return ids only (not compatible with paging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idonly: Option<bool>,
    /// Include active rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeactive: Option<bool>,
    /// Halo's `includeazuretenants` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeazuretenants: Option<bool>,
    /// Halo's `includecolumns` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includecolumns: Option<bool>,
    /// Include inactive rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeinactive: Option<bool>,
    /// Halo's `includeinvoicetemplatename` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeinvoicetemplatename: Option<bool>,
    /// Halo's `includenotes` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includenotes: Option<bool>,
    /// Halo's `includeqbofields` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeqbofields: Option<bool>,
    /// Halo's `integration_tenantids` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_tenantids: Option<Vec<i32>>,
    /// Halo's `integration_type` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_type: Option<String>,
    /// Halo's `isjira` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isjira: Option<bool>,
    /// Halo's `issentinel` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issentinel: Option<bool>,
    /// Halo's `isservicenow` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isservicenow: Option<bool>,
    /// Halo's `lastupdatefromdate` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastupdatefromdate: Option<bool>,
    /// Halo's `lastupdatetodate` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastupdatetodate: Option<bool>,
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
    /// "Like" filter on the record (name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// Halo's `search_name_only` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_name_only: Option<String>,
    /// Halo's `sentinelid` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentinelid: Option<i32>,
    /// Halo's `showcounts` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub showcounts: Option<bool>,
    /// Halo's `sitefields` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sitefields: Option<String>,
    /// Halo's `snowaccountid` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snowaccountid: Option<i32>,
    /// Halo's `snowclients` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snowclients: Option<bool>,
    /// Halo's `ticketarea_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticketarea_id: Option<i32>,
    /// Only rows under this top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i32>,
    /// Halo's `view_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view_id: Option<i32>,
    /// Comma-separated custom field ids to include.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_custom_fields: Option<String>,
}

impl ClientQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `accountmanageronly`.
    pub fn accountmanageronly(mut self, value: impl Into<bool>) -> Self {
        self.accountmanageronly = Some(value.into());
        self
    }

    /// Sets `activeinactive`.
    pub fn activeinactive(mut self, value: impl Into<String>) -> Self {
        self.activeinactive = Some(value.into());
        self
    }

    /// Sets `advanced_search`.
    pub fn advanced_search(mut self, value: impl Into<String>) -> Self {
        self.advanced_search = Some(value.into());
        self
    }

    /// Sets `azureclients`.
    pub fn azureclients(mut self, value: impl Into<bool>) -> Self {
        self.azureclients = Some(value.into());
        self
    }

    /// Sets `callplan`.
    pub fn callplan(mut self, value: impl Into<bool>) -> Self {
        self.callplan = Some(value.into());
        self
    }

    /// Sets `columns_id`.
    pub fn columns_id(mut self, value: i32) -> Self {
        self.columns_id = Some(value);
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `domain`.
    pub fn domain(mut self, value: impl Into<String>) -> Self {
        self.domain = Some(value.into());
        self
    }

    /// Sets `exclude_internal`.
    pub fn exclude_internal(mut self, value: impl Into<bool>) -> Self {
        self.exclude_internal = Some(value.into());
        self
    }

    /// Sets `gficlients`.
    pub fn gficlients(mut self, value: impl Into<bool>) -> Self {
        self.gficlients = Some(value.into());
        self
    }

    /// Sets `idonly`.
    pub fn idonly(mut self, value: impl Into<bool>) -> Self {
        self.idonly = Some(value.into());
        self
    }

    /// Sets `includeactive`.
    pub fn includeactive(mut self, value: impl Into<bool>) -> Self {
        self.includeactive = Some(value.into());
        self
    }

    /// Sets `includeazuretenants`.
    pub fn includeazuretenants(mut self, value: impl Into<bool>) -> Self {
        self.includeazuretenants = Some(value.into());
        self
    }

    /// Sets `includecolumns`.
    pub fn includecolumns(mut self, value: impl Into<bool>) -> Self {
        self.includecolumns = Some(value.into());
        self
    }

    /// Sets `includeinactive`.
    pub fn includeinactive(mut self, value: impl Into<bool>) -> Self {
        self.includeinactive = Some(value.into());
        self
    }

    /// Sets `includeinvoicetemplatename`.
    pub fn includeinvoicetemplatename(mut self, value: impl Into<bool>) -> Self {
        self.includeinvoicetemplatename = Some(value.into());
        self
    }

    /// Sets `includenotes`.
    pub fn includenotes(mut self, value: impl Into<bool>) -> Self {
        self.includenotes = Some(value.into());
        self
    }

    /// Sets `includeqbofields`.
    pub fn includeqbofields(mut self, value: impl Into<bool>) -> Self {
        self.includeqbofields = Some(value.into());
        self
    }

    /// Sets `integration_tenantids`.
    pub fn integration_tenantids(mut self, value: Vec<i32>) -> Self {
        self.integration_tenantids = Some(value);
        self
    }

    /// Sets `integration_type`.
    pub fn integration_type(mut self, value: impl Into<String>) -> Self {
        self.integration_type = Some(value.into());
        self
    }

    /// Sets `isjira`.
    pub fn isjira(mut self, value: impl Into<bool>) -> Self {
        self.isjira = Some(value.into());
        self
    }

    /// Sets `issentinel`.
    pub fn issentinel(mut self, value: impl Into<bool>) -> Self {
        self.issentinel = Some(value.into());
        self
    }

    /// Sets `isservicenow`.
    pub fn isservicenow(mut self, value: impl Into<bool>) -> Self {
        self.isservicenow = Some(value.into());
        self
    }

    /// Sets `lastupdatefromdate`.
    pub fn lastupdatefromdate(mut self, value: impl Into<bool>) -> Self {
        self.lastupdatefromdate = Some(value.into());
        self
    }

    /// Sets `lastupdatetodate`.
    pub fn lastupdatetodate(mut self, value: impl Into<bool>) -> Self {
        self.lastupdatetodate = Some(value.into());
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

    /// Sets `search`.
    pub fn search(mut self, value: impl Into<String>) -> Self {
        self.search = Some(value.into());
        self
    }

    /// Sets `search_name_only`.
    pub fn search_name_only(mut self, value: impl Into<String>) -> Self {
        self.search_name_only = Some(value.into());
        self
    }

    /// Sets `sentinelid`.
    pub fn sentinelid(mut self, value: i32) -> Self {
        self.sentinelid = Some(value);
        self
    }

    /// Sets `showcounts`.
    pub fn showcounts(mut self, value: impl Into<bool>) -> Self {
        self.showcounts = Some(value.into());
        self
    }

    /// Sets `sitefields`.
    pub fn sitefields(mut self, value: impl Into<String>) -> Self {
        self.sitefields = Some(value.into());
        self
    }

    /// Sets `snowaccountid`.
    pub fn snowaccountid(mut self, value: i32) -> Self {
        self.snowaccountid = Some(value);
        self
    }

    /// Sets `snowclients`.
    pub fn snowclients(mut self, value: impl Into<bool>) -> Self {
        self.snowclients = Some(value.into());
        self
    }

    /// Sets `ticketarea_id`.
    pub fn ticketarea_id(mut self, value: i32) -> Self {
        self.ticketarea_id = Some(value);
        self
    }

    /// Sets `toplevel_id`.
    pub fn toplevel_id(mut self, value: i32) -> Self {
        self.toplevel_id = Some(value);
        self
    }

    /// Sets `view_id`.
    pub fn view_id(mut self, value: i32) -> Self {
        self.view_id = Some(value);
        self
    }

    /// Sets `include_custom_fields`.
    pub fn include_custom_fields(mut self, value: impl Into<String>) -> Self {
        self.include_custom_fields = Some(value.into());
        self
    }
}

impl Paged for ClientQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}

/// Query parameters of `GET /Client/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientDetailQuery {
    /// Halo's `domain` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Halo's `getavailablerts` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub getavailablerts: Option<bool>,
    /// Halo's `includeactivity` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeactivity: Option<bool>,
    /// Include extra nested objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includedetails: Option<bool>,
    /// Halo's `includeperiods` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeperiods: Option<bool>,
    /// Halo's `includeprepay` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeprepay: Option<bool>,
    /// Halo's `tickettype_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i32>,
}

impl ClientDetailQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `domain`.
    pub fn domain(mut self, value: impl Into<String>) -> Self {
        self.domain = Some(value.into());
        self
    }

    /// Sets `getavailablerts`.
    pub fn getavailablerts(mut self, value: impl Into<bool>) -> Self {
        self.getavailablerts = Some(value.into());
        self
    }

    /// Sets `includeactivity`.
    pub fn includeactivity(mut self, value: impl Into<bool>) -> Self {
        self.includeactivity = Some(value.into());
        self
    }

    /// Sets `includedetails`.
    pub fn includedetails(mut self, value: impl Into<bool>) -> Self {
        self.includedetails = Some(value.into());
        self
    }

    /// Sets `includeperiods`.
    pub fn includeperiods(mut self, value: impl Into<bool>) -> Self {
        self.includeperiods = Some(value.into());
        self
    }

    /// Sets `includeprepay`.
    pub fn includeprepay(mut self, value: impl Into<bool>) -> Self {
        self.includeprepay = Some(value.into());
        self
    }

    /// Sets `tickettype_id`.
    pub fn tickettype_id(mut self, value: i32) -> Self {
        self.tickettype_id = Some(value);
        self
    }
}
