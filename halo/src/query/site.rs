//! Site list and detail queries.

use serde::{Deserialize, Serialize};

use super::Paged;

/// Query parameters of `GET /Site` (every documented one, under Halo's exact names).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteQuery {
    /// Shorthand `"<includeactive>,<includeinactive>"`, e.g. `true,false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activeinactive: Option<String>,
    /// Halo's `advanced_search` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_search: Option<String>,
    /// Halo's `azuresites` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azuresites: Option<bool>,
    /// Only rows of this client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<i32>,
    /// Halo's `contract_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<i32>,
    /// Maximum rows when not paging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    /// Halo's `exclude_internal` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_internal: Option<bool>,
    /// Halo's `gfisites` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gfisites: Option<bool>,
    /// Return ids only (not compatible with paging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idonly: Option<bool>,
    /// Include active rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeactive: Option<bool>,
    /// Halo's `includeaddress` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeaddress: Option<bool>,
    /// Include inactive rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeinactive: Option<bool>,
    /// Halo's `includenonstocklocations` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includenonstocklocations: Option<bool>,
    /// Halo's `includenoorderstockbin` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includenoorderstockbin: Option<bool>,
    /// Halo's `includenotes` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includenotes: Option<bool>,
    /// Halo's `includestocklocations` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includestocklocations: Option<bool>,
    /// Halo's `iscalendarfilter` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iscalendarfilter: Option<bool>,
    /// Halo's `item_id_qty` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_id_qty: Option<i32>,
    /// Halo's `item_salesorder_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_salesorder_id: Option<i32>,
    /// Halo's `item_salesorder_line` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_salesorder_line: Option<i32>,
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
    /// Halo's `override_enablestockbins` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_enablestockbins: Option<bool>,
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
    /// Only rows of this site.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_id: Option<i32>,
    /// Halo's `sitefields` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sitefields: Option<String>,
    /// Halo's `stocklocation` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stocklocation: Option<String>,
    /// Only rows under this top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toplevel_id: Option<i32>,
    /// Halo's `user_override` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_override: Option<i32>,
    /// Comma-separated custom field ids to include.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_custom_fields: Option<String>,
}

impl SiteQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
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

    /// Sets `azuresites`.
    pub fn azuresites(mut self, value: impl Into<bool>) -> Self {
        self.azuresites = Some(value.into());
        self
    }

    /// Sets `client_id`.
    pub fn client_id(mut self, value: i32) -> Self {
        self.client_id = Some(value);
        self
    }

    /// Sets `contract_id`.
    pub fn contract_id(mut self, value: i32) -> Self {
        self.contract_id = Some(value);
        self
    }

    /// Sets `count`.
    pub fn count(mut self, value: i32) -> Self {
        self.count = Some(value);
        self
    }

    /// Sets `exclude_internal`.
    pub fn exclude_internal(mut self, value: impl Into<bool>) -> Self {
        self.exclude_internal = Some(value.into());
        self
    }

    /// Sets `gfisites`.
    pub fn gfisites(mut self, value: impl Into<bool>) -> Self {
        self.gfisites = Some(value.into());
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

    /// Sets `includeaddress`.
    pub fn includeaddress(mut self, value: impl Into<bool>) -> Self {
        self.includeaddress = Some(value.into());
        self
    }

    /// Sets `includeinactive`.
    pub fn includeinactive(mut self, value: impl Into<bool>) -> Self {
        self.includeinactive = Some(value.into());
        self
    }

    /// Sets `includenonstocklocations`.
    pub fn includenonstocklocations(mut self, value: impl Into<bool>) -> Self {
        self.includenonstocklocations = Some(value.into());
        self
    }

    /// Sets `includenoorderstockbin`.
    pub fn includenoorderstockbin(mut self, value: impl Into<bool>) -> Self {
        self.includenoorderstockbin = Some(value.into());
        self
    }

    /// Sets `includenotes`.
    pub fn includenotes(mut self, value: impl Into<bool>) -> Self {
        self.includenotes = Some(value.into());
        self
    }

    /// Sets `includestocklocations`.
    pub fn includestocklocations(mut self, value: impl Into<bool>) -> Self {
        self.includestocklocations = Some(value.into());
        self
    }

    /// Sets `iscalendarfilter`.
    pub fn iscalendarfilter(mut self, value: impl Into<bool>) -> Self {
        self.iscalendarfilter = Some(value.into());
        self
    }

    /// Sets `item_id_qty`.
    pub fn item_id_qty(mut self, value: i32) -> Self {
        self.item_id_qty = Some(value);
        self
    }

    /// Sets `item_salesorder_id`.
    pub fn item_salesorder_id(mut self, value: i32) -> Self {
        self.item_salesorder_id = Some(value);
        self
    }

    /// Sets `item_salesorder_line`.
    pub fn item_salesorder_line(mut self, value: i32) -> Self {
        self.item_salesorder_line = Some(value);
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

    /// Sets `override_enablestockbins`.
    pub fn override_enablestockbins(mut self, value: impl Into<bool>) -> Self {
        self.override_enablestockbins = Some(value.into());
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

    /// Sets `site_id`.
    pub fn site_id(mut self, value: i32) -> Self {
        self.site_id = Some(value);
        self
    }

    /// Sets `sitefields`.
    pub fn sitefields(mut self, value: impl Into<String>) -> Self {
        self.sitefields = Some(value.into());
        self
    }

    /// Sets `stocklocation`.
    pub fn stocklocation(mut self, value: impl Into<String>) -> Self {
        self.stocklocation = Some(value.into());
        self
    }

    /// Sets `toplevel_id`.
    pub fn toplevel_id(mut self, value: i32) -> Self {
        self.toplevel_id = Some(value);
        self
    }

    /// Sets `user_override`.
    pub fn user_override(mut self, value: i32) -> Self {
        self.user_override = Some(value);
        self
    }

    /// Sets `include_custom_fields`.
    pub fn include_custom_fields(mut self, value: impl Into<String>) -> Self {
        self.include_custom_fields = Some(value.into());
        self
    }
}

impl Paged for SiteQuery {
    fn paged(&self, page_no: u32, page_size: u32) -> Self {
        let mut q = self.clone();
        q.pageinate = Some(true);
        q.page_no = Some(page_no as i32);
        q.page_size = Some(page_size as i32);
        q
    }
}

/// Query parameters of `GET /Site/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteDetailQuery {
    /// Halo's `client_override` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_override: Option<i32>,
    /// Halo's `domain` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Halo's `includeactivity` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includeactivity: Option<bool>,
    /// Include extra nested objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub includedetails: Option<bool>,
    /// Halo's `issetup` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issetup: Option<bool>,
    /// Halo's `tickettype_id` parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tickettype_id: Option<i32>,
}

impl SiteDetailQuery {
    /// An empty query: sends no parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `client_override`.
    pub fn client_override(mut self, value: i32) -> Self {
        self.client_override = Some(value);
        self
    }

    /// Sets `domain`.
    pub fn domain(mut self, value: impl Into<String>) -> Self {
        self.domain = Some(value.into());
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

    /// Sets `issetup`.
    pub fn issetup(mut self, value: impl Into<bool>) -> Self {
        self.issetup = Some(value.into());
        self
    }

    /// Sets `tickettype_id`.
    pub fn tickettype_id(mut self, value: i32) -> Self {
        self.tickettype_id = Some(value);
        self
    }
}
